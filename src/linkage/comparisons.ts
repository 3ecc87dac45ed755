/**
 * Comparisons of two prepared persons, each with discrete agreement levels (best first, the last
 * one "else") as in Splink. A level of -1 means "cannot compare" (a value is missing): weight 0.
 */
import { compareDates, compareYears, DATE_LEVELS } from './dates.ts';
import { prefixesCompatible } from './normalize.ts';
import type { PreparedPerson } from './person.ts';
import { editDistance, jaroWinkler } from './similarity.ts';

export interface Comparison {
  name: string;
  levels: readonly string[];
  level: (a: PreparedPerson, b: PreparedPerson) => number;
}

const NULL = -1;

/**
 * Names written the other way round, also with only an initial ("S. Roos") or a typo on one
 * side: both crosswise pairs similar, at least one of them closely and in full.
 */
function namesSwapped(a: PreparedPerson, b: PreparedPerson): boolean {
  const ag = a.given.names[0];
  const bg = b.given.names[0];
  if (!ag || !bg || !a.family.main || !b.family.main) return false;
  const similarity = (x: string, y: string) =>
    x.length < 2 || y.length < 2 ? (x[0] === y[0] ? 0.9 : 0) : jaroWinkler(x, y);
  // A family name with its prefix in the given-name field ("van der Berg, Joëlle") is split
  // into given names: compare it whole with the other's family name, prefix included.
  const asFamily = (p: PreparedPerson, other: PreparedPerson) =>
    Math.max(
      similarity(p.given.names[0], other.family.main),
      p.given.names.length > 1 ? similarity(p.given.names.join(''), other.familyJoined) : 0,
    );
  const one = asFamily(a, b);
  const other = asFamily(b, a);
  return Math.min(one, other) >= 0.85 && Math.max(one, other) >= 0.92;
}

const familyName: Comparison = {
  name: 'family_name',
  levels: ['exact', 'joined_prefix', 'jaro_winkler_0.92', 'phonetic', 'jaro_winkler_0.80', 'swapped', 'else'],
  level(a, b) {
    const x = a.family.main;
    const y = b.family.main;
    if (!x || !y) return NULL;
    if (x === y) return 0;
    if (a.familyJoined === b.familyJoined) return 1;
    const jw = jaroWinkler(x, y);
    if (jw >= 0.92) return 2;
    if (a.familyPhonetic && a.familyPhonetic === b.familyPhonetic) return 3;
    if (jw >= 0.8) return 4;
    // Names the other way round: the given name's level "swapped" carries that evidence (its u is
    // of both crosswise pairs at once); counting it here too would count it twice.
    if (namesSwapped(a, b)) return NULL;
    return 6;
  },
};

const prefix: Comparison = {
  name: 'prefix',
  levels: ['equal', 'abbreviation', 'one_missing', 'different'],
  level(a, b) {
    const x = a.family.prefix;
    const y = b.family.prefix;
    if (!x && !y) return NULL;
    if (!a.family.main || !b.family.main) return NULL;
    if (x === y) return 0;
    if (prefixesCompatible(x, y)) return 1;
    if (!x || !y) return 2;
    return 3;
  },
};

const givenName: Comparison = {
  name: 'given_name',
  levels: [
    'exact',
    'other_given_name',
    'jaro_winkler_0.92',
    'phonetic',
    'initials',
    'jaro_winkler_0.80',
    'swapped',
    'else',
  ],
  level(a, b) {
    const x = a.given.names[0];
    const y = b.given.names[0];
    if (!x || !y) return NULL;
    const initialsOnly = a.given.initialsOnly || b.given.initialsOnly;
    if (x === y && !initialsOnly) return 0;
    if (!initialsOnly) {
      if (a.given.names.some((n) => n.length > 1 && b.given.names.includes(n))) return 1;
      const jw = jaroWinkler(x, y);
      if (jw >= 0.92) return 2;
      if (a.givenPhonetic === b.givenPhonetic) return 3;
      if (jw >= 0.8) return 5;
    } else {
      // "J.P." against "Jan Pieter": the shorter run of initials must start the other.
      const [short, long] =
        a.given.initials.length <= b.given.initials.length
          ? [a.given.initials, b.given.initials]
          : [b.given.initials, a.given.initials];
      if (long.startsWith(short)) return 4;
    }
    if (namesSwapped(a, b)) return 6;
    return 7;
  },
};

const dateOfBirth: Comparison = {
  name: 'date_of_birth',
  levels: DATE_LEVELS,
  level(a, b) {
    if (a.dob && b.dob) return DATE_LEVELS.indexOf(compareDates(a.dob, b.dob));
    if (a.yearOfBirth === undefined || b.yearOfBirth === undefined) return NULL;
    // The year alone on one side: an estimated date.
    return DATE_LEVELS.indexOf(compareYears(a.yearOfBirth, b.yearOfBirth));
  },
};

function exactOrElse(name: string, key: keyof PreparedPerson): Comparison {
  return {
    name,
    levels: ['equal', 'different'],
    level(a, b) {
      const x = a[key];
      const y = b[key];
      if (x === undefined || y === undefined) return NULL;
      return x === y ? 0 : 1;
    },
  };
}

function textWithTypos(name: string, key: 'placeOfBirth' | 'street' | 'city'): Comparison {
  return {
    name,
    levels: ['exact', 'jaro_winkler_0.90', 'else'],
    level(a, b) {
      const x = a[key];
      const y = b[key];
      if (!x || !y) return NULL;
      if (x === y) return 0;
      return jaroWinkler(x, y) >= 0.9 ? 1 : 2;
    },
  };
}

function codeWithTypos(name: string, key: 'idNumber' | 'postcode' | 'houseNumber'): Comparison {
  return {
    name,
    levels: ['exact', 'one_edit', 'else'],
    level(a, b) {
      const x = a[key];
      const y = b[key];
      if (!x || !y) return NULL;
      if (x === y) return 0;
      return editDistance(x, y) <= 1 ? 1 : 2;
    },
  };
}

/** The person comparisons, in the order their levels appear in comparison vectors. */
export const PERSON_COMPARISONS: readonly Comparison[] = [
  givenName,
  prefix,
  familyName,
  dateOfBirth,
  exactOrElse('gender', 'gender'),
  exactOrElse('nationality', 'nationality'),
  textWithTypos('place_of_birth', 'placeOfBirth'),
  codeWithTypos('id_number', 'idNumber'),
  codeWithTypos('postcode', 'postcode'),
  codeWithTypos('house_number', 'houseNumber'),
  textWithTypos('street', 'street'),
  textWithTypos('city', 'city'),
];

/** The comparison vector of a pair: one level index (or -1) per comparison. */
export function comparisonVector(
  a: PreparedPerson,
  b: PreparedPerson,
  comparisons: readonly Comparison[] = PERSON_COMPARISONS,
  out: Int8Array = new Int8Array(comparisons.length),
): Int8Array {
  for (let c = 0; c < comparisons.length; c++) out[c] = comparisons[c].level(a, b);
  return out;
}
