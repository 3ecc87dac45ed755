/**
 * Clear-text linkage of two person lists: blocking, comparison vectors, u from candidate pairs
 * inside each list, m and λ from what the cross-list candidates hold beyond them (or by EM),
 * term-frequency adjustment, and a one-to-one assignment (each record linked at most once).
 */
import { blockingKeysOf, candidatePairs, forEachCandidatePair } from './blocking.ts';
import { clusterLinks, type Edge } from './cluster.ts';
import { type Comparison, comparisonVector, PERSON_COMPARISONS } from './comparisons.ts';
import {
  estimateModel,
  estimateU,
  explain,
  type FsModel,
  levelWeights,
  probability,
  type Reason,
  scoreVectors,
} from './fellegiSunter.ts';
import { type PersonInput, type PreparedPerson, preparePerson } from './person.ts';
import { seededRandom } from './random.ts';

export interface LinkOptions {
  /** Minimum match probability for a link (default 0.5). */
  threshold?: number;
  /** Blocks with more records than this in list A are skipped. */
  maxBlock?: number;
  /** Random pairs used to estimate u. */
  uSamples?: number;
  seed?: number;
  lenientDates?: boolean;
  comparisons?: readonly Comparison[];
  /** A fixed model (e.g. DEFAULT_MODEL) instead of one fitted to the lists. */
  model?: FsModel;
  /**
   * How m and λ are fitted: `within-list` (default) from what the cross-list candidates hold
   * beyond the within-list ones; `em` by expectation maximisation (Splink's way), which a small
   * name pool misleads (it takes same-name pairs for matches).
   */
  estimator?: 'within-list' | 'em';
}

export interface PersonLink {
  a: number;
  b: number;
  weight: number;
  probability: number;
}

export interface LinkResult {
  model: FsModel;
  candidatePairs: number;
  links: PersonLink[];
  /** Why a link was made: its comparison levels and their weights. */
  explain: (link: PersonLink) => Reason[];
}

function vectorsFor(
  comparisons: readonly Comparison[],
  A: PreparedPerson[],
  B: PreparedPerson[],
  ia: ArrayLike<number>,
  ib: ArrayLike<number>,
): Int8Array {
  const C = comparisons.length;
  const out = new Int8Array(ia.length * C);
  for (let p = 0; p < ia.length; p++)
    comparisonVector(A[ia[p]], B[ib[p]], comparisons, out.subarray(p * C, p * C + C));
  return out;
}

export function linkPersons(
  listA: PersonInput[],
  listB: PersonInput[],
  options: LinkOptions = {},
): LinkResult {
  const { threshold = 0.5, maxBlock, uSamples = 50_000, seed = 1, lenientDates = false } = options;
  const comparisons = options.comparisons ?? PERSON_COMPARISONS;
  const A = listA.map((p) => preparePerson(p, lenientDates));
  const B = listB.map((p) => preparePerson(p, lenientDates));
  const keysA = A.map(blockingKeysOf);
  const keysB = B.map(blockingKeysOf);
  const pairs = candidatePairs(keysA, keysB, { maxBlock });
  const within = withinListVectors(comparisons, A, keysA, B, keysB, uSamples, seed, maxBlock);
  const u = estimateU(comparisons, within.vectors);

  const vectors = vectorsFor(comparisons, A, B, pairs.a, pairs.b);
  const model =
    options.model ??
    (options.estimator === 'em'
      ? estimateModel(comparisons, vectors, u)
      : excessModel(comparisons, vectors, within.vectors, within.scale, u));
  const weights = levelWeights(model);
  const scores = scoreVectors(model, vectors, weights);
  adjustForNameFrequency(comparisons, model, A, B, pairs, vectors, scores);

  const minWeight = Math.log2(threshold / (1 - threshold));
  const edges: Edge[] = [];
  for (let p = 0; p < scores.length; p++) {
    if (scores[p] >= minWeight) edges.push({ i: pairs.a[p], j: A.length + pairs.b[p], weight: scores[p] });
  }
  // One-to-one: a cluster holds at most one record of each list.
  const group = new Uint8Array(A.length + B.length).fill(1, A.length);
  const roots = clusterLinks(A.length + B.length, edges, { group });
  const links: PersonLink[] = [];
  for (const e of edges) {
    if (roots[e.i] === roots[e.j]) {
      links.push({ a: e.i, b: e.j - A.length, weight: e.weight, probability: probability(e.weight) });
    }
  }
  return {
    model,
    candidatePairs: pairs.a.length,
    links,
    explain: (link) => explain(model, comparisonVector(A[link.a], B[link.b], comparisons), weights).reasons,
  };
}

