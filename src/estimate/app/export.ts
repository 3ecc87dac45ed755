import { csvCell } from '../../domain/csv-cell.ts';
import type { EstimateResult } from '../index.ts';
import { type ChartPoint, estimateChartSvg } from './chart.ts';
import type { EstimateDocument } from './run.ts';

/** Exports of a stored estimate: CSV (one row per group), JSON (inputs, settings, result) and the SVG chart. */
export interface StoredEstimate {
  id: string;
  name: string;
  createdAt: Date | string;
  source: string;
  input: unknown;
  settings: unknown;
  result: unknown;
}

export interface Group {
  label: string;
  result: EstimateResult;
}

/** The whole population first, then the strata, then the years (when not already the strata). */
export function groupsOf(document: EstimateDocument, lang: 'nl' | 'en'): Group[] {
  const groups: Group[] = [{ label: lang === 'en' ? 'total' : 'totaal', result: document.overall }];
  groups.push(...document.strata);
  groups.push(...document.years.filter((y) => !document.strata.some((s) => s.label === y.label)));
  return groups;
}

/** Per year when there are years, else per stratum, else the one total. */
export function chartPoints(document: EstimateDocument, lang: 'nl' | 'en'): ChartPoint[] {
  const point = (label: string, r: EstimateResult): ChartPoint => ({
    label,
    total: r.estimate?.total ?? null,
    lower: r.estimate?.ci?.lower ?? null,
    upper: r.estimate?.ci?.upper ?? null,
  });
  if (document.years.length > 0) return document.years.map((y) => point(y.key.year ?? y.label, y.result));
  if (document.strata.length > 0)
    return document.strata.map((s) => point(Object.values(s.key).join(' / '), s.result));
  return [point(lang === 'en' ? 'total' : 'totaal', document.overall)];
}

export function estimateChart(row: StoredEstimate, lang: 'nl' | 'en'): string {
  const document = row.result as EstimateDocument;
  const years = document.years.length > 0;
  const title =
    lang === 'en'
      ? `${row.name}: estimated total${years ? ' per year' : ''} with interval`
      : `${row.name}: geschat totaal${years ? ' per jaar' : ''} met interval`;
  return estimateChartSvg(chartPoints(document, lang), {
    title,
    lang,
    idPrefix: `estimate-${row.id.slice(0, 8)}`,
  });
}

const CSV_COLUMNS = [
  'group',
  'observed',
  'total',
  'unobserved',
  'lower',
  'upper',
  'interval',
  'level',
  'model',
  'neg_inf',
  'status',
  'warnings',
] as const;

// Stratum labels come from uploaded data: neutralised against formula injection (src/domain/csv-cell.ts).
const cell = csvCell;

export function estimateCsv(row: StoredEstimate, lang: 'nl' | 'en'): string {
  const document = row.result as EstimateDocument;
  const lines = [CSV_COLUMNS.join(',')];
  for (const { label, result } of groupsOf(document, lang)) {
    const e = result.estimate;
    lines.push(
      [
        label,
        result.observed,
        e?.total,
        e?.unobserved,
        e?.ci?.lower,
        e?.ci?.upper,
        e?.ci?.method,
        e?.ci?.level,
        result.model.terms.join(' + '),
        result.model.negInf.join(' + '),
        result.status,
        result.warnings.join('; '),
      ]
        .map(cell)
        .join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Everything needed to reproduce the result: the table, the settings and the engine that ran them. */
export function estimateJson(row: StoredEstimate) {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.createdAt,
    source: row.source,
    engine: 'ketenplein-estimate/1',
    input: row.input,
    settings: row.settings,
    result: row.result,
  };
}
