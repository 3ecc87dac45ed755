/**
 * Multiple systems estimation (Zicht op omvang): the API the server and UI use.
 *
 *   const table = parseTableCsv(csv);
 *   const result = await estimate(table, { select: 'stepwise-csv', ci: 'bootstrap', bootstrap: 1000, seed: 1 });
 */

export { type LatestSizeEstimate, latestSizeEstimate } from './app/published.ts';
export type { ModelStatus } from './check.ts';
export {
  averageByBic,
  type EstimateOptions,
  type EstimateResult,
  estimate,
  type IntervalMethod,
  sparsityWarnings,
  statusText,
} from './estimate.ts';
export type { Interval } from './intervals.ts';
export type { SelectionMethod } from './select.ts';
export { estimateStrata, type StratumEstimate, type Trend, trendAcrossYears } from './strata.ts';
export {
  type CaptureTable,
  EstimateInputError,
  makeTable,
  observedTotal,
  parseTableCsv,
  type RecordValue,
  type StratumTable,
  tableFromRecords,
  tablesFromRecords,
  tableToCsv,
} from './table.ts';
