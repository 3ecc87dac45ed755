import { api } from '../api.ts';

/** Every monitor call runs under the statistics purpose. */
export const purpose = 'statistics';

export interface Label {
  nl: string;
  en: string;
}
export interface Cell {
  dimensions: Record<string, string>;
  value: number | null;
  suppressed: boolean;
}
export interface Indicator {
  id: string;
  actionLine: number;
  name: Label;
  unit: string;
  period: string;
  baseline: number | null;
  target: number | null;
  breakdowns: string[];
  source: string;
  sourceLabel: Label;
}
export interface IndicatorTable {
  indicatorId: string;
  year: number;
  scope: string;
  breakdown: string | null;
  available: boolean;
  note: Label | null;
  cells: Cell[];
  totals: Cell[];
  interval: { lower: number | null; upper: number | null; level: number | null } | null;
  rule: { threshold: number; description: Label };
}
export interface PolicyStatus {
  baseline: { participated: number; municipalities: number };
  cells: Cell[];
  byMunicipality: { municipality: string; name: string; status: string }[];
}
export interface Assessment {
  id: string;
  municipality: string;
  municipalityName: string;
  version: number;
  answers: Record<string, string>;
  evidence: { item: string; url: string; title: string }[];
  submittedAt: string;
}

export const actionLines = () =>
  api<{ actionLines: { line: number; name: Label }[]; handvatten: { item: string; label: Label }[] }>(
    'GET',
    '/monitor/action-lines',
    { purpose },
  );
export const indicators = () => api<Indicator[]>('GET', '/monitor/indicators', { purpose });
export const indicatorTable = (id: string, year: number, breakdown?: string) =>
  api<IndicatorTable>('GET', `/monitor/indicators/${id}/table`, { purpose, query: { year, breakdown } });
export const policyStatus = () => api<PolicyStatus>('GET', '/monitor/policy-status', { purpose });
export const assessments = (code: string) =>
  api<Assessment[]>('GET', `/monitor/municipalities/${code}/assessment`, { purpose });
export const saveAssessment = (
  code: string,
  body: { answers: Record<string, string>; evidence: Assessment['evidence'] },
) => api<Assessment>('POST', `/monitor/municipalities/${code}/assessment`, { purpose, body });

/** Fetches the suppressed CSV (it needs the purpose header) and hands it to the browser as a download. */
export async function downloadCsv(id: string, year: number, breakdown?: string): Promise<void> {
  const query = new URLSearchParams({ year: String(year), ...(breakdown ? { breakdown } : {}) });
  const response = await fetch(`/api/v1/monitor/indicators/${id}/export.csv?${query}`, {
    headers: { 'x-ketenplein-purpose': purpose },
    credentials: 'same-origin',
  });
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `ketenplein-${id}-${year}${breakdown ? `-${breakdown}` : ''}.csv`;
  document.body.append(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}

export const scope = () => api<{ scope: string }>('GET', '/monitor/scope', { purpose });

export interface AreaTable {
  level: string;
  dimension: string;
  cells: Cell[];
  totals: Cell[];
}
export const mapTable = (level: string, year: number) =>
  api<AreaTable>('GET', '/monitor/map', { purpose, query: { level, year } });

export interface Measure {
  id: string;
  version: number;
  actionLine: number;
  title: string;
  owners: string[];
  status: string;
  milestones: { title: string; due: string; done: boolean }[];
  activities: {
    id: string;
    title: string;
    planned: number;
    delivered: number;
    outputUnit: string;
    period: string;
  }[];
}
export const programme = () => api<{ measures: Measure[] }>('GET', '/monitor/programme', { purpose });

/** Fetches an export (it needs the purpose header) and hands it to the browser as a download. */
export async function downloadFile(path: string, filename: string): Promise<void> {
  const response = await fetch(`/api/v1/monitor/${path}`, {
    headers: { 'x-ketenplein-purpose': purpose },
    credentials: 'same-origin',
  });
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}

export interface MunicipalityFigures {
  municipality: string;
  name: string;
  safetyRegion: string;
  cells: Cell[];
  trend: { cells: Cell[]; totals: Cell[] } | null;
  policy: { status: string; version: number | null };
  estimate: { value: number | null; note: Label } | null;
  pending: Label[];
}
export const municipalityFigures = (code: string, year: number) =>
  api<MunicipalityFigures>('GET', `/monitor/municipalities/${code}/figures`, { purpose, query: { year } });
