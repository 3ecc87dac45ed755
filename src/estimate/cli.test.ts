import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { CliIO, Lang } from '../cli/io.ts';
import { runCli } from '../cli/main.ts';

function io(lang: Lang = 'en') {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIO = { lang, stdout: (t) => out.push(t), stderr: (t) => err.push(t), interactive: false };
  return { value, out: () => out.join(''), err: () => err.join('') };
}

const NL6 = 'test/data/mse/netherlands_2010_2015_6lists.csv';

describe('estimate command', () => {
  test('--json prints one object in the documented shape', async () => {
    const c = io();
    const code = await runCli(
      ['estimate', NL6, '--select', 'stepwise-csv', '--ci', 'wald', '--json'],
      c.value,
    );
    assert.equal(code, 0);
    const r = JSON.parse(c.out());
    assert.deepEqual(r.lists, ['I', 'K', 'O', 'P', 'R', 'Z']);
    assert.equal(r.observed, 8234);
    assert.equal(r.status, 0);
    assert.deepEqual([...r.model.negInf].sort(), ['I:K', 'K:R']);
    for (const key of ['terms', 'deviance', 'df', 'aic', 'bic', 'coefficients'])
      assert.ok(key in r.model, key);
    assert.ok('(Intercept)' in r.model.coefficients && 'O:Z' in r.model.coefficients);
    assert.equal(Math.round(r.estimate.total * 100) / 100, 111139.37);
    assert.equal(r.estimate.ci.method, 'wald');
    assert.equal(r.estimate.ci.level, 0.95);
    assert.ok(Array.isArray(r.candidates) && Array.isArray(r.warnings));
  });

  test('readable report in Dutch by default', async () => {
    const c = io('nl');
    await runCli(['estimate', NL6, '--model', '', '--ci', 'profile'], c.value);
    assert.match(c.out(), /Geschat totaal: 52\.823,5/);
    assert.match(c.out(), /profiel-likelihood/);
  });

  test('no MLE: status 1, exit 1 and no number', async () => {
    const c = io();
    const code = await runCli(
      ['estimate', 'test/data/mse/artificial_3lists.csv', '--model', 'A:B,C', '--json'],
      c.value,
    );
    assert.equal(code, 1);
    const r = JSON.parse(c.out());
    assert.equal(r.status, 1);
    assert.equal(r.estimate, null);
  });

  test('bad input and bad flags are errors naming the line, term or flag', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'estimate-'));
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'A,B,count\n1,0,5\n1,0,6\n');
    const c1 = io();
    assert.equal(await runCli(['estimate', bad], c1.value), 2);
    assert.match(c1.err(), /line 3: duplicate pattern 10/);
    const c2 = io();
    assert.equal(await runCli(['estimate', NL6, '--model', 'I:X'], c2.value), 2);
    assert.match(c2.err(), /model term "I:X": unknown list "X"/);
    const c3 = io();
    assert.equal(await runCli(['estimate', NL6, '--select', 'magic'], c3.value), 2);
    assert.match(c3.err(), /--select magic/);
  });

  test('records with --lists and --by give an estimate per stratum', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'estimate-'));
    const file = join(dir, 'records.csv');
    const rows = ['A,B,year'];
    for (const year of [2020, 2021]) {
      for (let i = 0; i < 60; i++) rows.push(`1,0,${year}`);
      for (let i = 0; i < 30; i++) rows.push(`0,1,${year}`);
      for (let i = 0; i < 20; i++) rows.push(`1,1,${year}`);
    }
    writeFileSync(file, `${rows.join('\n')}\n`);
    const c = io();
    assert.equal(
      await runCli(['estimate', file, '--lists', 'A,B', '--by', 'year', '--model', '', '--json'], c.value),
      0,
    );
    const r = JSON.parse(c.out());
    assert.equal(r.strata.length, 2);
    assert.ok(Math.abs(r.strata[0].result.estimate.total - 200) < 1e-6);
  });
});
