import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { type AccessTx, NotFound, withSystem } from '../access/context.ts';
import { AccessDenied } from '../access/policy.ts';
import type { FieldCipher } from '../access/secrets.ts';
import { invalidInput, label } from '../domain/problem.ts';
import { dutchDate } from '../domain/validate/date.ts';
import { parseSignal, submitSignal } from '../signals/index.ts';
import type { Store } from '../store/connect.ts';
import { enqueueJob, type JobHandler } from '../store/jobs.ts';
import { type PeriodicJob, periodicHandlers, schedulePeriodic } from '../store/scheduler.ts';
import { AdapterError, parseAdapter, type SiteAdapter } from './adapter.ts';
import { clusterToSignal } from './cluster-signal.ts';
import { crawledAds, runCrawl, type StopReason } from './crawl-engine.ts';
import type { CrawlProgress } from './crawl-store.ts';
import { type FetcherOptions, PoliteFetcher } from './fetcher.ts';
import { linkOptionsFor } from './identifier-decisions.ts';
import { assessAd, buildContext } from './indicators.ts';
import { Linker } from './linker.ts';
import { PgCrawlStore } from './pg-crawl-store.ts';
import './schema.ts';

/**
 * The crawler as the rest of Ketenplein sees it: crawl mandates within an investigation, site
 * adapters, starting and running crawls, and reading the ads and operator clusters back. Every
 * call from a user goes through the access layer (policy, row-level security, audit); the crawl
 * itself runs as the system, and checks its mandate again before it fetches anything.
 */

export interface InvestigationInput {
  caseRef: string;
  legalBasis: string;
  endsOn: string;
  sites: string[];
  terms?: string[];
  retentionMonths?: number;
}

/** The columns a new mandate writes, as the audit names them. */
const INVESTIGATION_INPUT_FIELDS = [
  'case_ref',
  'legal_basis',
  'ends_on',
  'sites',
  'terms',
  'retention_months',
];

// A mandate ends at the end of its day in the Netherlands, not at midnight UTC.
const today = () => dutchDate(new Date());

