import { DEFAULT_MODEL } from './defaultModel.ts';
import { preparePerson } from './person.ts';
import { comparePersons } from './persons.ts';

/** A person as a data subject names themself or as a signal holds them; dates as `YYYY-MM-DD`. */
export interface SubjectPerson {
  givenNames: string | null;
  prefix: string | null;
  surname: string | null;
  dateOfBirth: string | null;
  birthYear?: number | null;
}

export type Certainty = 'match' | 'possible';

export interface SubjectMatch {
  certainty: Certainty;
  score: number;
  reasons: { comparison: string; level: string }[];
}

/** At or above: the same person. Below it, down to POSSIBLE, the officer is shown a possible match to judge. */
const MATCH = 0.9;
/**
 * A data-subject search answers a citizen, so "nothing held" must not hide a likely record: one letter off
 * in a name, a missing date or a year-only date leaves a pair well below MATCH but far above chance.
 */
const POSSIBLE = 0.2;

function probability(weight: number): number {
  return 1 / (1 + 2 ** -weight);
}

/**
 * The evidence in a year of birth when one side holds only the year: P(same year | same person) over
 * P(same year | different persons), summed over the model's date levels that all mean "same year". The
 * linkage model's `same_year` level is for two full dates that share only the year — weak, even telling
 * against a match — and undervalues a year that is all one side knows.
 */
function yearOnlyWeight(): number {
  const c = DEFAULT_MODEL.comparisons.findIndex((comparison) => comparison.name === 'date_of_birth');
  const levels = DEFAULT_MODEL.comparisons[c].levels;
  // Levels a year off (registration errors) are not "the same year".
  const sameYear = levels
    .filter((level) => level !== 'else' && !level.includes('year_off'))
    .map((level) => levels.indexOf(level));
  const m = sameYear.reduce((sum, l) => sum + DEFAULT_MODEL.m[c][l], 0);
  const u = sameYear.reduce((sum, l) => sum + DEFAULT_MODEL.u[c][l], 0);
  return Math.log2(m / u);
}
const YEAR_ONLY_WEIGHT = yearOnlyWeight();

function prepared(person: SubjectPerson) {
  return preparePerson(
    {
      givenName: person.givenNames ?? undefined,
      prefix: person.prefix ?? undefined,
      familyName: person.surname ?? undefined,
      dateOfBirth: person.dateOfBirth ?? undefined,
      yearOfBirth: person.birthYear ?? undefined,
    },
    true,
  );
}

/**
 * Compares the subject with a held person: partial dates as partial (a held year of birth agrees with a
 * full date in that year), names tolerant of typing errors (linkage's comparison). Null when unrelated.
 */
export function matchSubject(subject: SubjectPerson, held: SubjectPerson): SubjectMatch | null {
  const result = comparePersons(prepared(subject), prepared(held));
  const partial = !subject.dateOfBirth || !held.dateOfBirth;
  let weight = result.weight;
  const reasons = result.reasons.map((reason) => {
    if (partial && reason.comparison === 'date_of_birth' && reason.level === 'same_year') {
      weight += YEAR_ONLY_WEIGHT - reason.weight;
      return { ...reason, level: 'year_of_birth', weight: YEAR_ONLY_WEIGHT };
    }
    // Linkage reads a year-only date as an estimated date and weighs it itself; the officer sees what it is.
    if (partial && reason.comparison === 'date_of_birth' && reason.level === 'estimated') {
      return { ...reason, level: 'year_of_birth' };
    }
    return reason;
  });
  const score = probability(weight);
  if (score < POSSIBLE) return null;
  return {
    certainty: score >= MATCH ? 'match' : 'possible',
    score: Math.round(score * 1000) / 1000,
    reasons: reasons
      .filter((reason) => reason.weight > 0)
      .map((reason) => ({ comparison: reason.comparison, level: reason.level })),
  };
}
