import { parse } from 'csv-parse/sync';
import { readSheet } from 'read-excel-file/node';
import type { Label } from '../../domain/label.ts';
import { checkXlsxLimits } from './xlsx-limits.ts';

/** A file problem that stops the import before any row is looked at. */
export class ImportFileError extends Error {
  constructor(
    readonly code: string,
    readonly label: Label,
    readonly line?: number,
  ) {
    super(label.en);
  }
}

export type FileFormat = 'csv' | 'xlsx';

export interface RawTable {
  format: FileFormat;
  /** Header cells as written, from line 1. */
  headers: string[];
  /** Data rows with the line (CSV) or row number (XLSX) people see in their editor. */
  rows: { line: number; cells: string[] }[];
}

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_MAX_ROWS = 10_000;
/** Unpacked size of all XLSX parts together; a full 10,000-row template sheet stays well below it. */
export const XLSX_MAX_UNPACKED_BYTES = 32 * 1024 * 1024;
/** Columns of a sheet; the template has 27. */
export const XLSX_MAX_COLUMNS = 200;

function fail(code: string, nl: string, en: string, line?: number): never {
  throw new ImportFileError(code, { nl, en }, line);
}

/** Refuses an upload by its size alone, so a server can stop reading a 200 MB body early. */
export function checkSize(bytes: number, maxBytes = DEFAULT_MAX_BYTES): void {
  if (bytes > maxBytes) {
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    fail(
      'file_too_large',
      `Bestand is ${mb(bytes)} MB; de grens is ${mb(maxBytes)} MB. Splits het bestand op.`,
      `File is ${mb(bytes)} MB; the limit is ${mb(maxBytes)} MB. Split the file.`,
    );
  }
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0];

function startsWith(data: Uint8Array, magic: number[]): boolean {
  return magic.every((byte, i) => data[i] === byte);
}

/**
 * Tells the format from the content, not the name alone: a renamed PDF is not a CSV. The name only
 * decides when it says `.xlsx` or `.csv` and the content disagrees.
 */
export function detectFormat(data: Uint8Array, fileName = ''): FileFormat {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (startsWith(data, ZIP)) {
    if (extension && extension !== 'xlsx') {
      fail('unsupported_type', 'Alleen CSV- en XLSX-bestanden', 'Only CSV and XLSX files are accepted');
    }
    return 'xlsx';
  }
  if (startsWith(data, OLE2)) {
    fail(
      'xls_not_supported',
      'Oude Excel-bestanden (.xls) worden niet ondersteund; sla op als .xlsx of .csv',
      'Old Excel files (.xls) are not supported; save as .xlsx or .csv',
    );
  }
  if (extension === 'xlsx') {
    fail(
      'not_xlsx',
      'Het bestand heet .xlsx maar is geen Excel-bestand',
      'The file is named .xlsx but is not an Excel file',
    );
  }
  if (extension && !['csv', 'txt', 'tsv'].includes(extension)) {
    fail('unsupported_type', 'Alleen CSV- en XLSX-bestanden', 'Only CSV and XLSX files are accepted');
  }
  if (data.includes(0) || !isUtf8(data)) {
    fail(
      'unsupported_type',
      'Dit is geen CSV-tekstbestand (UTF-8) of XLSX-bestand',
      'This is not a CSV text file (UTF-8) or an XLSX file',
    );
  }
  return 'csv';
}

function isUtf8(data: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(data);
    return true;
  } catch {
    return false;
  }
}

/** The separator used in the header line: Dutch Excel writes `;`, others `,` or tab. */
function detectDelimiter(firstLine: string): string {
  const counts = [';', ',', '\t'].map((d) => [d, firstLine.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0][1] > 0 ? counts[0][0] : ',';
}

function readCsv(data: Uint8Array): RawTable {
  // One line ending throughout: csv-parse takes the first one it sees, and files edited by hand mix them.
  const text = new TextDecoder('utf-8')
    .decode(data)
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n');
  const delimiter = detectDelimiter(text.slice(0, text.search(/\r?\n|$/)));
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    fail(
      'csv_syntax',
      `CSV is niet te lezen rond regel ${line ?? '?'} (controleer aanhalingstekens)`,
      `CSV cannot be read around line ${line ?? '?'} (check quotes)`,
      line,
    );
  }
  const [header, ...rows] = records;
  if (!header) fail('empty_file', 'Het bestand is leeg', 'The file is empty');
  return {
    format: 'csv',
    headers: header.record,
    // info.lines is the line where a record ends; a quoted cell can span lines, the row starts earlier.
    rows: rows.map(({ record, info }) => ({ line: info.lines - countNewlines(record), cells: record })),
  };
}

