import { sql } from 'kysely';
import type { AccessTx } from '../../access/context.ts';
import { NotFound } from '../../access/context.ts';
import { dutchDate } from '../../domain/validate/date.ts';
import { CASE_NOT_FOUND, profileOf } from './cases.ts';
import { referralRow, referralView } from './referral-view.ts';
import './tables.ts';

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

export interface CaseFilters {
  state?: string;
  approach?: string;
  form?: string;
  q?: string;
  /** Led by one's own organisation, or shared with it. */
  scope?: 'all' | 'led' | 'shared';
  limit: number;
  offset: number;
}

/** The cases the actor sees (led, or shared under a live referral for this purpose), filtered and paged. */
export async function listCases(tx: AccessTx, filters: CaseFilters) {
  const decision = await tx.authorize('read', 'case');
  let query = tx.db
    .selectFrom('cases')
    .innerJoin('organisations as lead', 'lead.id', 'cases.lead_org_id')
    .where((eb) => decision.where(eb, 'cases'));
  if (filters.state) query = query.where('cases.state', '=', filters.state);
  if (filters.approach) query = query.where(sql<boolean>`${filters.approach} = ANY(cases.approaches)`);
  if (filters.form) query = query.where(sql<boolean>`${filters.form} = ANY(cases.forms)`);
  if (filters.q) {
    const like = `%${filters.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    query = query.where((eb) =>
      eb.or([eb('cases.title', 'ilike', like), eb('cases.reference', 'ilike', like)]),
    );
  }
  if (filters.scope === 'led') query = query.where('cases.lead_org_id', '=', tx.actor.orgId);
  if (filters.scope === 'shared') query = query.where('cases.lead_org_id', '<>', tx.actor.orgId);
  const total = await query.select(sql<string>`count(*)::text`.as('n')).executeTakeFirstOrThrow();
  const rows = await query
    .select([
      'cases.id',
      'cases.reference',
      'cases.title',
      'cases.lead_org_id',
      'lead.name as lead_org_name',
      'cases.approaches',
      'cases.forms',
      'cases.state',
      'cases.outcome',
      'cases.state_changed_at',
      'cases.created_at',
      profileOf('cases.id').as('access_profile'),
      sql<string>`(SELECT count(*) FROM case_tasks t WHERE t.case_id = cases.id AND t.state = 'open')::text`.as(
        'open_tasks',
      ),
    ])
    .orderBy('cases.created_at', 'desc')
    .orderBy('cases.id')
    .limit(filters.limit)
    .offset(filters.offset)
    .execute();
  const view = rows.map((row) => ({
    ...row,
    state_changed_at: iso(row.state_changed_at),
    created_at: iso(row.created_at),
    open_tasks: Number(row.open_tasks),
  }));
  return { total: Number(total.n), items: tx.disclose(decision, view) };
}

/**
 * One case file as the actor may see it: the lead everything; a recipient exactly its referral profile's
 * parts (each part under its own decision, whose rows and fields follow the profile; RLS enforces the same).
 */
export async function getCase(tx: AccessTx, id: string) {
  const decision = await tx.authorize('read', 'case');
  const row = await tx.db
    .selectFrom('cases')
    .innerJoin('organisations as lead', 'lead.id', 'cases.lead_org_id')
    .leftJoin('users as owner', 'owner.id', 'cases.owner_user_id')
    .selectAll('cases')
    .select([
      'lead.name as lead_org_name',
      'owner.name as owner_name',
      profileOf('cases.id').as('access_profile'),
    ])
    .where('cases.id', '=', id)
    .where((eb) => decision.where(eb, 'cases'))
    .executeTakeFirst();
  if (!row) throw new NotFound(CASE_NOT_FOUND);
  const lead = row.access_profile === 'lead';

  const part = async <T extends Record<string, unknown>>(
    resource: Parameters<AccessTx['authorize']>[1],
    rows: (d: Awaited<ReturnType<AccessTx['authorize']>>) => Promise<T[]>,
  ) => {
    const d = await tx.authorize('read', resource);
    return tx.disclose(d, await rows(d));
  };

  const persons = await part('case_person', (d) =>
    tx.db
      .selectFrom('case_persons')
      .selectAll()
      .select(profileOf('case_persons.case_id').as('access_profile'))
      .where('case_id', '=', id)
      .where('erased_at', 'is', null)
      .where((eb) => d.where(eb, 'case_persons'))
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
  );
  const companies = await part('case_company', (d) =>
    tx.db
      .selectFrom('case_companies')
      .selectAll()
      .select(profileOf('case_companies.case_id').as('access_profile'))
      .where('case_id', '=', id)
      .where((eb) => d.where(eb, 'case_companies'))
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
  );
  const addresses = await part('case_address', (d) =>
    tx.db
      .selectFrom('case_addresses')
      .selectAll()
      .select(profileOf('case_addresses.case_id').as('access_profile'))
      .where('case_id', '=', id)
      .where((eb) => d.where(eb, 'case_addresses'))
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
  );
  const identifiers = await part('case_identifier', (d) =>
    tx.db
      .selectFrom('case_identifiers')
      .selectAll()
      .select(profileOf('case_identifiers.case_id').as('access_profile'))
      .where('case_id', '=', id)
      .where((eb) => d.where(eb, 'case_identifiers'))
      .orderBy('kind')
      .orderBy('value')
      .execute(),
  );
  const events = await part('case_event', (d) =>
    tx.db
      .selectFrom('case_events')
      .selectAll()
      .select(profileOf('case_events.case_id').as('access_profile'))
      .where('case_id', '=', id)
      .where((eb) => d.where(eb, 'case_events'))
      .orderBy(sql`event_date NULLS LAST`)
      .orderBy('created_at')
      .execute(),
  );
  const tasks = await part('case_task', async (d) =>
    (
      await taskQuery(tx)
        .where('case_tasks.case_id', '=', id)
        .where((eb) => d.where(eb, 'case_tasks'))
        .execute()
    ).map(taskView),
  );
  const referralDecision = await tx.authorize('read', 'case_referral');
  const referrals = lead
    ? tx.disclose(
        referralDecision,
        (
          await referralView(tx)
            .where('r.case_id', '=', id)
            .where((eb) => referralDecision.where(eb, 'r'))
            .execute()
        ).map(referralRow),
      )
    : [];
  const historyRows = await part('case_history', (d) =>
    tx.db
      .selectFrom('case_history')
      // Users of other organisations are not visible (RLS): their organisation's name stands in.
      .leftJoin('users', 'users.id', 'case_history.actor_user_id')
      .innerJoin('organisations as actor_org', 'actor_org.id', 'case_history.actor_org_id')
      .selectAll('case_history')
      .select([
        'users.name as actor_name',
        'actor_org.name as actor_org_name',
        profileOf('case_history.case_id').as('access_profile'),
      ])
      .where('case_history.case_id', '=', id)
      .where((eb) => d.where(eb, 'case_history'))
      .orderBy('case_history.id')
      .execute()
      .then((rows) => rows.map((h) => ({ ...h, id: String(h.id), at: iso(h.at) }))),
  );
  const signals = lead
    ? (await tx.db.selectFrom('case_signals').select('signal_id').where('case_id', '=', id).execute()).map(
        (s) => s.signal_id,
      )
    : [];
  const openTasks = tasks.filter((t) => t.state === 'open').length;
  const [view] = tx.disclose(decision, [
    {
      ...row,
      state_changed_at: iso(row.state_changed_at),
      created_at: iso(row.created_at),
      signals,
      open_tasks: openTasks,
    },
  ]);
  return {
    ...view,
    persons,
    companies,
    addresses,
    identifiers,
    events,
    tasks,
    referrals,
    history: historyRows,
  };
}

export function taskQuery(tx: AccessTx) {
  return tx.db
    .selectFrom('case_tasks')
    .innerJoin('organisations as owner_org', 'owner_org.id', 'case_tasks.owner_org_id')
    .leftJoin('users as owner', 'owner.id', 'case_tasks.owner_user_id')
    .select([
      'case_tasks.id',
      'case_tasks.case_id',
      'case_tasks.title',
      'case_tasks.owner_org_id',
      'owner_org.name as owner_org_name',
      'case_tasks.owner_user_id',
      'owner.name as owner_name',
      'case_tasks.due_on',
      'case_tasks.state',
      'case_tasks.created_at',
      'case_tasks.done_at',
      profileOf('case_tasks.case_id').as('access_profile'),
      // Agreed in a consultation the actor's organisation takes part in (migration 0201; false outside it).
      sql<boolean>`coalesce(consultation_participant(case_tasks.consultation_id), false)`.as(
        'in_consultation',
      ),
      // The reference only, never the case's content: an owning organisation may not see the case itself.
      sql<string>`(SELECT r.case_reference FROM case_referrals r WHERE r.case_id = case_tasks.case_id LIMIT 1)`.as(
        'ref_via_referral',
      ),
      sql<string | null>`(SELECT c.reference FROM cases c WHERE c.id = case_tasks.case_id)`.as(
        'case_reference',
      ),
    ])
    .orderBy(sql`case_tasks.due_on NULLS LAST`)
    .orderBy('case_tasks.created_at');
}

export function taskView(row: Awaited<ReturnType<ReturnType<typeof taskQuery>['execute']>>[number]) {
  const { ref_via_referral, ...rest } = row;
  return {
    ...rest,
    case_reference: row.case_reference ?? ref_via_referral ?? null,
    created_at: iso(row.created_at),
    done_at: iso(row.done_at),
  };
}

/** The tasks of one's own organisation (or of oneself): my tasks. */
export async function myTasks(tx: AccessTx, options: { mine: boolean; state?: string }) {
  const decision = await tx.authorize('read', 'case_task');
  let query = taskQuery(tx)
    .where((eb) => decision.where(eb, 'case_tasks'))
    .where('case_tasks.owner_org_id', '=', tx.actor.orgId);
  if (options.mine) {
    query = query.where((eb) =>
      eb.or([
        eb('case_tasks.owner_user_id', '=', tx.actor.userId),
        eb('case_tasks.owner_user_id', 'is', null),
      ]),
    );
  }
  if (options.state) query = query.where('case_tasks.state', '=', options.state);
  const today = dutchDate(new Date());
  return tx.disclose(
    decision,
    (await query.limit(500).execute()).map((row) => ({
      ...taskView(row),
      overdue: row.state === 'open' && row.due_on !== null && row.due_on < today,
    })),
  );
}
