/**
 * Clustering of scored links by connected components, built greedily from the strongest link
 * down. Two guards stop chaining: records of the same group (list) never share a cluster, and two
 * clusters merge only when their members agree on average, not just through one strong link
 * (A~B and B~C strong while A and C clearly differ).
 */
export interface Edge {
  i: number;
  j: number;
  weight: number;
}

export interface ClusterOptions {
  /** Group (list) of each node; a cluster holds at most one node per group. */
  group?: ArrayLike<number>;
  /** Score of any two nodes, used to check merges of clusters larger than one. */
  pairWeight?: (i: number, j: number) => number;
  /** Minimum mean pairWeight across two clusters for them to merge. */
  minMeanWeight?: number;
}

/** Returns the cluster id (root node) of every node. */
export function clusterLinks(n: number, edges: Edge[], options: ClusterOptions = {}): Int32Array {
  const { group, pairWeight, minMeanWeight = 0 } = options;
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const members = new Map<number, number[]>();
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  const membersOf = (root: number) => members.get(root) ?? [root];
  const sorted = [...edges].sort((x, y) => y.weight - x.weight);
  for (const edge of sorted) {
    const ri = find(edge.i);
    const rj = find(edge.j);
    if (ri === rj) continue;
    const mi = membersOf(ri);
    const mj = membersOf(rj);
    if (group && mi.some((x) => mj.some((y) => group[x] === group[y]))) continue;
    if (pairWeight && mi.length * mj.length > 1) {
      let sum = 0;
      for (const x of mi) for (const y of mj) sum += pairWeight(x, y);
      if (sum / (mi.length * mj.length) < minMeanWeight) continue;
    }
    parent[rj] = ri;
    members.set(ri, [...mi, ...mj]);
    members.delete(rj);
  }
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = find(i);
  return out;
}
