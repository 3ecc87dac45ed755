import { randomUUID } from 'node:crypto';
import type { AccessTx } from '../../access/context.ts';
import { enqueueJob } from '../../store/jobs.ts';
import './tables.ts';

export const NOTIFY_MAIL_JOB = 'cases.notify_mail';
export const NOTIFICATION_KINDS = [
  'referral_received',
  'task_assigned',
  'consultation_invitation',
  'case_reassigned',
  'task_overdue',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * Notifies an organisation (never one's own): a row in its in-app list and, in the same transaction, the
 * e-mail job (src/cases/notifications/mail.ts), so a rolled-back step notifies nobody. Only the kind and a
 * link in the app: what the link opens stays behind the grants.
 */
export async function notify(tx: AccessTx, orgId: string, kind: NotificationKind, link: string) {
  if (orgId === tx.actor.orgId) return;
  const id = randomUUID();
  // No RETURNING: the row is the other organisation's, which this one may not read.
  await tx.db.insertInto('case_notifications').values({ id, org_id: orgId, kind, link }).execute();
  await enqueueJob(tx, NOTIFY_MAIL_JOB, { id }, { maxAttempts: 5 });
}
