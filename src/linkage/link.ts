/**
 * Clear-text linkage of two person lists: blocking, comparison vectors, u from non-matching pairs
 * (see priorModel.ts), m and λ by EM constrained by priors (or plain EM), term-frequency
 * adjustment, and a one-to-one assignment (each record linked at most once).
 */
import { blockingKeysOf, candidatePairs, WEAK_MAX_BLOCK, weakNameDateKeys } from './blocking.ts';
import { clusterLinks, type Edge } from './cluster.ts';
import { type Comparison, comparisonVector, PERSON_COMPARISONS } from './comparisons.ts';
import { Competition, weightForPrecision } from './competition.ts';
import {
  distinctPatterns,
  estimateModelFromPatterns,
  explain,
  type FsModel,
  levelWeights,
  probability,
  type Reason,
  scoreVectors,
} from './fellegiSunter.ts';
import { type PersonInput, type PreparedPerson, preparePerson } from './person.ts';
import { EXACT_VALUES, estimateNonMatchU, fitPersonModel, termFrequencyBonus } from './priorModel.ts';

export interface LinkOptions {
  /** Minimum match probability for a link (default 0.5; the floor with targetPrecision). */
  threshold?: number;
  /**
   * Choose the threshold from the fitted model: the lowest at or above `threshold` at which the
   * links' expected precision (their mean match probability) is at least this.
   */
  targetPrecision?: number;
  /** Blocks with more records than this in list A are skipped. */
  maxBlock?: number;
  /** Random within-list pairs used to estimate u. */
  uSamples?: number;
  seed?: number;
  lenientDates?: boolean;
  comparisons?: readonly Comparison[];
  /** A fixed model (e.g. DEFAULT_MODEL) instead of one fitted to the lists. */
  model?: FsModel;
  /**
   * How m and λ are fitted: `prior` (default) by EM constrained by priors (m from known
   * registration-error rates, λ around the expected overlap); `em` by unconstrained EM (Splink's
   * way), which a small name pool misleads (it takes same-name pairs for matches).
   */
  estimator?: 'prior' | 'em';
}

export interface PersonLink {
  a: number;
  b: number;
  weight: number;
  probability: number;
}

export interface LinkResult {
  model: FsModel;
  /** The minimum match probability of the links: as given, or chosen for targetPrecision. */
  threshold: number;
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
  const keysOf = (p: PreparedPerson) => [...blockingKeysOf(p), ...weakNameDateKeys(p)];
  const pairs = candidatePairs(A.map(keysOf), B.map(keysOf), { maxBlock, weakMaxBlock: WEAK_MAX_BLOCK });
  const u = estimateNonMatchU(comparisons, [A, B], uSamples, seed);

  const vectors = vectorsFor(comparisons, A, B, pairs.a, pairs.b);
  const { patterns, counts } = distinctPatterns(vectors, comparisons.length);
  const model =
    options.model ??
    (options.estimator === 'em'
      ? estimateModelFromPatterns(comparisons, patterns, counts, u)
      : fitPersonModel(comparisons, u, patterns, counts, [A.length, B.length]));
  const weights = levelWeights(model);
  const scores = scoreVectors(model, vectors, weights);
  adjustForNameFrequency(comparisons, model, A, B, pairs, vectors, scores);

  // Each pair's probability against the other candidates of both records (competition.ts): what
  // a precision target counts.
  const competition = new Competition(A.length, B.length);
  for (let p = 0; p < scores.length; p++) competition.add(pairs.a[p], pairs.b[p], scores[p]);
  const competing = (e: Edge) => probability(competition.adjust(e.i, e.j - A.length, e.weight));

  const minWeight = Math.log2(threshold / (1 - threshold));
  let edges: Edge[] = [];
  for (let p = 0; p < scores.length; p++) {
    if (scores[p] >= minWeight) edges.push({ i: pairs.a[p], j: A.length + pairs.b[p], weight: scores[p] });
  }
  // One-to-one: a cluster holds at most one record of each list.
  const group = new Uint8Array(A.length + B.length).fill(1, A.length);
  const linksOf = (candidates: Edge[]) => {
    const roots = clusterLinks(A.length + B.length, candidates, { group });
    return candidates.filter((e) => roots[e.i] === roots[e.j]);
  };
  let kept = linksOf(edges);
  let chosen = threshold;
  if (options.targetPrecision !== undefined) {
    // The threshold from the fitted model (competition.ts): the least likely links go until the
    // rest reach the target precision.
    const cut = weightForPrecision(
      kept.map((e) => e.weight),
      kept.map(competing),
      options.targetPrecision,
    );
    if (cut !== undefined) {
      edges = edges.filter((e) => e.weight > cut);
      kept = linksOf(edges);
      chosen = probability(cut);
    }
  }
  const links: PersonLink[] = kept.map((e) => ({
    a: e.i,
    b: e.j - A.length,
    weight: e.weight,
    probability: probability(e.weight),
  }));
  return {
    threshold: chosen,
    model,
    candidatePairs: pairs.a.length,
    links,
    explain: (link) => explain(model, comparisonVector(A[link.a], B[link.b], comparisons), weights).reasons,
  };
}

/**
 * Term-frequency adjustment (as Splink's): agreeing on a common name ("Mohamed Yılmaz") is weaker
 * evidence than agreeing on a rare one. For exact agreement of a name or the date of birth, u is
 * replaced by the value's own frequency (of the more common side).
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
  const bonus: Record<string, [Float32Array, Float32Array]> = {};
  // The date too, as PPRL does: an estimated 1 January 2008 shared by many says less.
  for (const name of ['given_name', 'family_name', 'date_of_birth']) {
    const c = comparisons.findIndex((x) => x.name === name);
    if (c < 0) continue;
    const bonusA = termFrequencyBonus(A, EXACT_VALUES[name], model.u[c][0]);
    const bonusB = termFrequencyBonus(B, EXACT_VALUES[name], model.u[c][0]);
    bonus[name] = [bonusA, bonusB];
    for (let p = 0; p < scores.length; p++) {
      if (vectors[p * C + c] === 0) scores[p] += Math.min(bonusA[pairs.a[p]], bonusB[pairs.b[p]]);
    }
  }
  // Names the other way round: how rare the two names are counts as for names that agree
  // ("Meijer Fatima" against "Fatima Meijer" says little where many are called so).
  const g = comparisons.findIndex((x) => x.name === 'given_name');
  const swapped = g < 0 ? -1 : comparisons[g].levels.indexOf('swapped');
  if (swapped < 0 || !bonus.given_name || !bonus.family_name) return;
  const [givenA, givenB] = bonus.given_name;
  const [familyA, familyB] = bonus.family_name;
  for (let p = 0; p < scores.length; p++) {
    if (vectors[p * C + g] !== swapped) continue;
    const [a, b] = [pairs.a[p], pairs.b[p]];
    scores[p] += Math.min(givenA[a], familyB[b]) + Math.min(familyA[a], givenB[b]);
  }
}
