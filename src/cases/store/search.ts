import { sql } from 'kysely';
import type { AccessTx } from '../../access/context.ts';
import { invalidInput, label } from '../../domain/problem.ts';
import { profileOf } from './cases.ts';
import './tables.ts';
import '../documents/tables.ts';

export interface CaseSearch {
  q?: string;
  state?: string;
  approach?: string;
  form?: string;
  /** The lead organisation's region (organisations.region). */
  region?: string;
  from?: string;
  to?: string;
  sort: 'relevance' | 'newest' | 'oldest';
  limit: number;
  offset: number;
}

const TS = 'dutch';
const personText = sql`coalesce(p.given_names, '') || ' ' || coalesce(p.prefix, '') || ' ' || coalesce(p.surname, '') || ' ' || coalesce(p.alias, '')`;

/**
 * Full-text search over the cases the user sees (issue 15, item 5): title and reference, the summary, persons,
 * tasks and documents' names and text, each part under its own grant inside the one query, so a part the user
 * may not see never makes a case a hit, not even in the count. PostgreSQL's Dutch configuration
 * (websearch_to_tsquery: quotes, OR and -word, never a syntax error), filters, paging and sorting in SQL.
 */
export async function searchCases(tx: AccessTx, search: CaseSearch) {
  const decision = await tx.authorize('read', 'case');
  const persons = await tx.authorize('read', 'case_person');
  const tasks = await tx.authorize('read', 'case_task');
  const documents = await tx.authorize('read', 'case_document').catch(() => null);
  const caseDecision = decision;
  const q = search.q?.trim() ?? '';
  if (q) {
    const probe = await sql<{
      empty: boolean;
    }>`SELECT numnode(websearch_to_tsquery(${TS}::regconfig, ${q})) = 0 AS empty`.execute(tx.db);
    if (probe.rows[0].empty) {
      throw invalidInput(
        'q',
        label(
          'De zoekvraag bevat geen woorden om op te zoeken (alleen leestekens of stopwoorden)',
          'The query holds no words to search for (only punctuation or stop words)',
        ),
      );
    }
  }
  const query = sql`websearch_to_tsquery(${TS}::regconfig, ${q})`;
  let base = tx.db
    .selectFrom('cases')
    .innerJoin('organisations as lead', 'lead.id', 'cases.lead_org_id')
    .where((eb) => caseDecision.where(eb, 'cases'));
  // A necessary condition of every case grant, spelled so the planner can use indexes (the lead's own cases,
  // or live referrals to the organisation for this purpose); it narrows, the grant still decides.
  base = base.where((eb) =>
    eb.or([
      eb('cases.lead_org_id', '=', tx.actor.orgId),
      eb(
        'cases.id',
        'in',
        eb
          .selectFrom('case_referrals as r')
          .select('r.case_id')
          .where('r.to_org_id', '=', tx.actor.orgId)
          .where('r.state', '=', 'accepted')
          .where('r.purpose', '=', tx.purpose)
          .where(sql<boolean>`r.ends_on >= current_date`),
      ),
    ]),
  );
  if (q) {
    // The candidate cases come from the GIN indexes (one uncorrelated set), each part filtered by its own grant
    // on the matched rows only; the case grant above then applies to the candidates.
    base = base.where((eb) => {
      let hits = eb
        .selectFrom('cases as c')
        .select('c.id as case_id')
        .where(sql<boolean>`to_tsvector(${TS}::regconfig, c.reference || ' ' || c.title) @@ ${query}`)
        .union(
          eb
            .selectFrom('cases as c')
            .select('c.id as case_id')
            .where(sql<boolean>`to_tsvector(${TS}::regconfig, c.summary) @@ ${query}`)
            .where(sql<boolean>`case_profile(c.id) IN ('lead', 'criminal')`),
        )
        .union(
          eb
            .selectFrom('case_persons as p')
            .select('p.case_id')
            .where('p.erased_at', 'is', null)
            .where(sql<boolean>`to_tsvector(${TS}::regconfig, ${personText}) @@ ${query}`)
            .where((inner) => persons.where(inner, 'p')),
        )
        .union(
          eb
            .selectFrom('case_tasks as t')
            .select('t.case_id')
            .where(sql<boolean>`to_tsvector(${TS}::regconfig, t.title) @@ ${query}`)
            .where((inner) => tasks.where(inner, 't')),
        );
      if (documents) {
        hits = hits.union(
          eb
            .selectFrom('case_documents as d')
            .select('d.case_id')
            .where(sql<boolean>`to_tsvector(${TS}::regconfig, d.name || ' ' || d.text_content) @@ ${query}`)
            .where((inner) => documents.where(inner, 'd')),
        );
      }
      return eb('cases.id', 'in', hits);
    });
  }
  if (search.state) base = base.where('cases.state', '=', search.state);
  if (search.approach) base = base.where(sql<boolean>`${search.approach} = ANY(cases.approaches)`);
  if (search.form) base = base.where(sql<boolean>`${search.form} = ANY(cases.forms)`);
  if (search.region) base = base.where('lead.region', '=', search.region);
  if (search.from) base = base.where(sql<boolean>`cases.created_at >= ${search.from}::date`);
  if (search.to) base = base.where(sql<boolean>`cases.created_at < ${search.to}::date + 1`);
  const total = await base.select(sql<string>`count(*)::text`.as('n')).executeTakeFirstOrThrow();
  let rows = base.select([
    'cases.id',
    'cases.reference',
    'cases.title',
    'cases.lead_org_id',
    'lead.name as lead_org_name',
    'cases.approaches',
    'cases.forms',
    'cases.state',
    'cases.created_at',
    profileOf('cases.id').as('access_profile'),
    (q
      ? sql<number>`ts_rank(to_tsvector(${TS}::regconfig, cases.reference || ' ' || cases.title), ${query})`
      : sql<number>`0`
    ).as('rank'),
  ]);
  if (search.sort === 'relevance' && q) rows = rows.orderBy('rank', 'desc');
  rows = rows.orderBy('cases.created_at', search.sort === 'oldest' ? 'asc' : 'desc').orderBy('cases.id');
  const found = await rows.limit(search.limit).offset(search.offset).execute();
  const items = tx.disclose(
    decision,
    found.map(({ rank: _rank, ...row }) => ({ ...row, created_at: new Date(row.created_at).toISOString() })),
  );
  return { total: Number(total.n), items };
}
