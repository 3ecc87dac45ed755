import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { EstimateInputError, makeTable, parseTableCsv } from '../table.ts';
import { dgaEstimate } from './dga.ts';
import { decomposableGraphs } from './graphs.ts';

/**
 * Reference values: bench/estimate/r/dga-reference.sh (an R implementation written from Madigan & York 1997 with
 * dga::bma.cr's conventions, by another route: simplicial elimination instead of clique/separator sequences).
 * The dga package itself could not be installed on this machine; see bench/README.md.
 */
interface Reference {
  table: string;
  delta: number;
  grid: [number, number, number];
  mean: number;
  median: number;
  q025: number;
  q975: number;
  top: Array<{ edges: string; weight: number }>;
}
const REF_DIR = 'src/estimate/bayes/reference';
const references: Reference[] = readFileSync(`${REF_DIR}/dga-r.jsonl`, 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line));

function tableFile(name: string): string {
  return name.startsWith('madigan-york') ? `${REF_DIR}/${name}` : `test/data/mse/${name}`;
}

/** "A:B:D, C" → "A:B,A:D,B:D" (edges sorted the way the R script prints them: by list position). */
function edgesOf(cliques: string, lists: string[]): string {
  const edges = new Set<string>();
  for (const clique of cliques.split(', ')) {
    const members = clique.split(':').sort((a, b) => lists.indexOf(a) - lists.indexOf(b));
    for (let i = 0; i < members.length; i++)
      for (let j = i + 1; j < members.length; j++) edges.add(`${members[i]}:${members[j]}`);
  }
  const pos = (e: string) => e.split(':').map((l) => lists.indexOf(l));
  const sorted = [...edges].sort((a, b) => {
    const [a1, a2] = pos(a);
    const [b1, b2] = pos(b);
    return a1 - b1 || a2 - b2;
  });
  return sorted.length ? sorted.join(',') : '-';
}

describe('decomposable graphs', () => {
  test('as many as there are labelled chordal graphs (OEIS A058862)', () => {
    assert.deepEqual(
      [2, 3, 4, 5, 6].map((p) => decomposableGraphs(p).length),
      [2, 8, 61, 822, 18154],
    );
  });

  test('cliques are complete and maximal, cover every edge, and the separators follow the running intersection', () => {
    for (const p of [4, 5]) {
      for (const g of decomposableGraphs(p)) {
        const edges = new Set(g.edges);
        for (const c of g.cliques)
          for (let i = 0; i < p; i++)
            for (let j = i + 1; j < p; j++)
              if (c & (1 << i) && c & (1 << j)) assert.ok(edges.has((1 << i) | (1 << j)));
        for (const e of g.edges) assert.ok(g.cliques.some((c) => (c & e) === e));
        for (const c of g.cliques) assert.equal(g.cliques.filter((d) => (d & c) === c).length, 1);
        // Running intersection: each clique meets the union of the earlier ones in (at most) one earlier clique.
        const seps: number[] = [];
        let union = 0;
        g.cliques.forEach((c, i) => {
          const s = c & union;
          if (i > 0 && s !== 0) {
            assert.ok(g.cliques.slice(0, i).some((d) => (d & s) === s));
            seps.push(s);
          }
          union |= c;
        });
        assert.deepEqual([...seps].sort(), [...g.separators].sort());
        assert.equal(union, (1 << p) - 1);
      }
    }
  });
});

describe('dga: model-averaged posterior against the R reference', () => {
  for (const ref of references) {
    test(`${ref.table}, δ = ${ref.delta}, grid 0…${ref.grid[1]} by ${ref.grid[2]}`, () => {
      const table = parseTableCsv(readFileSync(tableFile(ref.table), 'utf8'));
      const [from, to, step] = ref.grid;
      const grid = Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => from + i * step);
      const r = dgaEstimate(table, { delta: ref.delta, grid, top: 5 });
      assert.ok(r);
      // Same grid, same sums: equal up to rounding (a quantile may move by one grid step on a tie).
      assert.ok(
        Math.abs(r.posterior.mean - ref.mean) / ref.mean < 1e-8,
        `mean ${r.posterior.mean} vs ${ref.mean}`,
      );
      for (const [ours, theirs] of [
        [r.posterior.median, ref.median],
        [r.ci.lower, ref.q025],
        [r.ci.upper, ref.q975],
      ])
        assert.ok(Math.abs(ours - theirs) <= step, `${ours} vs ${theirs}`);
      assert.equal(r.total, r.posterior.median);
      assert.equal(r.posterior.quantiles['0.025'], r.ci.lower);
      assert.equal(r.posterior.quantiles['0.975'], r.ci.upper);
      // The graphs with most weight, and their weights.
      ref.top
        .filter((t) => t.weight > 1e-6)
        .forEach((t, i) => {
          assert.equal(edgesOf(r.graphs[i].cliques, table.lists), t.edges);
          assert.ok(Math.abs(r.graphs[i].weight - t.weight) < 1e-6);
        });
    });
  }

  test('the default grid (integers, then geometric steps) stays within 0.5 % of the reference', () => {
    for (const ref of references.filter(
      (r) => r.delta === 2 ** -parseTableCsv(readFileSync(tableFile(r.table), 'utf8')).lists.length,
    )) {
      const r = dgaEstimate(parseTableCsv(readFileSync(tableFile(ref.table), 'utf8')));
      assert.ok(r);
      for (const [ours, theirs] of [
        [r.posterior.median, ref.median],
        [r.ci.lower, ref.q025],
        [r.ci.upper, ref.q975],
      ])
        assert.ok(Math.abs(ours - theirs) / theirs < 0.005, `${ref.table}: ${ours} vs ${theirs}`);
    }
  });
});

describe('dga: priors and bad input', () => {
  const table = parseTableCsv(readFileSync('test/data/mse/hiv_rome_4lists.csv', 'utf8'));

  test('a flat prior on N moves the posterior up; a larger δ favours denser graphs', () => {
    const reciprocal = dgaEstimate(table);
    const flat = dgaEstimate(table, { nPrior: 'uniform' });
    assert.ok(reciprocal && flat && flat.posterior.mean > reciprocal.posterior.mean);
    const edges = (r: NonNullable<ReturnType<typeof dgaEstimate>>) =>
      r.graphs.reduce((s, g) => s + g.weight * edgesOf(g.cliques, table.lists).split(',').length, 0);
    const wide = dgaEstimate(table, { delta: 4, top: 61 });
    const narrow = dgaEstimate(table, { delta: 2 ** -8, top: 61 });
    assert.ok(wide && narrow && edges(wide) > edges(narrow));
  });

  test('δ ≤ 0 and a list that holds nobody are refused, naming the setting or the list', () => {
    assert.throws(
      () => dgaEstimate(table, { delta: -1 }),
      (e: EstimateInputError) => /delta -1/.test(e.en),
    );
    assert.throws(() => dgaEstimate(table, { delta: 0 }), EstimateInputError);
    const empty = makeTable(
      ['A', 'B', 'C'],
      [
        { pattern: [1, 0, 0], count: 10 },
        { pattern: [0, 1, 0], count: 12 },
        { pattern: [1, 1, 0], count: 4 },
      ],
    );
    assert.throws(
      () => dgaEstimate(empty),
      (e: EstimateInputError) => /list C is empty/.test(e.en),
    );
  });

  test('an improper posterior (a list without overlap) gives no estimate rather than a number', () => {
    const table3 = parseTableCsv(readFileSync('test/data/mse/artificial_3lists.csv', 'utf8'));
    assert.equal(dgaEstimate(table3), null);
  });
});
