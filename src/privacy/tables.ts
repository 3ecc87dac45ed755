import type { Generated } from 'kysely';
import type { DateColumn } from '../store/schema.ts';

/** The register of data-subject requests (migration 0010), as Kysely sees it. */
export interface DataSubjectRequestTable {
  id: Generated<string>;
  org_id: string;
  kind: string;
  reference: string;
  received_on: DateColumn;
  deadline: DateColumn;
  extended_until: DateColumn | null;
  extension_reason: string | null;
  status: Generated<string>;
  decision: string | null;
  decision_reason: string | null;
  legal_ground: string | null;
  person_ids: Generated<string[]>;
  created_by: string;
  created_at: Generated<Date>;
  decided_by: string | null;
  decided_at: Date | null;
}

declare module '../store/schema.ts' {
  interface Database {
    data_subject_requests: DataSubjectRequestTable;
  }
}
