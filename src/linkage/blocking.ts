/**
 * Blocking: each person gets a few short keys; only pairs that share a key are compared.
 * Keys are plain strings with a type prefix, so one table (block_key, entity_id) with an index
 * serves incremental lookups, and the PPRL encoder can HMAC the same keys.
 */
import type { PreparedPerson } from './person.ts';

/** Keys from names and date of birth only (what a PPRL encoding also carries). */
export function nameDateKeys(p: PreparedPerson): string[] {
  const keys: string[] = [];
  const year = p.yearOfBirth;
  const fam = p.familyPhonetic;
  const giv = p.given.initialsOnly ? '' : p.givenPhonetic;
  // Name + year of birth, family and given name under one key type so swapped names still meet.
  if (fam && year !== undefined) keys.push(`ny:${fam}:${year}`);
  if (giv && year !== undefined) keys.push(`ny:${giv}:${year}`);
  if (p.dob) {
    // Day and month in sorted order, so a day/month swap keeps the key.
    const [lo, hi] = p.dob.month <= p.dob.day ? [p.dob.month, p.dob.day] : [p.dob.day, p.dob.month];
    keys.push(`d:${p.dob.year}:${lo}:${hi}`);
    // Day and month with the family name, for a wrong year.
    if (fam) keys.push(`fm:${fam}:${lo}:${hi}`);
  }
  // Both names without the date, order-free: a missing or wrong date, or swapped names.
  if (fam && giv) keys.push(`nn:${fam < giv ? `${fam}:${giv}` : `${giv}:${fam}`}`);
  // Family name with the first initial, for a missing or wrong date of birth.
  const initial = p.given.initials[0];
  if (fam && initial) keys.push(`fi:${fam}:${initial}`);
  return keys;
}

/** All blocking keys of a person: names and date, plus identifiers and address when known. */
export function blockingKeysOf(p: PreparedPerson): string[] {
  const keys = nameDateKeys(p);
  if (p.idNumber) keys.push(`id:${p.idNumber}`);
  if (p.postcode && p.houseNumber) keys.push(`pc:${p.postcode}:${p.houseNumber}`);
  return [...new Set(keys)];
}

export interface CandidatePairs {
  /** Record indexes in list A and B (or both in one list when deduplicating). */
  a: Int32Array;
  b: Int32Array;
  /** Keys skipped because their block was larger than `maxBlock`. */
  skippedBlocks: number;
}

/**
 * Pairs that share at least one key, each pair once: a pair is emitted only for the first key
 * (in B's key order) it shares, so no set of seen pairs is needed. With `dedupe`, A and B are
 * the same list and only pairs a < b are emitted.
 */
export function candidatePairs(
  keysA: readonly string[][],
  keysB: readonly string[][],
  { maxBlock = Number.POSITIVE_INFINITY, dedupe = false }: { maxBlock?: number; dedupe?: boolean } = {},
): CandidatePairs {
  const index = new Map<string, number[]>();
  keysA.forEach((keys, i) => {
    for (const key of keys) {
      const list = index.get(key);
      if (list) list.push(i);
      else index.set(key, [i]);
    }
  });
  const skipped = new Set<string>();
  for (const [key, list] of index) if (list.length > maxBlock) skipped.add(key);
  const outA: number[] = [];
  const outB: number[] = [];
  keysB.forEach((keys, j) => {
    for (let k = 0; k < keys.length; k++) {
      if (skipped.has(keys[k])) continue;
      const list = index.get(keys[k]);
      if (!list) continue;
      for (const i of list) {
        if (dedupe && i >= j) continue;
        let earlier = false;
        for (let e = 0; e < k && !earlier; e++) earlier = !skipped.has(keys[e]) && keysA[i].includes(keys[e]);
        if (earlier) continue;
        outA.push(i);
        outB.push(j);
      }
    }
  });
  return { a: Int32Array.from(outA), b: Int32Array.from(outB), skippedBlocks: skipped.size };
}
