import type { Generated } from 'kysely';

/** Migration 0202_notifications.sql. */
export interface CaseNotificationTable {
  id: Generated<string>;
  org_id: string;
  kind: string;
  link: string;
  created_at: Generated<Date>;
  read_at: Date | null;
  mailed_at: Date | null;
}

declare module '../../store/schema.ts' {
  interface Database {
    case_notifications: CaseNotificationTable;
  }
}
