import { Worker } from 'node:worker_threads';
import { linkRegistrations, type RegistrationRecord } from './registrations.ts';

// As `run-thread.ts`: compiled the worker is JavaScript beside this file; from source it is TypeScript and
// tsx's loader is registered in the worker first.
const COMPILED = import.meta.url.endsWith('.js');
const WORKER_URL = new URL(COMPILED ? './link-worker.js' : './link-worker.ts', import.meta.url);

/** Below this many registrations the linkage takes less than starting a thread (issue 12 item 3). */
export const INLINE_MAX_RECORDS = Number(process.env.KETENPLEIN_LINK_INLINE_MAX) || 200;

/**
 * Links the registrations into persons (`linkRegistrations`) on a worker thread, so comparing the names
 * and birth dates of every block never holds up the server's event loop; a few run inline. The records
 * go to the worker by structured clone and never leave the process.
 */
export async function linkRegistrationsOffThread(
  records: readonly RegistrationRecord[],
): Promise<Int32Array> {
  if (records.length <= INLINE_MAX_RECORDS) return linkRegistrations(records);
  const workerData = { records };
  const worker = COMPILED
    ? new Worker(WORKER_URL, { workerData })
    : new Worker(
        `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((api) => { api.register(); return import(${JSON.stringify(WORKER_URL.href)}); });`,
        { eval: true, workerData },
      );
  return new Promise<Int32Array>((resolve, reject) => {
    let settled = false;
    worker.on('message', (message: { roots?: Int32Array; error?: { message: string } }) => {
      settled = true;
      if (message.roots) resolve(message.roots);
      else reject(new Error(message.error?.message ?? 'registration linkage failed'));
    });
    worker.on('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`registration linkage worker stopped with code ${code}`));
    });
  });
}
