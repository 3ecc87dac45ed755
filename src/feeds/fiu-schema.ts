import type { ColumnType, Generated } from 'kysely';
import type { DateColumn } from '../store/schema.ts';

/** FIU-Nederland's tables for Kysely (migration 0801_fiu_transactions.sql), added to the store's Database. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface FiuBatchTable {
  id: Generated<string>;
  org_id: string;
  reference: string;
  source: string;
  row_count: number;
  rules_version: number;
  uploaded_by: string;
  uploaded_at: Generated<Timestamp>;
}

export interface FiuTransactionTable {
  id: Generated<string>;
  batch_id: string;
  org_id: string;
  line: number;
  reference: string;
  booked_on: DateColumn;
  kind: string;
  /** numeric(14,2): read as a string, written as a string with two decimals. */
  amount: string;
  currency: string;
  description: string | null;
  place: string | null;
  ordering_name: string;
  ordering_iban: string | null;
  ordering_birth_date: DateColumn | null;
  ordering_kvk: string | null;
  beneficiary_name: string;
  beneficiary_iban: string | null;
  beneficiary_birth_date: DateColumn | null;
  beneficiary_kvk: string | null;
  institution_category: string;
  fiu_indicators: string[];
}

export interface FiuSignalTable {
  signal_id: string;
  batch_id: string;
  org_id: string;
  accounts: string[];
  reasons: ColumnType<unknown, string, string>;
}

declare module '../store/schema.ts' {
  interface Database {
    fiu_batches: FiuBatchTable;
    fiu_transactions: FiuTransactionTable;
    fiu_signals: FiuSignalTable;
  }
}
