/**
 * Person matching for Ketenplein's signal linking: blocking keys to look candidates up in an
 * index, and a pairwise comparison that explains itself.
 */
import { blockingKeysOf } from './blocking.ts';
import { comparisonVector } from './comparisons.ts';
import { DEFAULT_MODEL } from './defaultModel.ts';
import { explain, type FsModel, probability, type Reason } from './fellegiSunter.ts';
import { type PersonInput, type PreparedPerson, preparePerson } from './person.ts';

export interface PersonMatch {
  /** Match probability in [0, 1]. */
  score: number;
  /** Match weight in bits (log2 odds), the sum of the reasons' weights and the prior. */
  weight: number;
  matched: boolean;
  /** Every comparison that could be made, with its level and weight, strongest first. */
  reasons: Reason[];
}

export interface CompareOptions {
  model?: FsModel;
  /** Minimum match probability for `matched` (default 0.9). */
  threshold?: number;
}

function prepared(p: PersonInput | PreparedPerson): PreparedPerson {
  return 'family' in p && 'given' in p ? p : preparePerson(p as PersonInput, true);
}

/**
 * Blocking keys of a person: short strings (typed prefix, no clear name) to store as rows
 * (block_key, entity_id) and look up with an index. Keys use phonetic codes and dates only.
 */
export function blockingKeys(person: PersonInput | PreparedPerson): string[] {
  return blockingKeysOf(prepared(person));
}

export function comparePersons(
  a: PersonInput | PreparedPerson,
  b: PersonInput | PreparedPerson,
  { model = DEFAULT_MODEL, threshold = 0.9 }: CompareOptions = {},
): PersonMatch {
  const vector = comparisonVector(prepared(a), prepared(b));
  const { weight, reasons } = explain(model, vector);
  const score = probability(weight);
  reasons.sort((x, y) => Math.abs(y.weight) - Math.abs(x.weight));
  return { score, weight, matched: score >= threshold, reasons };
}
