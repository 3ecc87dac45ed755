import { personalDataHolders } from '../capabilities.ts';
import type { Store } from '../store/connect.ts';
import type { JobHandler } from '../store/jobs.ts';
import type { PeriodicJob } from '../store/scheduler.ts';

/**
 * Applies every capability's retention period (the registry's `personalData.retention`): each removes what
 * is past its own period, audited by itself. `months` overrides every capability's period (operations).
 */
export async function runRetention(
  store: Store,
  options: { now?: Date; months?: number } = {},
): Promise<Record<string, string[]>> {
  const removed: Record<string, string[]> = {};
  for (const { name, personalData } of await personalDataHolders()) {
    removed[name] = (await personalData.retention(store, options)).records;
  }
  return removed;
}

export const RETENTION_JOB = 'privacy.retention';

/** The daily retention run (scheduled through store/scheduler: one queued run, whatever the processes). */
export const retentionJob: PeriodicJob = {
  kind: RETENTION_JOB,
  everyMs: 86_400_000,
  run: async (store) => {
    await runRetention(store);
  },
};

/** A run queued under the kind used before retention went over the registry runs once, and is not re-queued. */
export const legacyRetentionHandlers: Record<string, JobHandler> = {
  'privacy.signal_retention': async (_job, store) => {
    await runRetention(store);
  },
};
