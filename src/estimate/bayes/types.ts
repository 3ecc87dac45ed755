import type { EstimateResult } from '../estimate.ts';
import type { NPrior } from './dga.ts';
import type { LcmResult } from './lcm.ts';
import type { PosteriorSummary } from './posterior.ts';

/** The three families of estimators; `all` runs them side by side. */
export const METHODS = ['loglinear', 'dga', 'lcm', 'all'] as const;
export type Method = (typeof METHODS)[number];

/** Options of the Bayesian methods, beside the log-linear ones in `EstimateOptions` (`seed` and `level` are shared). */
export interface BayesOptions {
  method?: Method;
  /** dga: hyper-Dirichlet cell weight (default 2^−lists). */
  delta?: number;
  /** dga: prior on N (default ∝ 1/N). */
  nPrior?: NPrior;
  /** lcm: classes (default 10), burn-in, kept draws, thinning, chains. */
  K?: number;
  burnin?: number;
  samples?: number;
  thin?: number;
  chains?: number;
  /** lcm: run chains on worker threads (default: when long enough to pay for them). */
  chainWorkers?: boolean;
}

export interface BayesSettings {
  method?: Method;
  delta?: number;
  nPrior?: NPrior;
  K?: number;
  aAlpha?: number;
  bAlpha?: number;
  burnin?: number;
  samples?: number;
  thin?: number;
  chains?: number;
  /** dga: the grid of numbers unseen that was summed over. */
  grid?: { from: number; to: number; points: number };
}

export interface GraphWeight {
  /** Cliques by list name, e.g. "A:B, C". */
  cliques: string;
  weight: number;
  /** Posterior mean of the total under this graph alone. */
  mean: number;
}

export interface ComparisonRow {
  method: Exclude<Method, 'all'>;
  total: number | null;
  lower: number | null;
  upper: number | null;
  level: number;
}

export interface BayesResultParts {
  model: { graphs?: GraphWeight[]; graphsAveraged?: number; diagnostics?: LcmResult['diagnostics'] };
  estimate: { posterior?: PosteriorSummary };
  alternatives: { dga: EstimateResult; lcm: EstimateResult };
  comparison: { rows: ComparisonRow[]; reading: string[] };
}
