import { estimateByMethod } from './bayes/method.ts';
import type { BayesOptions, BayesResultParts, BayesSettings } from './bayes/types.ts';
import { bootstrapInterval } from './bootstrap.ts';
import type { ModelStatus } from './check.ts';
import { sparsityWarnings, type TableStats, tableStats } from './design.ts';
import { type Interval, profileInterval, waldInterval } from './intervals.ts';
import type { FittedModel } from './model.ts';
import { type Procedure, runProcedure } from './procedure.ts';
import { bicSearch, type SelectionMethod } from './select.ts';
import type { CaptureTable } from './table.ts';
import { parseModel, termName } from './terms.ts';

export type IntervalMethod = 'wald' | 'profile' | 'bootstrap' | 'none';
export type Lang = 'nl' | 'en';

export interface EstimateOptions extends BayesOptions {
  /** A fixed model, e.g. "A:B,B:C" ("" = main effects only). Ignored when `select` is given. */
  model?: string;
  select?: SelectionMethod;
  maxOrder?: number;
  pthresh?: number;
  ci?: IntervalMethod;
  level?: number;
  bootstrap?: number;
  seed?: number;
  /** Also give the BIC-weighted average over all hierarchical models (up to maxOrder). */
  average?: boolean;
  /** Candidate models to report (default 10). */
  keep?: number;
  workers?: number;
  lang?: Lang;
  onProgress?: (done: number, total: number) => void;
}

export interface EstimateResult {
  lists: string[];
  observed: number;
  model: {
    terms: string[];
    negInf: string[];
    /** The numbers below are absent when the model gives no estimate (status ≠ 0). */
    deviance?: number;
    df?: number;
    aic?: number;
    bic?: number;
    coefficients?: Record<string, number>;
    standardErrors?: Record<string, number>;
  } & BayesResultParts['model'];
  status: ModelStatus;
  estimate: ({ total: number; unobserved: number; ci?: Interval } & BayesResultParts['estimate']) | null;
  candidates: Array<{ terms: string[]; negInf: string[]; bic: number; total: number }>;
  average?: {
    total: number;
    models: number;
    weights: Array<{ terms: string[]; weight: number; total: number }>;
  };
  warnings: string[];
  /** `--method all`: the two Bayesian results beside this log-linear one, and how they compare. */
  alternatives?: BayesResultParts['alternatives'];
  comparison?: BayesResultParts['comparison'];
  /** Everything needed to reproduce this result. */
  settings: BayesSettings & {
    select: SelectionMethod | 'fixed' | 'none';
    model?: string;
    maxOrder?: number;
    pthresh?: number;
    ci: IntervalMethod | 'posterior';
    level: number;
    bootstrap?: number;
    seed?: number;
  };
}

const STATUS_TEXT: Record<ModelStatus, [string, string]> = {
  0: ['', ''],
  1: ['de schatting bestaat niet (geen eindige MLE)', 'the estimate does not exist (no finite MLE)'],
  2: ['het model is niet identificeerbaar', 'the model is not identifiable'],
  3: [
    'de schatting bestaat niet en het model is niet identificeerbaar',
    'the estimate does not exist and the model is not identifiable',
  ],
};

export function statusText(status: ModelStatus, lang: Lang): string {
  return STATUS_TEXT[status][lang === 'en' ? 1 : 0];
}

/**
 * Estimates the total population (seen and unseen) from a capture table: log-linear models (default), or with
 * `method` the Bayesian model averaging over decomposable graphs (`dga`), the latent-class model (`lcm`) or all
 * three side by side (`all`, see `bayes/method.ts`).
 */
export async function estimate(table: CaptureTable, options: EstimateOptions = {}): Promise<EstimateResult> {
  if (options.method && options.method !== 'loglinear') return estimateByMethod(table, options, loglinear);
  return loglinear(table, options);
}

