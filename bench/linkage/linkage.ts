/**
 * Linkage benchmark: FEBRL4 time and quality (clear text and PPRL), then PPRL scaling on the
 * seeded Dutch generator (N × N records; default 1,000,000, `--n 100000` for a quick run).
 * Baseline for the ratio: the clear-text linkage of the same FEBRL4 lists in the same run.
 */
import { readFileSync } from 'node:fs';
import { generateDutchLists } from '../../src/linkage/dutchPersons.ts';
import { FEBRL_DIR, loadFebrl, quality } from '../../src/linkage/febrl.ts';
import { linkPersons } from '../../src/linkage/link.ts';
import { ClkEncoder, defaultSettings, encodedWords } from '../../src/linkage/pprl/clk.ts';
import { encodeList } from '../../src/linkage/pprl/encodeList.ts';
import { linkEncodedLists, parseEncodedList } from '../../src/linkage/pprl/linkLists.ts';
import { matchLists } from '../../src/linkage/pprl/match.ts';

const nArg = process.argv.indexOf('--n');
const N = nArg > 0 ? Number(process.argv[nArg + 1]) : 1_000_000;
const fmt = (q: { precision: number; recall: number; f1: number }) =>
  `precision ${q.precision.toFixed(4)} recall ${q.recall.toFixed(4)} F1 ${q.f1.toFixed(4)}`;
const secret = new TextEncoder().encode('bench-secret-'.padEnd(40, 'x'));

const A = loadFebrl(`${FEBRL_DIR}/dataset4a.csv`);
const B = loadFebrl(`${FEBRL_DIR}/dataset4b.csv`);
let t = performance.now();
const clear = linkPersons(
  A.map((r) => r.person),
  B.map((r) => r.person),
  { lenientDates: true },
);
const clearMs = performance.now() - t;
const clearOk = clear.links.filter((l) => A[l.a].entity === B[l.b].entity).length;
console.log(
  `FEBRL4 clear text: ${clearMs.toFixed(0)} ms, ${clear.candidatePairs} candidate pairs, ${fmt(quality(clear.links.length, clearOk, 5000))}`,
);

t = performance.now();
const extra = ['street_number', 'address_1', 'address_2', 'suburb', 'postcode', 'soc_sec_id'];
const enc = (file: string, list: string) =>
  parseEncodedList(
    encodeList(readFileSync(`${FEBRL_DIR}/${file}`, 'utf8'), secret, {
      list,
      extraFields: extra,
      lenientDates: true,
    }).join('\n'),
    list,
  );
const outcome = linkEncodedLists([enc('dataset4a.csv', 'a'), enc('dataset4b.csv', 'b')]);
const pprlMs = performance.now() - t;
const pprlOk = outcome.qc.filter((p) => A[p.rowA - 1].entity === B[p.rowB - 1].entity).length;
console.log(
  `FEBRL4 PPRL end to end (CSV → encode both → link → table): ${pprlMs.toFixed(0)} ms (target < 2000; ${(pprlMs / clearMs).toFixed(2)}× clear text), ${fmt(quality(outcome.qc.length, pprlOk, 5000))}`,
);

t = performance.now();
const ds = generateDutchLists(N, { seed: 3 });
const genMs = performance.now() - t;
const settings = defaultSettings();
const words = encodedWords(settings);
const encoder = new ClkEncoder(secret, settings);
t = performance.now();
const encodeAll = (records: typeof ds.a, name: string) => {
  const clks = new Uint32Array(records.length * words);
  const blocks: string[][] = new Array(records.length);
  for (let i = 0; i < records.length; i++) {
    const e = encoder.encode({ person: records[i].person });
    clks.set(e.clk, i * words);
    blocks[i] = e.blocks;
  }
  return { name, clks, words, blocks, strata: [], rows: [] };
};
const la = encodeAll(ds.a, 'a');
const lb = encodeAll(ds.b, 'b');
const encMs = performance.now() - t;
t = performance.now();
const m = matchLists([la, lb], { threshold: 0.6, maxBlock: 100 });
const linkMs = performance.now() - t;
const ok = m.links.filter((l) => ds.a[l.i].entity === ds.b[l.j - ds.a.length].entity).length;
const peak = process.resourceUsage().maxRSS / 1024 / 1024;
console.log(
  `Dutch PPRL ${N} × ${N}: generate ${(genMs / 1000).toFixed(1)} s, encode ${(encMs / 1000).toFixed(1)} s, link ${(linkMs / 1000).toFixed(1)} s, total ${((encMs + linkMs) / 1000).toFixed(1)} s (target < 600 s), peak RSS ${peak.toFixed(2)} GB (target < 8), ${m.candidatePairs} candidates, ${fmt(quality(m.links.length, ok, ds.truePairs))}`,
);
console.log(`rerun: node --max-old-space-size=7000 --import tsx bench/linkage/linkage.ts --n ${N}`);
