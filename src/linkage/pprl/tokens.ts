/**
 * What goes into each Bloom filter segment of a PPRL encoding. A record is encoded as a few
 * segments, each its own keyed Bloom filter, so the linkage can score them apart with
 * Fellegi–Sunter (a wrong date of birth then weighs against a match however equal the names
 * are). No segment holds a single frequent field on its own, which would invite a frequency
 * attack on exactly equal filters: the date of birth shares `birth` with gender and place of
 * birth. Given and family name have segments of their own, which makes them comparable apart
 * (a frequency attack on them is the price; see README "PPRL and privacy"). Browser-compatible.
 */
import { foldName } from '../normalize.ts';
import type { PreparedPerson } from '../person.ts';

export interface SegmentSpec {
  name: string;
  /** Bloom filter length before hardening; a power of two. */
  bits: number;
  /** Fields and the number of bit positions per token. */
  fields: { name: string; k: number }[];
  /** Segments of one key group share their HMAC key and permutation (default: their name). */
  keyGroup?: string;
}

/**
 * Given and family name in segments of their own, so "initials only" and "another family name"
 * are told apart. Both use the same key and permutation (`keyGroup`), so a record with the names
 * the other way round can be compared crosswise.
 */
export const GIVEN_SEGMENT: SegmentSpec = {
  name: 'given',
  bits: 512,
  keyGroup: 'name',
  fields: [{ name: 'given_name', k: 15 }],
};

export const FAMILY_SEGMENT: SegmentSpec = {
  name: 'family',
  bits: 512,
  keyGroup: 'name',
  fields: [
    { name: 'prefix', k: 5 },
    { name: 'family_name', k: 15 },
  ],
};

export const BIRTH_SEGMENT: SegmentSpec = {
  name: 'birth',
  bits: 512,
  fields: [
    { name: 'date_of_birth', k: 8 },
    { name: 'gender', k: 8 },
    { name: 'place_of_birth', k: 6 },
  ],
};

/** Extra columns (addresses, other numbers), named with --extra-fields, share one segment. */
export function extraSegment(names: string[]): SegmentSpec {
  return { name: 'extra', bits: 1024, fields: names.map((name) => ({ name, k: 10 })) };
}

export function bigrams(value: string): string[] {
  if (!value) return [];
  const padded = `_${value.replace(/ /g, '_')}_`;
  const out: string[] = [];
  for (let i = 0; i + 2 <= padded.length; i++) out.push(padded.slice(i, i + 2));
  return out;
}

/**
 * Tokens of one field. Name bigrams carry no field tag, so given and family name written the
 * other way round still agree; the phonetic code catches transliterations (Joesoef/Yusuf).
 */
export function fieldTokens(p: PreparedPerson, field: string, extra?: string): string[] {
  if (extra !== undefined) return bigrams(foldName(extra)).map((b) => `${field}:${b}`);
  switch (field) {
    case 'given_name': {
      const first = p.given.names[0] ?? '';
      if (!first) return [];
      // Initials only give "_j", "j_" and the initial: still partly equal to the full name.
      if (first.length === 1) return [...bigrams(first), `init:${first}`];
      return [...bigrams(first), `init:${first[0]}`, `ph:${p.givenPhonetic}`];
    }
    case 'prefix':
      // "van der" also gives "v" and "d", so the abbreviation "vd" agrees partly.
      return p.family.prefix
        ? [`p:${p.family.prefix}`, ...p.family.prefix.split(' ').map((w) => `i:${w[0]}`)]
        : [];
    case 'family_name':
      // The initial too, so "Demir, Y." against "Yuliya Demir" agrees crosswise.
      return p.family.main
        ? [...bigrams(p.family.main), `init:${p.family.main[0]}`, `ph:${p.familyPhonetic}`]
        : [];
    case 'date_of_birth': {
      const d = p.dob;
      if (!d) return p.yearOfBirth !== undefined ? [`y:${p.yearOfBirth}`] : [];
      // Graded by construction: the year weighs most, then year with month, with day, and with
      // day and month order-free (a swap stays close), then single digits (typing errors). The
      // same day and month in another year share little: that is usually another person.
      const [lo, hi] = d.month <= d.day ? [d.month, d.day] : [d.day, d.month];
      const y = d.year;
      const positional = [...d.digits].map((ch, i) => `p${i}:${ch}`);
      return [
        ...[1, 2, 3, 4].map((i) => `y${i}:${y}`),
        `ym1:${y}:${d.month}`,
        `ym2:${y}:${d.month}`,
        `yd1:${y}:${d.day}`,
        `yd2:${y}:${d.day}`,
        ...[1, 2, 3, 4].map((i) => `ymd${i}:${y}:${lo}:${hi}`),
        `md:${lo}:${hi}`,
        ...positional,
      ];
    }
    case 'gender':
      return p.gender ? [`g:${p.gender}`] : [];
    case 'place_of_birth':
      return bigrams(p.placeOfBirth ?? '').map((b) => `pl:${b}`);
    default:
      return [];
  }
}
