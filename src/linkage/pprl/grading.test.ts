/**
 * What an encoding can still tell apart: graded dates, initials against full names, and the weak
 * blocking keys that reach pairs whose names or date were rewritten.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachCandidatePair } from '../blocking.ts';
import type { PersonInput } from '../person.ts';
import { ABBREVIATED, ClkEncoder, defaultSettings } from './clk.ts';
import { encodeList, InputError } from './encodeList.ts';
import { parseEncodedList } from './linkLists.ts';
import { type EncodedList, PairScorer } from './score.ts';

const secret = new TextEncoder().encode('grading-secret-'.padEnd(40, 'x'));
const settings = defaultSettings();
const encoder = new ClkEncoder(secret, settings);
const scorer = new PairScorer(settings);
const GIVEN = 0;
const BIRTH = 2;

function list(persons: PersonInput[]): EncodedList {
  const clks = new Uint32Array(persons.length * encoder.words);
  const empty = new Uint8Array(persons.length);
  persons.forEach((person, i) => {
    const e = encoder.encodeInto({ person }, clks, i * encoder.words);
    for (const s of e.empty) empty[i] |= 1 << s;
    if (e.abbreviated) empty[i] |= ABBREVIATED;
  });
  return {
    name: 'x',
    clks,
    words: encoder.words,
    offsets: encoder.offsets,
    empty,
    blocks: [],
    strata: [],
    rows: [],
  };
}

/** Dice of the birth segments of two dates (same names), mean over several persons. */
function dateDice(a: string, b: string): number {
  const names = ['Anna de Vries', 'Mehmet Yilmaz', 'Sanne Bakker', 'Oleksandr Bondarenko'];
  let sum = 0;
  for (const name of names) {
    const [givenName, familyName] = name.split(' ');
    const A = list([{ givenName, familyName, dateOfBirth: a }]);
    const B = list([{ givenName, familyName, dateOfBirth: b }]);
    sum += scorer.segmentDice(A, 0, BIRTH, B, 0, BIRTH);
  }
  return sum / names.length;
}

test('dates are graded: a day/month swap stays near exact, one digit off above the same month, above the same year', () => {
  const exact = dateDice('1988-10-22', '1988-10-22');
  const swap = dateDice('1988-10-06', '1988-06-10');
  const digit = dateDice('1988-10-22', '1988-10-23');
  const sameMonth = dateDice('1988-10-22', '1988-10-14');
  const sameYear = dateDice('1988-10-22', '1988-03-17');
  const otherYear = dateDice('1988-10-22', '1961-04-09');
  assert.equal(exact, 1);
  assert.ok(swap > 0.96, `swap ${swap}`);
  assert.ok(
    swap > digit && digit > sameMonth && sameMonth > sameYear && sameYear > otherYear,
    [swap, digit, sameMonth, sameYear, otherYear].join(' > '),
  );
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
  // Files of the previous encoding version tokenised dates otherwise: refused, not linked.
  const header = JSON.parse(lines[0]);
  const older = [
    JSON.stringify({ ...header, settings: { ...header.settings, version: 2 } }),
    ...lines.slice(1),
  ];
  assert.throws(
    () => parseEncodedList(older.join('\n'), 'old.clk.jsonl'),
    /encoding version 2 is not supported; encode again/,
  );
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
