import { checkDesign } from './check.ts';
import { buildDesign, type TableStats } from './design.ts';
import { enumerateHierarchicalModels } from './enumerate.ts';
import { type FittedModel, fitModel } from './model.ts';
import { ppois, ppoisUpper, twoSidedP } from './stats.ts';
import { allPairs } from './terms.ts';

export type SelectionMethod = 'stepwise-aic' | 'stepwise-csv' | 'bic';

export interface Candidate {
  terms: number[];
  negInf: number[];
  status: number;
  bic: number;
  aic: number;
  total: number;
}

export interface Selection {
  model: FittedModel;
  /** Models considered: the stepwise path, or the best models by BIC for the exhaustive search. */
  candidates: Candidate[];
}

export interface SelectOptions {
  pthresh?: number;
  maxOrder?: number;
  /** How many of the best BIC models to keep as candidates (default 10). */
  keep?: number;
}

export function candidateOf(model: FittedModel): Candidate {
  return {
    terms: model.terms,
    negInf: model.negInf,
    status: model.status,
    bic: model.result?.bic ?? Number.NaN,
    aic: model.result?.aic ?? Number.NaN,
    total: model.result?.total ?? Number.NaN,
  };
}

export function selectModel(
  stats: TableStats,
  method: SelectionMethod,
  options: SelectOptions = {},
): Selection {
  if (method === 'stepwise-csv') return stepwiseCsv(stats, options.pthresh ?? 0.02);
  if (method === 'stepwise-aic') return stepwiseAic(stats);
  return bicSearch(stats, options.maxOrder, options.keep ?? 10);
}

/**
 * Chan–Silverman–Vincent forward selection (SparseMSE's stepwisefit): from main effects, add the pair whose overlap
 * count is most surprising under the current fit — the one-sided Poisson p-value of the observed overlap given its
 * fitted mean — provided it is below `pthresh` and the enlarged model passes both checks.
 */
export function stepwiseCsv(stats: TableStats, pthresh: number): Selection {
  const k = stats.table.lists.length;
  const pairs = allPairs(k);
  const included: number[] = [];
  let model = fitModel(stats, included);
  const path: Candidate[] = [candidateOf(model)];
  if (pthresh <= 0 || !model.result) return { model, candidates: path };
  while (included.length < pairs.length) {
    const { cells } = model.design;
    const mu = model.result!.mu;
    const scored: Array<{ pair: number; index: number; p: number }> = [];
    pairs.forEach((pair, index) => {
      if (included.includes(pair)) return;
      let expected = 0;
      for (let i = 0; i < cells.length; i++) if ((cells[i] & pair) === pair) expected += mu[i];
      const observed = stats.margins[pair];
      const p = Math.min(ppois(observed, expected), ppoisUpper(observed - 1, expected));
      if (p < pthresh) scored.push({ pair, index, p });
    });
    scored.sort((a, b) => a.p - b.p || a.index - b.index);
    const chosen = scored.find(({ pair }) => checkDesign(buildDesign(stats, [...included, pair])) === 0);
    if (!chosen) break;
    included.push(chosen.pair);
    model = fitModel(stats, included, { status: 0 });
    path.push(candidateOf(model));
  }
  return { model, candidates: path };
}

/**
 * Forward selection of 2-way terms by AIC (Bales, Hesketh & Silverman 2015): add the pair giving the lowest AIC;
 * stop when AIC no longer falls or the added term's Wald p-value exceeds 0.05. Models failing the checks are skipped.
 */
export function stepwiseAic(stats: TableStats, pmax = 0.05): Selection {
  const k = stats.table.lists.length;
  const pairs = allPairs(k);
  const included: number[] = [];
  let model = fitModel(stats, included);
  const path: Candidate[] = [candidateOf(model)];
  if (!model.result) return { model, candidates: path };
  for (;;) {
    let best: FittedModel | undefined;
    for (const pair of pairs) {
      if (included.includes(pair)) continue;
      const trial = fitModel(stats, [...included, pair], { allSe: true });
      if (!trial.result) continue;
      if (!best || trial.result.aic < best.result!.aic) best = trial;
    }
    if (!best || best.result!.aic >= model.result!.aic) break;
    const added = best.terms[best.terms.length - 1];
    const coefficient = best.result!.coefficients.find((c) => c.mask === added);
    // A term at −∞ has no finite estimate; R's glm would report an unbounded SE and p ≈ 1.
    const p = coefficient ? twoSidedP(coefficient.estimate / coefficient.se) : 1;
    if (p > pmax) break;
    included.push(added);
    model = best;
    path.push(candidateOf(model));
  }
  return { model, candidates: path };
}

/** Exhaustive search over all hierarchical models (up to `maxOrder`) by BIC; models failing the checks are skipped. */
export function bicSearch(stats: TableStats, maxOrder: number | undefined, keep: number): Selection {
  const k = stats.table.lists.length;
  const models = enumerateHierarchicalModels(k, maxOrder ?? k - 1);
  const fits: Candidate[] = [];
  let best: Candidate | undefined;
  for (const terms of models) {
    const fitted = fitModel(stats, terms);
    if (!fitted.result) continue;
    const c = candidateOf(fitted);
    fits.push(c);
    if (!best || c.bic < best.bic) best = c;
  }
  fits.sort((a, b) => a.bic - b.bic);
  const model = best ? fitModel(stats, best.terms, { status: 0 }) : fitModel(stats, []);
  return { model, candidates: fits.slice(0, keep) };
}
