/**
 * Three-list linkage on the second generator (population.ts), per setting: clear text and PPRL
 * (`pprl encode` / `pprl link` as library calls), pairwise precision and recall, and the error of
 * the capture-pattern table (sum of absolute cell errors / observed persons). One threshold for
 * every setting (the defaults); nothing here is tuned per setting.
 *
 *   node --import tsx bench/linkage/registrations.ts [--only name,...] [--persons 4000] [--seed 11]
 *     [--no-estimated] [--threshold P | --target-precision P]
 */
import { parse } from 'csv-parse/sync';
import { correctForLinkageError } from '../../src/estimate/linkage-error.ts';
import { clusterLinks, type Edge } from '../../src/linkage/cluster.ts';
import { linkPersons } from '../../src/linkage/link.ts';
import type { PersonInput } from '../../src/linkage/person.ts';
import { encodeList } from '../../src/linkage/pprl/encodeList.ts';
import { linkEncodedLists, parseEncodedList } from '../../src/linkage/pprl/linkLists.ts';
import { BASE_SETTINGS, generatePopulation, type PopulationSettings, tableError } from './population.ts';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const only = arg('only')?.split(',');
const persons = Number(arg('persons') ?? BASE_SETTINGS.persons);
// --seed: another population and other registrations from the same settings.
const seed = Number(arg('seed') ?? BASE_SETTINGS.seed);
// --target-precision P: both linkages choose their threshold from the fitted model (floor 0.5).
const target = arg('target-precision');
const fixed = arg('threshold');
const LINK_OPTIONS = target
  ? { threshold: 0.5, targetPrecision: Number(target) }
  : fixed
    ? { threshold: Number(fixed) }
    : {};
const secret = new TextEncoder().encode('registrations-bench-'.padEnd(40, 'k'));

type Variant = [string, (s: PopulationSettings) => PopulationSettings];
const errors =
  (patch: Partial<PopulationSettings['errors']>): Variant[1] =>
  (s) => ({
    ...s,
    errors: { ...s.errors, ...patch },
  });
const VARIANTS: Variant[] = [
  ['base', (s) => s],
  ['pool 10', (s) => ({ ...s, givenPool: 10, familyPool: 10 })],
  ['pool 20', (s) => ({ ...s, givenPool: 20, familyPool: 20 })],
  ['pool 40', (s) => ({ ...s, givenPool: 40, familyPool: 40 })],
  ['zipf 1.5', (s) => ({ ...s, zipf: 1.5 })],
  [
    'no errors',
    errors({
      typo: 0,
      diacritics: 0,
      dayMonthSwap: 0,
      yearOff: 0,
      digit: 0,
      estimated: 0,
      initials: 0,
      nameOrder: 0,
    }),
  ],
  ['typo 0.15', errors({ typo: 0.15 })],
  ['year off 0.2', errors({ yearOff: 0.2 })],
  ['no estimated dates', errors({ estimated: 0 })],
  ['estimated 0.8', errors({ estimated: 0.8 })],
  ['undocumented 0.8', (s) => ({ ...s, undocumented: 0.8 })],
  ['day/month swap 0.15', errors({ dayMonthSwap: 0.15 })],
  ['digit 0.1', errors({ digit: 0.1 })],
  ['initials 0.2', errors({ initials: 0.2 })],
  ['name order 0.1', errors({ nameOrder: 0.1 })],
  [
    'all errors high',
    errors({
      typo: 0.1,
      yearOff: 0.15,
      dayMonthSwap: 0.1,
      digit: 0.05,
      estimated: 0.7,
      initials: 0.1,
      nameOrder: 0.08,
    }),
  ],
  ['Dutch only', (s) => ({ ...s, foreignShare: 0 })],
  ['20,000 persons', (s) => ({ ...s, persons: 20_000 })],
];

const ALIASES: Record<string, string> = {
  surname: 'family_name',
  tussenvoegsel: 'prefix',
  dob: 'date_of_birth',
};

/** The CSV read as pprl encode reads it, into persons for the clear-text linkage. */
function personsOf(csv: string): PersonInput[] {
  const rows: Record<string, string>[] = parse(csv, {
    columns: (h: string[]) => h.map((x) => ALIASES[x.toLowerCase()] ?? x.toLowerCase()),
    trim: true,
  });
  return rows.map((r) => ({
    givenName: r.given_name,
    prefix: r.prefix,
    familyName: r.family_name,
    dateOfBirth: r.date_of_birth,
    gender: r.gender,
  }));
}

interface Measured {
  precision: number;
  recall: number;
  error: number;
}

