import type { Design } from './design.ts';
import { cholesky, choleskyInverseDiagonal, choleskySolve, solveSemidefinite } from './linalg.ts';

export interface PoissonFit {
  beta: Float64Array;
  /** Standard errors from the inverse Fisher information (empty unless asked). */
  se: Float64Array;
  mu: Float64Array;
  deviance: number;
  loglik: number;
  iterations: number;
  converged: boolean;
}

export interface FitOptions {
  /** Compute standard errors of all coefficients (else only the intercept's). */
  allSe?: boolean;
  /** Fitted values to start from (e.g. the previous fit in a profile search); default y + 0.1 as R's glm. */
  startMu?: Float64Array;
  /** Override the counts (same length as design.y), e.g. the profile search's unobserved cell. */
  y?: Float64Array;
}

const MAX_ITER = 100;
const TOL = 1e-11;

function deviance(y: Float64Array, mu: Float64Array): number {
  let dev = 0;
  for (let i = 0; i < y.length; i++) {
    const yi = y[i];
    dev += yi > 0 ? yi * Math.log(yi / mu[i]) - (yi - mu[i]) : mu[i];
  }
  return 2 * dev;
}

/**
 * Poisson log-linear fit by IRLS (= Newton for the canonical log link) with Cholesky on XᵀWX, falling back to a
 * pivoted elimination if the system is numerically singular, and step halving if the deviance rises.
 */
export function fitPoisson(design: Design, options: FitOptions = {}): PoissonFit {
  const y = options.y ?? design.y;
  const n = y.length;
  const p = design.params.length;
  const { rowPtr, colIdx } = design;
  const mu = new Float64Array(n);
  const eta = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    mu[i] = options.startMu ? Math.max(options.startMu[i], 1e-10) : y[i] + 0.1;
    eta[i] = Math.log(mu[i]);
  }
  const xtwx = new Float64Array(p * p);
  const beta = new Float64Array(p);
  const betaOld = new Float64Array(p);
  const rhs = new Float64Array(p);
  const system = new Float64Array(p * p);
  let dev = deviance(y, mu);
  let converged = false;
  let iter = 0;
  let haveBeta = false;
  for (iter = 1; iter <= MAX_ITER; iter++) {
    xtwx.fill(0);
    beta.fill(0);
    for (let i = 0; i < n; i++) {
      const w = mu[i];
      const wz = w * eta[i] + (y[i] - w);
      const start = rowPtr[i];
      const end = rowPtr[i + 1];
      for (let q = start; q < end; q++) {
        const a = colIdx[q];
        beta[a] += wz;
        const row = a * p;
        for (let r = start; r <= q; r++) xtwx[row + colIdx[r]] += w;
      }
    }
    rhs.set(beta);
    system.set(xtwx);
    if (cholesky(xtwx, p)) {
      choleskySolve(xtwx, p, beta);
    } else {
      for (let a = 0; a < p; a++) for (let b = a + 1; b < p; b++) system[a * p + b] = system[b * p + a];
      beta.set(rhs);
      solveSemidefinite(system, p, beta);
    }
    let devNew = 0;
    for (let halving = 0; halving < 30; halving++) {
      for (let i = 0; i < n; i++) {
        let e = 0;
        for (let q = rowPtr[i]; q < rowPtr[i + 1]; q++) e += beta[colIdx[q]];
        eta[i] = e;
        mu[i] = Math.exp(e);
      }
      devNew = deviance(y, mu);
      if (Number.isFinite(devNew) && (!haveBeta || devNew <= dev * (1 + 1e-9) + 1e-9)) break;
      for (let a = 0; a < p; a++) beta[a] = (beta[a] + betaOld[a]) / 2;
    }
    haveBeta = true;
    betaOld.set(beta);
    const change = Math.abs(devNew - dev) / (Math.abs(devNew) + 0.1);
    dev = devNew;
    if (change < TOL && iter > 1) {
      converged = true;
      break;
    }
  }
  const se = standardErrors(design, mu, p, options.allSe ?? false);
  let loglik = -design.logFactorialSum;
  for (let i = 0; i < n; i++) loglik += (y[i] > 0 ? y[i] * Math.log(mu[i]) : 0) - mu[i];
  if (options.y) loglik = Number.NaN;
  return { beta, se, mu, deviance: dev, loglik, iterations: iter, converged };
}

function standardErrors(design: Design, mu: Float64Array, p: number, all: boolean): Float64Array {
  const { rowPtr, colIdx } = design;
  const info = new Float64Array(p * p);
  for (let i = 0; i < mu.length; i++) {
    const w = mu[i];
    for (let q = rowPtr[i]; q < rowPtr[i + 1]; q++) {
      const row = colIdx[q] * p;
      for (let r = rowPtr[i]; r <= q; r++) info[row + colIdx[r]] += w;
    }
  }
  if (!cholesky(info, p)) return new Float64Array(all ? p : 1).fill(Number.NaN);
  if (all) return choleskyInverseDiagonal(info, p).map(Math.sqrt);
  const e = new Float64Array(p);
  e[0] = 1;
  choleskySolve(info, p, e);
  return Float64Array.of(Math.sqrt(e[0]));
}
