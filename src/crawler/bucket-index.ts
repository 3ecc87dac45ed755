/**
 * A multimap from 32-bit keys to item numbers in typed arrays (open addressing + chains).
 * LSH over a million ads needs millions of buckets; JS Maps of arrays would cost ~10x the memory.
 * Chains run newest first, so a bounded walk sees the most recent items.
 */
export class BucketIndex {
  private keys: Uint32Array;
  private heads: Int32Array;
  private used = 0;
  private nextOf: Int32Array;
  private itemOf: Int32Array;
  private entries = 0;

  constructor(capacity = 1024) {
    const slots = 1 << Math.ceil(Math.log2(Math.max(16, capacity * 2)));
    this.keys = new Uint32Array(slots);
    this.heads = new Int32Array(slots).fill(-1);
    this.nextOf = new Int32Array(capacity);
    this.itemOf = new Int32Array(capacity);
  }

  private slot(key: number): number {
    const mask = this.keys.length - 1;
    let slot = (Math.imul(key, 0x9e3779b1) >>> 0) & mask;
    while (this.heads[slot] !== -1 && this.keys[slot] !== key) slot = (slot + 1) & mask;
    return slot;
  }

  insert(key: number, item: number): void {
    if ((this.used + 1) * 2 > this.keys.length) this.rehash();
    if (this.entries === this.itemOf.length) this.growEntries();
    const slot = this.slot(key);
    if (this.heads[slot] === -1) {
      this.keys[slot] = key;
      this.used++;
    }
    const entry = this.entries++;
    this.itemOf[entry] = item;
    this.nextOf[entry] = this.heads[slot];
    this.heads[slot] = entry;
  }

  /** Calls visit for up to `limit` items under key, newest first. */
  forEach(key: number, limit: number, visit: (item: number) => void): void {
    let entry = this.heads[this.slot(key)];
    for (let seen = 0; entry !== -1 && seen < limit; seen++) {
      visit(this.itemOf[entry]);
      entry = this.nextOf[entry];
    }
  }

  private growEntries(): void {
    const size = this.itemOf.length * 2;
    const next = new Int32Array(size);
    next.set(this.nextOf);
    const items = new Int32Array(size);
    items.set(this.itemOf);
    this.nextOf = next;
    this.itemOf = items;
  }

  private rehash(): void {
    const oldKeys = this.keys;
    const oldHeads = this.heads;
    this.keys = new Uint32Array(oldKeys.length * 2);
    this.heads = new Int32Array(oldKeys.length * 2).fill(-1);
    for (let i = 0; i < oldKeys.length; i++) {
      if (oldHeads[i] === -1) continue;
      const slot = this.slot(oldKeys[i]);
      this.keys[slot] = oldKeys[i];
      this.heads[slot] = oldHeads[i];
    }
  }
}
