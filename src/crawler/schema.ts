import type { ColumnType, Generated } from 'kysely';
import type { DateColumn } from '../store/schema.ts';

/** The crawler's tables for Kysely (migrations 0400_crawler.sql, 0450_crawler_identifier_decisions.sql), added to the store's Database. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface CrawlInvestigationTable {
  id: Generated<string>;
  org_id: string;
  case_ref: string;
  purpose: Generated<string>;
  legal_basis: string;
  ends_on: DateColumn;
  sites: string[];
  terms: Generated<string[]>;
  retention_months: Generated<number>;
  status: Generated<string>;
  closed_at: Timestamp | null;
  created_by: string;
  created_at: Generated<Date>;
}

export interface CrawlAdapterTable {
  org_id: string;
  id: string;
  config: unknown;
  created_by: string;
  created_at: Generated<Date>;
}

export interface CrawlRunTable {
  id: Generated<string>;
  investigation_id: string;
  org_id: string;
  adapter_id: string;
  adapter: unknown;
  max_pages: number | null;
  status: Generated<string>;
  pages_fetched: Generated<number>;
  started_by: string;
  created_at: Generated<Date>;
  finished_at: Timestamp | null;
}

export interface CrawlFrontierTable {
  crawl_id: string;
  org_id: string;
  seq: Generated<string>;
  url: string;
  kind: string;
  depth: number;
  state: Generated<string>;
}

export interface CrawlSnapshotTable {
  id: Generated<string>;
  investigation_id: string;
  crawl_id: string;
  org_id: string;
  url: string;
  kind: string;
  version: number;
  fetched_at: Timestamp;
  status: number;
  content_type: string;
  content_hash: string;
  body: Buffer;
  fields: unknown;
}

export interface CrawlErrorTable {
  id: Generated<string>;
  crawl_id: string;
  org_id: string;
  url: string;
  kind: string;
  detail: string;
  at: Generated<Date>;
}

export interface CrawlIdentifierDecisionTable {
  investigation_id: string;
  org_id: string;
  kind: string;
  value: string;
  decision: 'shared' | 'not_shared';
  reason: string;
  decided_by: string;
  decided_at: Generated<Date>;
}

declare module '../store/schema.ts' {
  interface Database {
    crawl_investigations: CrawlInvestigationTable;
    crawl_adapters: CrawlAdapterTable;
    crawl_runs: CrawlRunTable;
    crawl_frontier: CrawlFrontierTable;
    crawl_snapshots: CrawlSnapshotTable;
    crawl_errors: CrawlErrorTable;
    crawl_identifier_decisions: CrawlIdentifierDecisionTable;
  }
}
