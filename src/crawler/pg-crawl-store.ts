import { type Kysely, sql } from 'kysely';
import type { Database } from '../store/schema.ts';
import {
  type CrawlErrorRecord,
  type CrawlProgress,
  type CrawlStore,
  contentHash,
  type FrontierItem,
  type FrontierState,
  type NewSnapshot,
  type PageKind,
  type Snapshot,
} from './crawl-store.ts';
import './schema.ts';

/**
 * The CrawlStore in PostgreSQL (or PGlite): the frontier, snapshots and errors of one crawl run.
 * The crawl itself runs as the system (a durable job or the CLI) after the access layer authorised
 * it, so this store writes with the owner connection and stamps every row with the run's
 * investigation and organisation; requests read it back through row-level security.
 */
export interface CrawlScope {
  crawlId: string;
  investigationId: string;
  orgId: string;
}

const PAGE = 500;

export class PgCrawlStore implements CrawlStore {
  constructor(
    private readonly db: Kysely<Database>,
    readonly scope: CrawlScope,
  ) {}

  async enqueue(items: readonly FrontierItem[]): Promise<number> {
    if (items.length === 0) return 0;
    const unique = [...new Map(items.map((item) => [item.url, item])).values()];
    const result = await this.db
      .insertInto('crawl_frontier')
      .values(
        unique.map((item) => ({
          crawl_id: this.scope.crawlId,
          org_id: this.scope.orgId,
          url: item.url,
          kind: item.kind,
          depth: item.depth,
        })),
      )
      .onConflict((oc) => oc.columns(['crawl_id', 'url']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0);
  }

  async claim(limit: number): Promise<FrontierItem[]> {
    const rows = await sql<{ url: string; kind: PageKind; depth: number; seq: string }>`
      UPDATE crawl_frontier SET state = 'in_progress'
      WHERE crawl_id = ${this.scope.crawlId} AND url IN (
        SELECT url FROM crawl_frontier
        WHERE crawl_id = ${this.scope.crawlId} AND state = 'pending'
        ORDER BY seq LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      RETURNING url, kind, depth, seq`.execute(this.db);
    return rows.rows
      .sort((a, b) => Number(a.seq) - Number(b.seq))
      .map(({ url, kind, depth }) => ({ url, kind, depth }));
  }

  async finish(url: string, state: Exclude<FrontierState, 'pending' | 'in_progress'>): Promise<void> {
    const result = await this.db
      .updateTable('crawl_frontier')
      .set({ state })
      .where('crawl_id', '=', this.scope.crawlId)
      .where('url', '=', url)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new Error(`finish: ${url} was never queued`);
  }

  async releaseInProgress(): Promise<number> {
    const result = await this.db
      .updateTable('crawl_frontier')
      .set({ state: 'pending' })
      .where('crawl_id', '=', this.scope.crawlId)
      .where('state', '=', 'in_progress')
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async saveSnapshot(snapshot: NewSnapshot): Promise<{ version: number; changed: boolean }> {
    const hash = contentHash(snapshot.body);
    return this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('crawl_runs')
        .set({ pages_fetched: sql`pages_fetched + 1` })
        .where('id', '=', this.scope.crawlId)
        .execute();
      const latest = await trx
        .selectFrom('crawl_snapshots')
        .select(['version', 'content_hash'])
        .where('investigation_id', '=', this.scope.investigationId)
        .where('url', '=', snapshot.url)
        .orderBy('version', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (latest && latest.content_hash === hash) return { version: latest.version, changed: false };
      const version = (latest?.version ?? 0) + 1;
      await trx
        .insertInto('crawl_snapshots')
        .values({
          investigation_id: this.scope.investigationId,
          crawl_id: this.scope.crawlId,
          org_id: this.scope.orgId,
          url: snapshot.url,
          kind: snapshot.kind,
          version,
          fetched_at: snapshot.fetchedAt,
          status: snapshot.status,
          content_type: snapshot.contentType,
          content_hash: hash,
          body: snapshot.body,
          fields: snapshot.fields === undefined ? null : JSON.stringify(snapshot.fields),
        })
        .execute();
      return { version, changed: true };
    });
  }

  /** The latest version of every page of this kind in the investigation (all its runs). */
  async *latestSnapshots(kind: PageKind): AsyncIterable<Snapshot> {
    let after = '';
    for (;;) {
      const rows = await this.db
        .selectFrom('crawl_snapshots as s')
        .selectAll()
        .where('s.investigation_id', '=', this.scope.investigationId)
        .where('s.kind', '=', kind)
        .where('s.url', '>', after)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('crawl_snapshots as n')
                .select('n.id')
                .whereRef('n.investigation_id', '=', 's.investigation_id')
                .whereRef('n.url', '=', 's.url')
                .whereRef('n.version', '>', 's.version'),
            ),
          ),
        )
        .orderBy('s.url')
        .limit(PAGE)
        .execute();
      for (const row of rows) yield toSnapshot(row);
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1].url;
    }
  }

  async recordError(error: CrawlErrorRecord): Promise<void> {
    await this.db
      .insertInto('crawl_errors')
      .values({
        crawl_id: this.scope.crawlId,
        org_id: this.scope.orgId,
        url: error.url,
        kind: error.kind,
        detail: error.detail.slice(0, 1000),
        at: error.at,
      })
      .execute();
  }

  async errors(): Promise<CrawlErrorRecord[]> {
    const rows = await this.db
      .selectFrom('crawl_errors')
      .select(['url', 'kind', 'detail', 'at'])
      .where('crawl_id', '=', this.scope.crawlId)
      .orderBy('id')
      .execute();
    return rows.map((row) => ({ ...row, kind: row.kind as CrawlErrorRecord['kind'] }));
  }

  async progress(): Promise<CrawlProgress> {
    const { rows } = await sql<{
      queued: number;
      pending: number;
      ads_found: number;
      ad_versions: number;
      errors: number;
      pages_fetched: number;
    }>`
      SELECT
        (SELECT count(*)::int FROM crawl_frontier WHERE crawl_id = ${this.scope.crawlId}) AS queued,
        (SELECT count(*)::int FROM crawl_frontier WHERE crawl_id = ${this.scope.crawlId} AND state IN ('pending', 'in_progress')) AS pending,
        (SELECT count(*)::int FROM crawl_frontier WHERE crawl_id = ${this.scope.crawlId} AND kind = 'ad' AND state = 'done') AS ads_found,
        (SELECT count(*)::int FROM crawl_snapshots WHERE crawl_id = ${this.scope.crawlId} AND kind = 'ad') AS ad_versions,
        (SELECT count(*)::int FROM crawl_errors WHERE crawl_id = ${this.scope.crawlId}) AS errors,
        (SELECT pages_fetched FROM crawl_runs WHERE id = ${this.scope.crawlId}) AS pages_fetched`.execute(
      this.db,
    );
    const row = rows[0];
    return {
      queued: row.queued,
      pending: row.pending,
      pagesFetched: row.pages_fetched ?? 0,
      adsFound: row.ads_found,
      adVersions: row.ad_versions,
      errors: row.errors,
    };
  }
}

function toSnapshot(row: {
  url: string;
  kind: string;
  version: number;
  fetched_at: Date;
  status: number;
  content_type: string;
  content_hash: string;
  body: Buffer | Uint8Array;
  fields: unknown;
}): Snapshot {
  return Object.freeze({
    url: row.url,
    kind: row.kind as PageKind,
    version: row.version,
    fetchedAt: new Date(row.fetched_at),
    status: row.status,
    contentType: row.content_type,
    contentHash: row.content_hash,
    body: Buffer.from(row.body),
    fields: (typeof row.fields === 'string' ? JSON.parse(row.fields) : row.fields) as
      | Record<string, unknown>
      | undefined,
  });
}
