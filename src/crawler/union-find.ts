/** Disjoint sets over 0..n-1 that grow as items are added (incremental clustering). */
export class UnionFind {
  private parent: Int32Array;
  private rank: Uint8Array;
  private count = 0;

  constructor(capacity = 1024) {
    this.parent = new Int32Array(capacity);
    this.rank = new Uint8Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  add(): number {
    if (this.count === this.parent.length) {
      const parent = new Int32Array(this.parent.length * 2);
      parent.set(this.parent);
      const rank = new Uint8Array(this.parent.length * 2);
      rank.set(this.rank);
      this.parent = parent;
      this.rank = rank;
    }
    this.parent[this.count] = this.count;
    return this.count++;
  }

  find(x: number): number {
    const parent = this.parent;
    let root = x;
    while (parent[root] !== root) root = parent[root];
    while (parent[x] !== root) {
      const next = parent[x];
      parent[x] = root;
      x = next;
    }
    return root;
  }

  /** Joins the sets of a and b; false when they were already one. */
  union(a: number, b: number): boolean {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return false;
    if (this.rank[ra] < this.rank[rb]) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    if (this.rank[ra] === this.rank[rb]) this.rank[ra]++;
    return true;
  }

  clone(): UnionFind {
    const copy = new UnionFind(1);
    copy.parent = this.parent.slice();
    copy.rank = this.rank.slice();
    copy.count = this.count;
    return copy;
  }
}
