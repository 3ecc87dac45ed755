import { Worker } from 'node:worker_threads';
import { mixSeed } from '../random.ts';
import { type CaptureTable, EstimateInputError, observedTotal } from '../table.ts';
import { checkNoEmptyList } from './dga.ts';
import { effectiveSize, splitRhat } from './diagnostics.ts';
import { type ChainOutput, type ChainSettings, runChain, WARMUP } from './lcm-chain.ts';
import {
  type BayesInterval,
  levelKey,
  type PosteriorSummary,
  quantileLevels,
  sampleQuantile,
} from './posterior.ts';

/** Latent-class capture–recapture (Manrique-Vallier 2016, R's `LCMCR::lcmCR`), over several chains. */

export interface LcmOptions {
  K?: number;
  aAlpha?: number;
  bAlpha?: number;
  burnin?: number;
  samples?: number;
  thin?: number;
  seed?: number;
  chains?: number;
  level?: number;
  /** Run the chains on worker threads; default when there are ≥ 2 chains of ≥ 100 000 iterations. */
  workers?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export const LCM_DEFAULTS = {
  K: 10,
  aAlpha: 0.25,
  bAlpha: 0.25,
  burnin: 50000,
  samples: 10000,
  thin: 100,
  seed: 1,
  chains: 2,
} as const;

export interface LcmResult {
  total: number;
  unobserved: number;
  ci: BayesInterval;
  posterior: PosteriorSummary;
  diagnostics: {
    chains: number;
    /** Effective sample size of N summed over chains, and R-hat (split) of N. */
    ess: number;
    rhat: number;
    perChain: Array<{ median: number; ess: number; occupiedClasses: number }>;
    /** False when R-hat > 1.05 or the chains' medians differ by more than 5 %. */
    agree: boolean;
  };
  settings: Required<Omit<LcmOptions, 'level' | 'workers' | 'onProgress'>>;
  warnings: Array<{ nl: string; en: string }>;
  /** Quantiles 0.01…0.99 of the pooled draws (for charts). */
  distribution: { p: number[]; total: number[] };
}

const WORKER_ITERATIONS = 100_000;
const TSX_API = import.meta.resolve('tsx/esm/api');
const WORKER_URL = new URL('./lcm-worker.ts', import.meta.url).href;

function integerSetting(name: string, value: number | undefined, min: number, max: number): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < min || value > max)
    throw new EstimateInputError(
      `${name} ${value}: moet een geheel getal van ${min} tot ${max} zijn`,
      `${name} ${value}: must be a whole number from ${min} to ${max}`,
    );
}

export function checkLcmOptions(options: LcmOptions): void {
  integerSetting('K', options.K, 1, 100);
  integerSetting('burnin', options.burnin, 0, 1e9);
  integerSetting('samples', options.samples, 10, 1e7);
  integerSetting('thin', options.thin, 1, 1e6);
  integerSetting('chains', options.chains, 1, 16);
  if (options.seed !== undefined && !Number.isSafeInteger(options.seed))
    throw new EstimateInputError(
      `seed ${options.seed}: moet een geheel getal zijn`,
      `seed ${options.seed}: must be a whole number`,
    );
  for (const [name, v] of [
    ['aAlpha', options.aAlpha],
    ['bAlpha', options.bAlpha],
  ] as const)
    if (v !== undefined && !(Number.isFinite(v) && v > 0))
      throw new EstimateInputError(`${name} ${v}: moet > 0 zijn`, `${name} ${v}: must be > 0`);
}

/** The sampler's iterations per chain (warm-up, burn-in and kept × thinning). */
export function lcmIterations(options: LcmOptions): number {
  const s = { ...LCM_DEFAULTS, ...definedOnly(options) };
  return WARMUP + s.burnin + s.samples * s.thin;
}

export async function lcmEstimate(table: CaptureTable, options: LcmOptions = {}): Promise<LcmResult> {
  checkLcmOptions(options);
  checkNoEmptyList(table);
  const { K, aAlpha, bAlpha, burnin, samples, thin, seed, chains } = {
    ...LCM_DEFAULTS,
    ...definedOnly(options),
  };
  const settings = { K, aAlpha, bAlpha, burnin, samples, thin, seed, chains };
  const chain: ChainSettings = {
    K: settings.K,
    aAlpha: settings.aAlpha,
    bAlpha: settings.bAlpha,
    burnin: settings.burnin,
    samples: settings.samples,
    thin: settings.thin,
  };
  const perChain = lcmIterations(options) - WARMUP;
  const total = perChain * chains;
  let done = 0;
  const tick = (n: number) => {
    done += n;
    options.onProgress?.(done, total);
  };
  const useWorkers = options.workers ?? (chains >= 2 && perChain >= WORKER_ITERATIONS);
  const outputs: ChainOutput[] = useWorkers
    ? await Promise.all(
        Array.from({ length: chains }, (_, c) => runWorker(table, chain, settings.seed, c, tick)),
      )
    : Array.from({ length: chains }, (_, c) => runChain(table, chain, mixSeed(settings.seed, c), tick));
  return summarise(table, outputs, settings, options.level ?? 0.95);
}

