import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { jackknifeAcceleration, replicateTotals } from './bootstrap.ts';
import { checkDesign, identifiableByRank } from './check.ts';
import { buildDesign, tableStats } from './design.ts';
import { enumerateHierarchicalModels } from './enumerate.ts';
import {
  estimate,
  estimateStrata,
  makeTable,
  parseTableCsv,
  type StratumTable,
  trendAcrossYears,
} from './index.ts';
import { fitModel } from './model.ts';
import { pnorm, ppois, ppoisUpper, qnorm, quantileType8 } from './stats.ts';

const ROME = parseTableCsv(readFileSync('test/data/mse/hiv_rome_4lists.csv', 'utf8'));

describe('distribution functions', () => {
  test('normal and Poisson agree with known values', () => {
    assert.ok(Math.abs(qnorm(0.975) - 1.959963984540054) < 1e-12);
    assert.ok(Math.abs(pnorm(1.959963984540054) - 0.975) < 1e-12);
    // R 4.2: ppois(3, 10) = 0.010336050675925716; ppois(14, 5, lower = FALSE) = 0.000226253676176756
    assert.ok(Math.abs(ppois(3, 10) - 0.010336050675925716) < 1e-15);
    assert.ok(Math.abs(ppoisUpper(14, 5) - 0.000226253676176756) < 1e-16);
    assert.equal(quantileType8([1, 2, 3, 4], 0.5), 2.5);
  });
});

describe('fit', () => {
  test('two lists, main effects: the Lincoln–Petersen estimate n1·n2/m', () => {
    const t = makeTable(
      ['A', 'B'],
      [
        { pattern: [1, 0], count: 60 },
        { pattern: [0, 1], count: 30 },
        { pattern: [1, 1], count: 20 },
      ],
    );
    const m = fitModel(tableStats(t), []);
    assert.equal(m.status, 0);
    assert.ok(Math.abs(m.result!.total - (80 * 50) / 20) < 1e-8);
    assert.ok(Math.abs(m.result!.deviance) < 1e-8);
  });

  test('a pair without overlap is exact at −∞: its cells leave the fit, its parameter still counts', () => {
    const t = makeTable(
      ['A', 'B', 'C'],
      [
        { pattern: [1, 0, 0], count: 40 },
        { pattern: [0, 1, 0], count: 30 },
        { pattern: [0, 0, 1], count: 20 },
        { pattern: [1, 1, 0], count: 6 },
        { pattern: [0, 1, 1], count: 4 },
      ],
    );
    const s = tableStats(t);
    const m = fitModel(s, [0b101]);
    assert.deepEqual(m.negInf, [0b101]);
    assert.equal(m.design.cells.length, 5);
    const main = fitModel(s, []);
    assert.equal(m.result!.parameters, main.result!.parameters + 1);
    assert.ok(m.result!.loglik > main.result!.loglik);
  });

  test('status follows the checks: existence by LP, identifiability by rank', () => {
    const t = makeTable(
      ['A', 'B', 'C'],
      [
        { pattern: [1, 0, 0], count: 40 },
        { pattern: [0, 1, 0], count: 30 },
        { pattern: [0, 0, 1], count: 20 },
        { pattern: [1, 1, 0], count: 6 },
      ],
    );
    const s = tableStats(t);
    assert.equal(checkDesign(buildDesign(s, [0b011])), 1);
    assert.equal(checkDesign(buildDesign(s, [0b011, 0b101, 0b110])), 2);
    assert.equal(checkDesign(buildDesign(s, [])), 0);
  });

  test('the combinatorial identifiability test agrees with the numerical rank on every hierarchical model', () => {
    for (const name of ['artificial_3lists', 'hiv_rome_4lists', 'netherlands_2010_2015_5lists']) {
      const stats = tableStats(parseTableCsv(readFileSync(`test/data/mse/${name}.csv`, 'utf8')));
      const k = stats.table.lists.length;
      let unidentifiable = 0;
      for (const terms of enumerateHierarchicalModels(k, k)) {
        const design = buildDesign(stats, terms);
        const byRank = identifiableByRank(design);
        assert.equal((checkDesign(design) & 2) === 0, byRank, `${name} ${terms}`);
        if (!byRank) unidentifiable++;
      }
      assert.ok(unidentifiable > 0, name);
    }
  });
});

describe('bootstrap', () => {
  test('replicates are reproducible per seed and independent of how work is split', () => {
    const procedure = { select: 'stepwise-csv' as const };
    const whole = replicateTotals(ROME, procedure, 7, 0, 20);
    const parts = [
      ...replicateTotals(ROME, procedure, 7, 0, 8),
      ...replicateTotals(ROME, procedure, 7, 8, 20),
    ];
    assert.deepEqual(Array.from(whole), parts);
    const other = replicateTotals(ROME, procedure, 8, 0, 20);
    assert.notDeepEqual(Array.from(whole), Array.from(other));
    assert.ok(Number.isFinite(jackknifeAcceleration(ROME, procedure)));
  });

  test('BCa interval with worker threads equals the single-thread one and brackets the estimate', async () => {
    const options = { select: 'stepwise-csv' as const, ci: 'bootstrap' as const, bootstrap: 60, seed: 3 };
    const single = await estimate(ROME, { ...options, workers: 1 });
    const parallel = await estimate(ROME, { ...options, workers: 2 });
    assert.deepEqual(parallel.estimate, single.estimate);
    const { total, ci } = single.estimate!;
    assert.equal(ci?.method, 'bootstrap');
    assert.ok(ci!.lower < total && total < ci!.upper!);
  });
});

describe('model averaging, strata and trend', () => {
  test('BIC-weighted average lies within the range of the candidate totals', async () => {
    const r = await estimate(ROME, { select: 'bic', ci: 'none', average: true });
    const avg = r.average!;
    assert.ok(avg.models > 50);
    const weights = avg.weights.reduce((s, w) => s + w.weight, 0);
    assert.ok(weights > 0.5 && weights <= 1 + 1e-12);
    assert.ok(avg.total > 5000 && avg.total < 30000);
  });

  test('per-year estimates and a trend; sparse strata warn', async () => {
    const years = [2019, 2020, 2021];
    const strata: StratumTable[] = years.map((year, i) => {
      const scale = 1 + i * 0.5;
      const counts = new Float64Array(16);
      for (let c = 1; c < 16; c++) counts[c] = Math.round(ROME.counts[c] * scale);
      return { key: { year: String(year) }, label: `year=${year}`, table: { lists: ROME.lists, counts } };
    });
    strata.push({
      key: { year: '2022' },
      label: 'year=2022',
      table: makeTable(ROME.lists, [
        { pattern: [1, 0, 0, 0], count: 3 },
        { pattern: [0, 1, 0, 0], count: 2 },
        { pattern: [1, 1, 0, 0], count: 1 },
        { pattern: [0, 0, 1, 0], count: 2 },
        { pattern: [0, 0, 0, 1], count: 2 },
      ]),
    });
    const results = await estimateStrata(strata, { model: '', ci: 'wald', lang: 'en' });
    assert.equal(results.length, 4);
    assert.ok(results[3].result.warnings.some((w) => w.startsWith('few observations')));
    const trend = trendAcrossYears(results.slice(0, 3));
    assert.ok(trend && trend.factor > 1.2 && trend.lower < trend.factor && trend.factor < trend.upper);
  });
});
