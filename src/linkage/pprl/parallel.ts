/**
 * PPRL on all cores with worker_threads: encoding split into shares of each list written into
 * shared memory, and candidate scoring split into shares of the second list of every pair. The
 * fit, the links and the clusters then run once on the main thread (they are cheap). Node only;
 * the browser encodes with encodeList.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { PersonInput } from '../person.ts';
import { ClkEncoder, type ClkSettings } from './clk.ts';
import { DATE_SLOTS } from './dateTokens.ts';
import { type EncodeOptions, InputError } from './encodeList.ts';
import { type ClusterResult, finishMatch, type MatchOptions, type ScoredPairs } from './match.ts';
import { type EncodedList, PairScorer } from './score.ts';
import type { CsvTask, EncodeTask, ScoreTask } from './worker.ts';

// Compiled (dist/app) the worker is plain JavaScript; from source a small .mjs entry registers tsx first.
const WORKER = new URL(
  import.meta.url.endsWith('.js') ? './worker.js' : './worker-entry.mjs',
  import.meta.url,
);

function run<T>(task: EncodeTask | CsvTask | ScoreTask): Promise<T> {
  return new Promise((resolve, reject) => {
    // Each worker holds an index of a whole list at 1M records: more heap than the default.
    const worker = new Worker(WORKER, { resourceLimits: { maxOldGenerationSizeMb: 4096 } });
    worker.once('message', (result: T) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.postMessage(task);
  });
}

function shares(n: number, parts: number): [number, number][] {
  const size = Math.ceil(n / parts);
  return Array.from({ length: parts }, (_, p): [number, number] => [
    Math.min(n, p * size),
    Math.min(n, (p + 1) * size),
  ]).filter(([a, b]) => b > a);
}

/** encodeList on a worker thread: several lists encode at once, as their organisations would. */
export async function encodeCsvInWorker(
  text: string,
  secret: Uint8Array,
  options: EncodeOptions,
): Promise<string> {
  const result = await run<{ text?: string; error?: string }>({ kind: 'csv', text, secret, options });
  if (result.error !== undefined) throw new InputError(result.error);
  return result.text ?? '';
}

/** Encodes lists of persons on `threads` workers (default: all cores). */
export async function encodeParallel(
  lists: { name: string; persons: PersonInput[] }[],
  secret: Uint8Array,
  settings: ClkSettings,
  threads = availableParallelism(),
): Promise<EncodedList[]> {
  const { words, offsets } = new ClkEncoder(secret, settings);
  const out: EncodedList[] = [];
  for (const { name, persons } of lists) {
    const n = persons.length;
    const clkBuffer = new SharedArrayBuffer(n * words * 4);
    const emptyBuffer = new SharedArrayBuffer(n);
    const datesBuffer = new SharedArrayBuffer(n * DATE_SLOTS * 4);
    const parts = await Promise.all(
      shares(n, threads).map(([from, to]) =>
        run<{ blocks: number[][] }>({
          kind: 'encode',
          secret,
          settings,
          persons: persons.slice(from, to),
          clks: clkBuffer,
          empty: emptyBuffer,
          dates: datesBuffer,
          from,
        }),
      ),
    );
    out.push({
      name,
      clks: new Uint32Array(clkBuffer),
      words,
      offsets,
      empty: new Uint8Array(emptyBuffer),
      dates: new Uint32Array(datesBuffer),
      blocks: parts.flatMap((p) => p.blocks),
      strata: [],
      rows: [],
    });
  }
  return out;
}

/** matchLists with the candidate scoring on `threads` workers. */
export async function matchParallel(
  lists: EncodedList[],
  settings: ClkSettings,
  options: MatchOptions,
  threads = availableParallelism(),
): Promise<ClusterResult> {
  const scorer = new PairScorer(settings);
  const codeCounts = new Float64Array(scorer.codes);
  const stores: ScoredPairs[] = [];
  for (let x = 0; x < lists.length; x++) {
    for (let y = x + 1; y < lists.length; y++) {
      const parts = await Promise.all(
        shares(lists[y].empty.length, threads).map((range) =>
          run<ScoredPairs['pairs'] & { codeCounts: Float64Array }>({
            kind: 'score',
            settings,
            A: lists[x],
            B: lists[y],
            maxBlock: options.maxBlock,
            range,
          }),
        ),
      );
      for (const part of parts) {
        for (let c = 0; c < codeCounts.length; c++) codeCounts[c] += part.codeCounts[c];
        stores.push({ x, y, pairs: part });
      }
    }
  }
  return finishMatch(lists, scorer, options, stores, codeCounts);
}
