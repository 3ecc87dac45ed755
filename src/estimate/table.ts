import { parse } from 'csv-parse/sync';

/**
 * A capture table over K lists: `counts[mask]` is the number of persons seen on exactly the lists whose bits are
 * set in `mask` (bit i = list i in header order). `counts[0]`, the unseen, is unknown and always 0 here.
 */
export interface CaptureTable {
  lists: string[];
  counts: Float64Array;
}

export const MIN_LISTS = 2;
export const MAX_LISTS = 10;

/** Bad input, with the reason in Dutch and English; `message` is the English text. */
export class EstimateInputError extends Error {
  constructor(
    readonly nl: string,
    readonly en: string,
  ) {
    super(en);
  }
}

export function observedTotal(table: CaptureTable): number {
  let n = 0;
  for (let c = 1; c < table.counts.length; c++) n += table.counts[c];
  return n;
}

/** Builds a table from list names and pattern counts, with the same checks as the CSV reader. */
export function makeTable(
  lists: string[],
  patterns: Array<{ pattern: number[]; count: number }>,
): CaptureTable {
  checkListNames(lists);
  const counts = new Float64Array(1 << lists.length);
  const seen = new Uint8Array(counts.length);
  patterns.forEach(({ pattern, count }, i) => {
    addPattern(counts, seen, pattern, count, `#${i + 1}`);
  });
  return { lists: [...lists], counts };
}

function checkListNames(lists: string[]): void {
  if (lists.length < MIN_LISTS)
    throw new EstimateInputError(
      `minstens ${MIN_LISTS} lijsten nodig, gevonden: ${lists.length}`,
      `at least ${MIN_LISTS} lists needed, found: ${lists.length}`,
    );
  if (lists.length > MAX_LISTS)
    throw new EstimateInputError(
      `te veel lijsten: ${lists.length} (hoogstens ${MAX_LISTS})`,
      `too many lists: ${lists.length} (at most ${MAX_LISTS})`,
    );
  const names = new Set<string>();
  for (const name of lists) {
    if (!/^[A-Za-z0-9_.-]+$/.test(name))
      throw new EstimateInputError(
        `ongeldige lijstnaam "${name}" (alleen letters, cijfers, _ . -)`,
        `invalid list name "${name}" (letters, digits, _ . - only)`,
      );
    if (names.has(name))
      throw new EstimateInputError(
        `lijstnaam "${name}" komt twee keer voor`,
        `list name "${name}" appears twice`,
      );
    names.add(name);
  }
}

function addPattern(
  counts: Float64Array,
  seen: Uint8Array,
  pattern: number[],
  count: number,
  where: string,
): void {
  let mask = 0;
  pattern.forEach((bit, i) => {
    if (bit === 1) mask |= 1 << i;
  });
  if (mask === 0)
    throw new EstimateInputError(
      `${where}: patroon met alleen nullen (niet waargenomen personen horen niet in de tabel)`,
      `${where}: all-zero pattern (unobserved persons do not belong in the table)`,
    );
  if (!Number.isInteger(count) || count < 0)
    throw new EstimateInputError(
      `${where}: aantal moet een geheel getal ≥ 0 zijn, gevonden: ${count}`,
      `${where}: count must be a whole number ≥ 0, found: ${count}`,
    );
  if (seen[mask])
    throw new EstimateInputError(
      `${where}: patroon ${pattern.join('')} komt dubbel voor`,
      `${where}: duplicate pattern ${pattern.join('')}`,
    );
  seen[mask] = 1;
  counts[mask] = count;
}

