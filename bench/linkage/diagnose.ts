/**
 * Diagnosis for one setting of the second generator: clear-text false links and missed true pairs
 * by their comparison levels (given, family, date), with their match probabilities.
 *   node --import tsx bench/linkage/diagnose.ts [--only name]
 */
import { parse } from 'csv-parse/sync';
import { comparisonVector, PERSON_COMPARISONS } from '../../src/linkage/comparisons.ts';
import { linkPersons } from '../../src/linkage/link.ts';
import { type PersonInput, preparePerson } from '../../src/linkage/person.ts';
import { BASE_SETTINGS, generatePopulation, type PopulationSettings } from './population.ts';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const ALIASES: Record<string, string> = {
  surname: 'family_name',
  tussenvoegsel: 'prefix',
  dob: 'date_of_birth',
};
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
const setting = arg('setting') ?? 'base';
const SETTINGS: Record<string, (s: PopulationSettings) => PopulationSettings> = {
  base: (s) => s,
  pool10: (s) => ({ ...s, givenPool: 10, familyPool: 10 }),
  pool20: (s) => ({ ...s, givenPool: 20, familyPool: 20 }),
  undoc: (s) => ({ ...s, undocumented: 0.8 }),
  big: (s) => ({ ...s, persons: 20_000 }),
  zipf: (s) => ({ ...s, zipf: 1.5 }),
  noerr: (s) => ({
    ...s,
    errors: {
      typo: 0,
      diacritics: 0,
      dayMonthSwap: 0,
      yearOff: 0,
      digit: 0,
      estimated: 0,
      initials: 0,
      nameOrder: 0,
    },
  }),
};
const pop = generatePopulation(SETTINGS[setting](BASE_SETTINGS));
const lists = pop.lists.map((l) => personsOf(l.csv));
const C = PERSON_COMPARISONS;
const lv = (v: Int8Array) => [0, 2, 3].map((c) => (v[c] < 0 ? '-' : C[c].levels[v[c]])).join(' | ');
const fp = new Map<string, number>();
const fn = new Map<string, number>();
const examples: string[] = [];
const missedExamples: string[] = [];
const bands = Array.from({ length: 10 }, () => [0, 0]);
for (const [x, y] of [
  [0, 1],
  [0, 2],
  [1, 2],
]) {
  const r = linkPersons(lists[x], lists[y], { lenientDates: true });
  const A = lists[x].map((p) => preparePerson(p, true));
  const B = lists[y].map((p) => preparePerson(p, true));
  const idsA = pop.lists[x].ids;
  const idsB = pop.lists[y].ids;
  const linked = new Set(r.links.map((l) => `${l.a},${l.b}`));
  for (const l of r.links) {
    const band = Math.min(9, Math.floor(l.probability * 10));
    bands[band][0]++;
    if (idsA[l.a] === idsB[l.b]) bands[band][1]++;
    if (idsA[l.a] !== idsB[l.b]) {
      const k = lv(comparisonVector(A[l.a], B[l.b]));
      fp.set(k, (fp.get(k) ?? 0) + 1);
      if (l.probability > Number(arg('minp') ?? 0) && examples.length < 40)
        examples.push(
          `FP p=${l.probability.toFixed(3)} ${JSON.stringify(lists[x][l.a])} ~ ${JSON.stringify(lists[y][l.b])}`,
        );
    }
  }
  const posB = new Map(idsB.map((id, i) => [id, i]));
  idsA.forEach((id, a) => {
    const b = posB.get(id);
    if (b === undefined || linked.has(`${a},${b}`)) return;
    const k = lv(comparisonVector(A[a], B[b]));
    fn.set(k, (fn.get(k) ?? 0) + 1);
    if (missedExamples.length < Number(arg('missed') ?? 0))
      missedExamples.push(`FN ${k}: ${JSON.stringify(lists[x][a])} ~ ${JSON.stringify(lists[y][b])}`);
  });
}
const show = (m: Map<string, number>) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 25)
    .map(([k, n]) => `${String(n).padStart(5)}  ${k}`)
    .join('\n');
console.log(`false links (given | family | date):\n${show(fp)}\n\nmissed:\n${show(fn)}\n`);
console.log(examples.slice(0, Number(arg('examples') ?? 30)).join('\n'));
console.log(missedExamples.join('\n'));
console.log(
  bands
    .map(([n, t], i) => `p ${i / 10}-${(i + 1) / 10}: ${n} links, ${n ? (t / n).toFixed(3) : '-'} true`)
    .join('\n'),
);

// PPRL (--pprl): its false links and missed pairs by the clear-text levels of the same records.
if (process.argv.includes('--pprl')) {
  const { encodeList } = await import('../../src/linkage/pprl/encodeList.ts');
  const { linkEncodedLists, parseEncodedList } = await import('../../src/linkage/pprl/linkLists.ts');
  const secret = new TextEncoder().encode('registrations-bench-'.padEnd(40, 'k'));
  const parsed = pop.lists.map(({ name, csv }) =>
    parseEncodedList(encodeList(csv, secret, { list: name, lenientDates: true }).join('\n'), name),
  );
  const t = arg('threshold');
  const outcome = linkEncodedLists(parsed, t ? { threshold: Number(t) } : {});
  const prepared = lists.map((l) => l.map((p) => preparePerson(p, true)));
  const pfp = new Map<string, number>();
  const pband = Array.from({ length: 10 }, () => [0, 0]);
  const lines: string[] = [];
  for (const q of outcome.qc) {
    const x = outcome.lists.indexOf(q.listA);
    const y = outcome.lists.indexOf(q.listB);
    const ok = pop.lists[x].ids[q.rowA - 1] === pop.lists[y].ids[q.rowB - 1];
    const band = Math.min(9, Math.floor(q.similarity * 10));
    pband[band][0]++;
    if (ok) pband[band][1]++;
    if (ok) continue;
    const k = lv(comparisonVector(prepared[x][q.rowA - 1], prepared[y][q.rowB - 1]));
    pfp.set(k, (pfp.get(k) ?? 0) + 1);
    if (lines.length < Number(arg('examples') ?? 30))
      lines.push(
        `PPRL FP p=${q.similarity.toFixed(3)} ${JSON.stringify(lists[x][q.rowA - 1])} ~ ${JSON.stringify(lists[y][q.rowB - 1])}`,
      );
  }
  console.log(`\nPPRL false links:\n${show(pfp)}\n${lines.join('\n')}`);
  console.log(
    pband.map(([n, c], i) => `PPRL p ${i / 10}: ${n} links, ${n ? (c / n).toFixed(3) : '-'} true`).join('\n'),
  );
}
