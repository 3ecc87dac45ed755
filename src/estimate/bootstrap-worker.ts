import { parentPort, workerData } from 'node:worker_threads';
import { replicateTotals } from './bootstrap.ts';
import type { Procedure } from './procedure.ts';

interface Job {
  lists: string[];
  counts: number[];
  procedure: Procedure;
  seed: number;
  from: number;
  to: number;
}

const job = workerData as Job;
let pending = 0;
const totals = replicateTotals(
  { lists: job.lists, counts: Float64Array.from(job.counts) },
  job.procedure,
  job.seed,
  job.from,
  job.to,
  () => {
    pending++;
    if (pending === 5) {
      parentPort?.postMessage({ progress: pending });
      pending = 0;
    }
  },
);
if (pending > 0) parentPort?.postMessage({ progress: pending });
parentPort?.postMessage({ totals: Array.from(totals) });