/** Parses the CSV contract: one 0/1 column per list and a `count` column. Errors name the line. */
export function parseTableCsv(text: string): CaptureTable {
  let rows: Array<{ record: string[]; info: { lines: number } }>;
  try {
    rows = parse(text, {
      skip_empty_lines: true,
      trim: true,
      info: true,
      relax_column_count: true,
      bom: true,
    }) as unknown as typeof rows;
  } catch (error) {
    throw new EstimateInputError(
      `CSV niet leesbaar: ${(error as Error).message}`,
      `CSV not readable: ${(error as Error).message}`,
    );
  }
  if (rows.length === 0) throw new EstimateInputError('leeg CSV-bestand', 'empty CSV file');
  const header = rows[0].record;
  const countIndex = header.findIndex((h) => h.toLowerCase() === 'count');
  if (countIndex < 0)
    throw new EstimateInputError('regel 1: kolom "count" ontbreekt', 'line 1: column "count" is missing');
  const listColumns = header.map((_, i) => i).filter((i) => i !== countIndex);
  const lists = listColumns.map((i) => header[i]);
  try {
    checkListNames(lists);
  } catch (error) {
    const e = error as EstimateInputError;
    throw new EstimateInputError(`regel 1: ${e.nl}`, `line 1: ${e.en}`);
  }
  const counts = new Float64Array(1 << lists.length);
  const seen = new Uint8Array(counts.length);
  for (const { record, info } of rows.slice(1)) {
    const where = `regel ${info.lines}`;
    const whereEn = `line ${info.lines}`;
    if (record.length !== header.length)
      throw new EstimateInputError(
        `${where}: ${record.length} velden, verwacht ${header.length}`,
        `${whereEn}: ${record.length} fields, expected ${header.length}`,
      );
    const pattern = listColumns.map((i) => {
      const v = record[i];
      if (v !== '0' && v !== '1')
        throw new EstimateInputError(
          `${where}: kolom "${header[i]}" moet 0 of 1 zijn, gevonden: "${v}"`,
          `${whereEn}: column "${header[i]}" must be 0 or 1, found: "${v}"`,
        );
      return Number(v);
    });
    const raw = record[countIndex];
    const count = raw === '' ? Number.NaN : Number(raw);
    try {
      addPattern(counts, seen, pattern, count, whereEn);
    } catch (error) {
      const e = error as EstimateInputError;
      throw new EstimateInputError(e.nl.replace(whereEn, where), e.en);
    }
  }
  return { lists, counts };
}

/** Writes a table back in the CSV contract (non-zero patterns only). */
export function tableToCsv(table: CaptureTable): string {
  const lines = [[...table.lists, 'count'].join(',')];
  for (let c = 1; c < table.counts.length; c++) {
    if (table.counts[c] === 0) continue;
    lines.push([...table.lists.map((_, i) => ((c >> i) & 1 ? '1' : '0')), String(table.counts[c])].join(','));
  }
  return `${lines.join('\n')}\n`;
}

export type RecordValue = string | number | boolean | null | undefined;

export interface RecordsToTablesOptions {
  /** Columns holding list membership (truthy: 1, true, "1", "ja", "yes", "x"). */
  lists: string[];
  /** Columns to stratify by (e.g. year, gender, age group, form of exploitation, nationality). */
  strata?: string[];
}

export interface StratumTable {
  /** Stratum values in the order of `strata`; empty for the whole population. */
  key: Record<string, string>;
  label: string;
  table: CaptureTable;
}

function isMember(value: RecordValue): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (value == null) return false;
  return ['1', 'true', 'ja', 'yes', 'x', 'j', 'y'].includes(String(value).trim().toLowerCase());
}

/**
 * Builds one capture table per stratum from individual records (one per person after linkage).
 * Records on no list at all cannot have been observed and are skipped (counted in `skipped`).
 */
export function tablesFromRecords(
  records: Iterable<Record<string, RecordValue>>,
  options: RecordsToTablesOptions,
): { strata: StratumTable[]; skipped: number } {
  checkListNames(options.lists);
  const strataColumns = options.strata ?? [];
  const byKey = new Map<string, StratumTable>();
  let skipped = 0;
  let line = 0;
  for (const record of records) {
    line++;
    for (const column of [...options.lists, ...strataColumns]) {
      if (!(column in record))
        throw new EstimateInputError(
          `record ${line}: kolom "${column}" ontbreekt`,
          `record ${line}: column "${column}" is missing`,
        );
    }
    let mask = 0;
    options.lists.forEach((list, i) => {
      if (isMember(record[list])) mask |= 1 << i;
    });
    if (mask === 0) {
      skipped++;
      continue;
    }
    const values = strataColumns.map((s) => String(record[s] ?? '').trim() || '?');
    const label = strataColumns.map((s, i) => `${s}=${values[i]}`).join(', ');
    let stratum = byKey.get(label);
    if (!stratum) {
      stratum = {
        key: Object.fromEntries(strataColumns.map((s, i) => [s, values[i]])),
        label,
        table: { lists: [...options.lists], counts: new Float64Array(1 << options.lists.length) },
      };
      byKey.set(label, stratum);
    }
    stratum.table.counts[mask]++;
  }
  const strata = [...byKey.values()].sort((a, b) => a.label.localeCompare(b.label, 'nl', { numeric: true }));
  return { strata, skipped };
}

/** Convenience: a single table from records, ignoring strata. */
export function tableFromRecords(
  records: Iterable<Record<string, RecordValue>>,
  lists: string[],
): CaptureTable {
  const { strata } = tablesFromRecords(records, { lists });
  return strata[0]?.table ?? { lists: [...lists], counts: new Float64Array(1 << lists.length) };
}
