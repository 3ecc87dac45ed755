/**
 * Clear-text linkage of two person lists: blocking, comparison vectors, u by random sampling,
 * m and λ by EM, scoring, and a one-to-one assignment (each record linked at most once).
 */
import { blockingKeysOf, candidatePairs } from './blocking.ts';
import { clusterLinks, type Edge } from './cluster.ts';
import { type Comparison, comparisonVector, PERSON_COMPARISONS } from './comparisons.ts';
import { estimateModel, estimateU, explain, type FsModel, levelWeights, probability, type Reason, scoreVectors } from './fellegiSunter.ts';
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
  for (let p = 0; p < ia.length; p++) comparisonVector(A[ia[p]], B[ib[p]], comparisons, out.subarray(p * C, p * C + C));
  return out;
}

export function linkPersons(listA: PersonInput[], listB: PersonInput[], options: LinkOptions = {}): LinkResult {
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
  const model = estimateModel(comparisons, vectors, u);
  const weights = levelWeights(model);
  const scores = scoreVectors(model, vectors, weights);

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
