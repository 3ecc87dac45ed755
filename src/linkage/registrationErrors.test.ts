/**
 * The errors registrations make, in a population where one name is very frequent: a birth year
 * one off and the day and month in another order still link, two persons with the same frequent
 * name born two years apart do not, and a date of which only the year is known links to a full
 * date of that year when the names agree. Clear text and PPRL alike.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mulberry32 } from '../domain/random.ts';
import { linkPersons } from './link.ts';
import type { PersonInput } from './person.ts';
import { encodeList } from './pprl/encodeList.ts';
import { linkEncodedLists, parseEncodedList } from './pprl/linkLists.ts';

const GIVEN = ['Amina', 'Nadia', 'Omar', 'Ahmed', 'Joy', 'Hiwet', 'Olena', 'Ana', 'Youssef', 'Elif'];
const FAMILY = ['Benali', 'Demir', 'Okafor', 'Popescu', 'Haile', 'Nowak', 'Bakker', 'de Vries', 'Eze'];

function date(random: () => number, year?: number): string {
  const y = year ?? 1975 + Math.floor(random() * 30);
  const m = 1 + Math.floor(random() * 12);
  const d = 2 + Math.floor(random() * 27);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * Two lists of a population with a small name pool: twenty persons called Fatima Meijer (born in
 * twenty different years from 1980, none on 18 March), half of everyone in both lists, and
 * the cases under test appended to list B.
 */
function population(extraA: PersonInput[], extraB: PersonInput[]): [PersonInput[], PersonInput[]] {
  const random = mulberry32(42);
  const people: PersonInput[] = [];
  for (let i = 0; i < 20; i++) {
    const year = 1980 + i;
    let dob = date(random, year);
    if (dob.endsWith('-03-18')) dob = `${year}-04-18`;
    people.push({ givenName: 'Fatima', familyName: 'Meijer', dateOfBirth: dob });
  }
  for (let i = 0; i < 360; i++) {
    people.push({
      givenName: GIVEN[Math.floor(random() * GIVEN.length)],
      familyName: FAMILY[Math.floor(random() * FAMILY.length)],
      dateOfBirth: date(random),
    });
  }
  const a: PersonInput[] = [];
  const b: PersonInput[] = [];
  people.forEach((p, i) => {
    if (i % 3 !== 2) a.push(p);
    if (i % 3 !== 0) b.push({ ...p, givenName: p.givenName?.toUpperCase() });
  });
  return [
    [...a, ...extraA],
    [...b, ...extraB],
  ];
}

const toCsv = (persons: PersonInput[]) =>
  [
    'given_name,family_name,date_of_birth',
    ...persons.map((p) => `${p.givenName},${p.familyName},${p.dateOfBirth ?? ''}`),
  ].join('\n');

const secret = new TextEncoder().encode('registration-errors-'.padEnd(40, 's'));

/** Linked (row in A, row in B) pairs, both ways: clear text and PPRL. */
function linked(a: PersonInput[], b: PersonInput[]): { clear: Set<string>; pprl: Set<string> } {
  const clear = new Set(linkPersons(a, b).links.map((l) => `${l.a},${l.b}`));
  const lists = [a, b].map((persons, i) =>
    parseEncodedList(encodeList(toCsv(persons), secret, { list: 'ab'[i] }).join('\n'), 'ab'[i]),
  );
  const outcome = linkEncodedLists(lists);
  const pprl = new Set(outcome.qc.map((p) => `${p.rowA - 1},${p.rowB - 1}`));
  return { clear, pprl };
}

test('"Fatima Meijer 1994-03-18" and "Fatima Meijer 18-03-1995" link among twenty Fatima Meijers', () => {
  const [a, b] = population(
    [{ givenName: 'Fatima', familyName: 'Meijer', dateOfBirth: '1994-03-18' }],
    [{ givenName: 'FATIMA', familyName: 'MEIJER', dateOfBirth: '18-03-1995' }],
  );
  const pair = `${a.length - 1},${b.length - 1}`;
  const { clear, pprl } = linked(a, b);
  assert.ok(clear.has(pair), 'clear text links them');
  assert.ok(pprl.has(pair), 'PPRL links them');
  // Nor is either linked to another Fatima Meijer instead.
  for (const links of [clear, pprl]) {
    const partners = [...links].filter(
      (p) => p.startsWith(`${a.length - 1},`) || p.endsWith(`,${b.length - 1}`),
    );
    assert.deepEqual(partners, [pair]);
  }
});

