import type { ColumnType, Generated, GeneratedAlways } from 'kysely';

/**
 * The database as Kysely sees it. Each capability adds its own tables by module augmentation
 * (`declare module '../store/schema.ts' { interface Database { … } }`) next to its migration,
 * so the store does not need to know every capability.
 */
export interface Database {
  organisations: OrganisationTable;
  users: UserTable;
  sessions: SessionTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  jobs: JobTable;
  ketenplein_migrations: MigrationTable;
}

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/**
 * A DATE column: read as 'YYYY-MM-DD' from both drivers (parsers in connect.ts), written as the same
 * text. Never a Date, so no time zone can move the day.
 */
export type DateColumn = ColumnType<string, string, string>;

export interface OrganisationTable {
  id: Generated<string>;
  name: string;
  type: string;
  cbs_code: string | null;
  region: string | null;
  created_at: Generated<Date>;
  /** The organisation's contact point: a function mailbox and a phone number (migration 0099). */
  contact_mailbox: Generated<string | null>;
  contact_phone: Generated<string | null>;
}

export interface UserTable {
  id: Generated<string>;
  org_id: string;
  email: string;
  name: string;
  password_hash: string;
  roles: string[];
  totp_secret: string | null;
  /** Whether a second factor is set (generated): what the request role may know instead of the secret. */
  totp_enabled: GeneratedAlways<boolean>;
  /** The last TOTP time step (unix time / 30 s) used to log in: older or equal ones are refused. */
  totp_last_step: number | null;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  disabled: Generated<boolean>;
  created_at: Generated<Date>;
  /** A password someone else knew: the user changes it at the next login (migration 0099). */
  must_change_password: Generated<boolean>;
  last_login_at: Generated<Date | null>;
}

export interface SessionTable {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Generated<Date>;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface AuditLogTable {
  seq: string;
  at: Timestamp;
  user_id: string | null;
  org_id: string | null;
  role: string | null;
  purpose: string | null;
  action: string;
  resource: string;
  record_ids: string[];
  fields: string[];
  result: string;
  reason: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: string;
  hash: string;
}

export interface JobTable {
  id: Generated<string>;
  kind: string;
  payload: unknown;
  status: Generated<string>;
  run_at: Timestamp;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  locked_until: Date | null;
  /** The worker holding the lease (see migration 0090). */
  locked_by: string | null;
  /** Periodic jobs: at most one queued run per key. */
  singleton_key: string | null;
  last_error: string | null;
  created_at: Generated<Date>;
  finished_at: Date | null;
}

export interface MigrationTable {
  name: string;
  checksum: string;
  applied_at: Generated<Date>;
}
