/**
 * Clear-text m/u estimation robust at every list size (the same approach as PPRL's): u from
 * non-matching pairs that are known to be non-matches — random pairs inside one list (a list
 * holds a person once) — with the top level of names and date of birth from exact value
 * frequencies, which sampling cannot resolve; m from the registration-error rates of
 * DEFAULT_MODEL, refined by EM constrained by Dirichlet pseudo-counts; λ with a Beta prior.
 */

import { mulberry32 } from '../domain/random.ts';
import type { Comparison } from './comparisons.ts';
import { comparisonVector } from './comparisons.ts';
import { DEFAULT_MODEL } from './defaultModel.ts';
import { type FsModel, fitWithPriors } from './fellegiSunter.ts';
import type { PreparedPerson } from './person.ts';

/** Weight of DEFAULT_MODEL's u in pseudo-pairs. */
const U_STRENGTH = 2_000;
/** Pseudo-records that pull a name's frequency towards the average (term-frequency shrinkage). */
const TF_STRENGTH = 1_000;
/** Agreeing on a rare name counts at most this many times more than on an average one. */
const MAX_TF_RATIO = 64;

/** Values whose exact agreement is the comparison's top level. */
export const EXACT_VALUES: Record<string, (p: PreparedPerson) => string | undefined> = {
  given_name: (p) => (p.given.initialsOnly ? undefined : p.given.names[0]),
  family_name: (p) => p.family.main || undefined,
  date_of_birth: (p) => p.dob?.digits,
};

function priorOf(model: FsModel, name: string, levels: number, which: 'm' | 'u'): number[] {
  const c = model.comparisons.findIndex((x) => x.name === name);
  if (c >= 0 && model[which][c].length === levels) return model[which][c];
  // An unknown comparison: agreement likely for matches, unlikely for non-matches.
  return Array.from({ length: levels }, (_, l) =>
    which === 'm' ? (l === 0 ? 0.8 : 0.2 / (levels - 1)) : l === levels - 1 ? 0.9 : 0.1 / (levels - 1),
  );
}

/** Pairs of distinct persons: random pairs inside each list. */
export function estimateNonMatchU(
  comparisons: readonly Comparison[],
  lists: PreparedPerson[][],
  samples: number,
  seed: number,
): number[][] {
  const C = comparisons.length;
  const counts = comparisons.map((c) => new Array<number>(c.levels.length).fill(0));
  const random = mulberry32(seed);
  const within = lists.map((l) => l.length * (l.length - 1));
  const all = within.reduce((a, b) => a + b, 0);
  const vector = new Int8Array(C);
  let sampled = 0;
  lists.forEach((list, l) => {
    const n = list.length;
    if (n < 2) return;
    const k = Math.min(within[l], Math.round((samples * within[l]) / Math.max(1, all)));
    for (let i = 0; i < k; i++) {
      const a = Math.floor(random() * n);
      let b = Math.floor(random() * (n - 1));
      if (b >= a) b++;
      comparisonVector(list[a], list[b], comparisons, vector);
      for (let c = 0; c < C; c++) if (vector[c] >= 0) counts[c][vector[c]]++;
    }
    sampled += k;
  });
  const prefix = comparisons.findIndex((c) => c.name === 'prefix');
  if (prefix >= 0) counts[prefix] = prefixCountsAmongSameFamily(comparisons[prefix], lists, samples, random);
  return comparisons.map((comparison, c) => {
    const observed = counts[c];
    const exact = EXACT_VALUES[comparison.name];
    if (exact) observed[0] = Math.max(observed[0], equalShare(lists, exact) * sampled);
    const prior = priorOf(DEFAULT_MODEL, comparison.name, comparison.levels.length, 'u');
    const raw = observed.map((x, l) => x + U_STRENGTH * prior[l]);
    const sum = raw.reduce((s, v) => s + v, 0);
    return raw.map((x) => x / sum);
  });
}

/**
 * The prefix only matters once the family names agree, and two different persons named
 * "Meijerhof" nearly always share the prefix too: u of the prefix among random pairs (where
 * "both without prefix" is common, "the same prefix" rare) would count the family name twice.
 * So u of the prefix comes from pairs of different persons with the same family name.
 */
function prefixCountsAmongSameFamily(
  comparison: Comparison,
  lists: PreparedPerson[][],
  samples: number,
  random: () => number,
): number[] {
  const counts = new Array<number>(comparison.levels.length).fill(0);
  for (const list of lists) {
    const groups = new Map<string, number[]>();
    list.forEach((p, i) => {
      if (!p.family.main) return;
      const g = groups.get(p.family.main);
      if (g) g.push(i);
      else groups.set(p.family.main, [i]);
    });
    const shared = [...groups.values()].filter((g) => g.length > 1);
    if (shared.length === 0) continue;
    for (let i = 0; i < samples / lists.length; i++) {
      const g = shared[Math.floor(random() * shared.length)];
      const a = Math.floor(random() * g.length);
      let b = Math.floor(random() * (g.length - 1));
      if (b >= a) b++;
      const level = comparison.level(list[g[a]], list[g[b]]);
      if (level >= 0) counts[level]++;
    }
  }
  return counts;
}

/** Share of within-list pairs with the same value. */
function equalShare(lists: PreparedPerson[][], value: (p: PreparedPerson) => string | undefined): number {
  let equal = 0;
  let pairs = 0;
  for (const list of lists) {
    const counts = new Map<string, number>();
    let n = 0;
    for (const p of list) {
      const v = value(p);
      if (v === undefined) continue;
      n++;
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    for (const c of counts.values()) equal += c * (c - 1);
    pairs += n * (n - 1);
  }
  return pairs === 0 ? 0 : equal / pairs;
}

/** m and λ by EM constrained by priors over the candidate pairs' distinct patterns. */
export function fitPersonModel(
  comparisons: readonly Comparison[],
  u: number[][],
  patterns: ArrayLike<number>[],
  counts: number[],
  sizes: [number, number],
): FsModel {
  return fitWithPriors({
    comparisons,
    mPrior: comparisons.map((c) => priorOf(DEFAULT_MODEL, c.name, c.levels.length, 'm')),
    u,
    patterns,
    counts,
    totalPairs: sizes[0] * sizes[1],
    expectedMatches: Math.min(...sizes) / 2,
  });
}

/**
 * Term-frequency bonus (bits) per record for exact agreement on `value`, as Splink's: the name's
 * share among the other persons of its own list, shrunk towards u of the top level, against u.
 */
export function termFrequencyBonus(
  list: PreparedPerson[],
  value: (p: PreparedPerson) => string | undefined,
  u0: number,
): Float32Array {
  const counts = new Map<string, number>();
  for (const p of list) {
    const v = value(p);
    if (v !== undefined) counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return Float32Array.from(list, (p) => {
    const v = value(p);
    if (v === undefined) return 0;
    const share = ((counts.get(v) ?? 1) - 1 + TF_STRENGTH * u0) / (list.length - 1 + TF_STRENGTH);
    return Math.log2(u0 / Math.max(share, u0 / MAX_TF_RATIO));
  });
}
