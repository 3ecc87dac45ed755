/**
 * Reading encoded lists and linking them into a capture-pattern table. Refuses, before linking
 * anything, lists made with other settings or keys (fingerprint), a list given twice, and
 * empty or damaged files.
 */

import { MAX_BLOCK } from '../blocking.ts';
import type { FsModel } from '../fellegiSunter.ts';
import {
  ABBREVIATED,
  base64IntoWords,
  type ClkSettings,
  canonicalJson,
  ESTIMATED,
  segmentOffsets,
} from './clk.ts';
import { DATE_SLOTS } from './dateTokens.ts';
import { InputError, LIST_NAME } from './encodeList.ts';
import {
  type CaptureRow,
  type ClusterResult,
  captureTable,
  type EncodedList,
  type LinkageQuality,
  matchLists,
} from './match.ts';

export interface ParsedList extends EncodedList {
  fingerprint: string;
  settings: ClkSettings;
  strataNames: string[];
}

/** A blocking token's first 52 bits as a number: a cheaper map key than the hex string. */
function tokenNumber(token: unknown): number {
  if (typeof token !== 'string' || !/^[0-9a-f]{16}$/.test(token)) return Number.NaN;
  return Number.parseInt(token.slice(0, 13), 16);
}

export function parseEncodedList(text: string, source: string): ParsedList {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines.length === 0) throw new InputError(`${source}: empty file`);
  const json = (line: string, n: number) => {
    try {
      return JSON.parse(line);
    } catch {
      throw new InputError(`${source}, line ${n}: not JSON`);
    }
  };
  const header = json(lines[0], 1);
  if (header?.type !== 'header' || header.settings?.format !== 'ketenplein-clk') {
    throw new InputError(`${source}: not an encoded list (first line must be the header from "pprl encode")`);
  }
  if (header.settings.version !== 5 || !Array.isArray(header.settings.segments)) {
    throw new InputError(
      `${source}: encoding version ${String(header.settings.version)} is not supported; encode again with this version`,
    );
  }
  if (typeof header.list !== 'string' || !LIST_NAME.test(header.list))
    throw new InputError(`${source}: bad list name`);
  const settings = header.settings as ClkSettings;
  const offsets = segmentOffsets(settings);
  const words = offsets[offsets.length - 1];
  const count = lines.length - 1;
  if (count === 0) throw new InputError(`${source}: list "${header.list}" has no records`);
  if (count !== header.records) {
    throw new InputError(`${source}: header says ${header.records} records, file has ${count} (truncated?)`);
  }
  const clks = new Uint32Array(count * words);
  const empty = new Uint8Array(count);
  const dates = new Uint32Array(count * DATE_SLOTS);
  const blocks: number[][] = [];
  const strata: Record<string, string>[] = [];
  const rows: number[] = [];
  for (let i = 0; i < count; i++) {
    const rec = json(lines[i + 1], i + 2);
    try {
      base64IntoWords(rec.clk, clks, i * words, words);
    } catch (error) {
      throw new InputError(`${source}, line ${i + 2}: ${(error as Error).message}`);
    }
    // Weak tokens are kept as negative numbers: the blocking knows them by their sign.
    const weak =
      rec.w === undefined ? [] : Array.isArray(rec.w) ? rec.w.map((t: unknown) => -tokenNumber(t)) : [NaN];
    const tokens = Array.isArray(rec.b) ? [...rec.b.map(tokenNumber), ...weak] : [];
    if (!Array.isArray(rec.b) || tokens.some(Number.isNaN))
      throw new InputError(`${source}, line ${i + 2}: blocking tokens missing or damaged`);
    blocks.push(tokens);
    for (const s of rec.e ?? []) empty[i] |= 1 << s;
    if (rec.a === 1) empty[i] |= ABBREVIATED;
    if (rec.t === 1) empty[i] |= ESTIMATED;
    if (
      !Array.isArray(rec.d) ||
      rec.d.length !== DATE_SLOTS ||
      rec.d.some((t: unknown) => typeof t !== 'string' || !/^[0-9a-f]{8}$/.test(t))
    )
      throw new InputError(`${source}, line ${i + 2}: date tokens missing or damaged`);
    rec.d.forEach((t: string, k: number) => {
      dates[i * DATE_SLOTS + k] = Number.parseInt(t, 16);
    });
    strata.push(rec.s ?? {});
    rows.push(rec.r);
  }
  return {
    name: header.list,
    fingerprint: header.fingerprint,
    settings,
    strataNames: header.strata ?? [],
    clks,
    words,
    offsets,
    empty,
    dates,
    blocks,
    strata,
    rows,
  };
}

export interface LinkOutcome {
  lists: string[];
  table: CaptureRow[];
  clusters: number;
  strata: string[];
  /** Candidate pairs scored (a count; for benchmarks). */
  candidatePairs: number;
  /** The fitted Fellegi–Sunter model (weights per segment level; no record data). */
  model: FsModel;
  /** Precision and recall of the links as the fitted model estimates them (see LinkageQuality). */
  quality: LinkageQuality;
  /** For quality control by a privacy officer only; never printed otherwise. */
  qc: { listA: string; rowA: number; listB: string; rowB: number; similarity: number }[];
}

export const MAX_LISTS = 10;

/** Minimum Fellegi–Sunter match probability of a link. */
export const DEFAULT_THRESHOLD = 0.8;

export interface LinkOptions {
  threshold?: number;
  /** Choose the threshold from the fitted model for this expected precision (see MatchOptions). */
  targetPrecision?: number;
  maxBlock?: number;
}

