import type { EstimateResult } from '../../../src/estimate/estimate.ts';

type Candidate = EstimateResult['candidates'][number];

/**
 * What the candidate list of an estimate is: the stepwise procedures return their path (main effects
 * first, each step adding a term, the chosen model last), the exhaustive search the best models by BIC.
 * Labelling the path "best first" misled readers: a later step may have a worse BIC than the step
 * before it, because the stepwise criterion is another one (a p-value, or AIC).
 */
export type CandidateList = 'stepwise-csv' | 'stepwise-aic' | 'bic';

export function candidateList(select: string | undefined): CandidateList | null {
  return select === 'stepwise-csv' || select === 'stepwise-aic' || select === 'bic' ? select : null;
}

/** Whether a candidate is the model the estimate uses (same interaction terms). */
export function isChosen(candidate: Candidate, chosenTerms: readonly string[]): boolean {
  const interactions = chosenTerms.filter((term) => term.includes(':'));
  return (
    candidate.terms.length === interactions.length && candidate.terms.every((t) => interactions.includes(t))
  );
}

export interface Sensitivity {
  /** Lowest and highest estimate among the candidates with a finite estimate. */
  low: number;
  high: number;
  models: number;
  /** The BIC-weighted average: over all hierarchical models when the estimate has one, else over the candidates. */
  averaged: number;
  averagedOver: 'all_models' | 'candidates';
}

/** How much the estimate depends on the model: the range of the candidates and a model-averaged estimate. */
export function sensitivity(result: EstimateResult): Sensitivity | null {
  const usable = result.candidates.filter((c) => Number.isFinite(c.total) && Number.isFinite(c.bic));
  if (usable.length < 2) return null;
  const totals = usable.map((c) => c.total);
  const best = Math.min(...usable.map((c) => c.bic));
  // BIC weights (Burnham & Anderson): exp(-ΔBIC/2), relative to the best, so no term underflows.
  const weights = usable.map((c) => Math.exp(-(c.bic - best) / 2));
  const sum = weights.reduce((a, w) => a + w, 0);
  const candidatesAverage = usable.reduce((a, c, i) => a + (weights[i] / sum) * c.total, 0);
  return {
    low: Math.min(...totals),
    high: Math.max(...totals),
    models: usable.length,
    averaged: result.average ? result.average.total : candidatesAverage,
    averagedOver: result.average ? 'all_models' : 'candidates',
  };
}
