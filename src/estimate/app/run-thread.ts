import { Worker } from 'node:worker_threads';
import type { StoredInput } from './input.ts';
import { type EstimateDocument, type EstimateSettings, runEstimate } from './run.ts';

// As the bootstrap workers (`../bootstrap.ts`): compiled the worker is JavaScript beside this file; from
// source it is TypeScript and tsx's loader is registered in the worker first.
const COMPILED = import.meta.url.endsWith('.js');
const WORKER_URL = new URL(COMPILED ? './run-worker.js' : './run-worker.ts', import.meta.url);

/** Up to this many lists a fit or a model selection takes milliseconds: starting a thread would cost more. */
const INLINE_MAX_LISTS = 3;

/**
 * Runs an estimate on a worker thread, so fitting, model selection (a BIC selection on the 6-list
 * Dutch table takes seconds) and intervals never hold up the server's event loop; small tables run
 * inline. Same answer, progress and errors as `runEstimate`.
 */
export async function runEstimateOffThread(
  input: StoredInput,
  settings: EstimateSettings,
  options: { lang?: 'nl' | 'en'; onProgress?: (done: number, total: number) => void } = {},
): Promise<EstimateDocument> {
  if (input.lists.length <= INLINE_MAX_LISTS) return runEstimate(input, settings, options);
  const workerData = { input, settings, lang: options.lang };
  const worker = COMPILED
    ? new Worker(WORKER_URL, { workerData })
    : new Worker(
        `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((api) => { api.register(); return import(${JSON.stringify(WORKER_URL.href)}); });`,
        { eval: true, workerData },
      );
  return new Promise<EstimateDocument>((resolve, reject) => {
    let settled = false;
    worker.on(
      'message',
      (message: {
        progress?: [number, number];
        document?: EstimateDocument;
        error?: { message: string; name?: string };
      }) => {
        if (message.progress) options.onProgress?.(message.progress[0], message.progress[1]);
        if (message.document) {
          settled = true;
          resolve(message.document);
        }
        if (message.error) {
          settled = true;
          reject(Object.assign(new Error(message.error.message), message.error));
        }
      },
    );
    worker.on('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`estimate worker stopped with code ${code}`));
    });
  });
}
