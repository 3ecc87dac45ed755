import { sql } from 'kysely';
import { type AccessTx, NotFound } from '../../access/context.ts';
import { ROLE_LABELS } from '../../access/labels.ts';
import { isRole } from '../../access/roles.ts';
import { conflict, invalidInput } from '../../domain/problem.ts';
import { TRIAGE_QUEUE_STATES } from '../lifecycle.ts';
import { DEFAULT_SLA, type SlaConfig, slaClock } from '../sla.ts';
import { NOT_FOUND_MESSAGE, scoped } from './read.ts';

/**
 * Assigns a signal to a colleague, or takes the assignment away (issue 19, item 9). Who may move the signal
 * may assign it: triage in the triage queue, the receiving team once it is routed to them. The colleague must
 * be an active user of the same organisation holding the role under which the assigner handles it; the
 * assignment is audited and the colleague notified in the app.
 */
export async function assignSignal(tx: AccessTx, id: string, userId: string | null) {
  const decision = await tx.authorize('transition', 'signal');
  const row = await scoped(decision, tx.db.selectFrom('signals'))
    .select(['signals.id', 'signals.state', 'signals.routed_org_id'])
    .where('signals.id', '=', id)
    .executeTakeFirst();
  const inHands =
    row &&
    (decision.role === 'triage'
      ? TRIAGE_QUEUE_STATES.includes(row.state as never)
      : row.routed_org_id === tx.actor.orgId && ['routed', 'accepted'].includes(row.state));
  if (!row) throw new NotFound(NOT_FOUND_MESSAGE);
  if (!inHands) {
    throw conflict({
      nl: 'Deze melding ligt niet bij uw team of de triage; toewijzen kan nu niet',
      en: 'This signal is not with your team or triage; it cannot be assigned now',
    });
  }
  let name: string | null = null;
  if (userId) {
    // Row-level security shows only one's own organisation's users: another's is "not a colleague".
    const user = await tx.db
      .selectFrom('users')
      .select(['id', 'org_id', 'name', 'roles', 'disabled'])
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!user || user.org_id !== tx.actor.orgId) {
      throw invalidInput('userId', {
        nl: 'Deze persoon is geen collega in uw organisatie; wijs toe aan een collega',
        en: 'This person is not a colleague in your organisation; assign to a colleague',
      });
    }
    if (user.disabled) {
      throw invalidInput('userId', {
        nl: `${user.name} is uitgeschakeld en kan geen meldingen behandelen`,
        en: `${user.name} is disabled and cannot handle signals`,
      });
    }
    const role = decision.role;
    if (!user.roles.includes(role)) {
      const roleName = isRole(role) ? ROLE_LABELS[role] : { nl: role, en: role };
      throw invalidInput('userId', {
        nl: `${user.name} heeft niet de rol ${roleName.nl.toLowerCase()} die deze melding mag behandelen`,
        en: `${user.name} does not hold the role ${roleName.en.toLowerCase()} that may handle this signal`,
      });
    }
    name = user.name;
  }
  await tx.db
    .updateTable('signals')
    .set({ assigned_to: userId, assigned_at: userId ? new Date() : null })
    .where('id', '=', id)
    .execute();
  tx.record(decision, [id], ['assigned_to'], userId ? `assigned:${userId}` : 'unassigned');
  if (userId && userId !== tx.actor.userId) {
    const link = decision.role === 'triage' ? `/melding/${id}?als=triage` : `/melding/${id}?als=team`;
    await tx.db
      .insertInto('signal_notifications')
      .values({ org_id: tx.actor.orgId, user_id: userId, kind: 'signal_assigned', link })
      .execute();
  }
  return { id, assignedTo: userId, assigneeName: name };
}

/** Active colleagues who hold the role under which the actor handles signals: whom one may assign to. */
export async function listAssignees(tx: AccessTx) {
  const decision = await tx.authorize('transition', 'signal');
  const users = await tx.db
    .selectFrom('users')
    .select(['id', 'name'])
    .where('org_id', '=', tx.actor.orgId)
    .where('disabled', '=', false)
    .where(sql<boolean>`roles @> ARRAY[${decision.role}]::text[]`)
    .orderBy('name')
    .limit(500)
    .execute();
  return users;
}

/** The latest moment a clock may have started and be overdue now: the end of that Dutch day. */
function overdueBefore(now: Date, config: SlaConfig): Date {
  const day = new Date(now);
  for (let i = 0; i < 400; i++) {
    if (slaClock(day, now, config).status === 'red') break;
    day.setUTCDate(day.getUTCDate() - 1);
  }
  return day;
}

/**
 * What waits for the actor under one purpose (start page, issue 19 item 9), counted in SQL under the
 * decision's rows: new, overdue by the SLA, and assigned to the actor.
 */
export async function signalWork(tx: AccessTx, options: { now?: Date; sla?: SlaConfig } = {}) {
  const decision = await tx.authorize('read', 'signal');
  const now = options.now ?? new Date();
  const limit = overdueBefore(now, options.sla ?? DEFAULT_SLA)
    .toISOString()
    .slice(0, 10);
  const triage = decision.role === 'triage';
  let query = scoped(decision, tx.db.selectFrom('signals'));
  query = triage
    ? query.where('signals.state', 'in', [...TRIAGE_QUEUE_STATES])
    : query
        .where('signals.routed_org_id', '=', tx.actor.orgId)
        .where('signals.state', 'in', ['routed', 'accepted']);
  const clock = triage ? sql`signals.received_at` : sql`signals.state_changed_at`;
  const counts = await query
    .select([
      sql<string>`count(*) FILTER (WHERE signals.state = ${triage ? 'received' : 'routed'})`.as('new'),
      sql<string>`count(*) FILTER (WHERE signals.state IN ('received', 'in_triage', 'declined', 'routed')
        AND ${clock} < ((${limit}::date + 1)::timestamp AT TIME ZONE 'Europe/Amsterdam'))`.as('overdue'),
      sql<string>`count(*) FILTER (WHERE signals.assigned_to = ${tx.actor.userId})`.as('mine'),
    ])
    .executeTakeFirstOrThrow();
  const unread = await tx.db
    .selectFrom('signal_notifications')
    .select(sql<string>`count(*)`.as('n'))
    .where('user_id', '=', tx.actor.userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return {
    queue: triage ? ('triage' as const) : ('team' as const),
    new: Number(counts.new),
    overdue: Number(counts.overdue),
    assignedToMe: Number(counts.mine),
    unreadNotifications: Number(unread.n),
  };
}

/** The actor's own in-app notifications (assignments), newest first; reading marks them read. */
export async function myNotifications(tx: AccessTx) {
  const decision = await tx.authorize('read', 'signal');
  const rows = await tx.db
    .selectFrom('signal_notifications')
    .select(['id', 'kind', 'link', 'created_at', 'read_at'])
    .where('user_id', '=', tx.actor.userId)
    .orderBy('created_at', 'desc')
    .limit(20)
    .execute();
  tx.record(
    decision,
    rows.map((row) => row.id),
    ['notification'],
  );
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    link: row.link,
    createdAt: new Date(row.created_at).toISOString(),
    read: row.read_at !== null,
  }));
}
