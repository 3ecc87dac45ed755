import type { ColumnType, Generated } from 'kysely';
import type { DateColumn } from '../store/schema.ts';

/** The feeds' tables for Kysely (migration 0800_feeds.sql), added to the store's Database. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface WavVersionTable {
  id: Generated<string>;
  org_id: string;
  version: number;
  source: string;
  row_count: number;
  retention_months: number;
  contact_point: string;
  published_by: string;
  published_at: Generated<Timestamp>;
}

export interface WavEntryTable {
  id: Generated<string>;
  version_id: string;
  org_id: string;
  reference: string;
  kvk: string | null;
  name: string;
  trade_names: string[];
  street: string | null;
  house_number: string | null;
  postcode: string | null;
  city: string | null;
  fined_on: DateColumn;
  irrevocable_on: DateColumn;
  article: string | null;
  expires_on: DateColumn;
}

export interface VisaScreeningTable {
  id: Generated<string>;
  org_id: string;
  screened_by: string;
  screened_at: Generated<Timestamp>;
  application_ref: string;
  referent_name: string;
  referent_kvk: string | null;
  verdict: string;
  score: number | null;
  reasons: string[];
  publisher_org_id: string | null;
  reference: string | null;
}

declare module '../store/schema.ts' {
  interface Database {
    wav_versions: WavVersionTable;
    wav_entries: WavEntryTable;
    visa_screenings: VisaScreeningTable;
  }
}
