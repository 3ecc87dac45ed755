import type { EstimateDocument, EstimateSettings } from '../../../src/estimate/app/run.ts';
import { api, downloadFile, saveBlob } from '../api.ts';

/** The analyst's calls: everything under the statistics purpose. */
export const purpose = 'statistics';

export interface StoredEstimate {
  id: string;
  name: string;
  createdAt: string;
  source: 'table' | 'records' | 'round';
  roundId: string | null;
  rerunOf: string | null;
  status: 'queued' | 'running' | 'done' | 'failed';
  progressDone: number;
  progressTotal: number;
  input: { lists: string[]; strata: string[]; rows: unknown[]; skipped?: number };
  settings: EstimateSettings;
  result: EstimateDocument | null;
  error: string | null;
  reproduces?: boolean;
}

export interface EstimateSummary {
  id: string;
  name: string;
  createdAt: string;
  source: string;
  status: StoredEstimate['status'];
  settings: EstimateSettings;
  lists: string[];
  strata: string[];
  estimate: { total: number; ci?: { lower: number; upper: number | null; method: string } } | null;
}

export interface RoundList {
  list: string;
  organisation: { id: string; name: string };
  mine: boolean;
  uploaded: boolean;
  uploadedAt: string | null;
  records?: number | null;
}

export interface Round {
  id: string;
  name: string;
  organisation: string;
  owner: boolean;
  createdAt: string;
  threshold: number | null;
  strata: string[];
  status: 'open' | 'linking' | 'linked' | 'failed';
  error: string | null;
  lists: RoundList[];
  captureTable?: {
    lists: string[];
    strata: string[];
    rows: Array<{ pattern: string; count: number; stratum?: Record<string, string> }>;
  } | null;
  clusters?: number | null;
  estimateId?: string | null;
}

export interface RoundSummary {
  id: string;
  name: string;
  organisation: string;
  owner: boolean;
  createdAt: string;
  status: Round['status'];
  lists: { expected: number; uploaded: number };
}

export const getEstimate = (id: string) => api<StoredEstimate>('GET', `/estimates/${id}`, { purpose });

/**
 * Fetches an export (it needs the purpose header, so a plain link cannot) and hands it to the browser
 * as a download.
 */
export async function downloadExport(path: string, filename: string, _language?: string): Promise<void> {
  await downloadFile(path, filename, { purpose });
}

export { saveBlob };

/** The chart as PNG: the same SVG drawn onto a canvas at twice the size, for slides and documents. */
export async function svgToPng(svg: string): Promise<Blob> {
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = image.naturalWidth * 2;
  canvas.height = image.naturalHeight * 2;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('canvas');
  context.scale(2, 2);
  context.drawImage(image, 0, 0);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('png'))), 'image/png'),
  );
}
