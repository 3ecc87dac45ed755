/**
 * Blocking: each person gets a few short keys; only pairs that share a key are compared.
 * Keys are plain strings with a type prefix, so one table (block_key, entity_id) with an index
 * serves incremental lookups, and the PPRL encoder can HMAC the same keys.
 */
import type { PreparedPerson } from './person.ts';

/**
 * Keys from names and date of birth only (what a PPRL encoding also carries). Every key combines
 * two pieces of evidence, so blocks stay small in a million records with a small name pool, and
 * each typical registration error leaves at least one key intact:
 * - name (family or given, one key type so swapped names meet) + year + the other name's initial:
 *   a wrong day or month;
 * - full date (day and month order-free) + an initial: a typo in a name, initials only;
 * - family name + day and month, both names: a wrong or missing year or date.
 */
export function nameDateKeys(p: PreparedPerson): string[] {
  const keys: string[] = [];
  const year = p.yearOfBirth;
  const fam = p.familyPhonetic;
  const giv = p.given.initialsOnly ? '' : p.givenPhonetic;
  // With the other name's initial: "Mohamed, 1990" alone is a block of hundreds in a million.
  const famInitial = p.family.main[0] ?? '';
  const givInitial = p.given.initials[0] ?? '';
  if (fam && year !== undefined) keys.push(`ny:${fam}:${year}:${givInitial}`);
  if (giv && year !== undefined) keys.push(`ny:${giv}:${year}:${famInitial}`);
  if (p.dob) {
    // Day and month in sorted order, so a day/month swap keeps the key.
    const [lo, hi] = p.dob.month <= p.dob.day ? [p.dob.month, p.dob.day] : [p.dob.day, p.dob.month];
    const date = `${p.dob.year}:${lo}:${hi}`;
    const initials = new Set([famInitial, givInitial].filter(Boolean));
    for (const initial of initials) keys.push(`di:${date}:${initial}`);
    if (fam) keys.push(`fm:${fam}:${lo}:${hi}`);
  }
  if (fam && giv) keys.push(`nn:${fam < giv ? `${fam}:${giv}` : `${giv}:${fam}`}`);
  return [...new Set(keys)];
}

/**
 * Keys of one piece of evidence each: the date alone (names rewritten), one name with the other's
 * initial (date missing or wrong). They select only in small lists or for rare values, so the
 * linkage uses them only where their block is small (`weakMaxBlock`); in a million records the
 * two-piece keys above carry the load.
 */
export function weakNameDateKeys(p: PreparedPerson): string[] {
  const keys: string[] = [];
  if (p.dob) {
    const [lo, hi] = p.dob.month <= p.dob.day ? [p.dob.month, p.dob.day] : [p.dob.day, p.dob.month];
    keys.push(`wd:${p.dob.year}:${lo}:${hi}`);
  }
  const fam = p.familyPhonetic;
  const giv = p.given.initialsOnly ? '' : p.givenPhonetic;
  // One key type for both names, so swapped names meet too.
  if (fam) keys.push(`wn:${fam}:${p.given.initials[0] ?? ''}`);
  if (giv) keys.push(`wn:${giv}:${p.family.main[0] ?? ''}`);
  return [...new Set(keys)];
}

/** Whether a key is one of weakNameDateKeys (clear-text keys; encoded keys say so by their sign). */
export function isWeakKey(key: string | number): boolean {
  return typeof key === 'number' ? key < 0 : key.startsWith('w');
}

/** Default block size limits: two-piece keys, and one-piece (weak) keys. */
export const MAX_BLOCK = 100;
export const WEAK_MAX_BLOCK = 8;

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

export interface BlockingOptions {
  /** Blocks holding more records of list A than this are skipped (a key too common to select). */
  maxBlock?: number;
  /** The same for weak keys (see weakNameDateKeys and isWeakKey). */
  weakMaxBlock?: number;
  /** A and B are the same list: only pairs a < b. */
  dedupe?: boolean;
}

/**
 * Calls `visit(a, b)` for every pair that shares at least one key, each pair once: B's records are
 * taken one at a time, and a stamp per record of A says whether it was met already for this one,
 * so no set of seen pairs is needed and a million × a million streams without holding the pairs.
 * Keys may be strings or numbers. Returns the number of skipped blocks.
 */
export function forEachCandidatePair<K>(
  keysA: readonly (readonly K[])[],
  keysB: readonly (readonly K[])[],
  { maxBlock = Number.POSITIVE_INFINITY, weakMaxBlock = maxBlock, dedupe = false }: BlockingOptions,
  visit: (a: number, b: number) => void,
): number {
  const index = new Map<K, number[]>();
  for (let i = 0; i < keysA.length; i++) {
    for (const key of keysA[i]) {
      const list = index.get(key);
      if (list) list.push(i);
      else index.set(key, [i]);
    }
  }
  let skipped = 0;
  for (const [key, list] of index) {
    if (list.length > (isWeakKey(key as string | number) ? weakMaxBlock : maxBlock)) {
      index.delete(key);
      skipped++;
    }
  }
  const metBy = new Int32Array(keysA.length).fill(-1);
  for (let j = 0; j < keysB.length; j++) {
    const keys = keysB[j];
    for (let k = 0; k < keys.length; k++) {
      const list = index.get(keys[k]);
      if (!list) continue;
      for (const i of list) {
        if (metBy[i] === j || (dedupe && i >= j)) continue;
        metBy[i] = j;
        visit(i, j);
      }
    }
  }
  return skipped;
}

export function candidatePairs<K>(
  keysA: readonly (readonly K[])[],
  keysB: readonly (readonly K[])[],
  options: BlockingOptions = {},
): CandidatePairs {
  const outA: number[] = [];
  const outB: number[] = [];
  const skippedBlocks = forEachCandidatePair(keysA, keysB, options, (i, j) => {
    outA.push(i);
    outB.push(j);
  });
  return { a: Int32Array.from(outA), b: Int32Array.from(outB), skippedBlocks };
}
