/**
 * Worker thread for PPRL at scale (see parallel.ts): encodes a CSV list, or a share of a list
 * into shared memory, or scores the candidate pairs of a share of list B against list A.
 */
import { parentPort } from 'node:worker_threads';
import type { PersonInput } from '../person.ts';
import { ABBREVIATED, blockNumbers, ClkEncoder, type ClkSettings, ESTIMATED } from './clk.ts';
import { DATE_SLOTS } from './dateTokens.ts';
import { type EncodeOptions, encodeList } from './encodeList.ts';
import { scoreCandidates } from './match.ts';
import { type EncodedList, PairScorer } from './score.ts';

export interface EncodeTask {
  kind: 'encode';
  secret: Uint8Array;
  settings: ClkSettings;
  persons: PersonInput[];
  /** Shared filters of the whole list, and where this share starts (in records). */
  clks: SharedArrayBuffer;
  empty: SharedArrayBuffer;
  dates: SharedArrayBuffer;
  from: number;
}

export interface CsvTask {
  kind: 'csv';
  text: string;
  secret: Uint8Array;
  options: EncodeOptions;
}

export interface ScoreTask {
  kind: 'score';
  settings: ClkSettings;
  A: EncodedList;
  B: EncodedList;
  maxBlock?: number;
  range: [number, number];
}

parentPort?.on('message', (task: EncodeTask | CsvTask | ScoreTask) => {
  if (task.kind === 'csv') {
    try {
      parentPort?.postMessage({ text: encodeList(task.text, task.secret, task.options).join('\n') });
    } catch (error) {
      parentPort?.postMessage({ error: (error as Error).message });
    }
    return;
  }
  if (task.kind === 'encode') {
    const encoder = new ClkEncoder(task.secret, task.settings);
    const clks = new Uint32Array(task.clks);
    const empty = new Uint8Array(task.empty);
    const dates = new Uint32Array(task.dates);
    const blocks: number[][] = [];
    for (let i = 0; i < task.persons.length; i++) {
      const r = task.from + i;
      const e = encoder.encodeInto({ person: task.persons[i] }, clks, r * encoder.words);
      for (const s of e.empty) empty[r] |= 1 << s;
      if (e.abbreviated) empty[r] |= ABBREVIATED;
      if (e.estimated) empty[r] |= ESTIMATED;
      dates.set(e.dates, r * DATE_SLOTS);
      blocks.push(blockNumbers(e));
    }
    parentPort?.postMessage({ blocks });
    return;
  }
  const scorer = new PairScorer(task.settings);
  const codeCounts = new Float64Array(scorer.codes);
  const pairs = scoreCandidates(task.A, task.B, scorer, task.maxBlock, codeCounts, task.range);
  const a = pairs.a.slice(0, pairs.length);
  const b = pairs.b.slice(0, pairs.length);
  const code = pairs.code.slice(0, pairs.length);
  parentPort?.postMessage({ a, b, code, length: pairs.length, codeCounts }, [
    a.buffer,
    b.buffer,
    code.buffer,
    codeCounts.buffer,
  ]);
});
