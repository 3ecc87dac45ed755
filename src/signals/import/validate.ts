import type { Label } from '../../domain/label.ts';
import { MUNICIPALITIES } from '../../domain/municipalities.ts';
import { parseSignal } from '../parse.ts';
import { type SignalInput, type SignalSchema, signalSchema } from '../schema.ts';
import { columnForField, findColumn, type ImportColumn, normalizeHeader } from './columns.ts';
import { type FileFormat, ImportFileError, type RawTable, type ReadOptions, readTable } from './read.ts';

/** One problem in one row: the line people see in their editor, the column header, and why. */
export interface RowError {
  line: number;
  column: string;
  code: string;
  message: Label;
}

export interface ImportReport {
  format: FileFormat;
  rowCount: number;
  valid: { line: number; signal: SignalInput }[];
  errors: RowError[];
  /** True when every row is valid: only then is a default (all-or-nothing) import written. */
  ok: boolean;
}

const municipalityByName = new Map(MUNICIPALITIES.map((m) => [m.name.toLowerCase(), m.cbsCode]));

function splitList(cell: string): string[] {
  return cell
    .split(/[;|\n]/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** Sets a value at a dotted path like `persons.0.phones`, creating objects and arrays on the way. */
function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node: Record<string, unknown> = target;
  keys.slice(0, -1).forEach((key, i) => {
    if (node[key] === undefined) node[key] = /^\d+$/.test(keys[i + 1]) ? [] : {};
    node = node[key] as Record<string, unknown>;
  });
  node[keys[keys.length - 1]] = value;
}

function cellValue(column: ImportColumn, cell: string): unknown {
  if (column.kind === 'list') {
    const items = splitList(cell);
    if (column.path === 'indicators') return items.map((code) => ({ code }));
    if (column.path === 'vehicles') return items.map((plate) => ({ plate }));
    if (column.path === 'handles') {
      return items.map((item) => {
        const at = item.indexOf(':');
        return at > 0
          ? { platform: item.slice(0, at).trim().toLowerCase(), handle: item.slice(at + 1) }
          : { platform: 'other', handle: item };
      });
    }
    if (column.path === 'forms') return items.map((form) => form.toLowerCase());
    return items;
  }
  if (column.kind === 'integer') return /^\d+$/.test(cell) ? Number(cell) : cell;
  if (column.path === 'location.municipality') return municipalityByName.get(cell.toLowerCase()) ?? cell;
  return cell;
}

/** Builds a submission from one row; empty cells are left out, so optional fields stay optional. */
function rowToSubmission(columns: (ImportColumn | undefined)[], cells: string[]): Record<string, unknown> {
  const submission: Record<string, unknown> = { channel: 'csv_import' };
  columns.forEach((column, index) => {
    const cell = (cells[index] ?? '').trim();
    if (!column || cell === '') return;
    setPath(submission, column.path, cellValue(column, cell));
  });
  // A person or company column alone (e.g. only a phone number) still needs its required parts.
  const persons = submission.persons as Record<string, unknown>[] | undefined;
  if (persons?.[0] && persons[0].role === undefined) persons[0].role = 'other';
  return submission;
}

function resolveColumns(headers: string[]): ImportColumn[] {
  const columns: ImportColumn[] = [];
  const seen = new Set<string>();
  for (const header of headers) {
    const column = findColumn(header);
    if (!column) {
      throw new ImportFileError(
        'unknown_column',
        {
          nl: `Onbekende kolom "${header}" in de kopregel; gebruik het sjabloon`,
          en: `Unknown column "${header}" in the header; use the template`,
        },
        1,
      );
    }
    if (seen.has(column.header)) {
      throw new ImportFileError(
        'duplicate_column',
        {
          nl: `Kolom "${normalizeHeader(header)}" staat er twee keer in`,
          en: `Column "${normalizeHeader(header)}" appears twice`,
        },
        1,
      );
    }
    seen.add(column.header);
    columns.push(column);
  }
  const missing = ['vormen'].filter((header) => !seen.has(header));
  if (missing.length > 0) {
    throw new ImportFileError(
      'missing_column',
      {
        nl: `Verplichte kolom ontbreekt: ${missing.join(', ')}`,
        en: `Required column missing: ${missing.join(', ')}`,
      },
      1,
    );
  }
  return columns;
}

/** Validates every row of a table against the signal schema and reports all problems, row by row. */
export function validateTable(table: RawTable, schema: SignalSchema = signalSchema): ImportReport {
  const columns = resolveColumns(table.headers);
  const valid: ImportReport['valid'] = [];
  const errors: RowError[] = [];
  for (const row of table.rows) {
    if (
      row.cells.length > columns.length &&
      row.cells.slice(columns.length).some((cell) => cell.trim() !== '')
    ) {
      errors.push({
        line: row.line,
        column: '',
        code: 'column_count',
        message: {
          nl: `Regel heeft ${row.cells.length} cellen maar de kopregel ${columns.length}`,
          en: `Row has ${row.cells.length} cells but the header has ${columns.length}`,
        },
      });
      continue;
    }
    const result = parseSignal(rowToSubmission(columns, row.cells), schema);
    if (result.ok) {
      valid.push({ line: row.line, signal: result.signal });
      continue;
    }
    for (const error of result.errors) {
      errors.push({
        line: row.line,
        column: columnForField(error.field)?.header ?? error.field,
        code: error.code,
        message: error.message,
      });
    }
  }
  return { format: table.format, rowCount: table.rows.length, valid, errors, ok: errors.length === 0 };
}

/** Reads and validates a bulk file in one go. File problems throw ImportFileError; row problems are in the report. */
export async function validateImport(
  data: Uint8Array,
  options: ReadOptions & { schema?: SignalSchema } = {},
): Promise<ImportReport> {
  const table = await readTable(data, options);
  // In slices, giving the event loop back between them: a 10,000-row file takes a second or more to
  // validate, which would otherwise hold up every other request of the server.
  const report: ImportReport = {
    format: table.format,
    rowCount: table.rows.length,
    valid: [],
    errors: [],
    ok: true,
  };
  for (let start = 0; start === 0 || start < table.rows.length; start += VALIDATE_SLICE_ROWS) {
    const part = validateTable(
      { ...table, rows: table.rows.slice(start, start + VALIDATE_SLICE_ROWS) },
      options.schema,
    );
    report.valid.push(...part.valid);
    report.errors.push(...part.errors);
    if (start + VALIDATE_SLICE_ROWS < table.rows.length)
      await new Promise((resolve) => setImmediate(resolve));
  }
  report.ok = report.errors.length === 0;
  return report;
}

/** Rows validated between two turns of the event loop (about 20 ms of work). */
const VALIDATE_SLICE_ROWS = 100;
