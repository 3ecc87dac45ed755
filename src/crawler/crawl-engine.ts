import { pageKind, type SiteAdapter } from './adapter.ts';
import type { CrawlProgress, CrawlStore, FrontierItem } from './crawl-store.ts';
import { dHash } from './dhash.ts';
import type { ExtractedAd } from './extract.ts';
import { extractAdOffThread, extractListingOffThread } from './extract-off-thread.ts';
import type { PoliteFetcher } from './fetcher.ts';
import { decodeToGrey } from './image-decode.ts';
import type { LinkAd } from './linker.ts';

/**
 * The crawl loop: take a URL from the store's frontier, fetch it politely, store an immutable
 * snapshot, queue what it links to. Every failure is recorded with its cause and the crawl goes
 * on; because all state is in the store, a new run after a crash continues where it stopped.
 */
export interface CrawlRun {
  adapter: SiteAdapter;
  store: CrawlStore;
  fetcher: PoliteFetcher;
  /** Stop after this many fetches in this run (the rest stays queued for a later run). */
  maxPages?: number;
  maxDepth?: number;
  onProgress?: (progress: CrawlProgress) => void;
  signal?: AbortSignal;
}

export type StopReason = 'done' | 'max-pages' | 'aborted';

export async function runCrawl(
  run: CrawlRun,
): Promise<CrawlProgress & { stoppedBy: StopReason; fetchedThisRun: number }> {
  const { adapter, store } = run;
  await store.releaseInProgress();
  if ((await store.progress()).queued === 0) {
    await store.enqueue(
      adapter.startPaths.map((path) => {
        const url = new URL(path, adapter.baseUrl);
        return { url: url.href, kind: pageKind(adapter, url) ?? 'listing', depth: 0 };
      }),
    );
  }
  let fetched = 0;
  let stoppedBy: StopReason = 'done';
  for (;;) {
    if (run.signal?.aborted) {
      stoppedBy = 'aborted';
      break;
    }
    if (run.maxPages !== undefined && fetched >= run.maxPages) {
      stoppedBy = 'max-pages';
      break;
    }
    const [item] = await store.claim(1);
    if (!item) break;
    fetched++;
    await visit(run, item);
    run.onProgress?.(await store.progress());
  }
  return { ...(await store.progress()), stoppedBy, fetchedThisRun: fetched };
}

async function visit(run: CrawlRun, item: FrontierItem): Promise<void> {
  const { store, fetcher, adapter } = run;
  const result = await fetcher.fetch(item.url, item.kind === 'image' ? 'image' : 'html');
  if (!result.ok) {
    await store.recordError({ url: item.url, kind: result.kind, detail: result.detail, at: new Date() });
    await store.finish(item.url, result.kind === 'robots' ? 'skipped' : 'failed');
    return;
  }
  const base = {
    url: item.url,
    kind: item.kind,
    fetchedAt: result.fetchedAt,
    status: result.status,
    contentType: result.contentType,
    body: result.bytes,
  };
  try {
    if (item.kind === 'listing') {
      const links = await extractListingOffThread(result.text ?? '', result.finalUrl, adapter);
      await store.saveSnapshot(base);
      const depth = item.depth + 1;
      if (run.maxDepth === undefined || depth <= run.maxDepth) {
        await store.enqueue([
          ...links.ads.map((url) => ({ url, kind: 'ad' as const, depth })),
          ...links.listings.map((url) => ({ url, kind: 'listing' as const, depth })),
        ]);
      }
    } else if (item.kind === 'ad') {
      const ad = await extractAdOffThread(result.text ?? '', result.finalUrl, adapter);
      await store.saveSnapshot({ ...base, fields: { ...ad } });
      await store.enqueue(
        ad.imageUrls.map((url) => ({ url, kind: 'image' as const, depth: item.depth + 1 })),
      );
    } else {
      let fields: Record<string, unknown> = {};
      try {
        fields = { dhash: dHash(await decodeToGrey(result.bytes)) };
      } catch (error) {
        await store.recordError({
          url: item.url,
          kind: 'image',
          detail: `no image hash: ${(error as Error).message}`,
          at: new Date(),
        });
      }
      await store.saveSnapshot({ ...base, fields });
    }
    await store.finish(item.url, 'done');
  } catch (error) {
    await store.recordError({
      url: item.url,
      kind: 'extract',
      detail: (error as Error).message,
      at: new Date(),
    });
    await store.finish(item.url, 'failed');
  }
}

/** The latest version of every crawled ad, with image hashes resolved, ready for the linker. */
export async function crawledAds(
  store: CrawlStore,
): Promise<(LinkAd & { url: string; extracted: ExtractedAd })[]> {
  const imageHash = new Map<string, string>();
  for await (const image of store.latestSnapshots('image')) {
    const hash = image.fields?.dhash;
    if (typeof hash === 'string') imageHash.set(image.url, hash);
  }
  const ads: (LinkAd & { url: string; extracted: ExtractedAd })[] = [];
  for await (const snapshot of store.latestSnapshots('ad')) {
    const ad = snapshot.fields as unknown as ExtractedAd;
    ads.push({
      id: snapshot.url,
      url: snapshot.url,
      extracted: ad,
      title: ad.title,
      text: ad.text,
      phones: ad.phones.map((p) => p.e164),
      emails: ad.emails,
      handles: ad.handles,
      imageHashes: ad.imageUrls.flatMap((url) => imageHash.get(url) ?? []),
    });
  }
  return ads;
}
