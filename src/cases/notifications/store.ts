import type { AccessTx } from '../../access/context.ts';
import { NotFound } from '../../access/context.ts';
import './tables.ts';

/** One's organisation's notifications, newest first, and how many are unread. */
export async function listNotifications(tx: AccessTx) {
  const decision = await tx.authorize('read', 'case_notification');
  const rows = await tx.db
    .selectFrom('case_notifications')
    .select(['id', 'org_id', 'kind', 'link', 'created_at', 'read_at'])
    .where((eb) => decision.where(eb, 'case_notifications'))
    .orderBy('created_at', 'desc')
    .limit(50)
    .execute();
  const unread = await tx.db
    .selectFrom('case_notifications')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where((eb) => decision.where(eb, 'case_notifications'))
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return {
    unread: Number(unread.n),
    items: rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      link: row.link,
      createdAt: new Date(row.created_at).toISOString(),
      readAt: row.read_at ? new Date(row.read_at).toISOString() : null,
    })),
  };
}

/** Marks one of one's organisation's notifications read (another's is "not found"). */
export async function markNotificationRead(tx: AccessTx, id: string) {
  const decision = await tx.authorize('update', 'case_notification');
  const done = await tx.db
    .updateTable('case_notifications')
    .set({ read_at: new Date() })
    .where('id', '=', id)
    .where((eb) => decision.where(eb, 'case_notifications'))
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) === 0) throw new NotFound('Melding niet gevonden / Notification not found');
  tx.record(decision, [id], ['read_at']);
  return { id };
}
