import type { Generated } from 'kysely';
import type { DateColumn } from '../../store/schema.ts';

/** The signal tables (migration 0100_signals.sql) as Kysely sees them. */
export interface TriageRuleSetTable {
  version: number;
  name: string;
  rules: unknown;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface SignalTable {
  id: Generated<string>;
  /** When the retention removed its personal data (migration 0190). */
  personal_data_removed_at: Date | string | null;
  reporter_org_id: string;
  reporter_user_id: string;
  idempotency_key: string | null;
  payload_hash: string;
  channel: string;
  external_reference: string | null;
  received_at: Date | string;
  observed_at: DateColumn | null;
  forms: string[];
  indicators: unknown;
  narrative: string;
  location: unknown;
  municipality: string | null;
  vehicles: unknown;
  urls: unknown;
  handles: unknown;
  involves_minor: boolean;
  state: Generated<string>;
  state_changed_at: Generated<Date>;
  score: number | null;
  priority: string | null;
  recommended_route: string | null;
  triage: unknown;
  ruleset_version: number | null;
  route: string | null;
  routed_org_id: string | null;
  outcome: string | null;
  created_at: Generated<Date>;
  /** Who of the handling organisation works on it (migration 0196). */
  assigned_to: string | null;
  assigned_at: Date | string | null;
}

/** A user's in-app notification of an assignment (migration 0196). */
export interface SignalNotificationTable {
  id: Generated<string>;
  org_id: string;
  user_id: string;
  kind: string;
  link: string;
  created_at: Generated<Date>;
  read_at: Date | null;
}

export interface SignalPersonTable {
  id: Generated<string>;
  signal_id: string;
  position: number;
  role: string;
  given_names: string | null;
  prefix: string | null;
  surname: string | null;
  alias: string | null;
  date_of_birth: DateColumn | null;
  birth_year: number | null;
  gender: string | null;
  nationality: string | null;
  phones: string[];
  emails: string[];
  bsn_encrypted: string | null;
  bsn_fingerprint: string | null;
  minor: string;
  remark: string | null;
  /** Data-subject rights (migration 0190): restricted (art. 18) and erased (art. 17 or retention). */
  restricted_at: Date | string | null;
  erased_at: Date | string | null;
}

export interface SignalCompanyTable {
  id: Generated<string>;
  signal_id: string;
  position: number;
  name: string;
  kvk: string | null;
  address: unknown;
  remark: string | null;
}

export interface SignalIdentifierTable {
  signal_id: string;
  kind: string;
  value: string;
}

export interface SignalTransitionTable {
  id: Generated<string>;
  signal_id: string;
  from_state: string;
  to_state: string;
  action: string;
  detail: unknown;
  note: string | null;
  actor_user_id: string;
  actor_org_id: string;
  actor_role: string;
  at: Date | string;
}

export interface SignalLinkTable {
  id: Generated<string>;
  signal_id: string;
  other_signal_id: string;
  kind: string;
  score: number;
  reasons: unknown;
  status: Generated<string>;
  decided_by: string | null;
  decided_at: Date | null;
  created_at: Generated<Date>;
}

declare module '../../store/schema.ts' {
  interface Database {
    triage_rulesets: TriageRuleSetTable;
    signals: SignalTable;
    signal_persons: SignalPersonTable;
    signal_companies: SignalCompanyTable;
    signal_identifiers: SignalIdentifierTable;
    signal_transitions: SignalTransitionTable;
    signal_links: SignalLinkTable;
    signal_notifications: SignalNotificationTable;
  }
}
