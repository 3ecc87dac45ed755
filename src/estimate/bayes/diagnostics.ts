/** Convergence diagnostics for MCMC draws of one quantity over several chains. */

/**
 * Effective sample size of one chain (Geyer 1992, initial monotone sequence): the sum of autocorrelations is
 * cut where the sum of a pair of neighbouring lags first turns negative.
 */
export function effectiveSize(x: ArrayLike<number>): number {
  const n = x.length;
  if (n < 4) return n;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i];
  mean /= n;
  let variance = 0;
  for (let i = 0; i < n; i++) variance += (x[i] - mean) ** 2;
  variance /= n;
  if (variance === 0) return n;
  const rho = (lag: number) => {
    let s = 0;
    for (let i = 0; i + lag < n; i++) s += (x[i] - mean) * (x[i + lag] - mean);
    return s / n / variance;
  };
  let sum = 0;
  let previous = Number.POSITIVE_INFINITY;
  for (let t = 0; 2 * t + 1 < n; t++) {
    let pair = rho(2 * t) + rho(2 * t + 1);
    if (pair <= 0) break;
    pair = Math.min(pair, previous);
    previous = pair;
    sum += pair;
  }
  return Math.min(n, n / Math.max(2 * sum - 1, 1e-9));
}

/**
 * Split R-hat (Gelman et al., Bayesian Data Analysis 3rd ed.): each chain cut in two halves, then the ratio of
 * the pooled variance estimate to the within-chain variance. Near 1 when the chains agree.
 */
export function splitRhat(chains: ArrayLike<number>[]): number {
  const halves: number[][] = [];
  for (const c of chains) {
    const h = Math.floor(c.length / 2);
    if (h < 2) continue;
    halves.push(Array.from({ length: h }, (_, i) => c[i]));
    halves.push(Array.from({ length: h }, (_, i) => c[c.length - h + i]));
  }
  if (halves.length < 2) return Number.NaN;
  const n = Math.min(...halves.map((h) => h.length));
  const means = halves.map((h) => h.slice(0, n).reduce((a, b) => a + b, 0) / n);
  const grand = means.reduce((a, b) => a + b, 0) / means.length;
  const between = (n / (halves.length - 1)) * means.reduce((s, m) => s + (m - grand) ** 2, 0);
  const within =
    halves.reduce((s, h, i) => s + h.slice(0, n).reduce((t, v) => t + (v - means[i]) ** 2, 0) / (n - 1), 0) /
    halves.length;
  if (within === 0) return between === 0 ? 1 : Number.POSITIVE_INFINITY;
  return Math.sqrt(((n - 1) / n) * within + between / n) / Math.sqrt(within);
}
