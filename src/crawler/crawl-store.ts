import { createHash } from 'node:crypto';
import type { FetchErrorKind } from './fetcher.ts';

/**
 * Where a crawl keeps its state, so it can stop and resume without fetching a page twice:
 * the frontier (every URL ever queued, with its state), the snapshots (immutable versions of a
 * page with a content hash; a re-fetch that changed makes a new version) and the counters.
 * One store instance serves one crawl. PostgreSQL in production; MemoryCrawlStore for tests.
 */
export type PageKind = 'listing' | 'ad' | 'image';
export type FrontierState = 'pending' | 'in_progress' | 'done' | 'failed' | 'skipped';

export interface FrontierItem {
  url: string;
  kind: PageKind;
  depth: number;
}

export interface NewSnapshot {
  url: string;
  kind: PageKind;
  fetchedAt: Date;
  status: number;
  contentType: string;
  body: Buffer;
  /** Extracted fields (ads) or derived values (image hash); stored with the version. */
  fields?: Record<string, unknown>;
}

export interface Snapshot extends NewSnapshot {
  version: number;
  contentHash: string;
}

export interface CrawlErrorRecord {
  url: string;
  kind: FetchErrorKind | 'extract' | 'image';
  detail: string;
  at: Date;
}

export interface CrawlProgress {
  queued: number;
  pending: number;
  pagesFetched: number;
  adsFound: number;
  adVersions: number;
  errors: number;
}

export interface CrawlStore {
  /** Adds URLs never seen before in this crawl; returns how many were new. */
  enqueue(items: readonly FrontierItem[]): Promise<number>;
  /** Takes up to `limit` pending items (oldest first) and marks them in progress. */
  claim(limit: number): Promise<FrontierItem[]>;
  finish(url: string, state: Exclude<FrontierState, 'pending' | 'in_progress'>): Promise<void>;
  /** After a crash: items left in progress go back to pending; returns how many. */
  releaseInProgress(): Promise<number>;
  /** Stores a new version unless the content hash equals the latest version's. */
  saveSnapshot(snapshot: NewSnapshot): Promise<{ version: number; changed: boolean }>;
  latestSnapshots(kind: PageKind): AsyncIterable<Snapshot>;
  recordError(error: CrawlErrorRecord): Promise<void>;
  errors(): Promise<CrawlErrorRecord[]>;
  progress(): Promise<CrawlProgress>;
}

export function contentHash(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}

/** The in-memory store: complete and faithful to the contract, but lost when the process ends. */
export class MemoryCrawlStore implements CrawlStore {
  private readonly frontier = new Map<string, FrontierItem & { state: FrontierState; order: number }>();
  private readonly snapshots = new Map<string, Snapshot[]>();
  private readonly errorLog: CrawlErrorRecord[] = [];
  private order = 0;
  private pagesFetched = 0;

  async enqueue(items: readonly FrontierItem[]): Promise<number> {
    let added = 0;
    for (const item of items) {
      if (this.frontier.has(item.url)) continue;
      this.frontier.set(item.url, { ...item, state: 'pending', order: this.order++ });
      added++;
    }
    return added;
  }

  async claim(limit: number): Promise<FrontierItem[]> {
    const out: FrontierItem[] = [];
    for (const item of this.frontier.values()) {
      if (out.length >= limit) break;
      if (item.state !== 'pending') continue;
      item.state = 'in_progress';
      out.push({ url: item.url, kind: item.kind, depth: item.depth });
    }
    return out;
  }

  async finish(url: string, state: Exclude<FrontierState, 'pending' | 'in_progress'>): Promise<void> {
    const item = this.frontier.get(url);
    if (!item) throw new Error(`finish: ${url} was never queued`);
    item.state = state;
  }

  async releaseInProgress(): Promise<number> {
    let released = 0;
    for (const item of this.frontier.values()) {
      if (item.state === 'in_progress') {
        item.state = 'pending';
        released++;
      }
    }
    return released;
  }

  async saveSnapshot(snapshot: NewSnapshot): Promise<{ version: number; changed: boolean }> {
    this.pagesFetched++;
    const versions = this.snapshots.get(snapshot.url) ?? [];
    const hash = contentHash(snapshot.body);
    const latest = versions.at(-1);
    if (latest && latest.contentHash === hash) return { version: latest.version, changed: false };
    const stored: Snapshot = Object.freeze({
      ...snapshot,
      body: Buffer.from(snapshot.body),
      version: (latest?.version ?? 0) + 1,
      contentHash: hash,
    });
    versions.push(stored);
    this.snapshots.set(snapshot.url, versions);
    return { version: stored.version, changed: true };
  }

  async *latestSnapshots(kind: PageKind): AsyncIterable<Snapshot> {
    for (const versions of this.snapshots.values()) {
      const latest = versions.at(-1);
      if (latest && latest.kind === kind) yield latest;
    }
  }

  /** All versions of one URL, oldest first (evidence that an ad changed or disappeared). */
  versionsOf(url: string): readonly Snapshot[] {
    return this.snapshots.get(url) ?? [];
  }

  async recordError(error: CrawlErrorRecord): Promise<void> {
    this.errorLog.push(error);
  }

  async errors(): Promise<CrawlErrorRecord[]> {
    return [...this.errorLog];
  }

  async progress(): Promise<CrawlProgress> {
    let pending = 0;
    for (const item of this.frontier.values())
      if (item.state === 'pending' || item.state === 'in_progress') pending++;
    let adsFound = 0;
    let adVersions = 0;
    for (const versions of this.snapshots.values()) {
      if (versions[0]?.kind !== 'ad') continue;
      adsFound++;
      adVersions += versions.length;
    }
    return {
      queued: this.frontier.size,
      pending,
      pagesFetched: this.pagesFetched,
      adsFound,
      adVersions,
      errors: this.errorLog.length,
    };
  }
}
