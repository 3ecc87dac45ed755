import { type Design, denseDesign } from './design.ts';
import { echelon } from './linalg.ts';
import { simplexMax } from './lp.ts';

/** 0 = fine, 1 = the (extended) MLE does not exist, 2 = not identifiable, 3 = both. */
export type ModelStatus = 0 | 1 | 2 | 3;

/**
 * Existence and identifiability (Fienberg & Rinaldo 2012; Chan, Silverman & Vincent 2021), on the design left after
 * the −∞ terms are handled.
 *
 * Identifiable: the design over all retained cells has full column rank. The retained cells plus the empty
 * pattern form a down-set (a cell is dropped only when it contains a −∞ term, and then so is every superset), and
 * every finite term is itself such a cell (its margin is positive, so some retained cell contains it). The design is
 * then a column subset of the invertible zeta matrix of that down-set without its empty-pattern row, and it loses
 * rank exactly when the empty pattern's indicator lies in the span of the columns — which by Möbius inversion needs
 * every cell of the down-set as a column. So: identifiable ⇔ parameters ≤ retained cells (`identifiableByRank`
 * checks this numerically in the tests).
 * Existence: the MLE fails to exist exactly when some direction d = Xc vanishes on the positive cells, is ≤ 0 on
 * the zero cells and is not identically 0 — moving along it raises the likelihood forever. Such c lie in the null
 * space of the positive-cell design, so if that has full rank the MLE exists; otherwise a small LP over the null
 * space decides (the dual of the Fienberg–Rinaldo programme).
 */
export function checkDesign(design: Design): ModelStatus {
  const identifiable = design.params.length <= design.cells.length;
  const positive: number[] = [];
  const zero: number[] = [];
  for (let i = 0; i < design.cells.length; i++) (design.y[i] > 0 ? positive : zero).push(i);
  const exists = mleExists(design, positive, zero);
  return ((exists ? 0 : 1) + (identifiable ? 0 : 2)) as ModelStatus;
}

/** The rank test itself, for checking the shortcut above. */
export function identifiableByRank(design: Design): boolean {
  const p = design.params.length;
  const n = design.cells.length;
  return n >= p && echelon(denseDesign(design), n, p, false).rank === p;
}

function mleExists(design: Design, positive: number[], zero: number[]): boolean {
  const p = design.params.length;
  if (zero.length === 0) return true;
  const xPos = denseDesign(design, positive);
  const { rank, nullBasis } = echelon(xPos, positive.length, p, true);
  if (rank === p) return true;
  const r = nullBasis.length;
  const xZero = denseDesign(design, zero);
  const z = zero.length;
  // D = X₀ N: how each null-space direction moves the zero cells.
  const d = new Float64Array(z * r);
  for (let i = 0; i < z; i++)
    for (let j = 0; j < r; j++) {
      let s = 0;
      for (let q = 0; q < p; q++) s += xZero[i * p + q] * nullBasis[j][q];
      d[i * r + j] = s;
    }
  // Variables u⁺, u⁻ ≥ 0 (u = u⁺ − u⁻); rows: D u ≤ 0 and −D u ≤ 1; maximise −Σ (D u).
  const n = 2 * r;
  const m = 2 * z;
  const a = new Float64Array(m * n);
  const b = new Float64Array(m);
  const c = new Float64Array(n);
  for (let i = 0; i < z; i++) {
    b[z + i] = 1;
    for (let j = 0; j < r; j++) {
      const v = d[i * r + j];
      a[i * n + j] = v;
      a[i * n + r + j] = -v;
      a[(z + i) * n + j] = -v;
      a[(z + i) * n + r + j] = v;
      c[j] -= v;
      c[r + j] += v;
    }
  }
  return simplexMax(a, m, n, b, c) <= 1e-7;
}
