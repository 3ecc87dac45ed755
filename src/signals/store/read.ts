import { sql } from 'kysely';
import type { AccessTx } from '../../access/context.ts';
import { NotFound } from '../../access/context.ts';
import { likePattern, type PageParams, pageRows } from '../../access/paging.ts';
import type { Decision } from '../../access/policy.ts';
import type { FieldCipher } from '../../access/secrets.ts';
import { invalidInput } from '../../domain/problem.ts';
import { maskBsn } from '../../domain/validate/identifiers.ts';
import { TRIAGE_QUEUE_STATES } from '../lifecycle.ts';
import { DEFAULT_SLA, type SlaConfig, slaClock } from '../sla.ts';

export const NOT_FOUND_MESSAGE = 'Melding niet gevonden / Signal not found';

type SignalQuery =
  ReturnType<AccessTx['db']['selectFrom']> extends infer _ ? ReturnType<typeof baseQuery> : never;

function baseQuery(tx: AccessTx) {
  return tx.db.selectFrom('signals');
}

/**
 * Narrows a query to the rows the decision's grants open (src/signals/grants.ts). Row-level security
 * enforces the same underneath, as a second line.
 */
export function scoped(decision: Decision, query: SignalQuery): SignalQuery {
  return query.where((eb) => decision.where(eb, 'signals'));
}

function toIso(value: Date | string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}

/** The clock that matters now: first assessment while in triage, acceptance once routed. */
function slaOf(
  row: { state: string; received_at: Date | string; state_changed_at: Date },
  now: Date,
  config: SlaConfig,
) {
  if (row.state === 'accepted' || row.state === 'closed') return null;
  const started = row.state === 'routed' ? row.state_changed_at : new Date(row.received_at);
  return {
    clock: row.state === 'routed' ? 'acceptance' : 'first_assessment',
    ...slaClock(started, now, config),
  };
}

