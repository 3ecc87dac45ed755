import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { attack } from '../../test/helpers/attacker.ts';
import { mulberry32 } from './random.ts';
import {
  type Family,
  familyOf,
  keyOf,
  type ProtectedTable,
  protect,
  smallCellThreshold,
} from './suppress.ts';

/** A second, independent generator (xorshift32), so the property does not hang on one generator's quirks. */
function xorshift32(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
}

/** Small counts dominate (many cells under the threshold), some zeros, some large. */
function count(random: () => number): number {
  const u = random();
  if (u < 0.2) return 0;
  if (u < 0.6) return 1 + Math.floor(random() * 9);
  return 10 + Math.floor(random() * 60);
}

function randomRecords(random: () => number, dims: Record<string, number>) {
  const names = Object.keys(dims);
  const records: { dimensions: Record<string, string>; count: number }[] = [];
  const walk = (i: number, acc: Record<string, string>) => {
    if (i === names.length) {
      records.push({ dimensions: { ...acc }, count: count(random) });
      return;
    }
    const name = names[i] as string;
    for (let v = 0; v < (dims[name] as number); v++) walk(i + 1, { ...acc, [name]: `${name}${v}` });
  };
  walk(0, {});
  return records;
}

/** Exhaustive enumeration of the suppressed cells' values within the attacker's bounds (small tables only). */
function enumerate(family: Family, published: ProtectedTable, bounds: Map<string, [number, number]>) {
  const unknown = [...bounds.keys()];
  const size = unknown.reduce(
    (s, k) => s * ((bounds.get(k) as [number, number])[1] - (bounds.get(k) as [number, number])[0] + 1),
    1,
  );
  if (!Number.isFinite(size) || size > 200_000) return undefined;
  const known = new Map<string, number>();
  for (const cell of [...published.cells, ...published.totals]) {
    if (!cell.suppressed) known.set(keyOf(cell.dimensions), cell.value as number);
  }
  const seen = new Map<string, Set<number>>(unknown.map((k) => [k, new Set<number>()]));
  const assignment = new Map(known);
  const check = () =>
    family.constraints.every(
      (c) => assignment.get(c.total) === c.parts.reduce((s, p) => s + (assignment.get(p) as number), 0),
    );
  const walk = (i: number) => {
    if (i === unknown.length) {
      if (check()) for (const k of unknown) seen.get(k)?.add(assignment.get(k) as number);
      return;
    }
    const k = unknown[i] as string;
    const [lo, hi] = bounds.get(k) as [number, number];
    for (let v = lo; v <= hi; v++) {
      assignment.set(k, v);
      walk(i + 1);
    }
  };
  walk(0);
  return seen;
}

function assertProtected(family: Family, table: ProtectedTable, threshold: number, label: string) {
  const truth = new Map(family.cells.map((c) => [keyOf(c.dimensions), c.value]));
  const all = [...table.cells, ...table.totals];
  // Every cell below the threshold (and above 0) is suppressed; published values are the true ones.
  for (const cell of all) {
    const v = truth.get(keyOf(cell.dimensions)) as number;
    if (v > 0 && v < threshold) assert.equal(cell.suppressed, true, `${label}: small cell published`);
    if (!cell.suppressed) assert.equal(cell.value, v);
    else assert.equal(cell.value, null);
  }
  const bounds = attack(family, table);
  for (const [k, [lo, hi]] of bounds) {
    const v = truth.get(k) as number;
    assert.ok(lo <= v && v <= hi, `${label}: attacker bounds unsound for ${k}`);
    if (v > 0 && v < threshold) assert.ok(hi > lo, `${label}: attacker pinned ${k} = ${v}`);
  }
  const solutions = enumerate(family, table, bounds);
  if (solutions) {
    for (const [k, values] of solutions) {
      const v = truth.get(k) as number;
      assert.ok(values.has(v), `${label}: truth not among solutions`);
      if (v > 0 && v < threshold) assert.ok(values.size >= 2, `${label}: enumeration pins ${k} = ${v}`);
    }
  }
  return solutions !== undefined;
}

