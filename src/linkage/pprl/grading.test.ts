/**
 * What an encoding can still tell apart: graded dates, initials against full names, and the weak
 * blocking keys that reach pairs whose names or date were rewritten.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachCandidatePair } from '../blocking.ts';
import { comparisonVector } from '../comparisons.ts';
import { DATE_LEVELS } from '../dates.ts';
import type { PersonInput } from '../person.ts';
import { preparePerson } from '../person.ts';
import { ABBREVIATED, ClkEncoder, defaultSettings, ESTIMATED } from './clk.ts';
import { DATE_SLOTS } from './dateTokens.ts';
import { encodeList, InputError } from './encodeList.ts';
import { parseEncodedList } from './linkLists.ts';
import { type EncodedList, PairScorer } from './score.ts';

const secret = new TextEncoder().encode('grading-secret-'.padEnd(40, 'x'));
const settings = defaultSettings();
const encoder = new ClkEncoder(secret, settings);
const scorer = new PairScorer(settings);
const GIVEN = 0;

function list(persons: PersonInput[]): EncodedList {
  const clks = new Uint32Array(persons.length * encoder.words);
  const empty = new Uint8Array(persons.length);
  const dates = new Uint32Array(persons.length * DATE_SLOTS);
  persons.forEach((person, i) => {
    const e = encoder.encodeInto({ person }, clks, i * encoder.words);
    for (const s of e.empty) empty[i] |= 1 << s;
    if (e.abbreviated) empty[i] |= ABBREVIATED;
    if (e.estimated) empty[i] |= ESTIMATED;
    dates.set(e.dates, i * DATE_SLOTS);
  });
  return {
    name: 'x',
    clks,
    words: encoder.words,
    offsets: encoder.offsets,
    empty,
    dates,
    blocks: [],
    strata: [],
    rows: [],
  };
}

/** The date level of two records (same names) from their encoded date tokens. */
function dateLevelOf(a: string, b: string): string {
  const A = list([{ givenName: 'Anna', familyName: 'de Vries', dateOfBirth: a }]);
  const B = list([{ givenName: 'Anna', familyName: 'de Vries', dateOfBirth: b }]);
  const level = scorer.segmentLevel(A, 0, B, 0, scorer.date);
  const there = scorer.segmentLevel(B, 0, A, 0, scorer.date);
  assert.equal(level, there, `${a} ~ ${b} is symmetric`);
  return scorer.comparisons[scorer.date].levels[level] ?? 'cannot compare';
}

test('encoded dates are graded as registration errors happen, the same levels as clear text', () => {
  const cases: [string, string, string][] = [
    ['1988-10-22', '1988-10-22', 'exact'],
    ['1988-10-22', '22-10-1988', 'exact'],
    ['1988-10-22', '1988-10-23', 'one_digit'],
    ['1988-10-06', '1988-06-10', 'day_month_swapped'],
    ['1994-03-18', '18-03-1995', 'year_off_one'],
    ['1994-03-18', '19930318', 'year_off_one'],
    ['1994-03-18', '1994-01-01', 'estimated'],
    ['1994-03-18', '1994-07-01', 'estimated'],
    ['1994-03-18', '1994', 'estimated'],
    ['1994', '00-00-1994', 'estimated'],
    ['1994-03-18', '1995', 'estimated_year_off'],
    ['1994-07-01', '1995-03-18', 'estimated_year_off'],
    // An estimated date is compared by its year only: its day and month are no evidence of a
    // mistyped date (1 January 1978/1998 differ in one digit, 1 January 1981/1982 only in the year).
    ['1982-01-01', '01-01-1981', 'estimated_year_off'],
    ['1978-01-01', '1998-01-01', 'else'],
    ['1994-07-01', '1994-07-02', 'estimated'],
    ['1994-01-01', '1994-10-01', 'estimated'],
    // Two errors: a year off and one digit of day or month, or a year off and day/month swapped.
    ['2000-04-24', '24-05-1999', 'year_off_and_other'],
    ['1990-06-18', '19910619', 'year_off_and_other'],
    ['1979-04-10', '1980-10-04', 'year_off_and_other'],
    ['1990-06-18', '1991-07-19', 'else'],
    ['1990-06-18', '1992-06-19', 'else'],
    ['1994-03-18', '1996', 'else'],
    ['1988-10-22', '1988-10-14', 'same_year_month'],
    ['1988-10-22', '1988-03-17', 'same_year'],
    ['1988-10-22', '1990-10-22', 'else'],
    ['1994-03-18', '1996-03-18', 'else'],
    ['1988-10-22', '1961-04-09', 'else'],
    ['1988-10-22', '', 'cannot compare'],
  ];
  for (const [a, b, expected] of cases) {
    assert.equal(dateLevelOf(a, b), expected, `${a} ~ ${b}`);
    assert.equal(
      DATE_LEVELS[
        comparisonVector(preparePerson({ dateOfBirth: a }), preparePerson({ dateOfBirth: b }))[3]
      ] ?? 'cannot compare',
      expected,
      `clear text ${a} ~ ${b}`,
    );
  }
});

