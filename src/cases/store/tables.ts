import type { Generated } from 'kysely';
import type { DateColumn } from '../../store/schema.ts';

/** The case tables (migration 0200_cases.sql) as Kysely sees them. */
export interface CaseTable {
  id: Generated<string>;
  reference: string;
  title: string;
  summary: Generated<string>;
  lead_org_id: string;
  owner_user_id: string;
  approaches: string[];
  forms: Generated<string[]>;
  state: Generated<string>;
  outcome: string | null;
  close_reason: string | null;
  state_changed_at: Generated<Date>;
  created_at: Generated<Date>;
}

export interface CaseReferralTable {
  id: Generated<string>;
  case_id: string;
  case_reference: string;
  from_org_id: string;
  to_org_id: string;
  created_by: string;
  profile: string;
  purpose: string;
  legal_basis: string;
  legal_basis_note: Generated<string>;
  consent: unknown;
  note: Generated<string>;
  state: Generated<string>;
  decline_reason: string | null;
  ends_on: DateColumn;
  decided_by: string | null;
  decided_at: Date | null;
  revoked_at: Date | null;
  completed_at: Date | null;
  created_at: Generated<Date>;
}

export interface CaseSignalTable {
  case_id: string;
  signal_id: string;
  added_at: Generated<Date>;
}

export interface CasePersonTable {
  id: Generated<string>;
  case_id: string;
  role: string;
  given_names: string | null;
  prefix: string | null;
  surname: string | null;
  alias: string | null;
  date_of_birth: DateColumn | null;
  gender: string | null;
  nationality: string | null;
  phones: Generated<string[]>;
  emails: Generated<string[]>;
  minor: Generated<boolean>;
  care_needs: Generated<string>;
  remark: Generated<string>;
  source_signal_id: string | null;
  restricted_at: Date | null;
  erased_at: Date | null;
  created_at: Generated<Date>;
}

export interface CaseCompanyTable {
  id: Generated<string>;
  case_id: string;
  name: string;
  kvk: string | null;
  premises: Generated<string>;
  remark: Generated<string>;
  source_signal_id: string | null;
  created_at: Generated<Date>;
}

export interface CaseAddressTable {
  id: Generated<string>;
  case_id: string;
  kind: string;
  street: Generated<string>;
  postcode: Generated<string>;
  city: Generated<string>;
  person_id: string | null;
  company_id: string | null;
  created_at: Generated<Date>;
}

export interface CaseIdentifierTable {
  id: Generated<string>;
  case_id: string;
  kind: string;
  value: string;
  person_id: string | null;
  source_signal_id: string | null;
  created_at: Generated<Date>;
}

export interface CaseEventTable {
  id: Generated<string>;
  case_id: string;
  kind: string;
  event_date: DateColumn | null;
  place: Generated<string>;
  description: Generated<string>;
  created_by: string;
  created_at: Generated<Date>;
}

export interface CaseTaskTable {
  id: Generated<string>;
  case_id: string;
  title: string;
  owner_org_id: string;
  owner_user_id: string | null;
  due_on: DateColumn | null;
  state: Generated<string>;
  created_by: string;
  created_at: Generated<Date>;
  done_at: Date | null;
  /** The consultation that agreed this task as an action (migration 0201). */
  consultation_id: string | null;
}

export interface CaseHistoryTable {
  id: Generated<string>;
  case_id: string;
  action: string;
  from_state: string | null;
  to_state: string | null;
  detail: unknown;
  note: string | null;
  actor_user_id: string;
  actor_org_id: string;
  at: Generated<Date>;
}

declare module '../../store/schema.ts' {
  interface Database {
    cases: CaseTable;
    case_referrals: CaseReferralTable;
    case_signals: CaseSignalTable;
    case_persons: CasePersonTable;
    case_companies: CaseCompanyTable;
    case_addresses: CaseAddressTable;
    case_identifiers: CaseIdentifierTable;
    case_events: CaseEventTable;
    case_tasks: CaseTaskTable;
    case_history: CaseHistoryTable;
  }
}