describe('small-cell protection', () => {
  it('reads the threshold from the environment, default 10, refusing nonsense', () => {
    assert.equal(smallCellThreshold({}), 10);
    assert.equal(smallCellThreshold({ KETENPLEIN_SMALL_CELL_THRESHOLD: '5' }), 5);
    assert.throws(() => smallCellThreshold({ KETENPLEIN_SMALL_CELL_THRESHOLD: '1' }));
    assert.throws(() => smallCellThreshold({ KETENPLEIN_SMALL_CELL_THRESHOLD: 'x' }));
  });

  it('suppresses a lone small cell together with a complement in its row and column', () => {
    const records = [
      { dimensions: { r: 'a', c: 'x' }, count: 3 },
      { dimensions: { r: 'a', c: 'y' }, count: 40 },
      { dimensions: { r: 'b', c: 'x' }, count: 50 },
      { dimensions: { r: 'b', c: 'y' }, count: 60 },
    ];
    const family = familyOf(records, [['r', 'c']]);
    const table = protect(family, 10);
    const hidden = table.cells.filter((c) => c.suppressed).map((c) => `${c.dimensions.r}${c.dimensions.c}`);
    assert.deepEqual(hidden.sort(), ['ax', 'ay', 'bx', 'by']);
    assert.equal(table.totals.find((t) => Object.keys(t.dimensions).length === 0)?.value, 153);
    assert.equal(table.rule.threshold, 10);
    assertProtected(family, table, 10, 'fixed');
  });

  it('publishes zeros and everything at or above the threshold when nothing is small', () => {
    const family = familyOf(
      [
        { dimensions: { r: 'a', c: 'x' }, count: 0 },
        { dimensions: { r: 'a', c: 'y' }, count: 10 },
      ],
      [['r', 'c']],
    );
    const table = protect(family, 10);
    assert.ok([...table.cells, ...table.totals].every((c) => !c.suppressed));
  });

  for (const [name, make] of [
    ['mulberry32', mulberry32],
    ['xorshift32', xorshift32],
  ] as const) {
    it(`random 2-D tables with margins (${name}): no suppressed cell recoverable`, () => {
      let enumerated = 0;
      for (let seed = 1; seed <= 150; seed++) {
        const random = make(seed * 7919);
        const rows = 1 + Math.floor(random() * 5);
        const cols = 1 + Math.floor(random() * 5);
        const family = familyOf(randomRecords(random, { r: rows, c: cols }), [['r', 'c']]);
        const threshold = 2 + Math.floor(random() * 12);
        if (assertProtected(family, protect(family, threshold), threshold, `${name} seed ${seed}`))
          enumerated++;
      }
      assert.ok(enumerated > 20, `enumeration ran on ${enumerated} tables`);
    });

    it(`random families of two views sharing totals (${name}): differencing views recovers nothing`, () => {
      for (let seed = 1; seed <= 60; seed++) {
        const random = make(seed * 104729);
        const dims = {
          region: 1 + Math.floor(random() * 4),
          form: 1 + Math.floor(random() * 3),
          month: 1 + Math.floor(random() * 4),
        };
        const family = familyOf(randomRecords(random, dims), [
          ['region', 'month'],
          ['form', 'month'],
        ]);
        assertProtected(family, protect(family, 10), 10, `${name} views seed ${seed}`);
      }
    });

    it(`random 3-D tables with every margin (${name})`, () => {
      for (let seed = 1; seed <= 40; seed++) {
        const random = make(seed * 15485863);
        const dims = {
          a: 1 + Math.floor(random() * 3),
          b: 1 + Math.floor(random() * 3),
          c: 1 + Math.floor(random() * 3),
        };
        const family = familyOf(randomRecords(random, dims), [['a', 'b', 'c']]);
        assertProtected(family, protect(family, 10), 10, `${name} 3-D seed ${seed}`);
      }
    });
  }
});