export function linkEncodedLists(lists: ParsedList[], options: LinkOptions = {}): LinkOutcome {
  return outcomeOf(lists, matchLists(lists, lists[0].settings, checkLists(lists, options)));
}

/** linkEncodedLists with the candidate scoring on worker threads (large lists; Node only). */
export async function linkEncodedListsParallel(
  lists: ParsedList[],
  options: LinkOptions = {},
): Promise<LinkOutcome> {
  const checked = checkLists(lists, options);
  const { matchParallel } = await import('./parallel.ts');
  return outcomeOf(lists, await matchParallel(lists, lists[0].settings, checked));
}

/** Refuses, before linking anything, what cannot be linked; returns the options with defaults. */
function checkLists(
  lists: ParsedList[],
  { threshold = DEFAULT_THRESHOLD, targetPrecision, maxBlock = MAX_BLOCK }: LinkOptions,
): { threshold: number; targetPrecision?: number; maxBlock: number } {
  if (lists.length < 2) throw new InputError('give at least two encoded lists');
  // The capture-pattern table goes to the estimate capability, which takes 2 to 10 lists.
  if (lists.length > MAX_LISTS)
    throw new InputError(
      `${lists.length} lists: the estimate takes at most ${MAX_LISTS}; link fewer at once`,
    );
  if (!(threshold > 0 && threshold < 1)) throw new InputError(`--threshold ${threshold}: must be in (0, 1)`);
  if (targetPrecision !== undefined && !(targetPrecision > 0 && targetPrecision < 1))
    throw new InputError(`--target-precision ${targetPrecision}: must be in (0, 1)`);
  const names = new Set<string>();
  const contents = new Map<string, string>();
  for (const list of lists) {
    if (names.has(list.name)) throw new InputError(`list "${list.name}" given twice`);
    names.add(list.name);
    // The same records under another name is also a list given twice.
    const digest = contentDigest(list.clks);
    const twin = contents.get(digest);
    if (twin)
      throw new InputError(`lists "${twin}" and "${list.name}" hold the same records: one list given twice`);
    contents.set(digest, list.name);
  }
  const first = lists[0];
  for (const list of lists.slice(1)) {
    if (canonicalJson(list.settings) !== canonicalJson(first.settings)) {
      throw new InputError(
        `lists "${first.name}" and "${list.name}" were encoded with different settings; encode all lists with the same settings`,
      );
    }
    if (list.fingerprint !== first.fingerprint) {
      throw new InputError(
        `lists "${first.name}" and "${list.name}" were encoded with different secrets (fingerprints differ); they cannot be linked`,
      );
    }
    if (canonicalJson(list.strataNames) !== canonicalJson(first.strataNames)) {
      throw new InputError(`lists "${first.name}" and "${list.name}" have different strata columns`);
    }
  }
  return { threshold, ...(targetPrecision !== undefined ? { targetPrecision } : {}), maxBlock };
}

function outcomeOf(lists: ParsedList[], result: ClusterResult): LinkOutcome {
  const first = lists[0];
  const table = captureTable(lists, result, first.strataNames);
  const locate = (g: number) => {
    let l = result.offsets.length - 1;
    while (result.offsets[l] > g) l--;
    return { list: lists[l], row: lists[l].rows[g - result.offsets[l]] };
  };
  const qc = result.links.map((e) => {
    const a = locate(e.i);
    const b = locate(e.j);
    return { listA: a.list.name, rowA: a.row, listB: b.list.name, rowB: b.row, similarity: e.weight };
  });
  return {
    lists: lists.map((l) => l.name),
    table,
    clusters: new Set(result.clusterOf).size,
    candidatePairs: result.candidatePairs,
    model: result.model,
    quality: result.quality,
    strata: first.strataNames,
    qc,
  };
}

const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/**
 * The table exactly as the estimate capability reads it (`estimate <table.csv>`): one 0/1 column
 * per list in the order given, then `count`; strata, if any, are added up.
 */
export function captureCsv(outcome: LinkOutcome): string {
  const counts = new Map<string, number>();
  for (const row of outcome.table) counts.set(row.pattern, (counts.get(row.pattern) ?? 0) + row.count);
  const lines = [[...outcome.lists, 'count'].join(',')];
  const patterns = [...counts.keys()].sort((a, b) => b.localeCompare(a));
  for (const pattern of patterns) lines.push([...pattern.split(''), String(counts.get(pattern))].join(','));
  return `${lines.join('\n')}\n`;
}

/**
 * One row per linked person (cluster): stratum columns, then one 0/1 column per list. The input
 * of `estimate <records.csv> --lists a,b,... --by <strata>`, which estimates per stratum and the
 * trend over years. Rows are sorted, so their order says nothing about the records.
 */
export function captureRecordsCsv(outcome: LinkOutcome): string {
  const lines: string[] = [];
  for (const row of outcome.table) {
    const values = [...outcome.strata.map((s) => quote(row.stratum?.[s] ?? '')), ...row.pattern.split('')];
    const line = values.join(',');
    for (let i = 0; i < row.count; i++) lines.push(line);
  }
  lines.sort();
  return `${[[...outcome.strata, ...outcome.lists].map(quote).join(','), ...lines].join('\n')}\n`;
}

/** FNV-1a over the filters: equal for the same records, whatever the list is called. */
function contentDigest(clks: Uint32Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < clks.length; i++) h = Math.imul(h ^ clks[i], 0x01000193);
  return `${clks.length}:${h >>> 0}`;
}
