/** The screening command's and the desk's CSV files: Wav register rows and visa applications. */
import { parse } from 'csv-parse/sync';
import type { Referent, RegisterEntry } from './match.ts';

export const REGISTER_COLUMNS = [
  'id',
  'kvk',
  'name',
  'trade_names',
  'street',
  'house_number',
  'postcode',
  'city',
  'fined_on',
  'irrevocable_on',
] as const;

export const APPLICATION_COLUMNS = [
  'id',
  'referent_name',
  'referent_kvk',
  'street',
  'house_number',
  'postcode',
  'city',
] as const;

/** A CSV file as objects by header, with `;` or `,` as separator (whichever the header uses). */
export function readCsvRecords(text: string): Record<string, string>[] {
  const body = text.replace(/^\uFEFF/, '');
  const header = body.slice(0, body.indexOf('\n') === -1 ? body.length : body.indexOf('\n'));
  const delimiter = header.split(';').length > header.split(',').length ? ';' : ',';
  return parse(body, {
    columns: (names: string[]) => names.map((n) => n.trim().toLowerCase()),
    delimiter,
    skip_empty_lines: true,
    trim: true,
    relax_column_count: true,
  }) as Record<string, string>[];
}

export function missingColumns(
  records: readonly Record<string, string>[],
  required: readonly string[],
): string[] {
  if (records.length === 0) return [];
  return required.filter((c) => !(c in records[0]));
}

const opt = (v: string | undefined) => (v === undefined || v === '' ? undefined : v);

export function registerEntryOf(row: Record<string, string>): RegisterEntry {
  return {
    id: row.id ?? '',
    kvk: opt(row.kvk),
    name: row.name ?? '',
    tradeNames: (row.trade_names ?? '')
      .split('|')
      .map((t) => t.trim())
      .filter((t) => t !== ''),
    street: opt(row.street),
    houseNumber: opt(row.house_number),
    postcode: opt(row.postcode),
    city: opt(row.city),
  };
}

export function referentOf(row: Record<string, string>): Referent {
  return {
    id: row.id ?? '',
    name: row.referent_name ?? '',
    kvk: opt(row.referent_kvk),
    street: opt(row.street),
    houseNumber: opt(row.house_number),
    postcode: opt(row.postcode),
    city: opt(row.city),
  };
}