/**
 * Comparison vectors of candidate pairs inside each list: two records of one list are two
 * persons, and they share blocks the way non-matching pairs across the lists do (same frequent
 * name, same date). Estimating u from them instead of from random pairs keeps "same name" from
 * counting as strong evidence when the name pool is small, and keeps EM from taking same-name
 * pairs for the matches. Falls back to random pairs when the lists have too few such pairs.
 */
function withinListVectors(
  comparisons: readonly Comparison[],
  A: PreparedPerson[],
  keysA: string[][],
  B: PreparedPerson[],
  keysB: string[][],
  samples: number,
  seed: number,
  maxBlock: number | undefined,
): { vectors: Int8Array; scale: number } {
  const ia: number[] = [];
  let represented = 0;
  const ib: number[] = [];
  const from: PreparedPerson[] = [];
  const to: PreparedPerson[] = [];
  for (const [list, keys] of [
    [A, keysA],
    [B, keysB],
  ] as const) {
    const base = from.length;
    from.push(...list);
    to.push(...list);
    const step = Math.max(1, Math.floor(list.length / WITHIN_SAMPLE));
    const sample = keys.filter((_, r) => r % step === 0);
    forEachCandidatePair(keys, sample, { maxBlock }, (a, s) => {
      if (a !== s * step) {
        ia.push(base + a);
        ib.push(base + s * step);
      }
    });
    represented += sample.length * (list.length - 1);
  }
  if (ia.length < 1000) {
    const random = seededRandom(seed);
    const n = Math.min(samples, A.length * B.length);
    const ra = Int32Array.from({ length: n }, () => Math.floor(random() * A.length));
    const rb = Int32Array.from({ length: n }, () => Math.floor(random() * B.length));
    return { vectors: vectorsFor(comparisons, A, B, ra, rb), scale: 0 };
  }
  // Cross-list pairs per within-list pair the sample stands for.
  return { vectors: vectorsFor(comparisons, from, to, ia, ib), scale: (A.length * B.length) / represented };
}

/**
 * m and λ without EM: per comparison level, the cross-list candidates hold the matches plus
 * about `scale` × the within-list candidates' count of non-matches; the excess is the matches'.
 * EM instead takes the many same-name pairs of a small name pool for matches.
 */
function excessModel(
  comparisons: readonly Comparison[],
  cross: Int8Array,
  within: Int8Array,
  scale: number,
  u: number[][],
): FsModel {
  const C = comparisons.length;
  const count = (vectors: Int8Array) => {
    const counts = comparisons.map((c) => new Array<number>(c.levels.length).fill(0));
    for (let i = 0; i < vectors.length; i += C) {
      for (let c = 0; c < C; c++) if (vectors[i + c] >= 0) counts[c][vectors[i + c]]++;
    }
    return counts;
  };
  const nc = count(cross);
  const nw = count(within);
  const m = nc.map((levels, c) => {
    const excess = levels.map((n, l) => Math.max(0.5, n - scale * nw[c][l]));
    const sum = excess.reduce((x, y) => x + y, 0);
    return excess.map((x) => x / sum);
  });
  const pairs = cross.length / C;
  const matches = Math.max(1, pairs - (scale * within.length) / C);
  return {
    comparisons: comparisons.map((c) => ({ name: c.name, levels: c.levels })),
    m,
    u,
    lambda: Math.min(0.5, matches / Math.max(1, pairs)),
  };
}

const WITHIN_SAMPLE = 20_000;

/**
 * Term-frequency adjustment (as Splink's): agreeing on a common name ("Mohamed Yılmaz") is weaker
 * evidence than agreeing on a rare one. For exact name agreement, u is replaced by the name's
 * own frequency among all records.
 */
function adjustForNameFrequency(
  comparisons: readonly Comparison[],
  model: FsModel,
  A: PreparedPerson[],
  B: PreparedPerson[],
  pairs: { a: Int32Array; b: Int32Array },
  vectors: Int8Array,
  scores: Float64Array,
): void {
  const C = comparisons.length;
  const fields: [number, (p: PreparedPerson) => string | undefined][] = [
    [comparisons.findIndex((c) => c.name === 'family_name'), (p) => p.family.main],
    [comparisons.findIndex((c) => c.name === 'given_name'), (p) => p.given.names[0]],
  ];
  const total = A.length + B.length;
  for (const [c, value] of fields) {
    if (c < 0) continue;
    const counts = new Map<string, number>();
    for (const p of [...A, ...B]) {
      const v = value(p);
      if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    const uExact = model.u[c][0];
    for (let p = 0; p < scores.length; p++) {
      if (vectors[p * C + c] !== 0) continue;
      const tf = (counts.get(value(A[pairs.a[p]]) ?? '') ?? 1) / total;
      scores[p] += Math.log2(uExact / Math.max(tf, uExact / 64));
    }
  }
}
