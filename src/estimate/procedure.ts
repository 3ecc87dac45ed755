import { type TableStats, tableStats } from './design.ts';
import { type FittedModel, fitModel } from './model.ts';
import { type Candidate, type SelectionMethod, selectModel } from './select.ts';
import type { CaptureTable } from './table.ts';

/**
 * How a model is obtained from a table: a fixed model, or a selection method that is rerun on every bootstrap
 * replicate. Plain data, so it can be posted to worker threads.
 */
export interface Procedure {
  /** Fixed interaction terms (masks); used when `select` is absent. */
  terms?: number[];
  select?: SelectionMethod;
  pthresh?: number;
  maxOrder?: number;
  keep?: number;
}

export interface ProcedureOutcome {
  model: FittedModel;
  candidates: Candidate[];
  stats: TableStats;
}

export function runProcedure(table: CaptureTable, procedure: Procedure, allSe = false): ProcedureOutcome {
  const stats = tableStats(table);
  if (procedure.select) {
    const selection = selectModel(stats, procedure.select, procedure);
    const model = allSe ? fitModel(stats, selection.model.terms, { allSe: true }) : selection.model;
    return { model, candidates: selection.candidates, stats };
  }
  const model = fitModel(stats, procedure.terms ?? [], { allSe });
  return { model, candidates: [], stats };
}

/** The estimated total for a table under a procedure, or NaN when no model gives a number. */
export function totalFor(table: CaptureTable, procedure: Procedure): number {
  return runProcedure(table, procedure).model.result?.total ?? Number.NaN;
}
