/**
 * Linking encoded lists: candidate pairs from shared keyed blocking tokens, segment similarities
 * weighed by Fellegi–Sunter, and multi-party clustering with at most one record per list. Pure;
 * the only output meant for analysts is the capture-pattern table built from the clusters.
 */
import { forEachCandidatePair, WEAK_MAX_BLOCK } from '../blocking.ts';
import { clusterLinks, type Edge } from '../cluster.ts';
import { Competition, weightForPrecision } from '../competition.ts';
import type { FsModel } from '../fellegiSunter.ts';
import type { ClkSettings } from './clk.ts';
import { nonMatchModel } from './nonMatch.ts';
import { type EncodedList, PairScorer } from './score.ts';

export type { EncodedList } from './score.ts';

export interface MatchOptions {
  /** Minimum match probability of a link (the floor when targetPrecision is given). */
  threshold: number;
  /**
   * Choose the threshold from the fitted model: the lowest at or above `threshold` at which the
   * links' expected precision (their mean match probability) is at least this.
   */
  targetPrecision?: number;
  /** Blocks with more records than this in one list are skipped (keeps huge lists tractable). */
  maxBlock?: number;
}

export interface ClusterResult {
  /** Cluster id of every record, lists concatenated in order. */
  clusterOf: Int32Array;
  /** Offset of each list in the concatenation. */
  offsets: number[];
  /** Links kept (global record indexes) with their match probability: quality control only. */
  links: Edge[];
  candidatePairs: number;
  model: FsModel;
  /** Linkage quality as the fitted model sees it (never from the truth; see estimatedQuality). */
  quality: LinkageQuality;
}

/**
 * Precision and recall of the links as the fitted model estimates them: precision is the mean
 * match probability of the links kept; recall is the expected number of true matches among them
 * over the expected number of true matches among all candidate pairs, where a record counts at
 * most once per other list (its candidates' probabilities summed and capped at 1, since a list
 * holds a person once). Pairs outside the blocks are not counted: recall is of the candidates.
 */
export interface LinkageQuality {
  precision: number;
  recall: number;
  /** Links kept and the expected true matches among them and among all candidates. */
  links: number;
  expectedTrueLinks: number;
  expectedMatches: number;
  /** The minimum match probability of the links: as given, or chosen for a target precision. */
  threshold?: number;
}

/** Candidate pairs of two lists with their pattern codes, in growable typed arrays. */
export class PairStore {
  a = new Int32Array(1 << 16);
  b = new Int32Array(1 << 16);
  // Pattern codes go beyond 16 bits with an extra segment (13 levels ^ 5 comparisons).
  code = new Uint32Array(1 << 16);
  length = 0;

  push(a: number, b: number, code: number): void {
    if (this.length === this.a.length) {
      const grow = <T extends Int32Array | Uint32Array>(x: T): T => {
        const next = new (x.constructor as new (n: number) => T)(x.length * 2);
        next.set(x);
        return next;
      };
      this.a = grow(this.a);
      this.b = grow(this.b);
      this.code = grow(this.code);
    }
    this.a[this.length] = a;
    this.b[this.length] = b;
    this.code[this.length++] = code;
  }
}

/** Pass 1 over one pair of lists: candidate pairs with their pattern codes, counted by code. */
export function scoreCandidates(
  A: EncodedList,
  B: EncodedList,
  scorer: PairScorer,
  maxBlock: number | undefined,
  codeCounts: Float64Array,
  range: [number, number] = [0, B.empty.length],
): PairStore {
  const pairs = new PairStore();
  // Records of B outside the range get no keys, so a worker scores only its share of B.
  const keysB = range[0] === 0 && range[1] === B.empty.length ? B.blocks : rangeOf(B.blocks, range);
  forEachCandidatePair(A.blocks, keysB, { maxBlock, weakMaxBlock: WEAK_MAX_BLOCK }, (a, b) => {
    const code = scorer.code(A, a, B, b);
    codeCounts[code]++;
    pairs.push(a, b, code);
  });
  return pairs;
}

function rangeOf(blocks: number[][], [from, to]: [number, number]): number[][] {
  return blocks.map((keys, j) => (j >= from && j < to ? keys : []));
}

export interface ScoredPairs {
  x: number;
  y: number;
  pairs: { a: Int32Array; b: Int32Array; code: Uint32Array; length: number };
}

