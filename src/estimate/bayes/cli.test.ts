import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { CliIO, Lang } from '../../cli/io.ts';
import { runCli } from '../../cli/main.ts';

function io(lang: Lang = 'en') {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIO = { lang, stdout: (t) => out.push(t), stderr: (t) => err.push(t), interactive: false };
  return { value, out: () => out.join(''), err: () => err.join('') };
}

const HIV = 'test/data/mse/hiv_rome_4lists.csv';
const SHORT = ['--burnin', '500', '--samples', '200', '--thin', '2'];

describe('estimate --method', () => {
  test('dga: the JSON contract (total = posterior median, posterior interval, quantiles, graphs)', async () => {
    const c = io();
    assert.equal(await runCli(['estimate', HIV, '--method', 'dga', '--json'], c.value), 0);
    const r = JSON.parse(c.out());
    assert.equal(r.observed, 1896);
    assert.equal(r.estimate.total, r.estimate.posterior.median);
    assert.equal(r.estimate.unobserved, r.estimate.total - 1896);
    assert.deepEqual(Object.keys(r.estimate.posterior.quantiles).sort(), ['0.025', '0.5', '0.975']);
    assert.equal(r.estimate.ci.method, 'posterior');
    assert.equal(r.estimate.ci.lower, r.estimate.posterior.quantiles['0.025']);
    assert.equal(r.estimate.ci.upper, r.estimate.posterior.quantiles['0.975']);
    assert.equal(r.model.graphs[0].cliques, 'c1, c2, c3, c4');
    assert.equal(r.settings.delta, 1 / 16);
    for (const key of ['lists', 'status', 'candidates', 'warnings']) assert.ok(key in r, key);
  });

  test('lcm: diagnostics in the JSON, and the Dutch report', async () => {
    const c = io();
    assert.equal(
      await runCli(['estimate', HIV, '--method', 'lcm', ...SHORT, '--seed', '3', '--json'], c.value),
      0,
    );
    const r = JSON.parse(c.out());
    assert.equal(r.estimate.ci.method, 'posterior');
    assert.equal(r.model.diagnostics.chains, 2);
    assert.ok(r.model.diagnostics.rhat > 0 && r.model.diagnostics.ess > 0);
    assert.equal(r.settings.seed, 3);
    const nl = io('nl');
    await runCli(['estimate', HIV, '--method', 'lcm', ...SHORT, '--chains', '3'], nl.value);
    assert.match(nl.out(), /Latente-klassen/);
    assert.match(nl.out(), /medianen per keten: [\d.]+ \/ [\d.]+ \/ [\d.]+/);
  });

  test('all: three results side by side with a reading of the differences', async () => {
    const c = io();
    assert.equal(await runCli(['estimate', HIV, '--method', 'all', ...SHORT, '--json'], c.value), 0);
    const r = JSON.parse(c.out());
    assert.equal(r.settings.method, 'all');
    assert.equal(r.estimate.ci.method, 'profile');
    assert.deepEqual(
      r.comparison.rows.map((x: { method: string }) => x.method),
      ['loglinear', 'dga', 'lcm'],
    );
    assert.equal(r.comparison.rows[1].total, r.alternatives.dga.estimate.total);
    assert.equal(r.comparison.rows[2].total, r.alternatives.lcm.estimate.total);
    assert.ok(r.comparison.reading.length > 0);
    const text = io();
    await runCli(['estimate', HIV, '--method', 'all', ...SHORT], text.value);
    assert.match(text.out(), /Three methods side by side/);
  });

  test('strata and years work for the Bayesian methods, with a trend', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bayes-'));
    const file = join(dir, 'records.csv');
    const rows = ['A,B,C,year'];
    // Two years with the same pattern proportions, the second twice as large.
    for (const [year, times] of [
      [2020, 1],
      [2021, 2],
    ])
      for (const [pattern, n] of [
        ['1,0,0', 60],
        ['0,1,0', 50],
        ['0,0,1', 40],
        ['1,1,0', 12],
        ['1,0,1', 10],
        ['0,1,1', 8],
        ['1,1,1', 3],
      ] as const)
        for (let i = 0; i < n * times; i++) rows.push(`${pattern},${year}`);
    writeFileSync(file, `${rows.join('\n')}\n`);
    const c = io();
    const code = await runCli(
      ['estimate', file, '--lists', 'A,B,C', '--by', 'year', '--method', 'dga', '--json'],
      c.value,
    );
    assert.equal(code, 0);
    const r = JSON.parse(c.out());
    assert.equal(r.strata.length, 2);
    assert.ok(
      r.strata.every((s: { result: { settings: { method: string } } }) => s.result.settings.method === 'dga'),
    );
    assert.ok(r.trend && r.trend.factor > 1.6 && r.trend.factor < 2.4);
  });

  test('bad input: an empty list, K = 0, a negative δ, a seed that is not whole → exit 2 naming the flag', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bayes-'));
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, 'A,B,C,count\n1,0,0,10\n0,1,0,12\n1,1,0,4\n');
    const cases: Array<[string[], RegExp]> = [
      [['estimate', empty, '--method', 'dga'], /list C is empty/],
      [['estimate', HIV, '--method', 'lcm', '--K', '0'], /--K 0/],
      [['estimate', HIV, '--method', 'dga', '--delta', '-0.5'], /--delta -0.5/],
      [['estimate', HIV, '--method', 'lcm', '--seed', '2.5'], /--seed 2.5/],
      [['estimate', HIV, '--method', 'bayes'], /--method bayes/],
    ];
    for (const [args, message] of cases) {
      const c = io();
      assert.equal(await runCli(args, c.value), 2, args.join(' '));
      assert.match(c.err(), message);
    }
  });
});
