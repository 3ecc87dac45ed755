/**
 * Linkage benchmark. FEBRL4 (5,000 × 5,000): clear text and PPRL end to end (CSV → encode both
 * lists → link → capture table), on the columns (names + date of birth) and with the
 * address and ID columns encoded as extra fields. Then the seeded Dutch generator, N × N
 * (`--n`, default 1,000,000): clear text (N ≤ 100,000) and PPRL with time and peak memory.
 * Baseline for the ratios: the clear-text linkage of the same FEBRL4 lists in the same run.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { DEFAULT_MODEL } from '../../src/linkage/defaultModel.ts';
import { generateDutchLists } from '../../src/linkage/dutchPersons.ts';
import { FEBRL_DIR, loadFebrl, quality } from '../../src/linkage/febrl.ts';
import { linkPersons } from '../../src/linkage/link.ts';
import type { PersonInput } from '../../src/linkage/person.ts';
import { ClkEncoder, defaultSettings } from '../../src/linkage/pprl/clk.ts';
import { encodeList } from '../../src/linkage/pprl/encodeList.ts';
import { DEFAULT_THRESHOLD, linkEncodedLists, parseEncodedList } from '../../src/linkage/pprl/linkLists.ts';
import { matchLists } from '../../src/linkage/pprl/match.ts';
import type { EncodedList } from '../../src/linkage/pprl/score.ts';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const N = Number(arg('n') ?? 1_000_000);
type Q = { precision: number; recall: number; f1: number };
const fmt = (q: Q) =>
  `precision ${q.precision.toFixed(4)} recall ${q.recall.toFixed(4)} F1 ${q.f1.toFixed(4)}`;
const secret = new TextEncoder().encode('bench-secret-'.padEnd(40, 'x'));
const load = () => `load average ${loadavg()[0].toFixed(1)} on this 2-core machine`;
console.log(`start: ${load()}`);

const A = loadFebrl(`${FEBRL_DIR}/dataset4a.csv`);
const B = loadFebrl(`${FEBRL_DIR}/dataset4b.csv`);
const namesAndDate = (p: PersonInput): PersonInput => ({
  givenName: p.givenName,
  familyName: p.familyName,
  dateOfBirth: p.dateOfBirth,
});
let clearMs = 0;
for (const [label, pick] of [
  ['all columns', (p: PersonInput) => p],
  ['names + date of birth', namesAndDate],
] as const) {
  const t = performance.now();
  const r = linkPersons(
    A.map((x) => pick(x.person)),
    B.map((x) => pick(x.person)),
    { lenientDates: true },
  );
  const ms = performance.now() - t;
  if (!clearMs) clearMs = ms;
  const ok = r.links.filter((l) => A[l.a].entity === B[l.b].entity).length;
  console.log(
    `FEBRL4 clear text, ${label}: ${ms.toFixed(0)} ms, ${r.candidatePairs} candidate pairs, ${fmt(quality(r.links.length, ok, 5000))}`,
  );
}

const febrlExtra = ['street_number', 'address_1', 'address_2', 'suburb', 'postcode', 'soc_sec_id'];
for (const [label, extraFields] of [
  ['names + date of birth (the issue columns)', []],
  ['with address and ID columns as --extra-fields', febrlExtra],
] as const) {
  const t = performance.now();
  const enc = (file: string, list: string) =>
    parseEncodedList(
      encodeList(readFileSync(`${FEBRL_DIR}/${file}`, 'utf8'), secret, {
        list,
        extraFields: [...extraFields],
        lenientDates: true,
      }).join('\n'),
      list,
    );
  const outcome = linkEncodedLists([enc('dataset4a.csv', 'a'), enc('dataset4b.csv', 'b')]);
  const ms = performance.now() - t;
  const ok = outcome.qc.filter((p) => A[p.rowA - 1].entity === B[p.rowB - 1].entity).length;
  console.log(
    `FEBRL4 PPRL end to end, ${label}: ${ms.toFixed(0)} ms (target < 2000; ${(ms / clearMs).toFixed(2)}× clear text), ${fmt(quality(outcome.qc.length, ok, 5000))}`,
  );
}

const ds = generateDutchLists(N, { seed: 3 });
const clearRuns = [
  ['fitted (priors + constrained EM)', {}],
  ['fitted by EM', { estimator: 'em' }],
  ['built-in default model', { model: DEFAULT_MODEL }],
] as const;
for (const [label, options] of N <= 100_000 ? clearRuns : []) {
  const t = performance.now();
  const r = linkPersons(
    ds.a.map((x) => x.person),
    ds.b.map((x) => x.person),
    options,
  );
  const ok = r.links.filter((l) => ds.a[l.a].entity === ds.b[l.b].entity).length;
  console.log(
    `Dutch clear text ${N} × ${N}, ${label}: ${((performance.now() - t) / 1000).toFixed(1)} s, ${r.candidatePairs} candidates, ${fmt(quality(r.links.length, ok, ds.truePairs))}`,
  );
}
const settings = defaultSettings();
const encoder = new ClkEncoder(secret, settings);
let t = performance.now();
const encodeAll = (records: typeof ds.a, name: string): EncodedList => {
  const clks = new Uint32Array(records.length * encoder.words);
  const empty = new Uint8Array(records.length);
  const blocks: number[][] = new Array(records.length);
  for (let i = 0; i < records.length; i++) {
    const e = encoder.encodeInto({ person: records[i].person }, clks, i * encoder.words);
    for (const s of e.empty) empty[i] |= 1 << s;
    blocks[i] = e.blocks.map((b) => Number.parseInt(b.slice(0, 13), 16));
  }
  return { name, clks, words: encoder.words, offsets: encoder.offsets, empty, blocks, strata: [], rows: [] };
};
const la = encodeAll(ds.a, 'a');
const lb = encodeAll(ds.b, 'b');
const encMs = performance.now() - t;
t = performance.now();
const m = matchLists([la, lb], settings, { threshold: DEFAULT_THRESHOLD, maxBlock: 100 });
const linkMs = performance.now() - t;
const ok = m.links.filter((l) => ds.a[l.i].entity === ds.b[l.j - ds.a.length].entity).length;
const peak = process.resourceUsage().maxRSS / 1024 / 1024;
console.log(
  `Dutch PPRL ${N} × ${N}: encode ${(encMs / 1000).toFixed(1)} s, link ${(linkMs / 1000).toFixed(1)} s, total ${((encMs + linkMs) / 1000).toFixed(1)} s (target < 600 s), peak RSS ${peak.toFixed(2)} GB (target < 8), ${m.candidatePairs} candidates, ${fmt(quality(m.links.length, ok, ds.truePairs))}`,
);
console.log(`end: ${load()}`);
console.log(`rerun: node --max-old-space-size=7000 --import tsx bench/linkage/linkage.ts --n ${N}`);
