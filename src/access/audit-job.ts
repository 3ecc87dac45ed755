import type { Store } from '../store/connect.ts';
import type { JobHandler } from '../store/jobs.ts';
import { type PeriodicJob, periodicHandlers, schedulePeriodic } from '../store/scheduler.ts';
import { verifyAuditChain } from './audit.ts';

export const AUDIT_CHECKPOINT_JOB = 'audit.checkpoint';

/**
 * Daily: verify the chain and, when intact, append a signed checkpoint of the head to the checkpoint
 * folder, so truncation later than a day is seen even if nobody runs `audit verify`. A broken chain
 * writes no checkpoint and fails the job (visible in the jobs table and /metrics).
 */
export const auditCheckpointJob: PeriodicJob = {
  kind: AUDIT_CHECKPOINT_JOB,
  everyMs: 86_400_000,
  run: async (store) => {
    const result = await verifyAuditChain(store.db, { checkpoint: true });
    if (!result.ok) throw new Error(`audit chain broken at entry ${result.brokenAt}: ${result.reason}`);
  },
};

export const auditJobHandlers: Record<string, JobHandler> = periodicHandlers([auditCheckpointJob]);

export async function scheduleAuditCheckpoints(store: Store): Promise<void> {
  await schedulePeriodic(store, [auditCheckpointJob]);
}
