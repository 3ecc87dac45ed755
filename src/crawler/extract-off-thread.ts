import { Worker } from 'node:worker_threads';
import type { SiteAdapter } from './adapter.ts';
import type { ExtractedAd, ListingLinks } from './extract.ts';

/**
 * Extraction of a crawled page (HTML parsing, the adapter's selectors and URL patterns) on a worker thread
 * with a time limit (issue 10, finding 7): a hostile page or adapter cannot block the event loop that
 * answers `/health` and the API. Past the limit the worker is terminated (a new one starts for the next
 * page) and the page fails with an ExtractionTimeout naming the adapter and the field it was working on.
 */
export interface ExtractionRequest {
  id: number;
  kind: 'ad' | 'listing';
  html: string;
  pageUrl: string;
  adapter: SiteAdapter;
}
export type ExtractionReply =
  | { id: number; ok: true; result: ExtractedAd | ListingLinks }
  | { id: number; ok: false; message: string };

export class ExtractionTimeout extends Error {
  constructor(
    readonly adapterId: string,
    readonly field: string,
    readonly ms: number,
    pageUrl: string,
  ) {
    super(`extraction of ${pageUrl} stopped after ${ms} ms: adapter "${adapterId}", field ${field}`);
  }
}

/** Default time limit per page; `KETENPLEIN_CRAWLER_EXTRACT_TIMEOUT_MS` overrides it. */
export const EXTRACT_TIMEOUT_MS = Number(process.env.KETENPLEIN_CRAWLER_EXTRACT_TIMEOUT_MS ?? 5_000);

// The worker's step names, shared as an index: the fixed ones first (the worker appends unknown ones).
const STEPS = ['html', 'text', 'listing.adLinks', 'listing.nextPage', 'listing.urlPattern, ad.urlPattern'];
for (const field of [
  'title',
  'text',
  'phone',
  'email',
  'city',
  'date',
  'handles',
  'price',
  'statedAge',
  'images',
]) {
  STEPS.push(`ad.fields.${field}`);
}

const COMPILED = import.meta.url.endsWith('.js');
const WORKER_URL = new URL(COMPILED ? './extract-worker.js' : './extract-worker.ts', import.meta.url);

let worker: { thread: Worker; current: Int32Array; ready: Promise<void> } | undefined;
let nextId = 0;
// One page at a time per process: the time limit then measures this page's work only.
let queue: Promise<unknown> = Promise.resolve();

function startWorker() {
  const current = new Int32Array(new SharedArrayBuffer(4));
  const workerData = { steps: STEPS, current };
  // Node 20 does not pass the TypeScript loader on to worker threads: from source, register tsx first.
  const thread = COMPILED
    ? new Worker(WORKER_URL, { workerData })
    : new Worker(
        `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((api) => { api.register(); return import(${JSON.stringify(WORKER_URL.href)}); });`,
        { eval: true, workerData },
      );
  const ready = new Promise<void>((resolve, reject) => {
    const onReady = (message: { ready?: boolean }) => {
      if (!message.ready) return;
      thread.off('message', onReady);
      thread.off('error', reject);
      resolve();
    };
    thread.on('message', onReady);
    thread.once('error', reject);
  });
  return { thread, current, ready };
}

async function run(request: Omit<ExtractionRequest, 'id'>, timeoutMs: number): Promise<unknown> {
  worker ??= startWorker();
  const { thread, current, ready } = worker;
  try {
    await ready;
  } catch (error) {
    worker = undefined;
    throw error;
  }
  // The page's time limit starts now, with the worker loaded. (An idle worker does not keep the process alive.)
  const id = ++nextId;
  Atomics.store(current, 0, 0);
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      thread.off('message', onMessage);
      thread.off('error', onError);
      thread.unref();
    };
    const onMessage = (reply: ExtractionReply) => {
      if (reply.id !== id) return;
      done();
      if (reply.ok) resolve(reply.result);
      else reject(new Error(reply.message));
    };
    const onError = (error: Error) => {
      done();
      worker = undefined;
      reject(error);
    };
    const timer = setTimeout(() => {
      done();
      const field = STEPS[Atomics.load(current, 0)] ?? 'unknown';
      worker = undefined;
      void thread.terminate();
      reject(new ExtractionTimeout(request.adapter.id, field, timeoutMs, request.pageUrl));
    }, timeoutMs);
    thread.ref();
    thread.on('message', onMessage);
    thread.on('error', onError);
    thread.postMessage({ ...request, id });
  });
}

function queued<T>(work: () => Promise<T>): Promise<T> {
  const result = queue.then(work, work);
  queue = result.catch(() => undefined);
  return result;
}

export function extractAdOffThread(
  html: string,
  pageUrl: string,
  adapter: SiteAdapter,
  timeoutMs = EXTRACT_TIMEOUT_MS,
): Promise<ExtractedAd> {
  return queued(() => run({ kind: 'ad', html, pageUrl, adapter }, timeoutMs) as Promise<ExtractedAd>);
}

export function extractListingOffThread(
  html: string,
  pageUrl: string,
  adapter: SiteAdapter,
  timeoutMs = EXTRACT_TIMEOUT_MS,
): Promise<ListingLinks> {
  return queued(() => run({ kind: 'listing', html, pageUrl, adapter }, timeoutMs) as Promise<ListingLinks>);
}
