/**
 * Encoding one organisation's person list (CSV text) into CLK JSON lines. Pure and
 * browser-compatible, so the same code can run on the partner's machine in the browser.
 *
 * File layout: a header line `{"type":"header", list, fingerprint, settings, records, strata}`
 * then one line per person `{"r": row, "clk": base64, "b": [blocking tokens], "w": [weak
 * tokens], "d": [date tokens, 8 hex each, "00000000" = none], "e"?: [empty segments], "a"?: 1
 * (initials only), "t"?: 1 (estimated date), "s"?: {strata}}`.
 * The `id` column is never encoded; `r` (the data row number) lets the partner find a record
 * back locally if a privacy officer asks for quality control.
 */
// Node's build; web/vite.config.ts points the browser at csv-parse's browser build.
import { parse } from 'csv-parse/sync';
import { DateError } from '../dates.ts';
import type { PersonInput } from '../person.ts';
import { ClkEncoder, type ClkSettings, defaultSettings, wordsToBase64 } from './clk.ts';
import { extraSegment } from './tokens.ts';

export class InputError extends Error {}

export interface EncodeOptions {
  list: string;
  strata?: string[];
  /** Extra columns encoded as text fields (e.g. address, postcode); every party must use the same. */
  extraFields?: string[];
  settings?: Partial<ClkSettings>;
  /** Keep well-formed but impossible dates (typing errors) instead of refusing the file. */
  lenientDates?: boolean;
}

const ALIASES: Record<string, string> = {
  surname: 'family_name',
  tussenvoegsel: 'prefix',
  dob: 'date_of_birth',
};
const REQUIRED = ['given_name', 'family_name', 'date_of_birth'];
export const LIST_NAME = /^[A-Za-z][A-Za-z0-9_]{0,30}$/;

export function encodeList(csvText: string, secret: Uint8Array, options: EncodeOptions): string[] {
  if (!LIST_NAME.test(options.list) || options.list.toLowerCase() === 'count') {
    throw new InputError(
      `--list "${options.list}": use a letter followed by letters, digits or _ (max 31), not "count"`,
    );
  }
  let rows: string[][];
  try {
    rows = parse(csvText, { trim: true, skip_empty_lines: true, relax_column_count: false });
  } catch (error) {
    throw new InputError(`CSV: ${(error as Error).message}`);
  }
  if (rows.length === 0) throw new InputError('CSV is empty: no header');
  const header = rows[0].map((h) => {
    const name = h.toLowerCase();
    return ALIASES[name] ?? name;
  });
  const column = (name: string) => header.indexOf(name);
  const missing = REQUIRED.filter((c) => column(c) < 0);
  if (missing.length > 0) {
    throw new InputError(
      `CSV header: missing column(s) ${missing.join(', ')} (found: ${rows[0].join(', ')})`,
    );
  }
  const strata = options.strata ?? [];
  const extras = (options.extraFields ?? []).map((e) => e.toLowerCase());
  for (const name of [...strata, ...extras]) {
    if (column(name.toLowerCase()) < 0)
      throw new InputError(`CSV header: column "${name}" named by an option is missing`);
  }
  if (rows.length === 1) throw new InputError('the list is empty: the CSV has a header but no records');

  const base = defaultSettings(options.settings);
  // The initial segment stays last (see INITIAL_SEGMENT).
  const isInitial = (segment: { name: string }) => segment.name === 'initial';
  const settings: ClkSettings =
    extras.length > 0
      ? {
          ...base,
          segments: [
            ...base.segments.filter((x) => !isInitial(x)),
            extraSegment(extras),
            ...base.segments.filter(isInitial),
          ],
        }
      : base;
  let encoder: ClkEncoder;
  try {
    encoder = new ClkEncoder(secret, settings);
  } catch (error) {
    throw new InputError((error as Error).message);
  }
  const get = (row: string[], name: string) => {
    const i = column(name);
    return i < 0 ? '' : (row[i] ?? '');
  };
  const lines: string[] = [];
  const clk = new Uint32Array(encoder.words);
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r];
    const person: PersonInput = {
      givenName: get(row, 'given_name'),
      prefix: get(row, 'prefix'),
      familyName: get(row, 'family_name'),
      dateOfBirth: get(row, 'date_of_birth'),
      gender: get(row, 'gender'),
      placeOfBirth: get(row, 'place_of_birth'),
    };
    // A person without names still counts on the list; one without anything cannot be linked.
    if (!person.givenName && !person.familyName && !person.dateOfBirth) {
      throw new InputError(`line ${r + 1}: given_name, family_name and date_of_birth are all empty`);
    }
    const extra = Object.fromEntries(extras.map((name) => [name, get(row, name)]));
    let encoded: ReturnType<ClkEncoder['encodeInto']>;
    try {
      encoded = encoder.encodeInto({ person, extra }, clk, 0, options.lenientDates);
    } catch (error) {
      if (error instanceof DateError) throw new InputError(`line ${r + 1}, date_of_birth: ${error.message}`);
      throw error;
    }
    const line: Record<string, unknown> = { r, clk: wordsToBase64(clk), b: encoded.blocks, w: encoded.weak };
    if (encoded.empty.length > 0) line.e = encoded.empty;
    if (encoded.abbreviated) line.a = 1;
    line.d = Array.from(encoded.dates, (t) => t.toString(16).padStart(8, '0'));
    if (encoded.estimated) line.t = 1;
    if (strata.length > 0) line.s = Object.fromEntries(strata.map((s) => [s, get(row, s.toLowerCase())]));
    lines.push(JSON.stringify(line));
  }
  const head = {
    type: 'header',
    list: options.list,
    fingerprint: encoder.fingerprint,
    settings,
    records: lines.length,
    strata,
  };
  return [JSON.stringify(head), ...lines];
}
