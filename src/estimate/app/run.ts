import { LCM_DEFAULTS, lcmIterations } from '../bayes/lcm.ts';
import { WARMUP } from '../bayes/lcm-chain.ts';
import {
  type EstimateOptions,
  type EstimateResult,
  estimate,
  type Trend,
  trendAcrossYears,
} from '../index.ts';
import { type StoredInput, tablesOf } from './input.ts';

/** The method an analyst picks: the engine's own options, stored with the input so the result can be reproduced. */
export type EstimateSettings = Pick<
  EstimateOptions,
  | 'model'
  | 'select'
  | 'maxOrder'
  | 'pthresh'
  | 'ci'
  | 'level'
  | 'bootstrap'
  | 'seed'
  | 'average'
  | 'method'
  | 'delta'
  | 'nPrior'
  | 'K'
  | 'burnin'
  | 'samples'
  | 'thin'
  | 'chains'
>;

export interface StratumResult {
  label: string;
  key: Record<string, string>;
  result: EstimateResult;
}

/** What a stored estimate holds as its result. */
export interface EstimateDocument {
  overall: EstimateResult;
  strata: StratumResult[];
  /** One estimate per year when `year` is a stratum (equal to `strata` when it is the only one). */
  years: StratumResult[];
  trend: Trend | null;
}

/** Bootstrap work above this many replicates (over all tables) runs as a durable job, with progress. */
export const INLINE_BOOTSTRAP_REPLICATES = 200;

/** Settings with every default filled in, so that a re-run never depends on a changed default. */
export function completeSettings(settings: EstimateSettings): EstimateSettings {
  const ci = settings.ci ?? 'profile';
  return {
    ...(settings.select ? { select: settings.select } : { model: settings.model ?? '' }),
    ...(settings.maxOrder !== undefined ? { maxOrder: settings.maxOrder } : {}),
    ...(settings.select === 'stepwise-csv' ? { pthresh: settings.pthresh ?? 0.02 } : {}),
    ci,
    level: settings.level ?? 0.95,
    ...(ci === 'bootstrap' ? { bootstrap: settings.bootstrap ?? 1000, seed: settings.seed ?? 1 } : {}),
    average: settings.average ?? false,
    ...bayesSettings(settings),
  };
}

/** The Bayesian methods' settings with their defaults (δ stays open: its default, 2^−lists, follows the table). */
function bayesSettings(settings: EstimateSettings): EstimateSettings {
  const method = settings.method ?? 'loglinear';
  if (method === 'loglinear') return {};
  const dga = method === 'dga' || method === 'all';
  const lcm = method === 'lcm' || method === 'all';
  return {
    method,
    ...(dga
      ? { nPrior: settings.nPrior ?? 'reciprocal', ...(settings.delta ? { delta: settings.delta } : {}) }
      : {}),
    ...(lcm
      ? {
          K: settings.K ?? LCM_DEFAULTS.K,
          burnin: settings.burnin ?? LCM_DEFAULTS.burnin,
          samples: settings.samples ?? LCM_DEFAULTS.samples,
          thin: settings.thin ?? LCM_DEFAULTS.thin,
          chains: settings.chains ?? LCM_DEFAULTS.chains,
          seed: settings.seed ?? LCM_DEFAULTS.seed,
        }
      : {}),
  };
}

/** Latent-class sampler iterations to run in all (0 unless the method is lcm or all). */
export function samplerWork(input: StoredInput, settings: EstimateSettings): number {
  if (settings.method !== 'lcm' && settings.method !== 'all') return 0;
  const { strata } = tablesOf(input);
  const tables = 1 + strata.length + (yearTables(input)?.length ?? 0);
  return tables * (lcmIterations(settings) - WARMUP) * (settings.chains ?? LCM_DEFAULTS.chains);
}

/** Sampler iterations above this (over all tables and chains) run as a durable job, as long bootstraps do. */
export const INLINE_SAMPLER_ITERATIONS = 200_000;

/** Whether an estimate takes long enough to run as a job rather than within the request. */
export function runsAsJob(input: StoredInput, settings: EstimateSettings): boolean {
  return (
    bootstrapWork(input, settings) > INLINE_BOOTSTRAP_REPLICATES ||
    samplerWork(input, settings) > INLINE_SAMPLER_ITERATIONS
  );
}

function yearTables(input: StoredInput) {
  if (!input.strata.includes('year') || input.strata.length === 1) return null;
  return tablesOf({
    lists: input.lists,
    strata: ['year'],
    rows: input.rows.map((r) => ({ ...r, stratum: { year: r.stratum?.year ?? '?' } })),
  }).strata;
}

/** Replicates to run in all (0 without bootstrap): the measure of how long an estimate takes. */
export function bootstrapWork(input: StoredInput, settings: EstimateSettings): number {
  if (settings.ci !== 'bootstrap') return 0;
  const { strata } = tablesOf(input);
  const tables = 1 + strata.length + (yearTables(input)?.length ?? 0);
  return tables * (settings.bootstrap ?? 1000);
}

export async function runEstimate(
  input: StoredInput,
  settings: EstimateSettings,
  options: { lang?: 'nl' | 'en'; onProgress?: (done: number, total: number) => void } = {},
): Promise<EstimateDocument> {
  const total = bootstrapWork(input, settings) + samplerWork(input, settings);
  const perTable =
    (settings.ci === 'bootstrap' ? (settings.bootstrap ?? 1000) : 0) +
    (settings.method === 'lcm' || settings.method === 'all'
      ? (lcmIterations(settings) - WARMUP) * (settings.chains ?? LCM_DEFAULTS.chains)
      : 0);
  let finished = 0;
  const run = async (table: Parameters<typeof estimate>[0]) => {
    const base = finished;
    const engineOptions: EstimateOptions = {
      ...settings,
      lang: options.lang,
      onProgress: options.onProgress && ((done) => options.onProgress?.(base + done, total)),
    };
    const result = await estimate(table, engineOptions);
    finished += perTable;
    return result;
  };
  const { overall, strata } = tablesOf(input);
  const document: EstimateDocument = { overall: await run(overall), strata: [], years: [], trend: null };
  for (const s of strata) document.strata.push({ label: s.label, key: s.key, result: await run(s.table) });
  const years = yearTables(input);
  if (years) {
    for (const s of years) document.years.push({ label: s.label, key: s.key, result: await run(s.table) });
  } else if (input.strata.includes('year')) {
    document.years = document.strata;
  }
  document.trend =
    document.years.length > 1 ? trendAcrossYears(document.years, 'year', settings.level) : null;
  options.onProgress?.(total, total);
  return document;
}

/** The numbers of a result, without the language-dependent warnings: what a re-run must reproduce. */
export function numbersOf(document: EstimateDocument): unknown {
  const strip = (r: EstimateResult) => ({
    status: r.status,
    estimate: r.estimate,
    model: r.model,
    candidates: r.candidates,
    average: r.average,
  });
  return {
    overall: strip(document.overall),
    strata: document.strata.map((s) => [s.label, strip(s.result)]),
    years: document.years.map((s) => [s.label, strip(s.result)]),
    trend: document.trend,
  };
}
