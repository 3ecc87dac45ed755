/**
 * Clear-text linkage of two person lists: blocking, comparison vectors, u by random sampling,
 * m and λ by EM, scoring, and a one-to-one assignment (each record linked at most once).
 */
import { blockingKeysOf, candidatePairs } from './blocking.ts';
import { clusterLinks, type Edge } from './cluster.ts';
import { type Comparison, comparisonVector, PERSON_COMPARISONS } from './comparisons.ts';
import {
  estimateModelInSessions,
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
  /** A fixed model instead of EM (e.g. DEFAULT_MODEL when names are very repetitive). */
  model?: FsModel;
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
  const pairs = candidatePairs(A.map(blockingKeysOf), B.map(blockingKeysOf), { maxBlock });

  const random = seededRandom(seed);
  const samples = Math.min(uSamples, A.length * B.length);
  const ra = Int32Array.from({ length: samples }, () => Math.floor(random() * A.length));
  const rb = Int32Array.from({ length: samples }, () => Math.floor(random() * B.length));
  const u = estimateU(comparisons, vectorsFor(comparisons, A, B, ra, rb));

  const vectors = vectorsFor(comparisons, A, B, pairs.a, pairs.b);
  const model =
    options.model ??
    estimateModelInSessions(
      comparisons,
      vectors,
      u,
      ['date_of_birth', 'family_name', 'given_name'],
      Math.min(0.5, Math.min(A.length, B.length) / Math.max(1, pairs.a.length)),
    );
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