/** One signal with its parties and history, with only the fields the actor's rule allows. */
export async function getSignal(
  tx: AccessTx,
  cipher: FieldCipher,
  id: string,
  options: { now?: Date; sla?: SlaConfig } = {},
) {
  const decision = await tx.authorize('read', 'signal');
  const row = await scoped(decision, baseQuery(tx))
    .selectAll()
    .where('signals.id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFound(NOT_FOUND_MESSAGE);
  // Persons under their own decision: a restricted person (art. 18) is denied for every purpose but the
  // data-subject request. The chain setting follows it; the signal row is already fetched.
  const people = await tx.authorize('read', 'signal_person');
  const [persons, companies, transitions] = await Promise.all([
    tx.db
      .selectFrom('signal_persons')
      .selectAll()
      .where('signal_id', '=', id)
      .where((eb) => people.where(eb, 'signal_persons'))
      .orderBy('position')
      .execute(),
    tx.db
      .selectFrom('signal_companies')
      .selectAll()
      .where('signal_id', '=', id)
      .orderBy('position')
      .execute(),
    tx.db.selectFrom('signal_transitions').selectAll().where('signal_id', '=', id).orderBy('id').execute(),
  ]);
  const view = {
    ...row,
    received_at: toIso(row.received_at),
    // A DATE arrives as 'YYYY-MM-DD' from both drivers (store/connect.ts): no time zone can shift it.
    observed_at: row.observed_at,
    persons: persons.map((person) => ({
      role: person.role,
      givenNames: person.given_names,
      prefix: person.prefix,
      surname: person.surname,
      alias: person.alias,
      dateOfBirth: person.date_of_birth,
      birthYear: person.birth_year,
      gender: person.gender,
      nationality: person.nationality,
      phones: person.phones,
      emails: person.emails,
      // Shown masked only; the clear BSN never leaves the database through the API.
      bsn: person.bsn_encrypted ? maskBsn(cipher.decrypt(person.bsn_encrypted)) : null,
      minor: person.minor,
      remark: person.remark,
    })),
    companies: companies.map(({ name, kvk, address, remark }) => ({ name, kvk, address, remark })),
    history: transitions.map((t) => ({
      from: t.from_state,
      to: t.to_state,
      action: t.action,
      detail: t.detail,
      note: t.note,
      actorUserId: t.actor_user_id,
      actorOrgId: t.actor_org_id,
      actorRole: t.actor_role,
      at: toIso(t.at),
    })),
    // What the reporter may follow: the steps, not who took them or why.
    // Notes are the team's: the reporter does not even learn when one was written.
    status_history: transitions
      .filter((t) => t.action !== 'note')
      .map((t) => ({ state: t.to_state, at: toIso(t.at) })),
    sla: slaOf(row, options.now ?? new Date(), options.sla ?? DEFAULT_SLA),
    link_notices: decision.fields.includes('link_notices') ? await linkNotices(tx, id) : [],
  };
  return tx.disclose(decision, [view])[0];
}

/** Other partners that hold a linked signal, as contact points: organisation and kind of match only. */
async function linkNotices(tx: AccessTx, id: string) {
  const result = await sql<{ org_id: string; org_name: string; kind: string }>`
    SELECT org_id, org_name, kind FROM signal_link_notices(${id}::uuid) ORDER BY org_name, kind`.execute(
    tx.db,
  );
  const byOrg = new Map<string, { organisationId: string; organisation: string; kinds: string[] }>();
  for (const row of result.rows) {
    const entry = byOrg.get(row.org_id) ?? {
      organisationId: row.org_id,
      organisation: row.org_name,
      kinds: [],
    };
    entry.kinds.push(row.kind);
    byOrg.set(row.org_id, entry);
  }
  return [...byOrg.values()];
}

export type Queue = 'triage' | 'team' | 'mine';

const PRIORITY_ORDER = sql<number>`array_position(ARRAY['urgent','high','normal','low']::text[], signals.priority)`;

/**
 * A work list: the triage queue (chain-wide, not yet routed or handed back), a team's queue (routed to
 * its organisation), or the signals one's own organisation reported. Sorted by priority, then age.
 */
export async function listQueue(
  tx: AccessTx,
  queue: Queue,
  options: { limit?: number; now?: Date; sla?: SlaConfig } = {},
) {
  const decision = await tx.authorize('read', 'signal');
  let query = scoped(decision, baseQuery(tx)).select([
    'signals.reporter_org_id',
    'signals.id',
    'signals.channel',
    'signals.received_at',
    'signals.forms',
    'signals.location',
    'signals.involves_minor',
    'signals.state',
    'signals.state_changed_at',
    'signals.score',
    'signals.priority',
    'signals.recommended_route',
    'signals.route',
    'signals.routed_org_id',
    'signals.created_at',
  ]);
  if (queue === 'triage') {
    query = query.where('signals.state', 'in', [...TRIAGE_QUEUE_STATES]);
  } else if (queue === 'team') {
    query = query
      .where('signals.routed_org_id', '=', tx.actor.orgId)
      .where('signals.state', 'in', ['routed', 'accepted']);
  } else {
    query = query.where('signals.reporter_org_id', '=', tx.actor.orgId);
  }
  const ordered =
    queue === 'mine'
      ? query.orderBy('signals.created_at', 'desc')
      : query.orderBy(PRIORITY_ORDER).orderBy('signals.received_at', 'asc');
  const rows = await ordered.limit(Math.min(options.limit ?? 100, 500)).execute();
  const now = options.now ?? new Date();
  const view = rows.map((row) => ({
    ...row,
    received_at: toIso(row.received_at),
    sla: slaOf(row, now, options.sla ?? DEFAULT_SLA),
  }));
  // The reporter is selected only for the grants' test of each row (fields per row), not for the list.
  return tx.disclose(decision, view).map(({ reporter_org_id: _reporter, ...row }) => row);
}

/** What a paged work list may be sorted by; a reporter's own list only by what it shows (no score). */
export const QUEUE_SORTS = ['received', 'priority', 'score', 'state', 'changed'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];
const REPORTER_SORTS: readonly QueueSort[] = ['received', 'state', 'changed'];

export interface QueuePageParams extends PageParams<QueueSort> {
  state?: string;
  priority?: string;
  minor?: boolean;
  /** `me`: only the signals assigned to the actor (issue 19, item 9). */
  assigned?: 'me' | 'nobody';
}

/**
 * One page of a work list (issue 19, item 10): the same rows as `listQueue`, searched, filtered, sorted,
 * counted and paged in SQL under the decision's rows and row-level security.
 */
export async function listQueuePage(
  tx: AccessTx,
  queue: Queue,
  params: QueuePageParams,
  options: { now?: Date; sla?: SlaConfig } = {},
) {
  if (queue === 'mine' && !REPORTER_SORTS.includes(params.sort)) {
    throw invalidInput('sort', {
      nl: `Sorteren op "${params.sort}" kan niet in de eigen meldingen; kies uit ${REPORTER_SORTS.join(', ')}`,
      en: `Your own signals cannot be sorted by "${params.sort}"; choose from ${REPORTER_SORTS.join(', ')}`,
    });
  }
  const decision = await tx.authorize('read', 'signal');
  let query = scoped(decision, baseQuery(tx));
  if (queue === 'triage') {
    query = query.where('signals.state', 'in', [...TRIAGE_QUEUE_STATES]);
  } else if (queue === 'team') {
    query = query
      .where('signals.routed_org_id', '=', tx.actor.orgId)
      .where('signals.state', 'in', ['routed', 'accepted']);
  } else {
    query = query.where('signals.reporter_org_id', '=', tx.actor.orgId);
  }
  if (params.state) query = query.where('signals.state', '=', params.state);
  if (params.priority && queue !== 'mine') query = query.where('signals.priority', '=', params.priority);
  if (params.minor !== undefined) query = query.where('signals.involves_minor', '=', params.minor);
  if (params.assigned === 'me') query = query.where('signals.assigned_to', '=', tx.actor.userId);
  if (params.assigned === 'nobody') query = query.where('signals.assigned_to', 'is', null);
  const search = params.q;
  if (search) {
    const pattern = likePattern(search);
    query = query.where((eb) =>
      eb.or([
        eb('signals.narrative', 'ilike', pattern),
        eb('signals.external_reference', 'ilike', pattern),
        eb(sql<string>`signals.location ->> 'city'`, 'ilike', pattern),
        eb('signals.municipality', 'ilike', pattern),
        // A (beginning of a) signal's number, as a colleague reads it out.
        ...(/^[0-9a-f-]{4,36}$/i.test(search)
          ? [eb(sql<string>`signals.id::text`, 'like', `${search.toLowerCase()}%`)]
          : []),
      ]),
    );
  }
  const column = {
    received: sql`signals.received_at`,
    priority: PRIORITY_ORDER,
    score: sql`signals.score`,
    state: sql`signals.state`,
    changed: sql`signals.state_changed_at`,
  }[params.sort];
  // Nulls last either way, then the id, so equal keys keep one order over the pages.
  const order = params.dir === 'asc' ? sql`asc nulls last` : sql`desc nulls last`;
  const { rows, total } = await pageRows(query, params, (q) =>
    q
      .select([
        'signals.reporter_org_id',
        'signals.id',
        'signals.channel',
        'signals.received_at',
        'signals.forms',
        'signals.location',
        'signals.involves_minor',
        'signals.state',
        'signals.state_changed_at',
        'signals.score',
        'signals.priority',
        'signals.recommended_route',
        'signals.route',
        'signals.routed_org_id',
        'signals.created_at',
        'signals.assigned_to',
      ])
      .orderBy(sql`${column} ${order}`)
      .orderBy('signals.id'),
  );
  const now = options.now ?? new Date();
  const view = rows.map((row) => ({
    ...row,
    received_at: toIso(row.received_at),
    sla: slaOf(row, now, options.sla ?? DEFAULT_SLA),
  }));
  const items = tx
    .disclose(decision, view)
    .map(({ reporter_org_id: _reporter, assigned_to: _assigned, ...row }, i) => ({
      ...row,
      // Who works on it is the handling team's business, never the reporter's.
      ...(queue === 'mine' ? {} : { assigned_to: rows[i].assigned_to }),
    }));
  return { items, total, page: params.page, pageSize: params.pageSize };
}
