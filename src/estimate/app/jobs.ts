import { withSystem } from '../../access/context.ts';
import { linkEncodedLists, parseEncodedList } from '../../linkage/index.ts';
import type { Store } from '../../store/connect.ts';
import type { Job, JobHandler } from '../../store/jobs.ts';
import type { StoredInput } from './input.ts';
import { LINK_JOB } from './rounds.ts';
import { completeSettings, type EstimateSettings } from './run.ts';
import { runEstimateOffThread } from './run-thread.ts';
import { insertEstimate, type Lang, RUN_JOB } from './service.ts';

/** The estimate a linked round gets at once; the analyst can try other methods on its table afterwards. */
export const ROUND_DEFAULT_SETTINGS: EstimateSettings = { select: 'stepwise-csv', ci: 'profile' };

/** Progress is written at most this often, so a long bootstrap does not flood the database. */
const PROGRESS_INTERVAL_MS = 500;

async function runStoredEstimate(job: Job, store: Store): Promise<void> {
  const { id, lang } = job.payload as { id: string; lang?: Lang };
  const row = await store.db
    .selectFrom('estimates')
    .select(['input', 'settings', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || row.status === 'done' || row.status === 'failed') return;
  await store.db
    .updateTable('estimates')
    .set({ status: 'running', progress_done: 0 })
    .where('id', '=', id)
    .execute();
  let last = 0;
  let writing: Promise<unknown> = Promise.resolve();
  const onProgress = (done: number) => {
    const now = Date.now();
    if (now - last < PROGRESS_INTERVAL_MS) return;
    last = now;
    writing = writing.then(() =>
      store.db.updateTable('estimates').set({ progress_done: done }).where('id', '=', id).execute(),
    );
  };
  try {
    const document = await runEstimateOffThread(row.input as StoredInput, row.settings as EstimateSettings, {
      lang,
      onProgress,
    });
    await writing;
    await store.db
      .updateTable('estimates')
      .set({
        status: 'done',
        result: JSON.stringify(document),
        progress_done: (eb) => eb.ref('progress_total'),
        finished_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
  } catch (error) {
    await writing;
    // Bad settings never get better on a retry; anything else is retried by the queue until its last attempt.
    const final = job.attempts >= 3 || (error as { nl?: string }).nl !== undefined;
    if (!final) throw error;
    await store.db
      .updateTable('estimates')
      .set({ status: 'failed', error: (error as Error).message.slice(0, 500), finished_at: new Date() })
      .where('id', '=', id)
      .execute();
  }
}

/**
 * Links a complete round: reads the encodings as owner (no request can), builds the capture-pattern table,
 * deletes the encodings (they have served their purpose), and stores a first estimate for the analyst.
 */
async function linkRound(job: Job, store: Store): Promise<void> {
  const { roundId, lang } = job.payload as { roundId: string; lang?: Lang };
  const round = await store.db
    .selectFrom('estimation_rounds')
    .select(['id', 'org_id', 'name', 'status', 'threshold', 'strata'])
    .where('id', '=', roundId)
    .executeTakeFirst();
  if (!round || round.status === 'linked') return;
  const encodings = await store.db
    .selectFrom('estimation_round_lists as l')
    .leftJoin('estimation_round_encodings as e', (join) =>
      join.onRef('e.round_id', '=', 'l.round_id').onRef('e.list', '=', 'l.list'),
    )
    .select(['l.list', 'e.data'])
    .where('l.round_id', '=', roundId)
    .orderBy('l.position')
    .execute();
  if (encodings.some((e) => e.data === null)) return;
  await store.db
    .updateTable('estimation_rounds')
    .set({ status: 'linking' })
    .where('id', '=', roundId)
    .execute();
  let input: StoredInput;
  let clusters: number;
  try {
    const outcome = linkEncodedLists(
      encodings.map((e) => parseEncodedList(e.data ?? '', e.list)),
      round.threshold === null ? {} : { threshold: round.threshold },
    );
    clusters = outcome.clusters;
    input = {
      lists: outcome.lists,
      strata: outcome.strata,
      rows: outcome.table
        .filter((r) => r.count > 0)
        .map((r) => ({ pattern: r.pattern, count: r.count, ...(r.stratum ? { stratum: r.stratum } : {}) })),
    };
  } catch (error) {
    await store.db
      .updateTable('estimation_rounds')
      .set({ status: 'failed', error: (error as Error).message.slice(0, 500) })
      .where('id', '=', roundId)
      .execute();
    return;
  }
  const settings = completeSettings(ROUND_DEFAULT_SETTINGS);
  const document = await runEstimateOffThread(input, settings, { lang });
  await withSystem(store, 'system:jobs', async (db, audit) => {
    await db
      .updateTable('estimation_rounds')
      .set({
        status: 'linked',
        capture_table: JSON.stringify(input),
        clusters,
        linked_at: new Date(),
        error: null,
      })
      .where('id', '=', roundId)
      .execute();
    await db.deleteFrom('estimation_round_encodings').where('round_id', '=', roundId).execute();
    const estimateId = await insertEstimate(
      db,
      { orgId: round.org_id, userId: null },
      {
        name: round.name,
        source: 'round',
        roundId,
        rerunOf: null,
        input,
        settings,
      },
      { status: 'done', total: 0, document },
    );
    audit({
      userId: null,
      orgId: round.org_id,
      purpose: 'statistics',
      action: 'link',
      resource: 'estimation_round',
      recordIds: [roundId, estimateId],
      fields: ['encodings'],
      result: 'allowed',
      reason: 'encoded lists linked into a capture table and deleted',
    });
  });
}

export const estimateJobHandlers: Record<string, JobHandler> = {
  [RUN_JOB]: runStoredEstimate,
  [LINK_JOB]: linkRound,
};
