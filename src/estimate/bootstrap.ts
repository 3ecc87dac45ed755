import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Interval } from './intervals.ts';
import { type Procedure, totalFor } from './procedure.ts';
import { mixSeed, mulberry32, resampleCounts } from './random.ts';
import { pnorm, qnorm, quantileType8 } from './stats.ts';
import type { CaptureTable } from './table.ts';

// Compiled (dist/app, what `npm start` runs) the worker is plain JavaScript beside this file; from source
// (tests, tsx) it is TypeScript and needs tsx's loader registered in the worker first.
const COMPILED = import.meta.url.endsWith('.js');
const WORKER_URL = new URL(COMPILED ? './bootstrap-worker.js' : './bootstrap-worker.ts', import.meta.url);

export interface BootstrapOptions {
  replicates: number;
  seed: number;
  level: number;
  /** Worker threads; default adaptive (two when the work is long enough to pay for starting them). */
  workers?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface BootstrapResult {
  interval: Interval;
  /** Replicates where no model gave a number (left out of the interval). */
  failed: number;
  acceleration: number;
  biasCorrection: number;
  replicates: Float64Array;
}

/** Replicate totals for indices [from, to): multinomial resampling, the whole procedure redone each time. */
export function replicateTotals(
  table: CaptureTable,
  procedure: Procedure,
  seed: number,
  from: number,
  to: number,
  onEach?: () => void,
): Float64Array {
  const out = new Float64Array(to - from);
  for (let j = from; j < to; j++) {
    const counts = resampleCounts(table.counts, mulberry32(mixSeed(seed, j)));
    out[j - from] = totalFor({ lists: table.lists, counts }, procedure);
    onEach?.();
  }
  return out;
}

/**
 * BCa bootstrap (Chan, Silverman & Vincent 2021, as SparseMSE's estimatepopulation): bias correction from the share
 * of replicates below the estimate, acceleration from the jackknife — leaving out one person, which gives the same
 * table for everyone in a cell, so one refit per non-empty cell weighted by its count.
 */
export async function bootstrapInterval(
  table: CaptureTable,
  procedure: Procedure,
  estimate: number,
  options: BootstrapOptions,
): Promise<BootstrapResult> {
  const all = await runReplicates(table, procedure, options);
  const ok = Float64Array.from(all.filter((v) => Number.isFinite(v))).sort();
  const acceleration = jackknifeAcceleration(table, procedure);
  let below = 0;
  for (const v of ok) if (v < estimate) below++;
  const z0 = qnorm(below / ok.length);
  const bca = (alpha: number) => {
    const za0 = z0 + qnorm(alpha);
    return quantileType8(ok, pnorm(z0 + za0 / (1 - acceleration * za0)));
  };
  const tail = (1 - options.level) / 2;
  const empty = ok.length === 0;
  return {
    interval: {
      level: options.level,
      lower: empty ? Number.NaN : bca(tail),
      upper: empty ? Number.NaN : bca(1 - tail),
      method: 'bootstrap',
    },
    failed: all.length - ok.length,
    acceleration,
    biasCorrection: z0,
    replicates: all,
  };
}

export function jackknifeAcceleration(table: CaptureTable, procedure: Procedure): number {
  const weights: number[] = [];
  const values: number[] = [];
  for (let c = 1; c < table.counts.length; c++) {
    const nc = table.counts[c];
    if (nc <= 0) continue;
    const counts = Float64Array.from(table.counts);
    counts[c] = nc - 1;
    const v = totalFor({ lists: table.lists, counts }, procedure);
    if (!Number.isFinite(v)) continue;
    weights.push(nc);
    values.push(v);
  }
  const w = weights.reduce((a, b) => a + b, 0);
  const mean = values.reduce((s, v, i) => s + weights[i] * v, 0) / w;
  let num = 0;
  let den = 0;
  values.forEach((v, i) => {
    const r = mean - v;
    num += weights[i] * r ** 3;
    den += weights[i] * r ** 2;
  });
  return den > 0 ? num / (6 * den ** 1.5) : 0;
}

/** Below this projected remaining time, starting worker threads (each loads the code afresh) does not pay. */
const WORKER_THRESHOLD_MS = 1500;

async function runReplicates(
  table: CaptureTable,
  procedure: Procedure,
  options: BootstrapOptions,
): Promise<Float64Array> {
  const total = options.replicates;
  const out = new Float64Array(total);
  let done = 0;
  const tick = () => {
    done++;
    if (options.onProgress && (done % 10 === 0 || done === total)) options.onProgress(done, total);
  };
  let workers = options.workers;
  let from = 0;
  if (workers === undefined) {
    // Adaptive: run a first batch here and go parallel only if the rest would take long.
    const started = performance.now();
    while (from < total && performance.now() - started < 200) {
      out.set(replicateTotals(table, procedure, options.seed, from, from + 1, tick), from);
      from++;
    }
    const perReplicate = (performance.now() - started) / Math.max(from, 1);
    workers = perReplicate * (total - from) > WORKER_THRESHOLD_MS ? Math.min(2, availableParallelism()) : 1;
  }
  workers = Math.max(1, Math.min(workers, total - from));
  if (from >= total) return out;
  if (workers === 1) {
    out.set(replicateTotals(table, procedure, options.seed, from, total, tick), from);
    return out;
  }
  const chunk = Math.ceil((total - from) / workers);
  await Promise.all(
    Array.from({ length: workers }, (_, w) => {
      const start = from + w * chunk;
      const end = Math.min(total, start + chunk);
      return runWorker(table, procedure, options.seed, start, end, tick).then((values) =>
        out.set(values, start),
      );
    }),
  );
  return out;
}

function runWorker(
  table: CaptureTable,
  procedure: Procedure,
  seed: number,
  from: number,
  to: number,
  tick: () => void,
): Promise<Float64Array> {
  // Node 20 does not pass the TypeScript loader on to worker threads: a small plain-JS entry registers tsx in the
  // worker and then loads the TypeScript worker module.
  const workerData = { lists: table.lists, counts: Array.from(table.counts), procedure, seed, from, to };
  const worker = COMPILED
    ? new Worker(WORKER_URL, { workerData })
    : new Worker(
        `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((api) => { api.register(); return import(${JSON.stringify(WORKER_URL.href)}); });`,
        { eval: true, workerData },
      );
  return new Promise((resolve, reject) => {
    worker.on('message', (message: { progress?: number; totals?: number[] }) => {
      if (message.progress) for (let i = 0; i < message.progress; i++) tick();
      if (message.totals) resolve(Float64Array.from(message.totals));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (code !== 0) reject(new Error(`bootstrap worker stopped with code ${code}`));
    });
  });
}
