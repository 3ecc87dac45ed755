import { parse } from 'csv-parse/sync';
import {
  type CaptureTable,
  EstimateInputError,
  makeTable,
  parseTableCsv,
  type RecordValue,
  tablesFromRecords,
} from '../index.ts';

/**
 * What the app stores as the input of an estimate: a capture table, per stratum where strata are given.
 * Only counts are kept — a records table is aggregated here and its rows are never stored.
 */
export interface TableRow {
  /** One 0/1 character per list, in the order of `lists`. */
  pattern: string;
  count: number;
  stratum?: Record<string, string>;
}

export interface StoredInput {
  lists: string[];
  strata: string[];
  rows: TableRow[];
  /** Records on no list at all, left out (records input only). */
  skipped?: number;
}

export type ApiInput =
  | { format: 'table-csv'; text: string; strata?: string[] }
  | { format: 'table-json'; lists: string[]; rows: TableRow[]; strata?: string[] }
  | { format: 'records-csv'; text: string; lists: string[]; strata?: string[] };

const bad = (nl: string, en: string) => new EstimateInputError(nl, en);

/** Checks stratum names against what the statistics purpose allows. */
export function checkStrata(strata: readonly string[], allowed: readonly string[]): void {
  for (const s of strata) {
    if (!allowed.includes(s))
      throw bad(
        `stratum "${s}" is niet toegestaan voor het doel statistiek (toegestaan: ${allowed.join(', ')})`,
        `stratum "${s}" is not allowed for the statistics purpose (allowed: ${allowed.join(', ')})`,
      );
  }
  if (new Set(strata).size !== strata.length) throw bad('stratum dubbel genoemd', 'stratum named twice');
}

export function normaliseInput(input: ApiInput, allowedStrata: readonly string[]): StoredInput {
  const strata = input.strata ?? [];
  checkStrata(strata, allowedStrata);
  const stored = read(input, strata);
  if (!stored.rows.some((row) => row.count > 0))
    throw bad('de tabel bevat geen enkele persoon', 'the table holds no persons at all');
  return stored;
}

function read(input: ApiInput, strata: string[]): StoredInput {
  if (input.format === 'records-csv') return fromRecords(input.text, input.lists, strata);
  if (input.format === 'table-json') return fromJson(input.lists, input.rows, strata);
  if (strata.length > 0) return fromStratifiedCsv(input.text, strata);
  const table = parseTableCsv(input.text);
  return { lists: table.lists, strata, rows: rowsOf(table) };
}

export function patternOf(mask: number, k: number): string {
  let out = '';
  for (let i = 0; i < k; i++) out += (mask >> i) & 1 ? '1' : '0';
  return out;
}

function maskOf(pattern: string): number {
  let mask = 0;
  for (let i = 0; i < pattern.length; i++) if (pattern[i] === '1') mask |= 1 << i;
  return mask;
}

function rowsOf(table: CaptureTable, stratum?: Record<string, string>): TableRow[] {
  const rows: TableRow[] = [];
  for (let mask = 1; mask < table.counts.length; mask++) {
    const count = table.counts[mask];
    if (count > 0)
      rows.push({ pattern: patternOf(mask, table.lists.length), count, ...(stratum ? { stratum } : {}) });
  }
  return rows;
}

function fromJson(lists: string[], rows: TableRow[], strata: string[]): StoredInput {
  const groups = new Map<
    string,
    { stratum: Record<string, string>; patterns: Array<{ pattern: number[]; count: number }> }
  >();
  rows.forEach((row, i) => {
    const where = `rows[${i}]`;
    if (row.pattern.length !== lists.length || !/^[01]+$/.test(row.pattern))
      throw bad(
        `${where}: patroon "${row.pattern}" moet ${lists.length} tekens 0/1 hebben`,
        `${where}: pattern "${row.pattern}" must have ${lists.length} characters 0/1`,
      );
    const stratum = stratumOf(row.stratum ?? {}, strata, where);
    const key = JSON.stringify(stratum);
    const group = groups.get(key) ?? { stratum, patterns: [] };
    groups.set(key, group);
    group.patterns.push({ pattern: [...row.pattern].map(Number), count: row.count });
  });
  const out: TableRow[] = [];
  for (const group of groups.values()) {
    const table = makeTable(lists, group.patterns);
    out.push(...rowsOf(table, strata.length > 0 ? group.stratum : undefined));
  }
  if (groups.size === 0) makeTable(lists, []);
  return { lists: [...lists], strata, rows: out };
}

function stratumOf(given: Record<string, string>, strata: string[], where: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of strata) {
    const value = String(given[s] ?? '').trim();
    if (!value) throw bad(`${where}: stratum "${s}" ontbreekt`, `${where}: stratum "${s}" is missing`);
    out[s] = value;
  }
  const extra = Object.keys(given).find((s) => !strata.includes(s));
  if (extra) throw bad(`${where}: onbekend stratum "${extra}"`, `${where}: unknown stratum "${extra}"`);
  return out;
}

