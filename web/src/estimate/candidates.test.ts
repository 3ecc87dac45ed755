import assert from 'node:assert/strict';
import { test } from 'node:test';
import { estimate } from '../../../src/estimate/index.ts';
import { parseTableCsv } from '../../../src/estimate/table.ts';
import { NL6_TABLE } from '../../../test/helpers/nl6-table.ts';
import { candidateList, isChosen, sensitivity } from './candidates.ts';

test('the stepwise path of the Dutch 6-list table: chosen model last, range and BIC-weighted average', async () => {
  const result = await estimate(parseTableCsv(NL6_TABLE), { select: 'stepwise-csv', ci: 'none' });
  assert.equal(candidateList(result.settings.select), 'stepwise-csv');
  const path = result.candidates;
  // What issue 19 saw: the chosen (last) step has a worse BIC than the step before it.
  assert.ok(path[path.length - 1].bic > path[path.length - 2].bic);
  assert.equal(path.filter((c) => isChosen(c, result.model.terms)).length, 1);
  assert.ok(isChosen(path[path.length - 1], result.model.terms));
  const spread = sensitivity(result);
  assert.ok(spread);
  assert.equal(spread.models, path.length);
  assert.equal(Math.round(spread.low), Math.round(Math.min(...path.map((c) => c.total))));
  assert.ok(spread.low < 55_000 && spread.high > 125_000, `${spread.low}–${spread.high}`);
  assert.equal(spread.averagedOver, 'candidates');
  assert.ok(spread.averaged > spread.low && spread.averaged < spread.high);
});

// HIV cases in Rome from four sources (Abeni et al. 1994), as test/data/mse/hiv_rome_4lists.csv.
const ROME = `c1,c2,c3,c4,count
1,1,1,1,0
1,1,1,0,3
1,1,0,1,1
1,1,0,0,33
1,0,1,1,0
1,0,1,0,20
1,0,0,1,6
1,0,0,0,403
0,1,1,1,3
0,1,1,0,35
0,1,0,1,10
0,1,0,0,545
0,0,1,1,11
0,0,1,0,621
0,0,0,1,205
`;

test('with model averaging asked for, the average is the one over all models', async () => {
  const result = await estimate(parseTableCsv(ROME), {
    select: 'bic',
    ci: 'none',
    average: true,
    maxOrder: 2,
  });
  const spread = sensitivity(result);
  assert.equal(spread?.averagedOver, 'all_models');
  assert.equal(spread?.averaged, result.average?.total);
  assert.ok(isChosen(result.candidates[0], result.model.terms), 'the best by BIC is the chosen one');
});

test('no sensitivity for a fixed model or one candidate', () => {
  assert.equal(candidateList('fixed'), null);
  const one = { candidates: [{ terms: [], negInf: [], bic: 1, total: 5 }] } as never;
  assert.equal(sensitivity(one), null);
});