function countNewlines(cells: string[]): number {
  let n = 0;
  for (const cell of cells) for (const ch of cell) if (ch === '\n') n++;
  return n;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

async function readXlsx(data: Uint8Array, maxRows: number): Promise<RawTable> {
  // Limits are enforced while unpacking, before the XML parser (which holds the event loop) sees a byte.
  const problem = checkXlsxLimits(data, {
    maxUnpackedBytes: XLSX_MAX_UNPACKED_BYTES,
    maxRows: maxRows + 1,
    maxColumns: XLSX_MAX_COLUMNS,
  });
  if (problem?.kind === 'damaged') {
    fail(
      'not_xlsx',
      'Het Excel-bestand is beschadigd of geen XLSX',
      'The Excel file is damaged or not an XLSX file',
    );
  }
  if (problem?.kind === 'unpacked_too_large') {
    const mb = (problem.limit / 1024 / 1024).toFixed(0);
    fail(
      'file_too_large',
      `Het Excel-bestand is uitgepakt groter dan ${mb} MB. Splits het bestand op.`,
      `The Excel file unpacks to more than ${mb} MB. Split the file.`,
    );
  }
  if (problem?.kind === 'too_many_rows') {
    fail(
      'too_many_rows',
      `Het werkblad heeft meer dan ${maxRows} regels; de grens is ${maxRows}`,
      `The sheet has more than ${maxRows} rows; the limit is ${maxRows}`,
    );
  }
  if (problem?.kind === 'too_many_columns') {
    fail(
      'too_many_columns',
      `Het werkblad heeft meer dan ${problem.limit} kolommen`,
      `The sheet has more than ${problem.limit} columns`,
    );
  }
  let sheet: unknown[][];
  try {
    sheet = await readSheet(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  } catch {
    fail(
      'not_xlsx',
      'Het Excel-bestand is beschadigd of geen XLSX',
      'The Excel file is damaged or not an XLSX file',
    );
  }
  const [header, ...rows] = sheet;
  if (!header) fail('empty_file', 'Het werkblad is leeg', 'The sheet is empty');
  return {
    format: 'xlsx',
    headers: header.map(cellText),
    rows: rows
      .map((cells, index) => ({ line: index + 2, cells: cells.map(cellText) }))
      .filter((row) => row.cells.some((cell) => cell.trim() !== '')),
  };
}

export interface ReadOptions {
  fileName?: string;
  maxBytes?: number;
  maxRows?: number;
}

/** Reads an uploaded CSV or XLSX file into header and rows, or throws an ImportFileError saying why not. */
export async function readTable(data: Uint8Array, options: ReadOptions = {}): Promise<RawTable> {
  checkSize(data.byteLength, options.maxBytes);
  if (data.byteLength === 0 || (data.byteLength < 1024 && new TextDecoder().decode(data).trim() === '')) {
    fail('empty_file', 'Het bestand is leeg', 'The file is empty');
  }
  const format = detectFormat(data, options.fileName);
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const table = format === 'xlsx' ? await readXlsx(data, maxRows) : readCsv(data);
  if (table.rows.length === 0) {
    fail(
      'no_rows',
      'Het bestand heeft alleen een kopregel en geen meldingen',
      'The file has a header but no signals',
    );
  }
  if (table.rows.length > maxRows) {
    fail(
      'too_many_rows',
      `Het bestand heeft ${table.rows.length} regels; de grens is ${maxRows}`,
      `The file has ${table.rows.length} rows; the limit is ${maxRows}`,
    );
  }
  return table;
}