export function matchLists(
  lists: EncodedList[],
  settings: ClkSettings,
  options: MatchOptions,
): ClusterResult {
  const scorer = new PairScorer(settings);
  // Pass 1: every candidate pair's pattern, and how often each pattern occurs (for the fit).
  const codeCounts = new Float64Array(scorer.codes);
  const stores: ScoredPairs[] = [];
  for (let x = 0; x < lists.length; x++) {
    for (let y = x + 1; y < lists.length; y++) {
      stores.push({ x, y, pairs: scoreCandidates(lists[x], lists[y], scorer, options.maxBlock, codeCounts) });
    }
  }
  return finishMatch(lists, scorer, options, stores, codeCounts);
}

/** Fit, links above the threshold, and clusters, from the scored candidate pairs. */
export function finishMatch(
  lists: EncodedList[],
  scorer: PairScorer,
  options: MatchOptions,
  stores: ScoredPairs[],
  codeCounts: Float64Array,
): ClusterResult {
  const offsets: number[] = [];
  let total = 0;
  for (const list of lists) {
    offsets.push(total);
    total += list.empty.length;
  }
  let candidates = 0;
  for (const { pairs } of stores) candidates += pairs.length;
  const nonMatch = nonMatchModel(lists, scorer);
  let crossPairs = 0;
  let expectedMatches = 0;
  for (let x = 0; x < lists.length; x++) {
    for (let y = x + 1; y < lists.length; y++) {
      const [nx, ny] = [lists[x].empty.length, lists[y].empty.length];
      crossPairs += nx * ny;
      // Before looking, about half the smaller list is expected in the other (a weak prior).
      expectedMatches += Math.min(nx, ny) / 2;
    }
  }
  const model = scorer.fit(codeCounts, nonMatch.u, crossPairs, expectedMatches);
  const agree = Uint8Array.from({ length: scorer.codes }, (_, code) => scorer.agreeMask(code));
  const S = scorer.comparisons.length;
  /** The pattern's weight plus the term-frequency bonus of the segments that agree. */
  const weightOf = (x: number, a: number, y: number, b: number, code: number) => {
    let w = scorer.weight(code);
    const mask = agree[code];
    if (mask === 0) return w;
    for (let s = 0; s < S; s++) {
      if ((mask >> s) & 1) w += Math.min(nonMatch.bonus[x][s][a], nonMatch.bonus[y][s][b]);
    }
    return w;
  };

  // Pass 2: links above the threshold, and each record's expected matches per other list.
  const minWeight = Math.log2(options.threshold / (1 - options.threshold));
  // A link's weight decides (the model's evidence for the pair); its probability against the
  // competing candidates (below) is what the quality estimate counts.
  const edges: (Edge & { probability: number })[] = [];
  const massOf = new Map<string, [Float64Array, Float64Array]>();
  // One-to-one evidence (competition.ts): each pair's odds against the other candidates of both
  // records. The stores of one pair of lists (worker shares) add up into one Competition.
  const competitionOf = new Map<string, Competition>();
  for (const { x, y, pairs } of stores) {
    let competition = competitionOf.get(`${x},${y}`);
    if (!competition) {
      competition = new Competition(lists[x].empty.length, lists[y].empty.length);
      competitionOf.set(`${x},${y}`, competition);
    }
    for (let p = 0; p < pairs.length; p++)
      competition.add(pairs.a[p], pairs.b[p], weightOf(x, pairs.a[p], y, pairs.b[p], pairs.code[p]));
  }
  for (const { x, y, pairs } of stores) {
    const competition = competitionOf.get(`${x},${y}`) as Competition;
    let mass = massOf.get(`${x},${y}`);
    if (!mass) {
      mass = [new Float64Array(lists[x].empty.length), new Float64Array(lists[y].empty.length)];
      massOf.set(`${x},${y}`, mass);
    }
    for (let p = 0; p < pairs.length; p++) {
      const w = weightOf(x, pairs.a[p], y, pairs.b[p], pairs.code[p]);
      const probability = 1 / (1 + 2 ** -competition.adjust(pairs.a[p], pairs.b[p], w));
      mass[0][pairs.a[p]] += probability;
      mass[1][pairs.b[p]] += probability;
      if (w >= minWeight)
        edges.push({ i: offsets[x] + pairs.a[p], j: offsets[y] + pairs.b[p], weight: w, probability });
    }
  }
  const group = new Int32Array(total);
  lists.forEach((list, l) => {
    group.fill(l, offsets[l], offsets[l] + list.empty.length);
  });
  const pairWeight = (i: number, j: number) => {
    const [li, lj] = [group[i], group[j]];
    const [a, b] = [i - offsets[li], j - offsets[lj]];
    return weightOf(li, a, lj, b, scorer.code(lists[li], a, lists[lj], b));
  };
  // Guard against chaining: clusters merge only when their cross-list pairs match on average.
  const clusterAbove = (cut: number, strict: boolean) => {
    const kept = strict ? edges.filter((e) => e.weight > cut) : edges;
    const clusterOf = clusterLinks(total, kept, { group, pairWeight, minMeanWeight: cut });
    return { clusterOf, kept: kept.filter((e) => clusterOf[e.i] === clusterOf[e.j]) };
  };
  let { clusterOf, kept } = clusterAbove(minWeight, false);
  let threshold = options.threshold;
  if (options.targetPrecision !== undefined) {
    // The threshold from the fitted model: the least likely links go until the rest reach the
    // target precision (competition.ts), then the records are clustered again above it.
    const cut = weightForPrecision(
      kept.map((e) => e.weight),
      kept.map((e) => e.probability),
      options.targetPrecision,
    );
    if (cut !== undefined) {
      ({ clusterOf, kept } = clusterAbove(cut, true));
      threshold = 1 / (1 + 2 ** -cut);
    }
  }
  const links = kept.map((e) => ({ i: e.i, j: e.j, weight: 1 / (1 + 2 ** -e.weight) }));
  return {
    clusterOf,
    offsets,
    links,
    candidatePairs: candidates,
    model,
    quality: {
      ...estimatedQuality(
        kept.map((e) => e.probability),
        [...massOf.values()],
      ),
      threshold,
    },
  };
}

