import type { Design } from './design.ts';
import { fitPoisson } from './fit.ts';
import type { ModelResult } from './model.ts';
import { lgamma, qnorm } from './stats.ts';

export interface Interval {
  level: number;
  lower: number;
  /** null when the upper bound lies beyond the search range (reported as a warning). */
  upper: number | null;
  /** `posterior`: the equal-tailed credible interval of a Bayesian method (`bayes/`). */
  method: 'wald' | 'profile' | 'bootstrap' | 'posterior';
  /** Profile only: the multinomial maximum-likelihood total. */
  multinomialTotal?: number;
}

/** Wald interval on the log of the unobserved count: n + exp(β₀ ± z·se). */
export function waldInterval(observed: number, result: ModelResult, level: number): Interval {
  const z = qnorm(1 - (1 - level) / 2);
  return {
    level,
    lower: observed + Math.exp(result.intercept - z * result.interceptSe),
    upper: observed + Math.exp(result.intercept + z * result.interceptSe),
    method: 'wald',
  };
}

/**
 * The correction that turns the Poisson deviance of the completed table into the multinomial log-likelihood in N
 * (Cormack 1992), with the Stirling form above N = 100 exactly as Rcapture's closedpCI.t uses it.
 */
function cormack(total: number, unseen: number): number {
  if (total > 100) {
    if (unseen === 0 || unseen === 1) return -total + 0.5 * Math.log(2 * Math.PI * total);
    return unseen - total - 0.5 * Math.log(unseen / total);
  }
  const xlogx = (x: number) => (x > 0 ? x * Math.log(x) : 0);
  return xlogx(unseen) + lgamma(total + 1) - xlogx(total) - lgamma(unseen + 1);
}

/**
 * Profile-likelihood interval on the multinomial likelihood (as Rcapture's closedpCI.t): for each N the table is
 * completed with N − n unseen, the model refitted with that cell, and the profile log-likelihood is
 * −deviance/2 + correction. The bounds are where it drops qχ²₁(level)/2 below its maximum.
 */
export function profileInterval(
  design: Design,
  poissonTotal: number,
  level: number,
  maxFactor = 3,
): Interval {
  const n = design.observed;
  const completed = withUnseenCell(design);
  const y = Float64Array.from(completed.y);
  const last = y.length - 1;
  let start: Float64Array | undefined;
  const loglik = (total: number): number => {
    y[last] = total - n;
    const fit = fitPoisson(completed, { y, startMu: start });
    start = fit.mu;
    return -fit.deviance / 2 + cormack(total, total - n);
  };
  const hi = maxFactor * poissonTotal;
  const nMax = goldenMax(loglik, n, hi);
  const lMax = loglik(nMax);
  const drop = qnorm(1 - (1 - level) / 2) ** 2 / 2;
  const target = (total: number) => loglik(total) - (lMax - drop);
  const lower = target(n) >= 0 ? n : bisect(target, n, nMax);
  const upper = target(hi) >= 0 ? null : bisect(target, nMax, hi);
  return { level, lower, upper, method: 'profile', multinomialTotal: nMax };
}

function withUnseenCell(design: Design): Design {
  const rows = design.cells.length;
  const rowPtr = new Int32Array(rows + 2);
  rowPtr.set(design.rowPtr);
  rowPtr[rows + 1] = design.rowPtr[rows] + 1;
  const colIdx = new Int32Array(design.colIdx.length + 1);
  colIdx.set(design.colIdx);
  const y = new Float64Array(rows + 1);
  y.set(design.y);
  const cells = new Int32Array(rows + 1);
  cells.set(design.cells);
  return { ...design, cells, y, rowPtr, colIdx };
}

function goldenMax(f: (x: number) => number, a: number, b: number): number {
  const r = (Math.sqrt(5) - 1) / 2;
  let x1 = b - r * (b - a);
  let x2 = a + r * (b - a);
  let f1 = f(x1);
  let f2 = f(x2);
  while (b - a > 1e-7 * Math.max(1, Math.abs(a))) {
    if (f1 < f2) {
      a = x1;
      x1 = x2;
      f1 = f2;
      x2 = a + r * (b - a);
      f2 = f(x2);
    } else {
      b = x2;
      x2 = x1;
      f2 = f1;
      x1 = b - r * (b - a);
      f1 = f(x1);
    }
  }
  return (a + b) / 2;
}

/** Root of f on [a, b] where f(a) and f(b) differ in sign. */
function bisect(f: (x: number) => number, a: number, b: number): number {
  let fa = f(a);
  for (let i = 0; i < 200 && b - a > 1e-8 * Math.max(1, Math.abs(a)); i++) {
    const m = (a + b) / 2;
    const fm = f(m);
    if (fm === 0) return m;
    if (fm > 0 === fa > 0) {
      a = m;
      fa = fm;
    } else {
      b = m;
    }
  }
  return (a + b) / 2;
}
