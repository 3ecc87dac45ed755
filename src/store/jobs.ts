import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Store } from './connect.ts';

/**
 * Durable jobs (retention, crawls, imports) in PostgreSQL, so a restart loses none. Any number of
 * processes may run a worker on one database: a worker claims a due job with FOR UPDATE SKIP LOCKED
 * and a lease stamped with its id, renews the lease while the job runs (heartbeat), and a job whose
 * worker died is claimed again when its lease runs out. Failures retry with exponential backoff up to
 * max_attempts. Periodic jobs are scheduled in one way only: `src/store/scheduler.ts`.
 */
export interface Job<P = unknown> {
  id: string;
  kind: string;
  payload: P;
  attempts: number;
}

export type JobHandler = (job: Job, store: Store) => Promise<void>;

/** This process's worker id; several workers in one process (tests) pass their own. */
export const PROCESS_WORKER_ID = `${process.pid}-${randomUUID().slice(0, 8)}`;

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
  workerId = PROCESS_WORKER_ID,
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
        locked_by: workerId,
      })
      .where('id', '=', due.id)
      .execute();
    return { id: String(due.id), kind: due.kind, payload: due.payload, attempts: due.attempts + 1 };
  });
}

/**
 * Extends the lease of a running job; false when this worker no longer holds it (the lease ran out
 * and another worker took the job over), so the caller can tell.
 */
export async function renewLease(
  store: Store,
  id: string,
  leaseSeconds: number,
  workerId = PROCESS_WORKER_ID,
): Promise<boolean> {
  const result = await store.db
    .updateTable('jobs')
    .set({ locked_until: new Date(Date.now() + leaseSeconds * 1000) })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('locked_by', '=', workerId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function completeJob(store: Store, id: string, workerId = PROCESS_WORKER_ID): Promise<void> {
  await store.db
    .updateTable('jobs')
    .set({ status: 'done', finished_at: new Date(), locked_until: null })
    .where('id', '=', id)
    .where('locked_by', '=', workerId)
    .execute();
}

export async function failJob(
  store: Store,
  job: Job,
  error: unknown,
  workerId = PROCESS_WORKER_ID,
): Promise<void> {
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
    .where('locked_by', '=', workerId)
    .execute();
}

export interface WorkerOptions {
  /** How often an idle worker looks for due jobs. */
  intervalMs?: number;
  /** Jobs of one kind this worker runs at once; kinds not named run one at a time. */
  concurrency?: Record<string, number>;
  /** The lease a job gets; renewed every third of it while the job runs. */
  leaseSeconds?: number;
  workerId?: string;
  /** Called after each job with its outcome (metrics). */
  onFinished?: (job: Job, outcome: 'done' | 'failed', ms: number) => void;
}

/** Runs one claimed job: the handler under a renewed lease, then done or failed. */
async function runClaimed(
  store: Store,
  handler: JobHandler,
  job: Job,
  options: Required<Pick<WorkerOptions, 'leaseSeconds' | 'workerId'>> & Pick<WorkerOptions, 'onFinished'>,
): Promise<void> {
  const started = Date.now();
  const heartbeat = setInterval(
    () => void renewLease(store, job.id, options.leaseSeconds, options.workerId).catch(() => false),
    (options.leaseSeconds * 1000) / 3,
  );
  try {
    await handler(job, store);
    clearInterval(heartbeat);
    await completeJob(store, job.id, options.workerId);
    options.onFinished?.(job, 'done', Date.now() - started);
  } catch (error) {
    clearInterval(heartbeat);
    await failJob(store, job, error, options.workerId);
    options.onFinished?.(job, 'failed', Date.now() - started);
  }
}

/** Runs every due job of the given kinds once, one after the other; returns how many ran (tests, CLI). */
export async function runDueJobs(
  store: Store,
  handlers: Record<string, JobHandler>,
  limit = 50,
  options: Pick<WorkerOptions, 'leaseSeconds' | 'workerId'> = {},
): Promise<number> {
  const leaseSeconds = options.leaseSeconds ?? 300;
  const workerId = options.workerId ?? PROCESS_WORKER_ID;
  let ran = 0;
  while (ran < limit) {
    const job = await claimJob(store, Object.keys(handlers), leaseSeconds, workerId);
    if (!job) break;
    await runClaimed(store, handlers[job.kind], job, { leaseSeconds, workerId });
    ran++;
  }
  return ran;
}

/**
 * Polls for due jobs until stopped, running up to `concurrency[kind]` jobs of each kind at once
 * (a long crawl no longer holds up retention or a bootstrap). Safe to run in every process.
 */
export function startJobWorker(
  store: Store,
  handlers: Record<string, JobHandler>,
  options: WorkerOptions | number = {},
): () => Promise<void> {
  const opts = typeof options === 'number' ? { intervalMs: options } : options;
  const intervalMs = opts.intervalMs ?? 5000;
  const leaseSeconds = opts.leaseSeconds ?? 300;
  const workerId = opts.workerId ?? PROCESS_WORKER_ID;
  const limitOf = (kind: string) => Math.max(1, opts.concurrency?.[kind] ?? 1);
  const running = new Map<string, number>();
  const inFlight = new Set<Promise<void>>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let filling: Promise<void> | null = null;
  let again = false;

  const freeKinds = () => Object.keys(handlers).filter((kind) => (running.get(kind) ?? 0) < limitOf(kind));
  const start = (job: Job) => {
    running.set(job.kind, (running.get(job.kind) ?? 0) + 1);
    const run: Promise<void> = runClaimed(store, handlers[job.kind], job, {
      leaseSeconds,
      workerId,
      onFinished: opts.onFinished,
    })
      .catch(() => {})
      .finally(() => {
        running.set(job.kind, (running.get(job.kind) ?? 1) - 1);
        inFlight.delete(run);
        fill(); // a slot is free: look again now rather than at the next tick
      });
    inFlight.add(run);
  };
  // Claims due jobs while some kind has a free slot. One claiming loop at a time, so the slots hold.
  const fill = () => {
    if (stopped) return;
    if (filling) {
      again = true;
      return;
    }
    clearTimeout(timer);
    filling = (async () => {
      do {
        again = false;
        while (!stopped) {
          const job = await claimJob(store, freeKinds(), leaseSeconds, workerId).catch(() => null);
          if (!job) break;
          start(job);
        }
      } while (again && !stopped);
    })().finally(() => {
      filling = null;
      if (!stopped) timer = setTimeout(fill, intervalMs);
    });
  };
  timer = setTimeout(fill, intervalMs);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await filling;
    await Promise.all(inFlight);
    clearTimeout(timer);
  };
}