async function loglinear(table: CaptureTable, options: EstimateOptions): Promise<EstimateResult> {
  const lang = options.lang ?? 'nl';
  const say = (nl: string, en: string) => (lang === 'en' ? en : nl);
  const level = options.level ?? 0.95;
  const ci = options.ci ?? 'profile';
  const procedure: Procedure = options.select
    ? { select: options.select, pthresh: options.pthresh, maxOrder: options.maxOrder, keep: options.keep }
    : { terms: parseModel(options.model ?? '', table.lists) };
  const { model, candidates, stats } = runProcedure(table, procedure, true);
  const name = (t: number) => termName(t, table.lists);
  const warnings = sparsityWarnings(stats, lang);
  const result: EstimateResult = {
    lists: [...table.lists],
    observed: stats.observed,
    model: describeModel(model, table.lists),
    status: model.status,
    estimate: null,
    candidates: candidates.map((c) => ({
      terms: c.terms.map(name),
      negInf: c.negInf.map(name),
      bic: c.bic,
      total: c.total,
    })),
    warnings,
    settings: {
      select: options.select ?? 'fixed',
      model: options.select ? undefined : (options.model ?? ''),
      maxOrder: options.maxOrder,
      pthresh: options.select === 'stepwise-csv' ? (options.pthresh ?? 0.02) : undefined,
      ci,
      level,
      bootstrap: ci === 'bootstrap' ? (options.bootstrap ?? 1000) : undefined,
      seed: ci === 'bootstrap' ? (options.seed ?? 1) : undefined,
    },
  };
  if (model.negInf.length > 0)
    warnings.push(
      say(
        `termen zonder overlap op −∞ gezet: ${model.negInf.map(name).join(', ')}`,
        `terms without overlap set to −∞: ${model.negInf.map(name).join(', ')}`,
      ),
    );
  if (!model.result) {
    warnings.push(statusText(model.status, lang));
    return result;
  }
  const r = model.result;
  if (!r.converged) warnings.push(say('de fit is niet geconvergeerd', 'the fit did not converge'));
  result.estimate = { total: r.total, unobserved: r.unobserved };
  if (ci === 'wald') result.estimate.ci = waldInterval(stats.observed, r, level);
  if (ci === 'profile') {
    const interval = profileInterval(model.design, r.total, level);
    if (interval.upper === null)
      warnings.push(
        say(
          'bovengrens van het profielinterval ligt boven 3× de schatting',
          'upper profile bound lies above 3× the estimate',
        ),
      );
    result.estimate.ci = interval;
  }
  if (ci === 'bootstrap') {
    const boot = await bootstrapInterval(table, procedure, r.total, {
      replicates: options.bootstrap ?? 1000,
      seed: options.seed ?? 1,
      level,
      workers: options.workers,
      onProgress: options.onProgress,
    });
    result.estimate.ci = boot.interval;
    if (boot.failed > 0)
      warnings.push(
        say(
          `${boot.failed} bootstrapreplicaties gaven geen schatting en zijn weggelaten`,
          `${boot.failed} bootstrap replicates gave no estimate and were left out`,
        ),
      );
  }
  if (options.average) result.average = averageByBic(stats, options.maxOrder, table.lists);
  return result;
}

function describeModel(model: FittedModel, lists: string[]): EstimateResult['model'] {
  const name = (t: number) => (t === 0 ? '(Intercept)' : termName(t, lists));
  const r = model.result;
  if (!r) return { terms: model.terms.map(name), negInf: model.negInf.map(name) };
  const coefficients: Record<string, number> = {};
  const standardErrors: Record<string, number> = {};
  for (const c of r.coefficients) {
    coefficients[name(c.mask)] = c.estimate;
    standardErrors[name(c.mask)] = c.se;
  }
  return {
    terms: model.terms.map(name),
    negInf: model.negInf.map(name),
    deviance: r.deviance,
    df: r.df,
    aic: r.aic,
    bic: r.bic,
    coefficients,
    standardErrors,
  };
}

/** Model averaging over every hierarchical model that gives an estimate, with weights ∝ exp(−ΔBIC/2). */
export function averageByBic(
  stats: TableStats,
  maxOrder: number | undefined,
  lists: string[],
): NonNullable<EstimateResult['average']> {
  const { candidates } = bicSearch(stats, maxOrder, Number.POSITIVE_INFINITY);
  const best = candidates[0]?.bic ?? 0;
  const raw = candidates.map((c) => Math.exp(-(c.bic - best) / 2));
  const sum = raw.reduce((a, b) => a + b, 0);
  const total = candidates.reduce((s, c, i) => s + (raw[i] / sum) * c.total, 0);
  return {
    total,
    models: candidates.length,
    weights: candidates.slice(0, 10).map((c, i) => ({
      terms: c.terms.map((t) => termName(t, lists)),
      weight: raw[i] / sum,
      total: c.total,
    })),
  };
}

export { sparsityWarnings, tableStats };
