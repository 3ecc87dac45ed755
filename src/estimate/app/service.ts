import { type Kysely, sql } from 'kysely';
import { type AccessTx, NotFound } from '../../access/context.ts';
import { likePattern, type PageParams, pageRows } from '../../access/paging.ts';
import type { Decision } from '../../access/policy.ts';
import { conflict, invalidInput, label } from '../../domain/problem.ts';
import type { Store } from '../../store/connect.ts';
import { enqueueJob } from '../../store/jobs.ts';
import type { Database } from '../../store/schema.ts';
import { ESTIMATE_STRATA } from '../grants.ts';
import { EstimateInputError } from '../index.ts';
import type { StoredEstimate } from './export.ts';
import { type ApiInput, normaliseInput, type StoredInput } from './input.ts';
import {
  bootstrapWork,
  completeSettings,
  type EstimateDocument,
  type EstimateSettings,
  numbersOf,
  runsAsJob,
  samplerWork,
} from './run.ts';
import { runEstimateOffThread } from './run-thread.ts';
import './schema.ts';

export type Lang = 'nl' | 'en';
export const RUN_JOB = 'estimate.run';

/** How a service reaches the database: access transactions for the user, the store for system work (jobs). */
export interface EstimateContext {
  access: <T>(work: (tx: AccessTx) => Promise<T>) => Promise<T>;
  store: Store;
  lang: Lang;
}

export type EstimateSource = { kind: 'upload'; input: ApiInput } | { kind: 'round'; roundId: string };

export interface NewEstimate {
  name?: string;
  source: EstimateSource;
  settings: EstimateSettings;
}

/** Bad input as an HTTP 400 naming the field, with its Dutch and English reason. */
export function badInput(error: unknown, field: string): unknown {
  if (!(error instanceof EstimateInputError)) return error;
  return invalidInput(field, label(error.nl, error.en));
}

const notFound = () => new NotFound('Schatting niet gevonden / Estimate not found');

export async function createEstimate(ctx: EstimateContext, request: NewEstimate) {
  const settings = completeSettings(request.settings);
  // Authorise (and load a round's table) first: nobody learns from a 400 what they may not use at all.
  const { input, source, roundId } = await ctx.access(async (tx) => {
    await tx.authorize('create', 'estimate');
    if (request.source.kind === 'round') {
      const table = await linkedRoundTable(tx, request.source.roundId);
      return { input: table, source: 'round' as const, roundId: request.source.roundId };
    }
    let stored: StoredInput;
    try {
      stored = normaliseInput(request.source.input, ESTIMATE_STRATA);
    } catch (error) {
      throw badInput(error, 'input');
    }
    const kind = request.source.input.format === 'records-csv' ? 'records' : 'table';
    return { input: stored, source: kind as 'records' | 'table', roundId: null };
  });
  return startEstimate(ctx, {
    name: request.name ?? defaultName(ctx.lang),
    source,
    roundId,
    rerunOf: null,
    input,
    settings,
  });
}

function defaultName(lang: Lang): string {
  const stamp = new Date().toISOString().slice(0, 16).replace('T', ' ');
  return lang === 'en' ? `Estimate ${stamp}` : `Schatting ${stamp}`;
}

interface Prepared {
  name: string;
  source: 'table' | 'records' | 'round';
  roundId: string | null;
  rerunOf: string | null;
  input: StoredInput;
  settings: EstimateSettings;
}

/** Runs short estimates at once; long bootstraps and sampler runs go to the durable job queue with progress. */
async function startEstimate(ctx: EstimateContext, prepared: Prepared) {
  const work =
    bootstrapWork(prepared.input, prepared.settings) + samplerWork(prepared.input, prepared.settings);
  if (runsAsJob(prepared.input, prepared.settings)) {
    const id = await ctx.access(async (tx) => {
      const decision = await tx.authorize('create', 'estimate');
      const row = await insertEstimate(tx.db, tx.actor, prepared, { status: 'queued', total: work });
      tx.record(decision, [row], ['input', 'settings']);
      // In the same transaction: the queued estimate and its job exist together or not at all.
      await enqueueJob(tx, RUN_JOB, { id: row, lang: ctx.lang }, { maxAttempts: 3 });
      return row;
    });
    return ctx.access((tx) => getEstimate(tx, id));
  }
  let document: EstimateDocument;
  try {
    document = await runEstimateOffThread(prepared.input, prepared.settings, { lang: ctx.lang });
  } catch (error) {
    throw badInput(error, 'settings');
  }
  const id = await ctx.access(async (tx) => {
    const decision = await tx.authorize('create', 'estimate');
    const row = await insertEstimate(tx.db, tx.actor, prepared, { status: 'done', total: work, document });
    tx.record(decision, [row], ['input', 'settings', 'result']);
    return row;
  });
  return ctx.access((tx) => getEstimate(tx, id));
}