export async function createInvestigation(tx: AccessTx, input: InvestigationInput) {
  const decision = await tx.authorize('create', 'crawl_investigation');
  if (input.endsOn <= today()) {
    throw invalidInput(
      'endsOn',
      label('De einddatum moet in de toekomst liggen', 'The end date must lie in the future'),
    );
  }
  const row = await tx.db
    .insertInto('crawl_investigations')
    .values({
      org_id: tx.actor.orgId,
      case_ref: input.caseRef,
      legal_basis: input.legalBasis,
      ends_on: input.endsOn,
      sites: input.sites,
      terms: input.terms ?? [],
      retention_months: input.retentionMonths ?? 6,
      created_by: tx.actor.userId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  tx.record(decision, [row.id], INVESTIGATION_INPUT_FIELDS);
  return tx.disclose(decision, [row])[0];
}

export async function listInvestigations(tx: AccessTx) {
  const decision = await tx.authorize('read', 'crawl_investigation');
  const rows = await tx.db
    .selectFrom('crawl_investigations')
    .selectAll()
    .where((eb) => decision.where(eb))
    .orderBy('created_at', 'desc')
    .execute();
  return tx.disclose(decision, rows);
}

export async function closeInvestigation(tx: AccessTx, id: string) {
  const decision = await tx.authorize('update', 'crawl_investigation');
  const row = await tx.db
    .updateTable('crawl_investigations')
    .set({ status: 'closed', closed_at: new Date() })
    .where('id', '=', id)
    .where((eb) => decision.where(eb))
    .where('status', '=', 'open')
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new NotFound('Geen open onderzoek met dit id / No open investigation with this id');
  tx.record(decision, [id], ['status', 'closed_at']);
  return tx.disclose(decision, [row])[0];
}

export async function saveAdapter(tx: AccessTx, config: unknown) {
  const decision = await tx.authorize('create', 'site_adapter');
  let adapter: SiteAdapter;
  try {
    adapter = parseAdapter(config);
  } catch (error) {
    if (error instanceof AdapterError) {
      const field = error.problems[0].split(':')[0];
      throw invalidInput(
        field,
        label(
          `Ongeldige site-adapter: ${error.problems.join('; ')}`,
          `Invalid site adapter: ${error.problems.join('; ')}`,
        ),
      );
    }
    throw error;
  }
  await tx.db
    .insertInto('crawl_adapters')
    .values({
      org_id: tx.actor.orgId,
      id: adapter.id,
      config: JSON.stringify(adapter),
      created_by: tx.actor.userId,
    })
    .onConflict((oc) => oc.columns(['org_id', 'id']).doUpdateSet({ config: JSON.stringify(adapter) }))
    .execute();
  tx.record(decision, [adapter.id], ['config']);
  return adapter;
}

export async function listAdapters(tx: AccessTx) {
  const decision = await tx.authorize('read', 'site_adapter');
  const rows = await tx.db
    .selectFrom('crawl_adapters')
    .select(['id', 'config', 'created_at'])
    .where((eb) => decision.where(eb))
    .orderBy('id')
    .execute();
  return tx.disclose(decision, rows);
}

function refuse(nl: string, en: string): never {
  throw new AccessDenied('not_permitted', `${nl} / ${en}`, 'crawl', 'create');
}

/** Why a mandate no longer holds (closed or ended); undefined while it does. */
function mandateLapsed(investigation: { status: string; ends_on: string }): [string, string] | undefined {
  if (investigation.status !== 'open') return ['het onderzoek is gesloten', 'the investigation is closed'];
  const ends = investigation.ends_on;
  if (ends < today()) return [`het mandaat liep af op ${ends}`, `the mandate ended on ${ends}`];
  return undefined;
}

/** Why a mandate does not (or no longer) allow crawling this site; undefined when it does. */
function mandateProblem(
  investigation: { status: string; ends_on: string; sites: string[] },
  site: string,
): [string, string] | undefined {
  const lapsed = mandateLapsed(investigation);
  if (lapsed) return lapsed;
  if (!investigation.sites.includes(site)) {
    return [
      `site "${site}" valt niet onder het mandaat (toegestaan: ${investigation.sites.join(', ')})`,
      `site "${site}" is not covered by the mandate (allowed: ${investigation.sites.join(', ')})`,
    ];
  }
  return undefined;
}

/**
 * Authorises and queues a crawl. Refused with 403 and the reason unless the actor is an
 * investigator acting for a criminal investigation (the policy) inside an open mandate of their
 * organisation that covers this site and has not ended.
 */
export async function startCrawl(
  tx: AccessTx,
  input: { investigationId: string; site: string; maxPages?: number; resume?: boolean },
) {
  const decision = await tx.authorize('create', 'crawl');
  const investigation = await tx.db
    .selectFrom('crawl_investigations')
    .selectAll()
    .where('id', '=', input.investigationId)
    .where((eb) => decision.where(eb))
    .executeTakeFirst();
  if (!investigation) {
    refuse(
      `geen onderzoek ${input.investigationId} in uw organisatie; crawlen mag alleen binnen een vastgelegd onderzoek`,
      `no investigation ${input.investigationId} in your organisation; crawling is only allowed inside a recorded investigation`,
    );
  }
  const problem = mandateProblem(investigation, input.site);
  if (problem) refuse(`Crawl geweigerd: ${problem[0]}`, `Crawl refused: ${problem[1]}`);
  const adapter = await tx.db
    .selectFrom('crawl_adapters')
    .select('config')
    .where('id', '=', input.site)
    .executeTakeFirst();
  if (!adapter)
    throw invalidInput('site', label(`Onbekende site-adapter`, `Unknown site adapter: ${input.site}`));
  const config = parseAdapter(adapter.config);
  const unresolved = config.startPaths.some((p) => p.includes('{term}')) && investigation.terms.length === 0;
  if (unresolved)
    refuse(
      'de site zoekt op termen, maar het mandaat noemt er geen',
      'the site searches by terms, but the mandate names none',
    );
  if (input.resume) {
    const unfinished = await tx.db
      .selectFrom('crawl_runs')
      .selectAll()
      .where('investigation_id', '=', investigation.id)
      .where('adapter_id', '=', config.id)
      .where('status', 'in', ['queued', 'running', 'paused'])
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    if (unfinished) {
      tx.record(decision, [unfinished.id], ['status'], 'resume');
      return tx.disclose(decision, [unfinished])[0] as { id: string } & Record<string, unknown>;
    }
  }
  const run = await tx.db
    .insertInto('crawl_runs')
    .values({
      investigation_id: investigation.id,
      org_id: tx.actor.orgId,
      adapter_id: config.id,
      adapter: JSON.stringify(withTerms(config, investigation.terms)),
      max_pages: input.maxPages ?? null,
      started_by: tx.actor.userId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  tx.record(decision, [run.id], ['investigation_id', 'adapter_id', 'max_pages']);
  return tx.disclose(decision, [run])[0] as { id: string } & Record<string, unknown>;
}

/** Search terms of the mandate fill the adapter's `{term}` start paths; nothing else is searched. */
function withTerms(adapter: SiteAdapter, terms: readonly string[]): SiteAdapter {
  const startPaths = adapter.startPaths.flatMap((path) =>
    path.includes('{term}')
      ? terms.map((term) => path.replaceAll('{term}', encodeURIComponent(term)))
      : [path],
  );
  return { ...adapter, startPaths };
}

export async function getCrawl(tx: AccessTx, id: string) {
  const decision = await tx.authorize('read', 'crawl');
  const run = await tx.db
    .selectFrom('crawl_runs')
    .selectAll()
    .where('id', '=', id)
    .where((eb) => decision.where(eb))
    .executeTakeFirst();
  if (!run) throw new NotFound('Crawl niet gevonden / Crawl not found');
  const errors = await tx.db
    .selectFrom('crawl_errors')
    .select(['url', 'kind', 'detail', 'at'])
    .where('crawl_id', '=', id)
    .orderBy('id')
    .limit(200)
    .execute();
  const store = new PgCrawlStore(tx.db, {
    crawlId: id,
    investigationId: run.investigation_id,
    orgId: run.org_id,
  });
  return tx.disclose(decision, [{ ...run, progress: await store.progress(), errors }])[0];
}

export interface ExecuteOptions {
  fetcher?: Partial<FetcherOptions>;
  onProgress?: (progress: CrawlProgress) => void;
  signal?: AbortSignal;
  /** Fetches in this call; default the run's max_pages. */
  maxPages?: number;
}

/** Runs (or resumes) a queued crawl as the system. The mandate is checked again first. */
export async function executeCrawl(
  store: Store,
  crawlId: string,
  options: ExecuteOptions = {},
): Promise<CrawlProgress & { stoppedBy: StopReason | 'refused'; reason?: string }> {
  const run = await store.db
    .selectFrom('crawl_runs')
    .selectAll()
    .where('id', '=', crawlId)
    .executeTakeFirst();
  if (!run) throw new Error(`crawl ${crawlId} does not exist`);
  const investigation = await store.db
    .selectFrom('crawl_investigations')
    .selectAll()
    .where('id', '=', run.investigation_id)
    .executeTakeFirstOrThrow();
  const crawlStore = new PgCrawlStore(store.db, {
    crawlId,
    investigationId: run.investigation_id,
    orgId: run.org_id,
  });
  const problem = mandateProblem(investigation, run.adapter_id);
  if (problem) {
    await store.db
      .updateTable('crawl_runs')
      .set({ status: 'failed', finished_at: new Date() })
      .where('id', '=', crawlId)
      .execute();
    return { ...(await crawlStore.progress()), stoppedBy: 'refused', reason: problem[1] };
  }
  await store.db.updateTable('crawl_runs').set({ status: 'running' }).where('id', '=', crawlId).execute();
  const fetcher = new PoliteFetcher(options.fetcher);
  try {
    const result = await runCrawl({
      adapter: parseAdapter(run.adapter),
      store: crawlStore,
      fetcher,
      maxPages: options.maxPages ?? run.max_pages ?? undefined,
      onProgress: options.onProgress,
      signal: options.signal,
    });
    await store.db
      .updateTable('crawl_runs')
      .set(result.stoppedBy === 'done' ? { status: 'done', finished_at: new Date() } : { status: 'paused' })
      .where('id', '=', crawlId)
      .execute();
    return result;
  } finally {
    fetcher.close();
  }
}

/** The durable job that runs a crawl; a restart of the server resumes it from the frontier. */
export const CRAWL_JOB = 'crawler.crawl';

async function investigationOf(tx: AccessTx, id: string) {
  const investigation = await tx.db
    .selectFrom('crawl_investigations')
    .select(['id'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!investigation) throw new NotFound('Onderzoek niet gevonden / Investigation not found');
  return investigation;
}

async function latestAds(tx: AccessTx, investigationId: string) {
  const store = new PgCrawlStore(tx.db, { crawlId: '', investigationId, orgId: tx.actor.orgId });
  return crawledAds(store);
}

/** What the risk indicators read of a crawled ad. */
function indicatorInput(ad: Awaited<ReturnType<typeof latestAds>>[number]) {
  return {
    id: ad.id,
    text: ad.extracted.text,
    title: ad.extracted.title,
    city: ad.extracted.city,
    postedAt: ad.extracted.postedAt,
    phones: ad.phones ?? [],
    price: ad.extracted.price,
    statedAge: ad.extracted.statedAge,
  };
}

/** The crawled ads of an investigation (latest versions) with their risk assessment; the read is audited. */
export async function investigationAds(tx: AccessTx, investigationId: string) {
  const decision = await tx.authorize('read', 'crawl_ad');
  await investigationOf(tx, investigationId);
  const ads = await latestAds(tx, investigationId);
  const forIndicators = ads.map(indicatorInput);
  const context = buildContext(forIndicators);
  const rows = ads.map((ad, i) => ({
    id: ad.id,
    url: ad.url,
    title: ad.extracted.title,
    text: ad.extracted.text,
    city: ad.extracted.city,
    posted_at: ad.extracted.postedAt,
    phones: ad.phones,
    emails: ad.emails,
    handles: ad.handles,
    price: ad.extracted.price,
    stated_age: ad.extracted.statedAge,
    images: ad.extracted.imageUrls,
    assessment: assessAd(forIndicators[i], context),
  }));
  return tx.disclose(decision, rows);
}

/** Operator clusters of an investigation's ads, with evidence per link and the identifiers cut as shared. */
export async function investigationClusters(tx: AccessTx, investigationId: string) {
  const decision = await tx.authorize('read', 'crawl_ad');
  await investigationOf(tx, investigationId);
  const linker = new Linker(await linkOptionsFor(tx, investigationId));
  const ads = await latestAds(tx, investigationId);
  for (const ad of ads) linker.add(ad);
  const result = linker.clusters();
  tx.record(
    decision,
    result.clusters.flatMap((c) => c.ads),
    ['clusters'],
  );
  const byId = new Map(ads.map((ad) => [ad.id, ad.extracted]));
  // Each cluster with its timeline (when and where each ad appeared) and its cities, for the map.
  const clusters = result.clusters.map((cluster) => {
    const timeline = cluster.ads
      .map((id) => ({ ad: id, posted_at: byId.get(id)?.postedAt ?? null, city: byId.get(id)?.city ?? null }))
      .sort((a, b) => String(a.posted_at).localeCompare(String(b.posted_at)));
    const cities = new Map<string, number>();
    for (const entry of timeline) if (entry.city) cities.set(entry.city, (cities.get(entry.city) ?? 0) + 1);
    return { ...cluster, timeline, cities: [...cities].map(([city, count]) => ({ city, ads: count })) };
  });
  return { clusters, guarded: result.guarded };
}

/** Deletes what was collected for investigations whose retention ran out; audited as the system. */
export async function runRetention(
  store: Store,
  now = new Date(),
): Promise<{ investigations: string[]; snapshots: number }> {
  return withSystem(store, 'system:retention', async (db, audit) => {
    const expired = await db
      .selectFrom('crawl_investigations')
      .select(['id', 'org_id'])
      // An investigation left open past its end date counts as closed on that date.
      .where(
        sql<boolean>`coalesce(closed_at, ends_on::timestamptz) + make_interval(months => retention_months) < ${now}`,
      )
      .execute();
    if (expired.length === 0) return { investigations: [], snapshots: 0 };
    const ids = expired.map((row) => row.id);
    const deleted = await db
      .deleteFrom('crawl_snapshots')
      .where('investigation_id', 'in', ids)
      .executeTakeFirst();
    await db.deleteFrom('crawl_runs').where('investigation_id', 'in', ids).execute();
    // Decisions about identifiers name phone numbers and addresses: they go with the data.
    await db.deleteFrom('crawl_identifier_decisions').where('investigation_id', 'in', ids).execute();
    for (const row of expired) {
      audit({
        userId: null,
        orgId: row.org_id,
        purpose: null,
        action: 'delete',
        resource: 'crawl_data',
        recordIds: [row.id],
        fields: [],
        result: 'allowed',
        reason: 'retention',
      });
    }
    return { investigations: ids, snapshots: Number(deleted.numDeletedRows) };
  });
}

export const RETENTION_JOB = 'crawler.retention';

/** Crawled data past its retention is deleted daily (the server schedules it through store/scheduler). */
export const crawlerRetentionJob: PeriodicJob = {
  kind: RETENTION_JOB,
  everyMs: 86_400_000,
  run: async (store) => {
    await runRetention(store);
  },
};

function payloadOf<T>(payload: unknown): T {
  return (typeof payload === 'string' ? JSON.parse(payload) : payload) as T;
}

/** Job handlers for the server's durable job worker (`startJobWorker(store, crawlerJobHandlers)`). */
export const crawlerJobHandlers: Record<string, JobHandler> = {
  [CRAWL_JOB]: async (job, store) => {
    await executeCrawl(store, payloadOf<{ crawlId: string }>(job.payload).crawlId);
  },
  ...periodicHandlers([crawlerRetentionJob]),
};

/** Makes sure the daily retention job is queued (idempotent, also across processes). */
export async function scheduleRetention(store: Store): Promise<void> {
  await schedulePeriodic(store, [crawlerRetentionJob]);
}

/** Queues a started crawl as a durable job, so it survives a restart and resumes from its frontier. */
export async function queueCrawl(store: Store, crawlId: string): Promise<string> {
  return enqueueJob(store, CRAWL_JOB, { crawlId }, { maxAttempts: 10 });
}

/**
 * Turns one operator cluster of an investigation into a signal for triage (channel `crawler`), through
 * the signals intake so it is scored, linked and queued like any other. Only inside an open mandate
 * that has not ended: refused with 403 and the reason otherwise. The hand-over of the ads is audited
 * as an export of crawled data; the signal's creation is audited by the intake.
 */
export async function clusterSignal(
  tx: AccessTx,
  cipher: FieldCipher,
  investigationId: string,
  clusterId: string,
) {
  const decision = await tx.authorize('export', 'crawl_ad');
  const investigation = await tx.db
    .selectFrom('crawl_investigations')
    .select(['id', 'case_ref', 'status', 'ends_on'])
    .where('id', '=', investigationId)
    .where((eb) => decision.where(eb))
    .executeTakeFirst();
  if (!investigation) throw new NotFound('Onderzoek niet gevonden / Investigation not found');
  const problem = mandateLapsed(investigation);
  if (problem) {
    throw new AccessDenied(
      'not_permitted',
      `Geen melding buiten het mandaat: ${problem[0]} / No signal outside the mandate: ${problem[1]}`,
      'crawl_ad',
      'export',
    );
  }
  const ads = await latestAds(tx, investigationId);
  const linker = new Linker(await linkOptionsFor(tx, investigationId));
  for (const ad of ads) linker.add(ad);
  const cluster = linker.clusters().clusters.find((c) => c.id === clusterId);
  if (!cluster) throw new NotFound('Cluster niet gevonden / Cluster not found');
  const forIndicators = ads.map(indicatorInput);
  const context = buildContext(forIndicators);
  const members = new Set(cluster.ads);
  const clusterAds = ads.flatMap((ad, i) =>
    members.has(ad.id)
      ? [
          {
            url: ad.url,
            city: ad.extracted.city,
            postedAt: ad.extracted.postedAt,
            phones: ad.phones ?? [],
            emails: ad.emails ?? [],
            handles: ad.handles ?? [],
            assessment: assessAd(forIndicators[i], context),
          },
        ]
      : [],
  );
  const built = clusterToSignal(investigation.case_ref, cluster, clusterAds);
  const parsed = parseSignal(built.submission);
  if (!parsed.ok) {
    const first = parsed.errors[0];
    throw invalidInput(first.field, first.message);
  }
  const payloadHash = createHash('sha256').update(JSON.stringify(built.submission)).digest('hex');
  const receipt = await submitSignal(tx, cipher, parsed.signal, {
    idempotencyKey: built.idempotencyKey,
    payloadHash,
    action: 'create_from_crawler',
  });
  tx.record(
    decision,
    cluster.ads,
    ['phones', 'emails', 'handles', 'url', 'city', 'posted_at', 'assessment'],
    `signal ${receipt.id}`,
  );
  return { signal: receipt, cluster: cluster.id, ads: cluster.ads.length, omitted: built.omitted };
}
