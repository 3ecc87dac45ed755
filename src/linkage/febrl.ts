/** Loader for the FEBRL synthetic person datasets (tests and benchmarks). */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { PersonInput } from './person.ts';

export interface FebrlRecord {
  /** The `rec-N` part of rec_id: equal for the true pairs. */
  entity: string;
  person: PersonInput;
  /** The raw columns, for CSV round trips in the PPRL tests. */
  row: Record<string, string>;
}

export const FEBRL_DIR = 'test/data/febrl';

export function loadFebrl(file: string): FebrlRecord[] {
  const rows: Record<string, string>[] = parse(readFileSync(file, 'utf8'), { columns: true, trim: true });
  return rows.map((row) => ({
    entity: row.rec_id.split('-').slice(0, 2).join('-'),
    row,
    person: {
      givenName: row.given_name,
      familyName: row.surname,
      dateOfBirth: row.date_of_birth,
      idNumber: row.soc_sec_id,
      address: {
        street: row.address_1,
        houseNumber: row.street_number,
        postcode: row.postcode,
        city: row.suburb,
      },
    },
  }));
}

/** Precision, recall and F1 of predicted pairs against the true ones. */
export function quality(predicted: number, correct: number, truePairs: number) {
  const precision = predicted === 0 ? 1 : correct / predicted;
  const recall = truePairs === 0 ? 1 : correct / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}