export async function insertEstimate(
  db: Kysely<Database>,
  actor: { orgId: string; userId: string | null },
  prepared: Prepared,
  state: { status: 'queued' | 'done'; total: number; document?: EstimateDocument },
): Promise<string> {
  const row = await db
    .insertInto('estimates')
    .values({
      org_id: actor.orgId,
      created_by: actor.userId,
      name: prepared.name,
      source: prepared.source,
      round_id: prepared.roundId,
      rerun_of: prepared.rerunOf,
      input: JSON.stringify(prepared.input),
      settings: JSON.stringify(prepared.settings),
      status: state.status,
      progress_total: state.total,
      progress_done: state.document ? state.total : 0,
      result: state.document ? JSON.stringify(state.document) : null,
      finished_at: state.document ? new Date() : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const SUMMARY = ['id', 'name', 'created_at', 'source', 'round_id', 'rerun_of', 'status', 'settings'] as const;

/** The organisation's stored estimates, newest first, with the headline numbers. */
export async function listEstimates(tx: AccessTx, limit = 100) {
  const decision = await tx.authorize('read', 'estimate');
  const rows = await tx.db
    .selectFrom('estimates')
    .select([...SUMMARY, 'progress_done', 'progress_total', 'error', 'finished_at'])
    .select([
      sql<unknown>`result -> 'overall' -> 'estimate'`.as('estimate'),
      sql<string[]>`input -> 'lists'`.as('lists'),
      sql<string[]>`input -> 'strata'`.as('strata'),
    ])
    .where((eb) => decision.where(eb))
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
  // The headline numbers are part of `result`; the rule's field list decides whether they may be shown.
  const allowed = decision.fields.includes('result');
  return tx.disclose(decision, rows).map((row, i) => ({
    ...row,
    ...(allowed ? { estimate: rows[i].estimate, lists: rows[i].lists, strata: rows[i].strata } : {}),
  }));
}

export const ESTIMATE_SORTS = ['created', 'name', 'status'] as const;
export type EstimateSort = (typeof ESTIMATE_SORTS)[number];

/** One page of the organisation's estimates (issue 19, item 10): `q` searches the name; counted in SQL. */
export async function listEstimatesPage(
  tx: AccessTx,
  params: PageParams<EstimateSort> & { status?: string },
) {
  const decision = await tx.authorize('read', 'estimate');
  let query = tx.db.selectFrom('estimates').where((eb) => decision.where(eb));
  if (params.q) query = query.where('name', 'ilike', likePattern(params.q));
  if (params.status) query = query.where('status', '=', params.status);
  const column = { created: 'created_at', name: 'name', status: 'status' } as const;
  const { rows, total } = await pageRows(query, params, (q) =>
    q
      .select([...SUMMARY, 'progress_done', 'progress_total', 'error', 'finished_at'])
      .select([
        sql<unknown>`result -> 'overall' -> 'estimate'`.as('estimate'),
        sql<string[]>`input -> 'lists'`.as('lists'),
        sql<string[]>`input -> 'strata'`.as('strata'),
      ])
      .orderBy(column[params.sort], params.dir)
      .orderBy('id'),
  );
  const allowed = decision.fields.includes('result');
  const items = tx.disclose(decision, rows).map((row, i) => ({
    ...row,
    ...(allowed ? { estimate: rows[i].estimate, lists: rows[i].lists, strata: rows[i].strata } : {}),
  }));
  return { items, total, page: params.page, pageSize: params.pageSize };
}

/** One of the estimates the decision opens (its grants' rows: the organisation's own). */
export async function loadEstimate(tx: AccessTx, decision: Decision, id: string) {
  const row = await tx.db
    .selectFrom('estimates')
    .selectAll()
    .where('id', '=', id)
    .where((eb) => decision.where(eb))
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

export async function getEstimate(tx: AccessTx, id: string) {
  const decision = await tx.authorize('read', 'estimate');
  const row = await loadEstimate(tx, decision, id);
  let reproduces: boolean | undefined;
  if (row.rerun_of && row.status === 'done') {
    const original = await loadEstimate(tx, decision, row.rerun_of);
    if (original.status === 'done')
      reproduces =
        JSON.stringify(numbersOf(original.result as EstimateDocument)) ===
        JSON.stringify(numbersOf(row.result as EstimateDocument));
  }
  const { org_id: _org, ...rest } = row;
  return tx.disclose(decision, [{ ...rest, ...(reproduces === undefined ? {} : { reproduces }) }])[0];
}

/** Runs a stored estimate again from its stored input and settings; the new result says whether it matches. */
export async function rerunEstimate(ctx: EstimateContext, id: string) {
  const prepared = await ctx.access(async (tx) => {
    const decision = await tx.authorize('create', 'estimate');
    const row = await loadEstimate(tx, decision, id);
    if (row.status !== 'done')
      throw conflict(
        label(
          'Alleen een afgeronde schatting kan opnieuw worden gedraaid',
          'Only a finished estimate can be re-run',
        ),
      );
    return {
      name: row.name,
      source: row.source,
      roundId: row.round_id,
      rerunOf: row.id,
      input: row.input as StoredInput,
      settings: row.settings as EstimateSettings,
    } satisfies Prepared;
  });
  return startEstimate(ctx, prepared);
}

/** The capture table of a linked round the analyst's organisation opened. */
async function linkedRoundTable(tx: AccessTx, roundId: string): Promise<StoredInput> {
  const round = await tx.db
    .selectFrom('estimation_rounds')
    .select(['status', 'capture_table'])
    .where('id', '=', roundId)
    .where('org_id', '=', tx.actor.orgId)
    .executeTakeFirst();
  if (!round) throw new NotFound('Schattingsronde niet gevonden / Estimation round not found');
  if (round.status !== 'linked' || !round.capture_table)
    throw conflict(
      label(
        'De ronde is nog niet gekoppeld; er is nog geen tabel',
        'The round is not linked yet; there is no table',
      ),
    );
  return round.capture_table as StoredInput;
}

/** A finished estimate for export; the export itself is recorded in the audit chain. */
export async function estimateForExport(tx: AccessTx, id: string, format: string) {
  const decision = await tx.authorize('export', 'estimate');
  const row = await loadEstimate(tx, decision, id);
  if (row.status !== 'done')
    throw conflict(label('De schatting is nog niet klaar', 'The estimate is not finished yet'));
  tx.record(decision, [id], ['result'], `export ${format}`);
  return {
    id: row.id,
    name: row.name,
    createdAt: row.created_at,
    source: row.source,
    input: row.input,
    settings: row.settings,
    result: row.result,
  } satisfies StoredEstimate;
}
