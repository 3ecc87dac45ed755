/** A person as partners register one, and its normalised form used by comparisons and blocking. */
import { type ParsedDate, parseDate, parseYearOnly } from './dates.ts';
import {
  type FamilyName,
  foldName,
  foldText,
  type GivenNames,
  splitFamilyName,
  splitGivenNames,
} from './normalize.ts';
import { dutchPhonetic } from './similarity.ts';

export interface PersonInput {
  givenName?: string;
  /** Tussenvoegsel; may also be written inside familyName ("van der Berg"). */
  prefix?: string;
  familyName?: string;
  /** YYYY-MM-DD, YYYYMMDD or DD-MM-YYYY; a year alone (YYYY, 00-00-YYYY) when only that is known. */
  dateOfBirth?: string;
  /** When only the year is known. */
  yearOfBirth?: number;
  gender?: string;
  /** ISO 3166 code. */
  nationality?: string;
  placeOfBirth?: string;
  /** BSN, or another national identification number. */
  idNumber?: string;
  address?: { street?: string; houseNumber?: string; postcode?: string; city?: string };
}

export interface PreparedPerson {
  given: GivenNames;
  givenPhonetic: string;
  family: FamilyName;
  familyPhonetic: string;
  /** Prefix and main part written together ("vanderberg"), for "Vanderberg" against "van der Berg". */
  familyJoined: string;
  dob?: ParsedDate;
  yearOfBirth?: number;
  gender?: string;
  nationality?: string;
  placeOfBirth?: string;
  idNumber?: string;
  postcode?: string;
  houseNumber?: string;
  street?: string;
  city?: string;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value ? value : undefined;
}

export function normaliseGender(value: string | undefined): string | undefined {
  const v = foldText(value ?? '');
  if (!v) return undefined;
  if (['m', 'man', 'male', 'mannelijk', 'jongen'].includes(v)) return 'm';
  if (['v', 'f', 'vrouw', 'female', 'vrouwelijk', 'meisje'].includes(v)) return 'v';
  return 'x';
}

/**
 * "van Beek" in the given-name field and "Esmée" in the family-name field: the names were written
 * the other way round, and the prefix gives it away (Dutch given names do not start with one). The
 * names are then read in their places, so comparisons, blocking and PPRL segments see "Esmée van
 * Beek". Only when the family field has no prefix of its own and the given field has a name after
 * the prefix.
 */
function prefixedFamilyInGivenField(input: PersonInput): boolean {
  if (!input.givenName || !input.familyName || input.prefix) return false;
  const asFamily = splitFamilyName(input.givenName);
  return asFamily.prefix !== '' && asFamily.main !== '' && splitFamilyName(input.familyName).prefix === '';
}

/**
 * Normalises a person once, so that comparing it against many candidates is cheap.
 * `lenientDates` keeps impossible but well-formed dates (typing errors) instead of refusing them.
 */
export function preparePerson(input: PersonInput, lenientDates = false): PreparedPerson {
  const [givenField, familyField] = prefixedFamilyInGivenField(input)
    ? [input.familyName ?? '', input.givenName ?? '']
    : [input.givenName ?? '', input.familyName ?? ''];
  const given = splitGivenNames(givenField);
  const family = splitFamilyName(familyField, input.prefix ?? '');
  // A year alone ("1994", "00-00-1994") is an estimated date: only its year is compared.
  const yearOnly = input.dateOfBirth ? parseYearOnly(input.dateOfBirth) : undefined;
  const dob =
    input.dateOfBirth && yearOnly === undefined ? parseDate(input.dateOfBirth, lenientDates) : undefined;
  const digits = (v: string | undefined) => nonEmpty((v ?? '').replace(/\D/g, ''));
  return {
    given,
    givenPhonetic: dutchPhonetic(given.names[0] ?? ''),
    family,
    familyPhonetic: dutchPhonetic(family.main),
    familyJoined: (family.prefix + family.main).replace(/ /g, ''),
    dob,
    yearOfBirth: dob?.year ?? yearOnly ?? input.yearOfBirth,
    gender: normaliseGender(input.gender),
    nationality: nonEmpty((input.nationality ?? '').trim().toUpperCase()),
    placeOfBirth: nonEmpty(foldName(input.placeOfBirth ?? '')),
    idNumber: digits(input.idNumber),
    postcode: nonEmpty((input.address?.postcode ?? '').replace(/\s+/g, '').toUpperCase()),
    houseNumber: nonEmpty(foldText(input.address?.houseNumber ?? '').replace(/ /g, '')),
    street: nonEmpty(foldName(input.address?.street ?? '')),
    city: nonEmpty(foldName(input.address?.city ?? '')),
  };
}
