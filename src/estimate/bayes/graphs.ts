/**
 * Decomposable (chordal) graphs on p vertices, with their cliques and separators: the models of
 * Madigan & York (1997) for capture–recapture. Vertex i is list i; a set of vertices is a bitmask.
 */

export interface DecomposableGraph {
  /** Edges as bitmasks of two vertices. */
  edges: number[];
  /** Maximal cliques (bitmasks), in the order of a perfect sequence. */
  cliques: number[];
  /** The non-empty separators of that sequence (an empty separator joins two components and counts as 1). */
  separators: number[];
}

/** Above this many lists the enumeration (2^(p(p−1)/2) edge sets) takes too long to be worth it. */
export const MAX_GRAPH_LISTS = 7;

const cache = new Map<number, DecomposableGraph[]>();

/** All decomposable graphs on p vertices (p = 3: 8, 4: 61, 5: 822, 6: 18 154, 7: 617 675). */
export function decomposableGraphs(p: number): DecomposableGraph[] {
  const hit = cache.get(p);
  if (hit) return hit;
  const pairs: number[] = [];
  for (let i = 0; i < p; i++) for (let j = i + 1; j < p; j++) pairs.push((1 << i) | (1 << j));
  const out: DecomposableGraph[] = [];
  const adjacency = new Int32Array(p);
  for (let set = 0; set < 2 ** pairs.length; set++) {
    adjacency.fill(0);
    const edges: number[] = [];
    for (let e = 0; e < pairs.length; e++) {
      if (!((set / 2 ** e) & 1)) continue;
      edges.push(pairs[e]);
      const a = 31 - Math.clz32(pairs[e] & -pairs[e]);
      const b = 31 - Math.clz32(pairs[e]);
      adjacency[a] |= 1 << b;
      adjacency[b] |= 1 << a;
    }
    const sequence = perfectSequence(adjacency, p);
    if (sequence) out.push({ edges, ...sequence });
  }
  cache.set(p, out);
  return out;
}

/**
 * Maximum cardinality search (Tarjan & Yannakakis 1984): the graph is chordal iff, in the search order, the
 * earlier neighbours of every vertex are pairwise adjacent. A new clique starts where the number of earlier
 * neighbours does not grow (Blair & Peyton 1993); its earlier neighbours are the separator.
 */
export function perfectSequence(
  adjacency: Int32Array,
  p: number,
): { cliques: number[]; separators: number[] } | null {
  let numbered = 0;
  const cliques: number[] = [];
  const separators: number[] = [];
  let previous = -1;
  for (let step = 0; step < p; step++) {
    let best = -1;
    let bestCount = -1;
    for (let v = 0; v < p; v++) {
      if (numbered & (1 << v)) continue;
      const count = popcount(adjacency[v] & numbered);
      if (count > bestCount) {
        best = v;
        bestCount = count;
      }
    }
    const earlier = adjacency[best] & numbered;
    for (let u = 0; u < p; u++)
      if (earlier & (1 << u) && (earlier & ~adjacency[u] & ~(1 << u)) !== 0) return null;
    if (step === 0 || bestCount <= previous) {
      cliques.push(earlier | (1 << best));
      if (earlier !== 0) separators.push(earlier);
    } else {
      cliques[cliques.length - 1] |= 1 << best;
    }
    previous = bestCount;
    numbered |= 1 << best;
  }
  return { cliques, separators };
}

function popcount(x: number): number {
  let n = 0;
  for (let v = x; v; v &= v - 1) n++;
  return n;
}

/** "A:B, C" — the cliques by list name, the way the log-linear models name their terms. */
export function graphName(graph: DecomposableGraph, lists: string[]): string {
  return graph.cliques.map((c) => lists.filter((_, i) => c & (1 << i)).join(':')).join(', ');
}
