import { withSystem } from '../access/context.ts';
import { latestSizeEstimate } from '../estimate/index.ts';
import { signalFacts } from '../signals/index.ts';
import type { Store } from '../store/connect.ts';
import type { PeriodicJob } from '../store/scheduler.ts';
import './tables.ts';

export const AGGREGATE_JOB = 'monitor.aggregate';

/**
 * Rebuilds the monitor's facts from the signals (one grouped pass, through signals' published interface)
 * and the latest size estimate (through estimate's). Daily, and on demand (tests, the CLI). One
 * transaction: a page view sees yesterday's facts or today's, never half.
 */
export async function refreshAggregates(store: Store): Promise<{ facts: number }> {
  return withSystem(store, 'system:jobs', async (db) => {
    const facts = await signalFacts(db);
    const estimate = await latestSizeEstimate(db);
    await db.deleteFrom('monitor_signal_facts').execute();
    for (let i = 0; i < facts.length; i += 1000) {
      await db
        .insertInto('monitor_signal_facts')
        .values(
          facts.slice(i, i + 1000).map((f) => ({
            month: f.month,
            channel: f.channel,
            form: f.form,
            municipality: f.municipality,
            minor: f.minor,
            signals: f.signals,
            routed: f.routed,
            accepted: f.accepted,
            routed_within_sla: f.routedWithinSla,
            routing_hours: f.routingHours,
            acceptance_hours: f.acceptanceHours,
          })),
        )
        .execute();
    }
    await db.deleteFrom('monitor_snapshots').where('name', '=', 'size_estimate').execute();
    if (estimate) {
      await db
        .insertInto('monitor_snapshots')
        .values({ name: 'size_estimate', value: JSON.stringify(estimate) })
        .execute();
    }
    return { facts: facts.length };
  });
}

export const monitorAggregateJob: PeriodicJob = {
  kind: AGGREGATE_JOB,
  everyMs: 86_400_000,
  run: async (store) => {
    await refreshAggregates(store);
  },
};
