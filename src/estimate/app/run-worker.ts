import { parentPort, workerData } from 'node:worker_threads';
import type { StoredInput } from './input.ts';
import { type EstimateSettings, runEstimate } from './run.ts';

/** The worker side of `runEstimateOffThread`: one estimate, its progress, and its answer or error. */
const { input, settings, lang } = workerData as {
  input: StoredInput;
  settings: EstimateSettings;
  lang?: 'nl' | 'en';
};
let last = 0;
try {
  const document = await runEstimate(input, settings, {
    lang,
    onProgress: (done, total) => {
      // At most every 100 ms: the parent writes progress to the database at most twice a second anyway.
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      parentPort?.postMessage({ progress: [done, total] });
    },
  });
  parentPort?.postMessage({ document });
} catch (error) {
  // The engine's errors carry their Dutch and English text (`nl`, `en`) and a field: passed on as they are.
  const plain =
    error instanceof Error
      ? { ...error, message: error.message, name: error.name }
      : { message: String(error) };
  parentPort?.postMessage({ error: plain });
}
