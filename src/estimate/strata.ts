import { type EstimateOptions, type EstimateResult, estimate } from './estimate.ts';
import { qnorm } from './stats.ts';
import type { StratumTable } from './table.ts';

export interface StratumEstimate {
  label: string;
  key: Record<string, string>;
  result: EstimateResult;
}

export interface Trend {
  /** Estimated yearly change of the total, as a factor (1.05 = +5 % a year), with its interval. */
  factor: number;
  lower: number;
  upper: number;
  years: number[];
}

/** One estimate per stratum, with the same options; sparse strata carry warnings in their result. */
export async function estimateStrata(
  strata: StratumTable[],
  options: EstimateOptions,
): Promise<StratumEstimate[]> {
  const out: StratumEstimate[] = [];
  for (const s of strata) out.push({ label: s.label, key: s.key, result: await estimate(s.table, options) });
  return out;
}

/**
 * Trend across years: weighted least squares of log(total) on year, weights 1/var(log total) with the variance
 * from the Wald standard error of the intercept (delta method: var log N ≈ (u·se)²/N²), or for the Bayesian
 * methods from the width of the credible interval on the log scale.
 */
export function trendAcrossYears(
  perYear: StratumEstimate[],
  yearColumn = 'year',
  level = 0.95,
): Trend | null {
  const points: Array<{ x: number; y: number; w: number }> = [];
  for (const s of perYear) {
    const year = Number(s.key[yearColumn]);
    const est = s.result.estimate;
    const se = s.result.model.standardErrors?.['(Intercept)'];
    if (!Number.isFinite(year) || !est) continue;
    let sdLog: number;
    if (se !== undefined && Number.isFinite(se)) sdLog = (est.unobserved * se) / est.total;
    else if (est.ci?.method === 'posterior' && est.ci.upper !== null && est.ci.lower > 0)
      // Bayesian methods: the spread of log N from the credible interval, as if it were normal.
      sdLog = Math.log(est.ci.upper / est.ci.lower) / (2 * qnorm(1 - (1 - est.ci.level) / 2));
    else continue;
    points.push({ x: year, y: Math.log(est.total), w: 1 / Math.max(sdLog ** 2, 1e-12) });
  }
  if (points.length < 2) return null;
  const sw = points.reduce((s, p) => s + p.w, 0);
  const mx = points.reduce((s, p) => s + p.w * p.x, 0) / sw;
  const my = points.reduce((s, p) => s + p.w * p.y, 0) / sw;
  const sxx = points.reduce((s, p) => s + p.w * (p.x - mx) ** 2, 0);
  if (sxx === 0) return null;
  const slope = points.reduce((s, p) => s + p.w * (p.x - mx) * (p.y - my), 0) / sxx;
  const se = Math.sqrt(1 / sxx);
  const z = qnorm(1 - (1 - level) / 2);
  return {
    factor: Math.exp(slope),
    lower: Math.exp(slope - z * se),
    upper: Math.exp(slope + z * se),
    years: points.map((p) => p.x),
  };
}
