/**
 * The worker thread of extract-off-thread.ts: parses crawled HTML and applies the adapter's selectors and
 * URL patterns, away from the event loop that answers HTTP. Before each part of the adapter it writes that
 * part's number into shared memory, so the main thread can name it when the time limit cuts the work off.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { extractAd, extractListing } from './extract.ts';
import type { ExtractionReply, ExtractionRequest } from './extract-off-thread.ts';

const { steps, current } = workerData as { steps: string[]; current: Int32Array };
const step = (field: string) => {
  let index = steps.indexOf(field);
  if (index < 0) index = steps.push(field) - 1;
  Atomics.store(current, 0, index);
};

parentPort?.on('message', (request: ExtractionRequest) => {
  let reply: ExtractionReply;
  try {
    const result =
      request.kind === 'ad'
        ? extractAd(request.html, request.pageUrl, request.adapter, step)
        : extractListing(request.html, request.pageUrl, request.adapter, step);
    reply = { id: request.id, ok: true, result };
  } catch (error) {
    reply = { id: request.id, ok: false, message: (error as Error).message };
  }
  parentPort?.postMessage(reply);
});
// Loading (and, from source, compiling) takes a while: the time limit of a page starts only after this.
parentPort?.postMessage({ ready: true });