test('two persons with the same frequent name and birth years two apart do not link', () => {
  const [a, b] = population(
    [{ givenName: 'Fatima', familyName: 'Meijer', dateOfBirth: '1994-03-18' }],
    [{ givenName: 'FATIMA', familyName: 'MEIJER', dateOfBirth: '18-03-1996' }],
  );
  const { clear, pprl } = linked(a, b);
  for (const [name, links] of [
    ['clear text', clear],
    ['PPRL', pprl],
  ] as const) {
    assert.ok(![...links].some((p) => p.startsWith(`${a.length - 1},`)), `${name}: 1994 is linked to nobody`);
    assert.ok(![...links].some((p) => p.endsWith(`,${b.length - 1}`)), `${name}: 1996 is linked to nobody`);
  }
  // The links that should be there still are: nearly all of the 127 persons in both lists.
  assert.ok(clear.size >= 120 && pprl.size >= 120, `${clear.size} / ${pprl.size} links`);
});

test('a date given as the year only links to a full date of that year when the names agree', () => {
  for (const yearOnly of ['1991', '00-00-1991', '19910000']) {
    const [a, b] = population(
      [{ givenName: 'Senait', familyName: 'Tesfamariam', dateOfBirth: '1991-09-27' }],
      [
        { givenName: 'SENAIT', familyName: 'TESFAMARIAM', dateOfBirth: yearOnly },
        // The same names, another year: not a candidate for the year-only record.
        { givenName: 'Senait', familyName: 'Tesfamariam', dateOfBirth: '1987-02-11' },
      ],
    );
    const pair = `${a.length - 1},${b.length - 2}`;
    const { clear, pprl } = linked(a, b);
    assert.ok(clear.has(pair), `clear text links ${yearOnly}`);
    assert.ok(pprl.has(pair), `PPRL links ${yearOnly}`);
    assert.ok(![...clear, ...pprl].some((p) => p.endsWith(`,${b.length - 1}`)), 'born 1987: not linked');
  }
});

test('names the other way round with the prefix in the given-name field ("van Beek, Esmée") link', () => {
  const [a, b] = population(
    [{ givenName: 'Esmée', familyName: 'van Beek', dateOfBirth: '1990-11-17' }],
    [{ givenName: 'van Beek', familyName: 'Esmee', dateOfBirth: '17-11-1990' }],
  );
  const pair = `${a.length - 1},${b.length - 1}`;
  const { clear, pprl } = linked(a, b);
  assert.ok(clear.has(pair), 'clear text');
  assert.ok(pprl.has(pair), 'PPRL');
});

test('an estimated date is compared by its year: 1 January 1978 and 1 January 1998 do not link', () => {
  // One digit apart, but 1 January is what a registration writes when the date is not known:
  // its day and month are no evidence, and the years are twenty apart.
  const [a, b] = population(
    [{ givenName: 'Hiwet', familyName: 'Haile', dateOfBirth: '1978-01-01' }],
    [{ givenName: 'HIWET', familyName: 'HAILE', dateOfBirth: '01-01-1998' }],
  );
  const pair = `${a.length - 1},${b.length - 1}`;
  const { clear, pprl } = linked(a, b);
  assert.ok(!clear.has(pair), 'clear text does not link');
  assert.ok(!pprl.has(pair), 'PPRL does not link');
});

test('a shared estimated date says less than a shared real date (term frequency of the date)', () => {
  // Thirty persons of list A and of list B registered on 1 January 2008 (dates not known).
  const random = mulberry32(7);
  const estimated = (i: number): PersonInput => ({
    givenName: GIVEN[i % GIVEN.length],
    familyName: FAMILY[Math.floor(random() * FAMILY.length)],
    dateOfBirth: '2008-01-01',
  });
  const [a, b] = population(
    [
      ...Array.from({ length: 30 }, (_, i) => estimated(i)),
      { givenName: 'Joy', familyName: 'Okafor', dateOfBirth: '2008-01-01' },
      { givenName: 'Joy', familyName: 'Okafor', dateOfBirth: '1990-05-17' },
    ],
    [
      ...Array.from({ length: 30 }, (_, i) => estimated(i + 3)),
      { givenName: 'JOY', familyName: 'OKAFOR', dateOfBirth: '01-01-2008' },
      { givenName: 'JOY', familyName: 'OKAFOR', dateOfBirth: '17-05-1990' },
    ],
  );
  const links = linkPersons(a, b).links;
  const weight = (i: number, j: number) =>
    links.find((l) => l.a === a.length - i && l.b === b.length - j)?.weight;
  const onEstimated = weight(2, 2);
  const onReal = weight(1, 1);
  assert.ok(onEstimated !== undefined && onReal !== undefined, 'both pairs link');
  assert.ok(onReal - onEstimated > 1, `real date ${onReal} against estimated ${onEstimated}`);
});
