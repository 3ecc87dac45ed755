import { sql } from 'kysely';
import type { Store } from './connect.ts';

/**
 * Durable jobs (retention, crawls, imports) in PostgreSQL, so a restart loses none. A worker claims
 * a due job with FOR UPDATE SKIP LOCKED and a lease; a job whose worker died is claimed again when
 * its lease runs out. Failures retry with exponential backoff up to max_attempts.
 */
export interface Job<P = unknown> {
  id: string;
  kind: string;
  payload: P;
  attempts: number;
}

export type JobHandler = (job: Job, store: Store) => Promise<void>;

export async function enqueueJob(
  store: Pick<Store, 'db'>,
  kind: string,
  payload: unknown,
  options: { runAt?: Date; maxAttempts?: number } = {},
): Promise<string> {
  const row = await store.db
    .insertInto('jobs')
    .values({
      kind,
      payload: JSON.stringify(payload),
      run_at: options.runAt ?? new Date(),
      max_attempts: options.maxAttempts ?? 5,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return String(row.id);
}

export async function claimJob(
  store: Store,
  kinds: readonly string[],
  leaseSeconds = 300,
): Promise<Job | null> {
  if (kinds.length === 0) return null;
  return store.db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('jobs')
      .select(['id', 'kind', 'payload', 'attempts'])
      .where('kind', 'in', kinds)
      .where('run_at', '<=', new Date())
      .where((eb) =>
        eb.or([
          eb('status', '=', 'queued'),
          eb.and([eb('status', '=', 'running'), eb('locked_until', '<', new Date())]),
        ]),
      )
      .orderBy('run_at')
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!due) return null;
    await trx
      .updateTable('jobs')
      .set({
        status: 'running',
        attempts: sql`attempts + 1`,
        locked_until: new Date(Date.now() + leaseSeconds * 1000),
      })
      .where('id', '=', due.id)
      .execute();
    return { id: String(due.id), kind: due.kind, payload: due.payload, attempts: due.attempts + 1 };
  });
}

export async function completeJob(store: Store, id: string): Promise<void> {
  await store.db
    .updateTable('jobs')
    .set({ status: 'done', finished_at: new Date(), locked_until: null })
    .where('id', '=', id)
    .execute();
}

export async function failJob(store: Store, job: Job, error: unknown): Promise<void> {
  const row = await store.db
    .selectFrom('jobs')
    .select('max_attempts')
    .where('id', '=', job.id)
    .executeTakeFirstOrThrow();
  const final = job.attempts >= row.max_attempts;
  const backoffSeconds = Math.min(3600, 2 ** job.attempts * 5);
  await store.db
    .updateTable('jobs')
    .set({
      status: final ? 'failed' : 'queued',
      // Only the message: a job's error must not carry the personal data it was processing.
      last_error: (error instanceof Error ? error.message : String(error)).slice(0, 500),
      run_at: new Date(Date.now() + backoffSeconds * 1000),
      locked_until: null,
      finished_at: final ? new Date() : null,
    })
    .where('id', '=', job.id)
    .execute();
}

/** Runs every due job of the given kinds once; returns how many ran. The server calls it on a timer. */
export async function runDueJobs(
  store: Store,
  handlers: Record<string, JobHandler>,
  limit = 50,
): Promise<number> {
  let ran = 0;
  while (ran < limit) {
    const job = await claimJob(store, Object.keys(handlers));
    if (!job) break;
    try {
      await handlers[job.kind](job, store);
      await completeJob(store, job.id);
    } catch (error) {
      await failJob(store, job, error);
    }
    ran++;
  }
  return ran;
}

/** Polls for due jobs until stopped. */
export function startJobWorker(
  store: Store,
  handlers: Record<string, JobHandler>,
  intervalMs = 5000,
): () => Promise<void> {
  let stopped = false;
  let current: Promise<unknown> = Promise.resolve();
  const tick = () => {
    if (stopped) return;
    current = runDueJobs(store, handlers)
      .catch(() => 0)
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  let timer = setTimeout(tick, intervalMs);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await current;
  };
}
