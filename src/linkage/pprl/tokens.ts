/**
 * What goes into each Bloom filter segment of a PPRL encoding. A record is encoded as a few
 * segments, each its own keyed Bloom filter, so the linkage can score them apart with
 * Fellegi–Sunter (a wrong date of birth then weighs against a match however equal the names
 * are). No segment holds a single frequent field on its own, which would invite a frequency
 * attack: given and family name share the `name` segment, the date of birth shares `birth` with
 * gender and place of birth. Browser-compatible.
 */
import { foldName } from '../normalize.ts';
import type { PreparedPerson } from '../person.ts';

export interface SegmentSpec {
  name: string;
  /** Bloom filter length before hardening; a power of two. */
  bits: number;
  /** Fields and the number of bit positions per token. */
  fields: { name: string; k: number }[];
}

export const NAME_SEGMENT: SegmentSpec = {
  name: 'name',
  bits: 1024,
  fields: [
    { name: 'given_name', k: 15 },
    { name: 'prefix', k: 5 },
    { name: 'family_name', k: 15 },
  ],
};

export const BIRTH_SEGMENT: SegmentSpec = {
  name: 'birth',
  bits: 512,
  fields: [
    { name: 'date_of_birth', k: 10 },
    { name: 'gender', k: 10 },
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
      return p.family.main ? [...bigrams(p.family.main), `ph:${p.familyPhonetic}`] : [];
    case 'date_of_birth': {
      const d = p.dob;
      if (!d) return p.yearOfBirth !== undefined ? [`y:${p.yearOfBirth}`] : [];
      const [lo, hi] = d.month <= d.day ? [d.month, d.day] : [d.day, d.month];
      const positional = [...d.digits].map((ch, i) => `p${i}:${ch}`);
      // Day and month order-free three times, so a day/month swap stays close.
      const md = `${lo}:${hi}`;
      return [`y:${d.year}`, `m:${d.month}`, `d:${d.day}`, `md:${md}`, `md2:${md}`, `md3:${md}`, ...positional];
    }
    case 'gender':
      return p.gender ? [`g:${p.gender}`] : [];
    case 'place_of_birth':
      return bigrams(p.placeOfBirth ?? '').map((b) => `pl:${b}`);
    default:
      return [];
  }
}
