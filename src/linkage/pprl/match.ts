/**
 * Linking encoded lists: candidate pairs from shared keyed blocking tokens, Dice similarity of
 * the Bloom filters, and multi-party clustering with at most one record per list. Pure; the
 * only output meant for analysts is the capture-pattern table built from the clusters.
 */
import { candidatePairs } from '../blocking.ts';
import { clusterLinks, type Edge } from '../cluster.ts';

export interface EncodedList {
  name: string;
  /** All filters back to back, `words` 32-bit words each. */
  clks: Uint32Array;
  words: number;
  blocks: string[][];
  /** Stratum values per record (empty objects without strata). */
  strata: Record<string, string>[];
  /** Row numbers in the partner's own file: for the privacy officer's quality control only. */
  rows: number[];
}

export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) | 0;
}

export function dice(a: Uint32Array, ao: number, b: Uint32Array, bo: number, words: number): number {
  let both = 0;
  let total = 0;
  for (let w = 0; w < words; w++) {
    const x = a[ao + w];
    const y = b[bo + w];
    both += popcount(x & y);
    total += popcount(x) + popcount(y);
  }
  return total === 0 ? 0 : (2 * both) / total;
}

export interface MatchOptions {
  threshold: number;
  /** Blocks with more records than this in one list are skipped (keeps huge lists tractable). */
  maxBlock?: number;
}

export interface ClusterResult {
  /** Cluster id of every record, lists concatenated in order. */
  clusterOf: Int32Array;
  /** Offset of each list in the concatenation. */
  offsets: number[];
  /** Links kept (global record indexes) with their similarity: quality control only. */
  links: Edge[];
  candidatePairs: number;
}

export function matchLists(lists: EncodedList[], options: MatchOptions): ClusterResult {
  const offsets: number[] = [];
  let total = 0;
  for (const list of lists) {
    offsets.push(total);
    total += list.blocks.length;
  }
  const edges: Edge[] = [];
  let candidates = 0;
  for (let x = 0; x < lists.length; x++) {
    for (let y = x + 1; y < lists.length; y++) {
      const A = lists[x];
      const B = lists[y];
      const pairs = candidatePairs(A.blocks, B.blocks, { maxBlock: options.maxBlock });
      candidates += pairs.a.length;
      for (let p = 0; p < pairs.a.length; p++) {
        const s = dice(A.clks, pairs.a[p] * A.words, B.clks, pairs.b[p] * B.words, A.words);
        if (s >= options.threshold)
          edges.push({ i: offsets[x] + pairs.a[p], j: offsets[y] + pairs.b[p], weight: s });
      }
    }
  }
  const group = new Int32Array(total);
  lists.forEach((list, l) => {
    group.fill(l, offsets[l], offsets[l] + list.blocks.length);
  });
  const locate = (g: number): [EncodedList, number] => {
    const l = group[g];
    return [lists[l], g - offsets[l]];
  };
  const pairWeight = (i: number, j: number) => {
    const [A, a] = locate(i);
    const [B, b] = locate(j);
    return dice(A.clks, a * A.words, B.clks, b * B.words, A.words);
  };
  // Guard against chaining: clusters merge only when all their cross-list pairs are similar on average.
  const clusterOf = clusterLinks(total, edges, { group, pairWeight, minMeanWeight: options.threshold });
  const links = edges.filter((e) => clusterOf[e.i] === clusterOf[e.j]);
  return { clusterOf, offsets, links, candidatePairs: candidates };
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
    for (let r = 0; r < list.blocks.length; r++) {
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
