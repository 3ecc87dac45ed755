import { sql } from 'kysely';
import type { Store } from './connect.ts';
import type { JobHandler } from './jobs.ts';

/**
 * The one way to run work periodically (daily retention and the like), safe with any number of
 * processes on one database. Each periodic kind is a singleton: at most one queued run (a unique
 * index, migration 0090), so two servers starting at once, or a run that queues the next, never
 * double a schedule. A run first queues its successor and is not retried itself: if it fails, the
 * next run is the retry, and the chain of runs never breaks.
 */
export interface PeriodicJob {
  kind: string;
  everyMs: number;
  run: (store: Store) => Promise<void>;
}

/** Queues a run of `kind` at `runAt` unless one is already queued; true when this call queued it. */
export async function enqueueSingleton(
  store: Pick<Store, 'db'>,
  kind: string,
  runAt: Date,
): Promise<boolean> {
  const result = await sql`
    INSERT INTO jobs (kind, payload, run_at, max_attempts, singleton_key)
    VALUES (${kind}, '{}'::jsonb, ${runAt}, 1, ${kind})
    ON CONFLICT (singleton_key) WHERE status = 'queued' AND singleton_key IS NOT NULL DO NOTHING`.execute(
    store.db,
  );
  return Number(result.numAffectedRows ?? 0) === 1;
}

/** The job handlers of periodic jobs, for the worker. */
export function periodicHandlers(jobs: readonly PeriodicJob[]): Record<string, JobHandler> {
  return Object.fromEntries(
    jobs.map((job) => [
      job.kind,
      async (_claimed, store) => {
        await enqueueSingleton(store, job.kind, new Date(Date.now() + job.everyMs));
        await job.run(store);
      },
    ]),
  );
}

/** At start: queues a first run now for every periodic job that has none queued or running. */
export async function schedulePeriodic(
  store: Pick<Store, 'db'>,
  jobs: readonly PeriodicJob[],
): Promise<void> {
  for (const job of jobs) {
    const open = await store.db
      .selectFrom('jobs')
      .select('id')
      .where('kind', '=', job.kind)
      .where('status', 'in', ['queued', 'running'])
      .executeTakeFirst();
    if (!open) await enqueueSingleton(store, job.kind, new Date());
  }
}