function summarise(
  table: CaptureTable,
  outputs: ChainOutput[],
  settings: LcmResult['settings'],
  level: number,
): LcmResult {
  const observed = observedTotal(table);
  const pooled = new Float64Array(outputs.reduce((s, o) => s + o.totals.length, 0));
  let at = 0;
  let mean = 0;
  for (const o of outputs) {
    pooled.set(o.totals, at);
    at += o.totals.length;
    for (const v of o.totals) mean += v;
  }
  mean /= pooled.length;
  pooled.sort();
  const [lowP, , highP] = quantileLevels(level);
  const q = (p: number) => sampleQuantile(pooled, p);
  const median = q(0.5);
  const perChain = outputs.map((o) => ({
    median: sampleQuantile(Float64Array.from(o.totals).sort(), 0.5),
    ess: effectiveSize(o.totals),
    occupiedClasses: o.occupied,
  }));
  const rhat = splitRhat(outputs.map((o) => o.totals));
  const medians = perChain.map((c) => c.median);
  const spread = (Math.max(...medians) - Math.min(...medians)) / median;
  const agree = !(rhat > 1.05) && spread <= 0.05;
  const ess = perChain.reduce((s, c) => s + c.ess, 0);
  const warnings: LcmResult['warnings'] = [];
  if (!agree)
    warnings.push({
      nl: `de ketens zijn het niet eens (R-hat ${rhat.toFixed(3)}, medianen ${medians.map((m) => Math.round(m)).join(' / ')}): langer laten lopen (--burnin, --samples)`,
      en: `the chains disagree (R-hat ${rhat.toFixed(3)}, medians ${medians.map((m) => Math.round(m)).join(' / ')}): run longer (--burnin, --samples)`,
    });
  if (ess < 200)
    warnings.push({
      nl: `weinig effectieve trekkingen (${Math.round(ess)}): meer --samples of --thin`,
      en: `few effective draws (${Math.round(ess)}): more --samples or --thin`,
    });
  if (perChain.some((c) => c.occupiedClasses > settings.K - 1 && settings.K > 1))
    warnings.push({
      nl: `bijna alle ${settings.K} klassen zijn in gebruik: een grotere K kan nodig zijn`,
      en: `nearly all ${settings.K} classes are in use: a larger K may be needed`,
    });
  const ps = Array.from({ length: 99 }, (_, i) => (i + 1) / 100);
  return {
    total: median,
    unobserved: median - observed,
    ci: { level, lower: q(lowP), upper: q(highP), method: 'posterior' },
    posterior: {
      mean,
      median,
      quantiles: { [levelKey(lowP)]: q(lowP), '0.5': median, [levelKey(highP)]: q(highP) },
    },
    diagnostics: { chains: outputs.length, ess, rhat, perChain, agree },
    settings,
    warnings,
    distribution: { p: ps, total: ps.map(q) },
  };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function runWorker(
  table: CaptureTable,
  chain: ChainSettings,
  seed: number,
  index: number,
  tick: (n: number) => void,
): Promise<ChainOutput> {
  // Node 20 does not pass the TypeScript loader on to worker threads (see bootstrap.ts).
  const entry = `import(${JSON.stringify(TSX_API)}).then((api) => { api.register(); return import(${JSON.stringify(WORKER_URL)}); });`;
  const worker = new Worker(entry, {
    eval: true,
    workerData: { lists: table.lists, counts: Array.from(table.counts), chain, seed: mixSeed(seed, index) },
  });
  return new Promise((resolve, reject) => {
    worker.on('message', (message: { progress?: number; totals?: number[]; occupied?: number }) => {
      if (message.progress) tick(message.progress);
      if (message.totals)
        resolve({ totals: Float64Array.from(message.totals), occupied: message.occupied ?? 0 });
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (code !== 0) reject(new Error(`lcm worker stopped with code ${code}`));
    });
  });
}
