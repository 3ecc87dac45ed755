import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { generateAds } from '../../bench/crawler/generator.ts';
import { pairwiseScores } from '../../bench/crawler/metrics.ts';
import { type RunningSite, startSite, syntheticAdapter } from '../../bench/crawler/site.ts';
import { actorOf, databaseLabel, openTestStore } from '../../test/helpers/store.ts';
import { type AccessTx, withAccess } from '../access/context.ts';
import { AccessDenied } from '../access/policy.ts';
import type { Store } from '../store/connect.ts';
import {
  closeInvestigation,
  createInvestigation,
  executeCrawl,
  getCrawl,
  investigationAds,
  investigationClusters,
  runRetention,
  saveAdapter,
  startCrawl,
} from './service.ts';

const FAST = { minDelayMs: 0, timeoutMs: 2000, backoffMs: 5, retries: 1 };
const inFuture = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe(`crawler service with access control on ${databaseLabel}`, () => {
  let store: Store;
  let site: RunningSite;
  const ads = generateAds({ seed: 5, ads: 80 });
  before(async () => {
    store = await openTestStore({ seed: true });
    site = await startSite({ seed: 5, ads, perPage: 30, crawlDelay: 0, traps: false });
  });
  after(async () => {
    await site.close();
    await store.close();
  });

  const as = async <T>(email: string, purpose: string, work: (tx: AccessTx) => Promise<T>) =>
    withAccess(store, { actor: await actorOf(store, email), purpose }, work);
  const investigator = 'rechercheur@politie-amsterdam.example';
  const crime = 'criminal_investigation';

  async function mandate(sites = ['synthetic-escort']) {
    const investigation = await as(investigator, crime, (tx) =>
      createInvestigation(tx, {
        caseRef: 'ON-2026-0042',
        legalBasis: 'Wpg art. 9, bevel OvJ 2026-17',
        endsOn: inFuture(30),
        sites,
      }),
    );
    await as(investigator, crime, (tx) => saveAdapter(tx, syntheticAdapter(site.baseUrl)));
    return investigation.id as string;
  }

  test('an investigator crawls inside a mandate; the crawl resumes; ads, indicators and clusters come back audited', async () => {
    const investigationId = await mandate();
    const run = await as(investigator, crime, (tx) =>
      startCrawl(tx, { investigationId: investigationId, site: 'synthetic-escort' }),
    );
    const first = await executeCrawl(store, run.id, { fetcher: FAST, maxPages: 25 });
    assert.equal(first.stoppedBy, 'max-pages');
    const done = await executeCrawl(store, run.id, { fetcher: FAST });
    assert.equal(done.stoppedBy, 'done');
    assert.equal(done.adsFound, ads.length);
    const twice = [...site.stats.requests].filter(
      ([path, count]) => count !== (path === '/robots.txt' ? 2 : 1),
    );
    assert.deepEqual(twice, [], 'no page fetched twice across the restart');
    const crawl = await as(investigator, crime, (tx) => getCrawl(tx, run.id));
    assert.equal(crawl.status, 'done');

    const listed = await as(investigator, crime, (tx) => investigationAds(tx, investigationId));
    assert.equal(listed.length, ads.length);
    const flagged = listed.filter((ad) => (ad.assessment?.indicators.length ?? 0) > 0).length;
    assert.ok(flagged > 0, `indicators assessed (${flagged})`);
    const { clusters } = await as(investigator, crime, (tx) => investigationClusters(tx, investigationId));
    const truth = new Map(ads.map((ad) => [`${site.baseUrl}/ad/${ad.id}`, ad.entity]));
    const { f1 } = pairwiseScores(
      clusters.map((c) => c.ads),
      truth,
    );
    assert.ok(f1 >= 0.95, `F1 ${f1}`);

    const reads = await store.db
      .selectFrom('audit_log')
      .select(['action', 'resource', 'purpose'])
      .where('resource', '=', 'crawl_ad')
      .execute();
    assert.ok(reads.length >= 2, `views of ads are audited (${reads.length})`);
    await assert.rejects(
      sql`UPDATE crawl_snapshots SET status = 999`.execute(store.db),
      /immutable/,
      'snapshots cannot be changed',
    );
  });

  test('without a fitting mandate the crawl is refused with 403 and the reason, and the refusal is audited', async () => {
    const investigationId = await mandate(['some-other-site']);
    const refused = async (
      email: string,
      purpose: string,
      input: { investigationId: string; site: string },
      reason: RegExp,
    ) => {
      await assert.rejects(
        as(email, purpose, (tx) => startCrawl(tx, input)),
        (error: unknown) => {
          assert.ok(error instanceof AccessDenied, String(error));
          assert.equal(error.statusCode, 403);
          assert.match(error.message, reason);
          return true;
        },
      );
    };
    const input = { investigationId: investigationId, site: 'synthetic-escort' };
    await refused(investigator, crime, input, /niet onder het mandaat.*not covered by the mandate/);
    await refused(investigator, 'signal_intake', input, /may not "create" "crawl"/);
    await refused('triage@politie-le.example', 'signal_assessment', input, /may not "create" "crawl"/);
    await refused('inspecteur@inspectie-szw.example', crime, input, /geen onderzoek .* in uw organisatie/);
    await refused(
      investigator,
      crime,
      { ...input, investigationId: '00000000-0000-4000-8000-000000000000' },
      /only allowed inside a recorded investigation/,
    );

    const open = await mandate();
    await store.db
      .updateTable('crawl_investigations')
      .set({ ends_on: '2020-01-01' })
      .where('id', '=', open)
      .execute();
    await refused(
      investigator,
      crime,
      { investigationId: open, site: 'synthetic-escort' },
      /mandate ended on 2020-01-01/,
    );
    const closed = await mandate();
    await as(investigator, crime, (tx) => closeInvestigation(tx, closed));
    await refused(
      investigator,
      crime,
      { investigationId: closed, site: 'synthetic-escort' },
      /investigation is closed/,
    );

    const denied = await store.db
      .selectFrom('audit_log')
      .select('reason')
      .where('result', '=', 'denied')
      .execute();
    assert.ok(denied.length >= 7, `refusals audited (${denied.length})`);
    await assert.rejects(
      as(investigator, crime, (tx) =>
        createInvestigation(tx, {
          caseRef: 'X-1',
          legalBasis: 'Wpg art. 9',
          endsOn: '2020-01-01',
          sites: ['a'],
        }),
      ),
      /end date must lie in the future/,
    );
  });

  test('a queued crawl whose mandate ended meanwhile does not fetch', async () => {
    const investigationId = await mandate();
    const run = await as(investigator, crime, (tx) =>
      startCrawl(tx, { investigationId: investigationId, site: 'synthetic-escort' }),
    );
    await store.db
      .updateTable('crawl_investigations')
      .set({ ends_on: '2020-01-01' })
      .where('id', '=', investigationId)
      .execute();
    const before = site.stats.times.length;
    const result = await executeCrawl(store, run.id, { fetcher: FAST });
    assert.equal(result.stoppedBy, 'refused');
    assert.equal(site.stats.times.length, before);
  });

  test('retention deletes collected data after the investigation closed, audited; younger data stays', async () => {
    const keep = await mandate();
    const expire = await mandate();
    for (const id of [keep, expire]) {
      const run = await as(investigator, crime, (tx) =>
        startCrawl(tx, { investigationId: id, site: 'synthetic-escort' }),
      );
      await executeCrawl(store, run.id, { fetcher: FAST, maxPages: 3 });
      await as(investigator, crime, (tx) => closeInvestigation(tx, id));
    }
    const count = async (id: string) =>
      Number(
        (
          await store.db
            .selectFrom('crawl_snapshots')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('investigation_id', '=', id)
            .executeTakeFirstOrThrow()
        ).n,
      );
    assert.ok((await count(expire)) > 0);
    await store.db
      .updateTable('crawl_investigations')
      .set({ retention_months: 0 })
      .where('id', '=', expire)
      .execute();
    const result = await runRetention(store, new Date(Date.now() + 60_000));
    assert.ok(result.investigations.includes(expire));
    assert.ok(!result.investigations.includes(keep));
    assert.equal(await count(expire), 0);
    assert.ok((await count(keep)) > 0, 'six months have not passed for the other one');
    const audit = await store.db
      .selectFrom('audit_log')
      .select(['record_ids', 'reason'])
      .where('resource', '=', 'crawl_data')
      .execute();
    assert.ok(audit.some((a) => a.record_ids[0] === expire && a.reason === 'retention'));
  });
});
