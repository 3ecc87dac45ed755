import { checkDesign, type ModelStatus } from './check.ts';
import { buildDesign, type Design, type TableStats } from './design.ts';
import { fitPoisson } from './fit.ts';

export interface Coefficient {
  /** 0 = intercept, else the term's list mask. */
  mask: number;
  estimate: number;
  se: number;
}

export interface ModelResult {
  deviance: number;
  /** Residual degrees of freedom: retained cells − finite parameters. */
  df: number;
  loglik: number;
  /** −2 log L + 2 × parameters, the −∞ terms counted (as SparseMSE). */
  aic: number;
  /** −2 log L + log(observed) × parameters (as Rcapture), the −∞ terms counted. */
  bic: number;
  parameters: number;
  intercept: number;
  interceptSe: number;
  unobserved: number;
  total: number;
  converged: boolean;
  iterations: number;
  coefficients: Coefficient[];
  /** Fitted values of the retained cells (design.cells). */
  mu: Float64Array;
}

export interface FittedModel {
  /** Interaction terms of the model (including those at −∞), in selection or canonical order. */
  terms: number[];
  negInf: number[];
  status: ModelStatus;
  design: Design;
  /** Present only when status is 0: a model without a (finite, identifiable) MLE gives no number. */
  result?: ModelResult;
}

export interface FitModelOptions {
  /** Standard errors for every coefficient (else only the intercept's, for speed in searches). */
  allSe?: boolean;
  /** Skip the existence/identifiability checks when the caller has already done them. */
  status?: ModelStatus;
}

/** Checks and fits main effects + `terms` on a table. */
export function fitModel(
  stats: TableStats,
  terms: readonly number[],
  options: FitModelOptions = {},
): FittedModel {
  const design = buildDesign(stats, terms);
  const status = options.status ?? checkDesign(design);
  const model: FittedModel = { terms: [...terms], negInf: design.negInf, status, design };
  if (status !== 0) return model;
  const fit = fitPoisson(design, { allSe: options.allSe });
  const parameters = design.params.length + design.negInf.length;
  const intercept = fit.beta[0];
  const unobserved = Math.exp(intercept);
  model.result = {
    deviance: fit.deviance,
    df: design.cells.length - design.params.length,
    loglik: fit.loglik,
    aic: -2 * fit.loglik + 2 * parameters,
    bic: -2 * fit.loglik + Math.log(stats.observed) * parameters,
    parameters,
    intercept,
    interceptSe: fit.se[0],
    unobserved,
    total: stats.observed + unobserved,
    converged: fit.converged,
    iterations: fit.iterations,
    coefficients: Array.from(design.params, (mask, j) => ({
      mask,
      estimate: fit.beta[j],
      se: options.allSe ? fit.se[j] : j === 0 ? fit.se[0] : Number.NaN,
    })),
    mu: fit.mu,
  };
  return model;
}
