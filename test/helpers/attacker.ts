import { type Constraint, type Family, keyOf } from '../../src/domain/suppress.ts';

interface Published {
  cells: readonly { dimensions: Record<string, string>; value: number | null; suppressed: boolean }[];
  totals: readonly { dimensions: Record<string, string>; value: number | null; suppressed: boolean }[];
}

/**
 * The attacker: everything the API offers (every published cell of every view, every total) as linear
 * equalities over non-negative integers, and interval bound tightening to a fixed point. Written apart from
 * the module (no Gaussian elimination, no null space), so it checks the module rather than repeating it.
 */
export function attack(family: Family, published: Published): Map<string, [number, number]> {
  const known = new Map<string, number>();
  for (const cell of [...published.cells, ...published.totals]) {
    if (!cell.suppressed) known.set(keyOf(cell.dimensions), cell.value as number);
  }
  const bounds = new Map<string, [number, number]>();
  for (const cell of family.cells) {
    const k = keyOf(cell.dimensions);
    if (!known.has(k)) bounds.set(k, [0, Number.POSITIVE_INFINITY]);
  }
  const range = (k: string): [number, number] => {
    const v = known.get(k);
    return v !== undefined ? [v, v] : (bounds.get(k) as [number, number]);
  };
  const tighten = (k: string, lo: number, hi: number): boolean => {
    const b = bounds.get(k);
    if (!b) return false;
    const nlo = Math.max(b[0], Math.ceil(lo - 1e-9));
    const nhi = Math.min(b[1], Math.floor(hi + 1e-9));
    if (nlo > b[0] || nhi < b[1]) {
      bounds.set(k, [nlo, nhi]);
      return true;
    }
    return false;
  };
  let changed = true;
  while (changed) {
    changed = false;
    for (const c of family.constraints as Constraint[]) {
      // total = sum(parts): total in [sum lo, sum hi]; part_i in [tlo - sum(others hi), thi - sum(others lo)]
      const parts = c.parts.map(range);
      const sumLo = parts.reduce((s, [lo]) => s + lo, 0);
      const sumHi = parts.reduce((s, [, hi]) => s + hi, 0);
      const [tlo, thi] = range(c.total);
      if (tighten(c.total, sumLo, sumHi)) changed = true;
      c.parts.forEach((p, i) => {
        let othersLo = 0;
        let othersHi = 0;
        parts.forEach(([lo, hi], j) => {
          if (j !== i) {
            othersLo += lo;
            othersHi += hi;
          }
        });
        if (tighten(p, tlo - othersHi, thi - othersLo)) changed = true;
      });
    }
  }
  return bounds;
}
