/**
 * One-to-one evidence and the threshold chosen from the fitted model for a precision target.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BASE_SETTINGS, generatePopulation } from '../../bench/linkage/population.ts';
import { Competition, weightForPrecision } from './competition.ts';
import { encodeList } from './pprl/encodeList.ts';
import { linkEncodedLists, parseEncodedList } from './pprl/linkLists.ts';

test('a pair without competitors keeps its weight; competing pairs share the evidence', () => {
  const c = new Competition(3, 3);
  // Record 0 of A: one candidate. Record 1 of A: two equally good candidates (1 and 2 of B).
  c.add(0, 0, 10);
  c.add(1, 1, 3);
  c.add(1, 2, 3);
  assert.equal(c.adjust(0, 0, 10), 10);
  // Odds 8 against 1 + 8 of the other candidate: 8/9, not 8/1.
  assert.ok(Math.abs(c.adjust(1, 1, 3) - Math.log2(8 / 9)) < 1e-12);
  // A weak rival hardly moves a strong pair.
  const d = new Competition(1, 2);
  d.add(0, 0, 20);
  d.add(0, 1, -5);
  assert.ok(d.adjust(0, 0, 20) > 19.9);
  assert.ok(d.adjust(0, 1, -5) < -24);
});

test('the threshold for a precision target drops the least likely links until the rest reach it', () => {
  // Expected precision of all four: (0.999 + 0.99 + 0.9 + 0.6) / 4 = 0.872.
  const weights = [10, 7, 3, 0.5];
  const probabilities = [0.999, 0.99, 0.9, 0.6];
  assert.equal(weightForPrecision(weights, probabilities, 0.85), undefined);
  // Without the 0.6: 0.963 ≥ 0.95; the cut is the dropped link's weight (links must exceed it).
  assert.equal(weightForPrecision(weights, probabilities, 0.95), 0.5);
  // 0.99 needs the 0.9 gone too.
  assert.equal(weightForPrecision(weights, probabilities, 0.99), 3);
  // Equal weights go together: the cut is a weight, not a count.
  assert.equal(weightForPrecision([5, 5, 9], [0.7, 0.7, 0.999], 0.9), 5);
});

test('pprl link --target-precision: the model-estimated precision reaches the target, true precision does not fall', () => {
  const secret = new TextEncoder().encode('competition-test-'.padEnd(40, 'k'));
  // The second generator with a small name pool: many same-name persons, pairs near 0.5.
  const pop = generatePopulation({ ...BASE_SETTINGS, persons: 1500, givenPool: 15, familyPool: 15 });
  const lists = pop.lists.map(({ name, csv }) =>
    parseEncodedList(encodeList(csv, secret, { list: name, lenientDates: true }).join('\n'), name),
  );
  const truePrecision = (outcome: ReturnType<typeof linkEncodedLists>) => {
    const id = (list: string, row: number) => pop.lists.find((l) => l.name === list)?.ids[row - 1];
    const right = outcome.qc.filter((p) => id(p.listA, p.rowA) === id(p.listB, p.rowB)).length;
    return right / outcome.qc.length;
  };
  const floor = linkEncodedLists(lists, { threshold: 0.5 });
  const target = 0.995;
  const chosen = linkEncodedLists(lists, { threshold: 0.5, targetPrecision: target });
  assert.ok(floor.quality.precision < target, `at the floor the model expects ${floor.quality.precision}`);
  assert.ok(chosen.quality.precision >= target, `chosen: ${chosen.quality.precision}`);
  assert.ok((chosen.quality.threshold ?? 0) > 0.5, 'a threshold above the floor was chosen');
  assert.ok(chosen.qc.length < floor.qc.length);
  assert.ok(truePrecision(chosen) >= truePrecision(floor));
  // A target the floor already meets changes nothing.
  const easy = linkEncodedLists(lists, { threshold: 0.5, targetPrecision: 0.5 });
  assert.equal(easy.qc.length, floor.qc.length);
  assert.equal(easy.quality.threshold, 0.5);
});
