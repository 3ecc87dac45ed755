import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { enumerateHierarchicalModels } from './enumerate.ts';
import { EstimateInputError, parseTableCsv, tablesFromRecords, tableToCsv } from './index.ts';
import { hierarchicalClosure, parseModel } from './terms.ts';

function rejects(csv: string, pattern: RegExp) {
  assert.throws(
    () => parseTableCsv(csv),
    (e: unknown) => e instanceof EstimateInputError && pattern.test(e.en) && e.nl.length > 0,
  );
}

describe('table CSV', () => {
  test('reads patterns into cells; unlisted patterns are zero; round trip', () => {
    const t = parseTableCsv('A,B,count\n1,0,5\n0,1,7\n');
    assert.deepEqual(t.lists, ['A', 'B']);
    assert.deepEqual(Array.from(t.counts), [0, 5, 7, 0]);
    assert.deepEqual(parseTableCsv(tableToCsv(t)), t);
  });

  test('bad input names the line or column and the reason', () => {
    rejects('A,B,n\n1,0,5\n', /line 1: column "count" is missing/);
    rejects('A,B,count\n1,2,5\n', /line 2: column "B" must be 0 or 1/);
    rejects('A,B,count\n1,0,-5\n', /line 2: count must be a whole number/);
    rejects('A,B,count\n1,0,2.5\n', /line 2: count must be a whole number/);
    rejects('A,B,count\n1,0,5\n0,1,1\n1,0,3\n', /line 4: duplicate pattern 10/);
    rejects('A,B,count\n0,0,5\n', /line 2: all-zero pattern/);
    rejects('A,count\n1,5\n', /at least 2 lists/);
    const header = Array.from({ length: 11 }, (_, i) => `L${i}`).join(',');
    rejects(`${header},count\n`, /too many lists: 11/);
  });
});

describe('model terms', () => {
  const lists = ['A', 'B', 'C', 'D'];
  test('parses terms in header order and ignores main effects', () => {
    assert.deepEqual(parseModel('A:B, C', lists), [0b0011]);
    assert.deepEqual(parseModel('', lists), []);
  });
  test('unknown list and non-hierarchical model are errors naming the term', () => {
    assert.throws(() => parseModel('A:X', lists), /model term "A:X": unknown list "X"/);
    assert.throws(() => parseModel('A:B,B:C,A:B:C', lists), /term "A:B:C" also requires "A:C"/);
  });
  test('hierarchical closure adds all margins', () => {
    assert.deepEqual(hierarchicalClosure([0b0111]), [0b0011, 0b0101, 0b0110, 0b0111]);
  });
  test('number of hierarchical models matches the known counts (9, 114, 6894 with the saturated one)', () => {
    assert.deepEqual(
      [3, 4, 5].map((k) => enumerateHierarchicalModels(k, k).length),
      [9, 114, 6894],
    );
    assert.throws(() => enumerateHierarchicalModels(6, 5, 1000), /choose a lower --max-order/);
  });
});

describe('records to tables', () => {
  test('one table per stratum; persons on no list are skipped', () => {
    const records = [
      { A: 1, B: 0, year: 2020 },
      { A: 'ja', B: 'x', year: 2020 },
      { A: 0, B: true, year: 2021 },
      { A: 0, B: 0, year: 2021 },
    ];
    const { strata, skipped } = tablesFromRecords(records, { lists: ['A', 'B'], strata: ['year'] });
    assert.equal(skipped, 1);
    assert.deepEqual(
      strata.map((s) => [s.label, Array.from(s.table.counts)]),
      [
        ['year=2020', [0, 1, 0, 1]],
        ['year=2021', [0, 0, 1, 0]],
      ],
    );
  });
  test('a missing column is an error naming the record', () => {
    assert.throws(
      () => tablesFromRecords([{ A: 1 }], { lists: ['A', 'B'] }),
      /record 1: column "B" is missing/,
    );
  });
});
