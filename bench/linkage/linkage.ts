/**
 * Linkage benchmark. FEBRL4 (5,000 × 5,000): clear text and PPRL end to end (CSV → encode both
 * lists → link → capture table), on the columns (names + date of birth) and with the
 * address and ID columns encoded as extra fields. Then the seeded Dutch generator, N × N
 * (`--n`, default 1,000,000): clear text (N ≤ 100,000) and PPRL with time and peak memory.
 * Baseline for the ratios: the clear-text linkage of the same FEBRL4 lists in the same run.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { DEFAULT_MODEL } from '../../src/linkage/defaultModel.ts';
import { generateDutchLists } from '../../src/linkage/dutchPersons.ts';
import { FEBRL_DIR, loadFebrl, quality } from '../../src/linkage/febrl.ts';
import { linkPersons } from '../../src/linkage/link.ts';
import type { PersonInput } from '../../src/linkage/person.ts';
import { defaultSettings } from '../../src/linkage/pprl/clk.ts';
import { encodeList } from '../../src/linkage/pprl/encodeList.ts';
import { DEFAULT_THRESHOLD, linkEncodedLists, parseEncodedList } from '../../src/linkage/pprl/linkLists.ts';
import { encodeParallel, matchParallel } from '../../src/linkage/pprl/parallel.ts';

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
  // One process encodes both lists in turn, as `pprl encode` does (each organisation would encode
  // its own at the same time: this is the slower, sequential figure).
  const texts = (['dataset4a.csv', 'dataset4b.csv'] as const).map((file, i) =>
    encodeList(readFileSync(`${FEBRL_DIR}/${file}`, 'utf8'), secret, {
      list: 'ab'[i],
      extraFields: [...extraFields],
      lenientDates: true,
    }).join('\n'),
  );
  const [pa, pb] = texts.map((text, i) => parseEncodedList(text, 'ab'[i]));
  const outcome = linkEncodedLists([pa, pb]);
  const ms = performance.now() - t;
  const rowOf = new Map(B.map((x, j) => [x.entity, j]));
  const blocked = A.filter((x, i) => {
    const j = rowOf.get(x.entity);
    return j !== undefined && pa.blocks[i].some((token) => pb.blocks[j].includes(token));
  }).length;
  const ok = outcome.qc.filter((p) => A[p.rowA - 1].entity === B[p.rowB - 1].entity).length;
  console.log(
    `FEBRL4 PPRL end to end, ${label}: ${ms.toFixed(0)} ms (target < 2000; ${(ms / clearMs).toFixed(2)}× clear text), ${outcome.candidatePairs} candidates, blocking keeps ${(blocked / 50).toFixed(2)} %, ${fmt(quality(outcome.qc.length, ok, 5000))}`,
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
let t = performance.now();
const [la, lb] = await encodeParallel(
  [
    { name: 'a', persons: ds.a.map((x) => x.person) },
    { name: 'b', persons: ds.b.map((x) => x.person) },
  ],
  secret,
  settings,
);
const encMs = performance.now() - t;
t = performance.now();
const m = await matchParallel([la, lb], settings, { threshold: DEFAULT_THRESHOLD, maxBlock: 100 });
const linkMs = performance.now() - t;
const ok = m.links.filter((l) => ds.a[l.i].entity === ds.b[l.j - ds.a.length].entity).length;
const peak = process.resourceUsage().maxRSS / 1024 / 1024;
// Blocking: true pairs sharing at least one keyed token (blocks over maxBlock aside).
const rowOfB = new Map(ds.b.map((x, j) => [x.entity, j]));
let blocked = 0;
ds.a.forEach((x, i) => {
  const j = rowOfB.get(x.entity);
  if (j !== undefined && la.blocks[i].some((t) => lb.blocks[j].includes(t))) blocked++;
});
console.log(
  `Dutch PPRL ${N} × ${N} on ${availableParallelism()} worker threads: encode ${(encMs / 1000).toFixed(1)} s, link ${(linkMs / 1000).toFixed(1)} s, total ${((encMs + linkMs) / 1000).toFixed(1)} s (target < 600 s), peak RSS ${peak.toFixed(2)} GB (target < 8), ${m.candidatePairs} candidates, blocking keeps ${((100 * blocked) / ds.truePairs).toFixed(2)} % (target ≥ 99.8), ${fmt(quality(m.links.length, ok, ds.truePairs))}`,
);
console.log(`end: ${load()}`);
console.log(`rerun: node --max-old-space-size=7000 --import tsx bench/linkage/linkage.ts --n ${N}`);
