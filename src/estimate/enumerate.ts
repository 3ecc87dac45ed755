import { popcount } from './stats.ts';
import { EstimateInputError } from './table.ts';
import { requiredMargins, sortTerms } from './terms.ts';

/** Above this many models the exhaustive search asks for a lower maximum order (as Rcapture's stopiflong). */
export const MAX_MODELS = 200_000;

/**
 * All hierarchical models with every main effect and interactions of order 2..maxOrder, each as its list of
 * interaction terms in canonical order. Terms are decided in canonical order (lower orders first), so a term can
 * be included only once all its margins have been.
 */
export function enumerateHierarchicalModels(k: number, maxOrder: number, limit = MAX_MODELS): number[][] {
  const candidates: number[] = [];
  for (let mask = 1; mask < 1 << k; mask++) {
    const order = popcount(mask);
    if (order >= 2 && order <= maxOrder) candidates.push(mask);
  }
  const terms = sortTerms(candidates);
  const margins = terms.map(requiredMargins);
  const out: number[][] = [];
  const chosen: number[] = [];
  const inModel = new Set<number>();
  const walk = (index: number) => {
    if (index === terms.length) {
      if (out.length >= limit)
        throw new EstimateInputError(
          `meer dan ${limit} modellen; kies een lagere --max-order`,
          `more than ${limit} models; choose a lower --max-order`,
        );
      out.push([...chosen]);
      return;
    }
    walk(index + 1);
    const t = terms[index];
    if (margins[index].every((m) => inModel.has(m))) {
      chosen.push(t);
      inModel.add(t);
      walk(index + 1);
      chosen.pop();
      inModel.delete(t);
    }
  };
  walk(0);
  return out;
}
