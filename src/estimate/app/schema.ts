import type { ColumnType, Generated } from 'kysely';

/** The estimate capability's tables (migration 0600_estimates.sql), added to the store's `Database`. */
type Json<T> = ColumnType<T, string, string>;
type Stamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface EstimationRoundTable {
  id: Generated<string>;
  org_id: string;
  created_by: string;
  created_at: Generated<Date>;
  name: string;
  threshold: number | null;
  strata: string[];
  status: Generated<string>;
  capture_table: Json<unknown> | null;
  clusters: number | null;
  error: string | null;
  linked_at: Stamp | null;
}

export interface EstimationRoundListTable {
  round_id: string;
  list: string;
  position: number;
  org_id: string;
  uploaded_at: Stamp | null;
  uploaded_by: string | null;
  records: number | null;
  fingerprint: string | null;
  settings_digest: string | null;
  content_digest: string | null;
}

export interface EstimationRoundEncodingTable {
  round_id: string;
  list: string;
  org_id: string;
  data: string;
}

export interface EstimateTable {
  id: Generated<string>;
  org_id: string;
  created_by: string | null;
  created_at: Generated<Date>;
  name: string;
  source: 'table' | 'records' | 'round';
  round_id: string | null;
  rerun_of: string | null;
  input: Json<unknown>;
  settings: Json<unknown>;
  status: string;
  progress_done: Generated<number>;
  progress_total: Generated<number>;
  result: Json<unknown> | null;
  error: string | null;
  finished_at: Stamp | null;
}

declare module '../../store/schema.ts' {
  interface Database {
    estimation_rounds: EstimationRoundTable;
    estimation_round_lists: EstimationRoundListTable;
    estimation_round_encodings: EstimationRoundEncodingTable;
    estimates: EstimateTable;
  }
}