/** Pairwise quality and table error of a clustering of the three lists (concatenated). */
function measure(
  ids: number[][],
  clusterOf: ArrayLike<number>,
  truth: Map<string, number>,
  observed: number,
): Measured {
  const owner: { list: number; id: number }[] = ids.flatMap((list, l) => list.map((id) => ({ list: l, id })));
  const members = new Map<number, number[]>();
  owner.forEach((_, g) => {
    const c = clusterOf[g];
    const m = members.get(c);
    if (m) m.push(g);
    else members.set(c, [g]);
  });
  let predicted = 0;
  let correct = 0;
  const linked = new Map<string, number>();
  for (const group of members.values()) {
    const pattern = ids.map((_, l) => (group.some((g) => owner[g].list === l) ? '1' : '0')).join('');
    linked.set(pattern, (linked.get(pattern) ?? 0) + 1);
    for (let x = 0; x < group.length; x++)
      for (let y = x + 1; y < group.length; y++) {
        predicted++;
        if (owner[group[x]].id === owner[group[y]].id) correct++;
      }
  }
  let truePairs = 0;
  const lists = ids.map((l) => new Set(l));
  for (let x = 0; x < lists.length; x++)
    for (let y = x + 1; y < lists.length; y++) for (const id of lists[x]) if (lists[y].has(id)) truePairs++;
  return {
    precision: predicted === 0 ? 1 : correct / predicted,
    recall: truePairs === 0 ? 1 : correct / truePairs,
    error: tableError(truth, linked, observed),
  };
}

/** Clear text: every pair of lists linked, then one clustering with at most one record per list. */
function clearText(lists: PersonInput[][]): Int32Array {
  const offsets = lists.map((_, l) => lists.slice(0, l).reduce((n, x) => n + x.length, 0));
  const total = lists.reduce((n, l) => n + l.length, 0);
  const edges: Edge[] = [];
  for (let x = 0; x < lists.length; x++)
    for (let y = x + 1; y < lists.length; y++) {
      const r = linkPersons(lists[x], lists[y], { lenientDates: true, ...LINK_OPTIONS });
      for (const l of r.links) edges.push({ i: offsets[x] + l.a, j: offsets[y] + l.b, weight: l.weight });
    }
  const group = new Int32Array(total);
  lists.forEach((l, i) => {
    group.fill(i, offsets[i], offsets[i] + l.length);
  });
  return clusterLinks(total, edges, { group });
}

function pprl(csvs: { name: string; csv: string }[]) {
  const parsed = csvs.map(({ name, csv }) =>
    parseEncodedList(encodeList(csv, secret, { list: name, lenientDates: true }).join('\n'), name),
  );
  return linkEncodedLists(parsed, LINK_OPTIONS);
}

const f = (x: number) => x.toFixed(4);
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
console.log(
  '| setting | observed | clear text P / R | clear text table error | PPRL P / R | PPRL table error | PPRL P / R as the model estimates them | PPRL table error after the `estimate --linkage` correction |',
);
console.log('| --- | ---: | --- | ---: | --- | ---: | --- | ---: |');
let worst = { clear: 0, pprl: 0, precision: 1 };
for (const [label, change] of VARIANTS) {
  if (only && !only.some((o) => label.includes(o))) continue;
  const changed = change({ ...BASE_SETTINGS, persons, seed });
  // --no-estimated: every setting without estimated dates (what the code before graded dates could read).
  const settings = process.argv.includes('--no-estimated')
    ? { ...changed, errors: { ...changed.errors, estimated: 0 } }
    : changed;
  const pop = generatePopulation(settings);
  const ids = pop.lists.map((l) => l.ids);
  const clear = measure(ids, clearText(pop.lists.map((l) => personsOf(l.csv))), pop.truth, pop.observed);
  const outcome = pprl(pop.lists);
  // Records in the order linkEncodedLists concatenated them; clusters from its QC links.
  const offsets = ids.map((_, l) => ids.slice(0, l).reduce((n, x) => n + x.length, 0));
  const total = ids.reduce((n, l) => n + l.length, 0);
  const edges: Edge[] = outcome.qc.map((p) => ({
    i: offsets[outcome.lists.indexOf(p.listA)] + p.rowA - 1,
    j: offsets[outcome.lists.indexOf(p.listB)] + p.rowB - 1,
    weight: p.similarity,
  }));
  const private_ = measure(ids, clusterLinks(total, edges), pop.truth, pop.observed);
  const est = `${f(outcome.quality.precision)} / ${f(outcome.quality.recall)}`;
  // The table corrected for the estimated linkage error, as estimate --linkage does.
  const counts = new Float64Array(8);
  for (const row of outcome.table)
    counts[Number.parseInt([...row.pattern].reverse().join(''), 2)] += row.count;
  const corrected = correctForLinkageError({ lists: outcome.lists, counts }, outcome.quality);
  const correctedTable = new Map<string, number>();
  corrected.counts.forEach((c, mask) => {
    if (mask > 0) correctedTable.set([0, 1, 2].map((i) => ((mask >> i) & 1 ? '1' : '0')).join(''), c);
  });
  const correctedError = tableError(pop.truth, correctedTable, pop.observed);
  console.log(
    `| ${label} | ${pop.observed} | ${f(clear.precision)} / ${f(clear.recall)} | ${pct(clear.error)} | ${f(private_.precision)} / ${f(private_.recall)} | ${pct(private_.error)} | ${est} | ${pct(correctedError)} |`,
  );
  worst = {
    clear: Math.max(worst.clear, clear.error),
    pprl: Math.max(worst.pprl, private_.error),
    precision: Math.min(worst.precision, clear.precision, private_.precision),
  };
}
console.log(
  `\nworst table error: clear text ${pct(worst.clear)}, PPRL ${pct(worst.pprl)} (target ≤ 3 %); lowest pair precision ${f(worst.precision)} (target ≥ 0.99)`,
);
console.log(`rerun: node --import tsx bench/linkage/registrations.ts ${process.argv.slice(2).join(' ')}`);
