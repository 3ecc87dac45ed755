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

/**
 * Gender and place of birth. The date of birth is no longer here (version 4): it travels as keyed
 * date tokens (dateTokens.ts) that grade it exactly (the `date_of_birth` case of fieldTokens is
 * what version 3 put here; a segment naming that field still gets it).
 */
export const BIRTH_SEGMENT: SegmentSpec = {
  name: 'birth',
  bits: 512,
  fields: [
    { name: 'gender', k: 8 },
    { name: 'place_of_birth', k: 6 },
  ],
};

/**
 * The initials alone, compared only when one side has a given name of initials only ("J." against
 * "Johannes": the given segment cannot tell that from another name with a J). It holds the given
 * name's initial and, order-free, the pair of given and family initial, so "H. Lisa" still meets
 * "Lisa Hulst" with the names the other way round. Not a comparison of its own otherwise, and
 * always the last segment. It tells a frequency attack no more than the name segments do.
 */
export const INITIAL_SEGMENT: SegmentSpec = {
  name: 'initial',
  bits: 64,
  keyGroup: 'initial',
  fields: [{ name: 'initials', k: 8 }],
};

/** Extra columns (addresses, other numbers), named with --extra-fields, share one segment. */
export function extraSegment(names: string[]): SegmentSpec {
  return { name: 'extra', bits: 1024, fields: names.map((name) => ({ name, k: 10 })) };
}

/**
 * Tokens that count more than once: k × weight bit positions. By kind (the part before ":"):
 * date digits by position (D0–D7), the year (Y), the order-free date (X) and the order-free pair of
 * initials (IP). Bigrams have no ":" and count once.
 */
const TOKEN_WEIGHT: Record<string, number> = { Y: 3, X: 2, IP: 3 };

export function tokenWeight(token: string): number {
  const colon = token.indexOf(':');
  if (colon < 1) return 1;
  const kind = token.slice(0, colon);
  if (kind.length === 2 && kind[0] === 'D') return 3;
  return TOKEN_WEIGHT[kind] ?? 1;
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
  // The encoder puts the field name in front (see ClkEncoder.positions).
  if (extra !== undefined) return bigrams(foldName(extra));
  switch (field) {
    case 'given_name': {
      const first = p.given.names[0] ?? '';
      if (!first) return [];
      // Initials only give "_j", "j_" and the initial: still partly equal to the full name.
      if (first.length === 1) return [...bigrams(first), `init:${first}`];
      return [...bigrams(first), `init:${first[0]}`, `ph:${p.givenPhonetic}`];
    }
    case 'initials': {
      const given = p.given.initials[0];
      if (!given) return [];
      const family = p.family.main[0];
      // The pair weighs three times the given initial, so "only the pair agrees" (names the other
      // way round) scores well above "only the given initial agrees".
      return family ? [`gi:${given}`, `IP:${[given, family].sort().join('')}`] : [`gi:${given}`];
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
      const year = d?.year ?? p.yearOfBirth;
      if (year === undefined) return [];
      // Year digits by position, so a year alone still agrees with a full date of that year.
      const yearDigits = [...String(year).padStart(4, '0')].map((ch, i) => `D${i}:${ch}`);
      if (!d) return [...yearDigits, `Y:${year}`];
      // Graded by construction (weights in TOKEN_WEIGHT): day and month are taken in sorted
      // order, so a swap stays near-exact (only the small order token differs); one digit off
      // shares all digit tokens but one; the same year shares the year tokens; another year little.
      const [lo, hi] = d.month <= d.day ? [d.month, d.day] : [d.day, d.month];
      const two = (n: number) => String(n).padStart(2, '0');
      const sorted = `${two(lo)}${two(hi)}`;
      return [
        ...yearDigits,
        ...[...sorted].map((ch, i) => `D${i + 4}:${ch}`),
        `Y:${year}`,
        `X:${year}:${sorted}`,
        `o:${d.digits}`,
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
