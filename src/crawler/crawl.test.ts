import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { generateAds } from '../../bench/crawler/generator.ts';
import { pairwiseScores } from '../../bench/crawler/metrics.ts';
import { type RunningSite, startSite, syntheticAdapter, TRAPS } from '../../bench/crawler/site.ts';
import { crawledAds, runCrawl } from './crawl-engine.ts';
import { MemoryCrawlStore } from './crawl-store.ts';
import { PoliteFetcher } from './fetcher.ts';
import { Linker } from './linker.ts';

// The synthetic site, crawled for real over HTTP on 127.0.0.1.
const ads = generateAds({ seed: 11, ads: 120 });
let site: RunningSite;
const CRAWL_DELAY_S = 0.004;

before(async () => {
  site = await startSite({ seed: 11, ads, perPage: 25, crawlDelay: CRAWL_DELAY_S, traps: true });
});
after(() => site.close());

const fetcher = () =>
  // The timeout leaves room for a loaded CI machine: the slow trap answers only after 5 s, so it still times out.
  new PoliteFetcher({ minDelayMs: 1, timeoutMs: 1500, backoffMs: 5, retries: 2, maxBytes: 1_000_000 });

test('crawls the whole site politely, reports every bad page with its cause, resumes without refetching', async () => {
  const store = new MemoryCrawlStore();
  const first = fetcher();
  const partial = await runCrawl({
    adapter: syntheticAdapter(site.baseUrl),
    store,
    fetcher: first,
    maxPages: 40,
  });
  first.close();
  assert.equal(partial.stoppedBy, 'max-pages');
  assert.equal(partial.fetchedThisRun, 40);
  // Simulate a crash with work in flight: claimed but never finished.
  const [inFlight] = await store.claim(1);
  assert.ok(inFlight);

  const secondRunStart = site.stats.times.length;
  const second = fetcher();
  const done = await runCrawl({ adapter: syntheticAdapter(site.baseUrl), store, fetcher: second });
  second.close();
  assert.equal(done.stoppedBy, 'done');
  assert.equal(done.adsFound, ads.length + 1, 'all ads plus the flaky page that recovered');
  assert.equal(done.pending, 0);

  // No page fetched twice, except the flaky one (retried) and robots.txt (once per run).
  for (const [path, count] of site.stats.requests) {
    if (path === TRAPS.flaky) assert.equal(count, 2);
    else if (path === '/robots.txt') assert.equal(count, 2);
    else if (path === TRAPS.serverError || path === TRAPS.slow) assert.equal(count, 3, path);
    else assert.equal(count, 1, `${path} fetched ${count} times`);
  }
  assert.equal(site.stats.requests.get(TRAPS.disallowed), undefined, 'robots.txt Disallow obeyed');
  assert.equal(site.stats.maxConcurrent, 1, 'one connection per host');
  assert.deepEqual([...site.stats.userAgents], [second.options.userAgent]);
  assert.match(second.options.userAgent, /Ketenplein/);
  const times = site.stats.times.slice(secondRunStart);
  const gaps = times.slice(1).map((t, i) => t - times[i]);
  // Times are taken where the site receives a request. The crawler waits from the end of its previous request,
  // so on a starved machine a request it gave up on (timed out before this in-process site even read it) can
  // arrive just before the retry; one such pair is allowed, a crawler that ignores Crawl-delay has many.
  const short = gaps.filter((gap) => gap < CRAWL_DELAY_S * 1000 * 0.9);
  assert.ok(short.length <= 1, `Crawl-delay obeyed (gaps shorter than the delay: ${short.join(', ')} ms)`);

  const errors = new Map((await store.errors()).map((e) => [new URL(e.url).pathname, e]));
  const expectKind = (path: string, kind: string, detail: RegExp) => {
    const error = errors.get(path);
    assert.ok(error, `${path} reported`);
    assert.equal(error.kind, kind, path);
    assert.match(error.detail, detail, path);
  };
  expectKind(TRAPS.missing, 'http', /404/);
  expectKind(TRAPS.serverError, 'http', /500/);
  expectKind(TRAPS.slow, 'timeout', /1500 ms/);
  expectKind(TRAPS.huge, 'too-large', /limit/);
  expectKind(TRAPS.binary, 'wrong-type', /octet-stream/);
  expectKind(TRAPS.offsite, 'redirect-offsite', /elders\.invalid/);
  expectKind(TRAPS.badEncoding, 'encoding', /utf-8/);
  expectKind(TRAPS.disallowed, 'robots', /disallow/);
  assert.equal(errors.has(TRAPS.flaky), false);

  // Operator linking on what was crawled: extraction, image hashing and clustering end to end.
  const truth = new Map(ads.map((ad) => [`${site.baseUrl}/ad/${ad.id}`, ad.entity]));
  const linker = new Linker();
  for (const ad of await crawledAds(store)) if (truth.has(ad.id)) linker.add(ad);
  const scores = pairwiseScores(
    linker.clusters().clusters.map((c) => c.ads),
    truth,
  );
  assert.ok(scores.f1 >= 0.95, `F1 ${scores.f1}`);
});

test('a re-crawl stores a new version only when the page changed', async () => {
  const store = new MemoryCrawlStore();
  const body = (text: string) => Buffer.from(`<html>${text}</html>`);
  const snap = (text: string) => ({
    url: 'u',
    kind: 'ad' as const,
    fetchedAt: new Date(),
    status: 200,
    contentType: 'text/html',
    body: body(text),
  });
  assert.deepEqual(await store.saveSnapshot(snap('a')), { version: 1, changed: true });
  assert.deepEqual(await store.saveSnapshot(snap('a')), { version: 1, changed: false });
  assert.deepEqual(await store.saveSnapshot(snap('b')), { version: 2, changed: true });
  const versions = store.versionsOf('u');
  assert.equal(versions[0].body.toString(), '<html>a</html>', 'old version kept as evidence');
  assert.throws(() => {
    (versions[0] as { version: number }).version = 9;
  }, TypeError);
});

test('an unreachable host is reported and does not stop the crawl', async () => {
  const store = new MemoryCrawlStore();
  const adapter = { ...syntheticAdapter('http://127.0.0.1:1'), startPaths: ['/ads?page=1', '/ads?page=2'] };
  const f = fetcher();
  const result = await runCrawl({ adapter, store, fetcher: f });
  f.close();
  assert.equal(result.stoppedBy, 'done');
  const errors = await store.errors();
  assert.equal(errors.length, 2);
  assert.equal(errors[0].kind, 'unreachable');
  assert.match(errors[0].detail, /ECONNREFUSED/);
});