test('initials only are compared by the initial: "J." agrees with Johannes, "K." does not', () => {
  const full = list([{ givenName: 'Johannes', familyName: 'Beeking', dateOfBirth: '1973-12-26' }]);
  const same = list([{ givenName: 'J.', familyName: 'Beeking', dateOfBirth: '1973-12-26' }]);
  const other = list([{ givenName: 'K.', familyName: 'Beeking', dateOfBirth: '1973-12-26' }]);
  const levels = scorer.comparisons[GIVEN].levels;
  assert.equal(levels[scorer.segmentLevel(full, 0, same, 0, GIVEN)], 'initials');
  assert.equal(levels[scorer.segmentLevel(same, 0, full, 0, GIVEN)], 'initials');
  assert.equal(levels[scorer.segmentLevel(full, 0, other, 0, GIVEN)], 'else');
  // Two full names are compared by their segments as before: a typo scores above another name.
  const jan = list([{ givenName: 'Jan', familyName: 'Beeking' }]);
  const typo = list([{ givenName: 'Johanes', familyName: 'Beeking' }]);
  const janLevel = scorer.segmentLevel(full, 0, jan, 0, GIVEN);
  assert.notEqual(levels[janLevel], 'initials');
  assert.ok(scorer.segmentLevel(full, 0, typo, 0, GIVEN) < janLevel);
  assert.equal(scorer.segmentLevel(full, 0, full, 0, GIVEN), 0);
});

test('initials only with the names the other way round: "H. Lisa" meets "Lisa in \'t Hulst"', () => {
  const full = list([{ givenName: 'Lisa', prefix: "in 't", familyName: 'Hulst', dateOfBirth: '1981-02-22' }]);
  const swapped = list([{ givenName: 'H.', familyName: 'Lisa', dateOfBirth: '1981-02-22' }]);
  const code = scorer.decode(scorer.code(full, 0, swapped, 0));
  assert.equal(scorer.comparisons[GIVEN].levels[code[GIVEN]], 'initials');
  assert.equal(code[1], 0, 'family name compared with the given name: equal');
  // Another initial does not open the crosswise comparison.
  const other = list([{ givenName: 'K.', familyName: 'Lisa', dateOfBirth: '1981-02-22' }]);
  const otherCode = scorer.decode(scorer.code(full, 0, other, 0));
  assert.equal(scorer.comparisons[GIVEN].levels[otherCode[GIVEN]], 'else');
  assert.notEqual(otherCode[1], 0);
});

test('the encoded file flags initials only and carries weak tokens; damaged weak tokens are refused', () => {
  const lines = encodeList(
    'given_name,family_name,date_of_birth\nJ.,Beeking,1973-12-26\nJohannes,Beeking,\n',
    secret,
    {
      list: 'a',
    },
  );
  const records = lines.slice(1).map((l) => JSON.parse(l));
  assert.equal(records[0].a, 1);
  assert.equal(records[1].a, undefined);
  assert.ok(records.every((r) => Array.isArray(r.w) && r.w.length > 0));
  const parsed = parseEncodedList(lines.join('\n'), 'a.clk.jsonl');
  assert.ok(parsed.empty[0] & ABBREVIATED);
  assert.ok(!(parsed.empty[1] & ABBREVIATED));
  assert.ok(
    parsed.blocks[0].some((t) => t < 0),
    'weak tokens are negative',
  );
  // Files of the previous encoding version put the date in the birth filter: refused, not linked.
  const header = JSON.parse(lines[0]);
  const older = [
    JSON.stringify({ ...header, settings: { ...header.settings, version: 3 } }),
    ...lines.slice(1),
  ];
  assert.throws(
    () => parseEncodedList(older.join('\n'), 'old.clk.jsonl'),
    /encoding version 3 is not supported; encode again/,
  );
  const noDates = [lines[0], JSON.stringify({ ...records[0], d: ['xyz'] }), lines[2]].join('\n');
  assert.throws(() => parseEncodedList(noDates, 'a.clk.jsonl'), /line 2: date tokens missing or damaged/);
  const damaged = [lines[0], JSON.stringify({ ...records[0], w: ['zz'] }), lines[2]].join('\n');
  assert.throws(
    () => parseEncodedList(damaged, 'a.clk.jsonl'),
    (e: unknown) => {
      return e instanceof InputError && /line 2: blocking tokens missing or damaged/.test(e.message);
    },
  );
});

test('weak keys pair records only where their block is small', () => {
  // Key "wd" is weak: with weakMaxBlock 2 its block of three in A is skipped, "ny" is not.
  const A = [['wd:1', 'ny:a'], ['wd:1'], ['wd:1']];
  const B = [['wd:1', 'ny:a'], ['wd:2']];
  const pairs: string[] = [];
  forEachCandidatePair(A, B, { maxBlock: 10, weakMaxBlock: 2 }, (a, b) => pairs.push(`${a}-${b}`));
  assert.deepEqual(pairs, ['0-0']);
  const all: string[] = [];
  forEachCandidatePair(A, B, { maxBlock: 10, weakMaxBlock: 3 }, (a, b) => all.push(`${a}-${b}`));
  assert.deepEqual(all.sort(), ['0-0', '1-0', '2-0']);
  // Encoded tokens: weak ones are negative numbers.
  const numeric: string[] = [];
  forEachCandidatePair([[-5, 7], [-5], [-5]], [[-5]], { maxBlock: 10, weakMaxBlock: 2 }, (a, b) =>
    numeric.push(`${a}-${b}`),
  );
  assert.deepEqual(numeric, []);
});
