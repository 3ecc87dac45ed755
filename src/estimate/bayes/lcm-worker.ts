import { parentPort, workerData } from 'node:worker_threads';
import { type ChainSettings, runChain } from './lcm-chain.ts';

interface Job {
  lists: string[];
  counts: number[];
  chain: ChainSettings;
  /** Already mixed with the chain's index, so a chain gives the same draws on a worker as inline. */
  seed: number;
}

const job = workerData as Job;
const out = runChain({ lists: job.lists, counts: Float64Array.from(job.counts) }, job.chain, job.seed, (n) =>
  parentPort?.postMessage({ progress: n }),
);
parentPort?.postMessage({ totals: Array.from(out.totals), occupied: out.occupied });