/** The capture table CSV with stratum columns in front (as `pprl link` prints it). Errors name the line. */
function fromStratifiedCsv(text: string, strata: string[]): StoredInput {
  const records = readCsv(text);
  const header = records[0].record;
  const missing = strata.find((s) => !header.includes(s));
  if (missing)
    throw bad(
      `regel 1: stratumkolom "${missing}" ontbreekt`,
      `line 1: stratum column "${missing}" is missing`,
    );
  const listColumns = header.map((_, i) => i).filter((i) => !strata.includes(header[i]));
  const listHeader = listColumns.map((i) => header[i]).join(',');
  // One plain capture table per stratum, read by the engine's own CSV parser so that errors are the same.
  const groups = new Map<string, { csv: string[]; lines: number[] }>();
  for (const { record, info } of records.slice(1)) {
    if (record.length !== header.length)
      throw bad(
        `regel ${info.lines}: ${record.length} velden, verwacht ${header.length}`,
        `line ${info.lines}: ${record.length} fields, expected ${header.length}`,
      );
    const stratum = Object.fromEntries(strata.map((s) => [s, record[header.indexOf(s)]]));
    const empty = strata.find((s) => !stratum[s]);
    if (empty)
      throw bad(
        `regel ${info.lines}: stratum "${empty}" is leeg`,
        `line ${info.lines}: stratum "${empty}" is empty`,
      );
    const key = JSON.stringify(stratum);
    const group = groups.get(key) ?? { csv: [listHeader], lines: [1] };
    groups.set(key, group);
    group.csv.push(listColumns.map((i) => record[i]).join(','));
    group.lines.push(info.lines);
  }
  const lists = parseTableCsv(listHeader).lists;
  const rows: TableRow[] = [];
  for (const [key, group] of groups) {
    try {
      rows.push(...rowsOf(parseTableCsv(group.csv.join('\n')), JSON.parse(key)));
    } catch (error) {
      throw relined(error, group.lines);
    }
  }
  return { lists, strata, rows };
}

/** The engine names lines of the per-stratum text; map them back to lines of the uploaded file. */
function relined(error: unknown, lines: number[]): unknown {
  if (!(error instanceof EstimateInputError)) return error;
  const map = (text: string) =>
    text.replace(/^(regel|line) (\d+)/, (_, word, n) => `${word} ${lines[Number(n) - 1] ?? n}`);
  return new EstimateInputError(map(error.nl), map(error.en));
}

function readCsv(text: string): Array<{ record: string[]; info: { lines: number } }> {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, {
      skip_empty_lines: true,
      trim: true,
      info: true,
      relax_column_count: true,
      bom: true,
    }) as unknown as typeof records;
  } catch (error) {
    throw bad(
      `CSV niet leesbaar: ${(error as Error).message}`,
      `CSV not readable: ${(error as Error).message}`,
    );
  }
  if (records.length === 0) throw bad('leeg CSV-bestand', 'empty CSV file');
  return records;
}

/** A records table (one row per person, already linked): list membership columns and stratum columns. */
function fromRecords(text: string, lists: string[], strata: string[]): StoredInput {
  const records = readCsv(text);
  const header = records[0].record;
  for (const column of [...lists, ...strata]) {
    if (!header.includes(column))
      throw bad(`regel 1: kolom "${column}" ontbreekt`, `line 1: column "${column}" is missing`);
  }
  // Only the named columns are read; names or other identifying columns in the file are never touched.
  const wanted = [...lists, ...strata].map((c) => [c, header.indexOf(c)] as const);
  const rows = records.slice(1).map(({ record, info }) => {
    if (record.length !== header.length)
      throw bad(
        `regel ${info.lines}: ${record.length} velden, verwacht ${header.length}`,
        `line ${info.lines}: ${record.length} fields, expected ${header.length}`,
      );
    return Object.fromEntries(wanted.map(([c, i]) => [c, record[i] as RecordValue]));
  });
  const { strata: tables, skipped } = tablesFromRecords(rows, { lists, strata });
  const out: TableRow[] = tables.flatMap((s) => rowsOf(s.table, strata.length > 0 ? s.key : undefined));
  return { lists: [...lists], strata, rows: out, skipped };
}

/** The tables to estimate: the whole population, and one per stratum. */
export function tablesOf(input: StoredInput): {
  overall: CaptureTable;
  strata: Array<{ label: string; key: Record<string, string>; table: CaptureTable }>;
} {
  const size = 1 << input.lists.length;
  const overall: CaptureTable = { lists: input.lists, counts: new Float64Array(size) };
  const byKey = new Map<string, { label: string; key: Record<string, string>; table: CaptureTable }>();
  for (const row of input.rows) {
    const mask = maskOf(row.pattern);
    overall.counts[mask] += row.count;
    if (input.strata.length === 0) continue;
    const key = row.stratum ?? {};
    const label = input.strata.map((s) => `${s}=${key[s]}`).join(', ');
    let entry = byKey.get(label);
    if (!entry) {
      entry = { label, key, table: { lists: input.lists, counts: new Float64Array(size) } };
      byKey.set(label, entry);
    }
    entry.table.counts[mask] += row.count;
  }
  const strata = [...byKey.values()].sort((a, b) => a.label.localeCompare(b.label, 'nl', { numeric: true }));
  return { overall, strata };
}
