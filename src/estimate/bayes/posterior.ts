/** What every Bayesian method reports: the posterior of the total, summarised the same way. */

export interface PosteriorSummary {
  mean: number;
  median: number;
  quantiles: Record<string, number>;
}

export interface BayesInterval {
  level: number;
  lower: number;
  upper: number;
  method: 'posterior';
}

/** Quantile levels reported besides the interval ends ("0.025", "0.5", "0.975" for 95 %). */
export function quantileLevels(level: number): number[] {
  const tail = (1 - level) / 2;
  return [tail, 0.5, 1 - tail];
}

export function levelKey(p: number): string {
  return String(Number(p.toPrecision(6)));
}

/**
 * Quantiles of a distribution on grid points: the first point where the cumulative probability exceeds p
 * (as dga's posteriorQuantiles).
 */
export function gridQuantile(values: ArrayLike<number>, probabilities: ArrayLike<number>, p: number): number {
  let cumulative = 0;
  for (let i = 0; i < values.length; i++) {
    cumulative += probabilities[i];
    if (cumulative > p) return values[i];
  }
  return values[values.length - 1];
}

/** Sample quantile, type 7 (R's default, as used on LCMCR's samples). */
export function sampleQuantile(sorted: ArrayLike<number>, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
