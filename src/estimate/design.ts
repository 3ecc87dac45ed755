import { lgamma } from './stats.ts';
import type { CaptureTable } from './table.ts';

/**
 * The design of one model on one table, after handling terms whose margin is empty: such a term's MLE is −∞,
 * so every cell containing it is fitted as 0 and left out (Chan, Silverman & Vincent 2021); the term still counts
 * as a parameter in AIC/BIC. Rows are the retained cells, columns the finite parameters; entries are 0/1 and kept
 * sparse (CSR), since a cell only "has" the terms whose lists are all in it.
 */
export interface Design {
  k: number;
  /** Parameter masks: 0 = intercept, then main effects, then finite interaction terms. */
  params: Int32Array;
  /** Model terms at −∞ (empty margin). */
  negInf: number[];
  /** Retained cell masks and their counts. */
  cells: Int32Array;
  y: Float64Array;
  rowPtr: Int32Array;
  colIdx: Int32Array;
  /** Σ log(y!) over all cells, for the Poisson log-likelihood. */
  logFactorialSum: number;
  observed: number;
}

/** m[t] = number of persons on at least all lists in t (superset sums). */
export function marginSums(counts: Float64Array): Float64Array {
  const m = Float64Array.from(counts);
  const size = m.length;
  for (let bit = 1; bit < size; bit <<= 1) {
    for (let mask = 0; mask < size; mask++) if (!(mask & bit)) m[mask] += m[mask | bit];
  }
  return m;
}

export interface TableStats {
  table: CaptureTable;
  margins: Float64Array;
  logFactorialSum: number;
  observed: number;
}

export function tableStats(table: CaptureTable): TableStats {
  let lf = 0;
  let n = 0;
  for (let c = 1; c < table.counts.length; c++) {
    const y = table.counts[c];
    n += y;
    if (y > 1) lf += lgamma(y + 1);
  }
  return { table, margins: marginSums(table.counts), logFactorialSum: lf, observed: n };
}

/** Builds the design for main effects plus the given interaction terms. */
export function buildDesign(stats: TableStats, interactions: readonly number[]): Design {
  const k = stats.table.lists.length;
  const size = 1 << k;
  const terms: number[] = [];
  for (let i = 0; i < k; i++) terms.push(1 << i);
  terms.push(...interactions);
  const negInf: number[] = [];
  const finite: number[] = [0];
  for (const t of terms) (stats.margins[t] === 0 ? negInf : finite).push(t);
  const cells: number[] = [];
  for (let c = 1; c < size; c++) {
    if (negInf.every((t) => (c & t) !== t)) cells.push(c);
  }
  const rowPtr = new Int32Array(cells.length + 1);
  const cols: number[] = [];
  cells.forEach((c, r) => {
    for (let j = 0; j < finite.length; j++) if ((c & finite[j]) === finite[j]) cols.push(j);
    rowPtr[r + 1] = cols.length;
  });
  const y = new Float64Array(cells.length);
  cells.forEach((c, r) => {
    y[r] = stats.table.counts[c];
  });
  return {
    k,
    params: Int32Array.from(finite),
    negInf,
    cells: Int32Array.from(cells),
    y,
    rowPtr,
    colIdx: Int32Array.from(cols),
    logFactorialSum: stats.logFactorialSum,
    observed: stats.observed,
  };
}

/** Dense row-major copy of the design (rows × params), for rank and existence checks. */
export function denseDesign(design: Design, rows?: ArrayLike<number>): Float64Array {
  const p = design.params.length;
  const list = rows ?? Array.from({ length: design.cells.length }, (_, i) => i);
  const out = new Float64Array(list.length * p);
  for (let r = 0; r < list.length; r++) {
    const i = list[r];
    for (let q = design.rowPtr[i]; q < design.rowPtr[i + 1]; q++) out[r * p + design.colIdx[q]] = 1;
  }
  return out;
}

/** Warnings where a table is too sparse for a trustworthy estimate. */
export function sparsityWarnings(stats: TableStats, lang: 'nl' | 'en'): string[] {
  const say = (nl: string, en: string) => (lang === 'en' ? en : nl);
  const out: string[] = [];
  const { lists } = stats.table;
  if (stats.observed < 50)
    out.push(say(`weinig waarnemingen (${stats.observed})`, `few observations (${stats.observed})`));
  lists.forEach((list, i) => {
    const m = stats.margins[1 << i];
    if (m < 5)
      out.push(say(`lijst ${list} bevat maar ${m} personen`, `list ${list} holds only ${m} persons`));
  });
  let overlaps = 0;
  for (let c = 1; c < stats.table.counts.length; c++)
    if (c & (c - 1) && stats.table.counts[c] > 0) overlaps++;
  if (overlaps === 0) out.push(say('geen enkele overlap tussen lijsten', 'no overlap at all between lists'));
  return out;
}
