/**
 * Crawler benchmark: crawl the synthetic site over HTTP (pages/second), link the crawled ads
 * against the generator's truth (pairwise precision/recall/F1), then (re)cluster 100k ads (1M with
 * --full) through the `ads cluster` code path, against an identifier-only baseline in the same run.
 *
 *   node --import tsx bench/crawler/bench.ts [--site-ads 1000] [--scale 100000] [--full] [--seed 42]
 */
import { parseArgs } from '../../src/cli/io.ts';
import { parseAdLine } from '../../src/crawler/ad-input.ts';
import { crawledAds, runCrawl } from '../../src/crawler/crawl-engine.ts';
import { MemoryCrawlStore } from '../../src/crawler/crawl-store.ts';
import { PoliteFetcher } from '../../src/crawler/fetcher.ts';
import { Linker } from '../../src/crawler/linker.ts';
import { UnionFind } from '../../src/crawler/union-find.ts';
import { adStream, generateAds } from './generator.ts';
import { pairwiseScores } from './metrics.ts';
import { toInputLine } from './scale-input.ts';
import { startSite, syntheticAdapter } from './site.ts';

const { flags } = parseArgs(process.argv.slice(2), ['full']);
const seed = Number(flags.get('seed') ?? 42);
const siteAds = Number(flags.get('site-ads') ?? 1000);
const scales = [Number(flags.get('scale') ?? 100_000)];
if (flags.get('full')) scales.push(1_000_000);

const fmt = (x: number, digits = 3) => x.toFixed(digits);
const mb = () => Math.round(process.memoryUsage().rss / 1e6);

async function crawlBench(): Promise<void> {
  const ads = generateAds({ seed, ads: siteAds });
  const site = await startSite({ seed, ads, perPage: 50, crawlDelay: 0, traps: false });
  const store = new MemoryCrawlStore();
  const fetcher = new PoliteFetcher({ minDelayMs: 0 });
  const start = performance.now();
  const result = await runCrawl({ adapter: syntheticAdapter(site.baseUrl), store, fetcher });
  const seconds = (performance.now() - start) / 1000;
  fetcher.close();
  await site.close();
  const linker = new Linker();
  const crawled = await crawledAds(store);
  for (const ad of crawled) linker.add(ad);
  const { clusters, guarded } = linker.clusters();
  const truth = new Map(ads.map((ad) => [`${site.baseUrl}/ad/${ad.id}`, ad.entity]));
  const scores = pairwiseScores(
    clusters.map((c) => c.ads),
    truth,
  );
  console.log(
    `\n## Crawl of the synthetic site (${siteAds} ads, seed ${seed}, 127.0.0.1, Crawl-delay 0, min delay 0)`,
  );
  console.log(`pages fetched: ${result.pagesFetched} (listings, ads, PNG images) in ${fmt(seconds, 1)} s`);
  console.log(
    `pages/second: ${fmt(result.pagesFetched / seconds, 1)} (one connection; a real site at Crawl-delay 1 s gives ≤ 1/s)`,
  );
  console.log(`ads found: ${result.adsFound}/${ads.length}, errors: ${result.errors}`);
  console.log(
    `operator linking on crawled ads: precision ${fmt(scores.precision)}, recall ${fmt(scores.recall)}, F1 ${fmt(scores.f1)} (target ≥ 0.95)`,
  );
  console.log(`identifiers cut as shared (agency numbers, stock photo): ${guarded.length}`);
}

/** The baseline: link only on exactly equal normalised phone or e-mail (what a simple tool does). */
function identifierOnly(lines: { id: string; keys: string[] }[]): string[][] {
  const union = new UnionFind(lines.length);
  const first = new Map<string, number>();
  lines.forEach((line, i) => {
    union.add();
    for (const key of line.keys) {
      const j = first.get(key);
      if (j === undefined) first.set(key, i);
      else union.union(i, j);
    }
  });
  const groups = new Map<number, string[]>();
  lines.forEach((line, i) => {
    const root = union.find(i);
    const group = groups.get(root) ?? [];
    group.push(line.id);
    groups.set(root, group);
  });
  return [...groups.values()];
}

function scaleBench(n: number): void {
  const linker = new Linker();
  const truth = new Map<string, string>();
  const baselineInput: { id: string; keys: string[] }[] = [];
  const incremental = Math.round(n * 0.01);
  const lines: string[] = [];
  let clusterMs = 0;
  let baselineStart = 0;
  for (const ad of adStream({ seed, ads: n + incremental })) {
    truth.set(ad.id, ad.entity);
    const line = toInputLine(ad, seed);
    if (truth.size > n) {
      lines.push(line);
      continue;
    }
    const t0 = performance.now();
    const parsed = parseAdLine(line);
    linker.add(parsed.ad!);
    clusterMs += performance.now() - t0;
    baselineInput.push({ id: parsed.ad!.id, keys: [...parsed.ad!.phones!, ...parsed.ad!.emails!] });
  }
  let t0 = performance.now();
  const first = linker.clusters();
  clusterMs += performance.now() - t0;
  const firstTruth = new Map([...truth].filter(([id]) => linker.has(id)));
  const scores = pairwiseScores(
    first.clusters.map((c) => c.ads),
    firstTruth,
  );
  baselineStart = performance.now();
  const baseline = pairwiseScores(identifierOnly(baselineInput), firstTruth);
  const baselineMs = performance.now() - baselineStart;
  // Incremental: 1% new ads into the existing index, then the clusters again.
  t0 = performance.now();
  for (const line of lines) linker.add(parseAdLine(line).ad!);
  const again = linker.clusters();
  const incrementalMs = performance.now() - t0;
  const rescored = pairwiseScores(
    again.clusters.map((c) => c.ads),
    truth,
  );
  console.log(
    `\n## Clustering ${n.toLocaleString('en')} ads (ads cluster code path: JSON + zod + phone normalisation + linking)`,
  );
  console.log(
    `cluster from scratch: ${fmt(clusterMs / 1000, 1)} s (${Math.round(n / (clusterMs / 1000))} ads/s), RSS ${mb()} MB`,
  );
  console.log(
    `incremental: +${incremental.toLocaleString('en')} ads and re-cluster: ${fmt(incrementalMs / 1000, 1)} s`,
  );
  console.log(
    `linking: precision ${fmt(scores.precision)}, recall ${fmt(scores.recall)}, F1 ${fmt(scores.f1)}; after increment F1 ${fmt(rescored.f1)}`,
  );
  console.log(
    `baseline (exact phone/e-mail only): F1 ${fmt(baseline.f1)} (precision ${fmt(baseline.precision)}, recall ${fmt(baseline.recall)}) in ${fmt(baselineMs / 1000, 2)} s (after parsing); F1 ratio Ketenplein/baseline ${fmt(scores.f1 / baseline.f1, 2)}`,
  );
  console.log(
    `clusters: ${first.clusters.length.toLocaleString('en')}, identifiers cut as shared: ${first.guarded.length}`,
  );
  if (!flags.get('full')) console.log('note: 1M ads not run; add --full (target: < 10 min on 2 cores)');
}

console.log('# Ketenplein crawler benchmark');
await crawlBench();
for (const n of scales) scaleBench(n);
console.log(
  `\nrerun: node --import tsx bench/crawler/bench.ts --site-ads ${siteAds} --scale ${scales[0]}${flags.get('full') ? ' --full' : ''} --seed ${seed}`,
);