function estimatedQuality(links: number[], masses: [Float64Array, Float64Array][]): LinkageQuality {
  const expectedTrueLinks = links.reduce((sum, p) => sum + p, 0);
  let expectedMatches = 0;
  const capped = (mass: Float64Array) => mass.reduce((sum, m) => sum + Math.min(1, m), 0);
  for (const [a, b] of masses) expectedMatches += Math.min(capped(a), capped(b));
  return {
    precision: links.length === 0 ? 1 : expectedTrueLinks / links.length,
    // The links' own expected matches are among the candidates': at most 1.
    recall: expectedMatches === 0 ? 1 : Math.min(1, expectedTrueLinks / expectedMatches),
    links: links.length,
    expectedTrueLinks,
    expectedMatches,
  };
}

export interface CaptureRow {
  pattern: string;
  count: number;
  stratum?: Record<string, string>;
}

/**
 * The capture-pattern table: one row per observed pattern (and stratum). A cluster's stratum is
 * taken from its record in the first list (in the order given) that has one.
 */
export function captureTable(lists: EncodedList[], result: ClusterResult, strata: string[]): CaptureRow[] {
  const patterns = new Map<number, { lists: Set<number>; stratum?: Record<string, string> }>();
  lists.forEach((list, l) => {
    for (let r = 0; r < list.empty.length; r++) {
      const id = result.clusterOf[result.offsets[l] + r];
      let entry = patterns.get(id);
      if (!entry) {
        entry = { lists: new Set() };
        patterns.set(id, entry);
      }
      entry.lists.add(l);
      if (!entry.stratum && strata.length > 0) entry.stratum = list.strata[r];
    }
  });
  const counts = new Map<string, CaptureRow>();
  for (const { lists: seen, stratum } of patterns.values()) {
    const pattern = lists.map((_, l) => (seen.has(l) ? '1' : '0')).join('');
    const stratumValues =
      strata.length > 0 ? Object.fromEntries(strata.map((s) => [s, stratum?.[s] ?? ''])) : undefined;
    const key = `${pattern}|${JSON.stringify(stratumValues ?? null)}`;
    const row = counts.get(key);
    if (row) row.count++;
    else counts.set(key, { pattern, count: 1, ...(stratumValues ? { stratum: stratumValues } : {}) });
  }
  return [...counts.values()].sort(
    (a, b) =>
      JSON.stringify(a.stratum ?? '').localeCompare(JSON.stringify(b.stratum ?? '')) ||
      b.pattern.localeCompare(a.pattern),
  );
}
