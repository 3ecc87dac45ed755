// The published reference values of issue 5 (Rcapture / SparseMSE): points to 6 significant digits,
// intervals to ±1.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { type EstimateOptions, estimate, parseTableCsv } from './index.ts';

const load = (name: string) => parseTableCsv(readFileSync(`test/data/mse/${name}.csv`, 'utf8'));
const NL6 = load('netherlands_2010_2015_6lists');
const NL5 = load('netherlands_2010_2015_5lists');
const ALLEGHENY = load('allegheny_4lists');
const ROME = load('hiv_rome_4lists');
const ARTIFICIAL = load('artificial_3lists');

function assertSignificant(actual: number | undefined, expected: number, digits = 6) {
  assert.ok(actual !== undefined, 'no number');
  const scale = 10 ** (Math.floor(Math.log10(Math.abs(expected))) - digits + 1);
  assert.ok(
    Math.abs(actual - expected) <= scale / 2 + 1e-9 * scale,
    `${actual} ≠ ${expected} to ${digits} digits`,
  );
}

function assertWithinOne(actual: number | null | undefined, expected: number) {
  assert.ok(actual !== undefined && actual !== null, 'no bound');
  assert.ok(Math.abs(actual - expected) <= 1, `${actual} not within ±1 of ${expected}`);
}

const run = (table: typeof NL6, options: EstimateOptions) => estimate(table, { ci: 'none', ...options });

describe('Netherlands, six lists', () => {
  test('main effects: total and Wald interval on log scale', async () => {
    const r = await run(NL6, { model: '', ci: 'wald' });
    assertSignificant(r.estimate?.total, 52823.46);
    assertWithinOne(r.estimate?.ci?.lower, 48523.9);
    assertWithinOne(r.estimate?.ci?.upper, 57581.85);
  });

  test('stepwise-csv (0.02): total, terms, −∞ terms and Wald interval', async () => {
    const r = await run(NL6, { select: 'stepwise-csv', pthresh: 0.02, ci: 'wald' });
    assertSignificant(r.estimate?.total, 111139.37);
    assert.deepEqual(
      r.model.terms.filter((t) => !r.model.negInf.includes(t)),
      ['O:Z', 'P:Z', 'I:Z', 'P:R', 'O:P', 'K:O'],
    );
    assert.deepEqual([...r.model.negInf].sort(), ['I:K', 'K:R']);
    assertWithinOne(r.estimate?.ci?.lower, 92439.86);
    assertWithinOne(r.estimate?.ci?.upper, 133991.47);
  });

  test('stepwise-aic: terms, Poisson total and multinomial profile interval', async () => {
    const r = await run(NL6, { select: 'stepwise-aic', ci: 'profile' });
    assert.deepEqual(r.model.terms, ['O:Z', 'P:Z', 'K:P']);
    assertSignificant(r.estimate?.total, 60339.6, 6);
    assertWithinOne(r.estimate?.ci?.lower, 53302.0);
    assertWithinOne(r.estimate?.ci?.upper, 68746.5);
  });
});

describe('Netherlands, five lists', () => {
  test('main effects', async () => {
    assertSignificant((await run(NL5, { model: '' })).estimate?.total, 52923.89);
  });

  test('stepwise-csv', async () => {
    const r = await run(NL5, { select: 'stepwise-csv' });
    assertSignificant(r.estimate?.total, 121521.61);
    assert.deepEqual([...r.model.terms].sort(), ['IO:K', 'IO:P', 'IO:Z', 'K:R', 'P:R', 'P:Z'].sort());
    assert.deepEqual(r.model.negInf, ['K:R']);
  });

  test('exhaustive BIC over all hierarchical models', async () => {
    const r = await run(NL5, { select: 'bic' });
    assertSignificant(r.estimate?.total, 148788.76);
    assertSignificant(r.model.bic, 219.1707, 7);
    assert.deepEqual(
      [...r.model.terms].sort(),
      ['IO:K', 'IO:P', 'IO:P:Z', 'IO:Z', 'K:R', 'P:R', 'P:Z'].sort(),
    );
    assert.deepEqual(r.model.negInf, ['K:R']);
    assert.ok(r.candidates.length > 1);
    assert.ok(r.candidates.every((c, i) => i === 0 || c.bic >= r.candidates[i - 1].bic));
  });
});

describe('Allegheny County, four lists', () => {
  test('main effects', async () => {
    assertSignificant((await run(ALLEGHENY, { model: '' })).estimate?.total, 3738.47);
  });
  test('stepwise-csv', async () => {
    const r = await run(ALLEGHENY, { select: 'stepwise-csv' });
    assertSignificant(r.estimate?.total, 5350.51);
    assert.deepEqual(r.model.terms, ['A:D', 'C:D', 'B:D', 'B:C']);
  });
  test('bic', async () => {
    const r = await run(ALLEGHENY, { select: 'bic' });
    assertSignificant(r.estimate?.total, 6349.02);
    assertSignificant(r.model.bic, 181.2208, 7);
    assert.deepEqual(r.model.terms, ['A:B', 'A:D', 'B:C', 'B:D', 'C:D']);
  });
});

describe('Rome HIV, four lists', () => {
  test('main effects with Wald interval', async () => {
    const r = await run(ROME, { model: '', ci: 'wald' });
    assertSignificant(r.estimate?.total, 11124.58);
    assertWithinOne(r.estimate?.ci?.lower, 9519.53);
    assertWithinOne(r.estimate?.ci?.upper, 13067.54);
  });
  test('chosen by both stepwise-csv and bic', async () => {
    for (const select of ['stepwise-csv', 'bic'] as const) {
      const r = await run(ROME, { select });
      assert.deepEqual(r.model.terms, [], select);
      assertSignificant(r.estimate?.total, 11124.58);
      assertSignificant(r.model.bic, 117.7995, 7);
    }
  });
});

describe('Artificial three lists: existence and identifiability', () => {
  test('[A:B, A:C, B:C] is not identifiable', async () => {
    const r = await run(ARTIFICIAL, { model: 'A:B,A:C,B:C' });
    assert.equal(r.status, 2);
    assert.equal(r.estimate, null);
  });
  test('[A:B, C] has no MLE: status 1 and no number', async () => {
    const r = await run(ARTIFICIAL, { model: 'A:B,C' });
    assert.equal(r.status, 1);
    assert.equal(r.estimate, null);
    assert.equal(r.model.deviance, undefined);
  });
  test('[A:C, B:C] is fine, with both terms at −∞', async () => {
    const r = await run(ARTIFICIAL, { model: 'A:C,B:C' });
    assert.equal(r.status, 0);
    assert.deepEqual(r.model.negInf, ['A:C', 'B:C']);
    assert.ok(r.estimate && Number.isFinite(r.estimate.total));
  });
});
