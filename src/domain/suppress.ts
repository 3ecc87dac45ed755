/**
 * Small-cell protection: THE one module every aggregate that leaves Ketenplein passes through (monitor
 * today; cases and care can use it the same way). Issue 17, items 3 and 7.
 *
 * Model. An endpoint publishes a *family* of cells: interior cells and their totals (row, column and grand
 * totals, and for several views over the same data the shared totals once). Each additivity relation
 * "total = sum of parts" is a constraint. All views an endpoint offers over the same base data are put in
 * ONE family, keyed by their dimensions (a total over a dimension omits it), so a month total published in
 * the "by region" view and in the "by form" view is the same cell, suppressed or not in both. That is how
 * differencing two views is covered: the audit below sees every constraint of every view at once.
 *
 * Rule (documented in src/monitor/README.md):
 * 1. Primary: a cell (interior or total) with 0 < value < threshold is suppressed. Zero is published (an
 *    empty cell discloses no person). Threshold: KETENPLEIN_SMALL_CELL_THRESHOLD, default 10.
 * 2. Secondary: every constraint (line) with exactly one suppressed member gets a second: the smallest
 *    non-zero published member (parts before the total on a tie). Repeated until a fixed point.
 * 3. Audit: the suppressed cells are the unknowns of the linear system the published cells leave; a cell is
 *    *determined* when every vector of the null space of that system is zero at it (Gaussian elimination).
 *    A determined cell gets one more complementary cell in one of its lines, then step 2 and 3 again.
 *    Because only non-zero cells are suppressed, a null-space circuit through a cell can move it by ±1 and
 *    stay non-negative, so every suppressed cell has at least three feasible integer values (exact for 2-D
 *    tables with margins and for their hierarchies, whose constraint matrices are totally unimodular).
 * The test `suppress.test.ts` attacks the output with an independent bound-tightening solver and with
 * exhaustive enumeration.
 */

export interface Cell {
  dimensions: Record<string, string>;
  value: number | null;
  suppressed: boolean;
}

export interface SuppressionRule {
  threshold: number;
  method: 'primary_below_threshold_then_complementary_smallest_nonzero_with_linear_audit';
  description: { nl: string; en: string };
}

/** A cell before protection: its dimensions and its true count. */
export interface RawCell {
  dimensions: Record<string, string>;
  value: number;
}

/** total = sum(parts), by cell keys. */
export interface Constraint {
  total: string;
  parts: readonly string[];
}

export interface Family {
  cells: RawCell[];
  constraints: Constraint[];
}

export const DEFAULT_THRESHOLD = 10;

/** The threshold from KETENPLEIN_SMALL_CELL_THRESHOLD (a whole number ≥ 2), else 10. */
export function smallCellThreshold(env: Record<string, string | undefined> = process.env): number {
  const raw = env.KETENPLEIN_SMALL_CELL_THRESHOLD;
  if (raw === undefined || raw === '') return DEFAULT_THRESHOLD;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 2) {
    throw new Error(`KETENPLEIN_SMALL_CELL_THRESHOLD must be a whole number >= 2, not "${raw}"`);
  }
  return n;
}

export function ruleOf(threshold: number): SuppressionRule {
  return {
    threshold,
    method: 'primary_below_threshold_then_complementary_smallest_nonzero_with_linear_audit',
    description: {
      nl: `Cellen van 1 tot ${threshold} zijn onderdrukt, met aanvullende onderdrukking zodat geen onderdrukte cel uit totalen of andere weergaven af te leiden is.`,
      en: `Cells from 1 to ${threshold - 1} are suppressed, with complementary suppression so that no suppressed cell can be derived from totals or other views.`,
    },
  };
}

/** The canonical key of a cell: its dimensions, sorted by name. */
export function keyOf(dimensions: Record<string, string>): string {
  return JSON.stringify(
    Object.keys(dimensions)
      .sort()
      .map((name) => [name, dimensions[name]]),
  );
}

/** The set of keys to suppress in a family (exported for the tests and for audits). */
export function suppressedKeys(family: Family, threshold: number): Set<string> {
  const value = new Map<string, number>();
  for (const cell of family.cells) {
    if (!Number.isInteger(cell.value) || cell.value < 0) {
      throw new Error(`cell ${keyOf(cell.dimensions)}: a count is a whole number >= 0`);
    }
    value.set(keyOf(cell.dimensions), cell.value);
  }
  for (const c of family.constraints) {
    for (const k of [c.total, ...c.parts]) {
      if (!value.has(k)) throw new Error(`constraint names unknown cell ${k}`);
    }
    const sum = c.parts.reduce((s, k) => s + (value.get(k) ?? 0), 0);
    if (sum !== value.get(c.total)) throw new Error(`total ${c.total} is not the sum of its parts`);
  }
  const suppressed = new Set<string>();
  for (const [k, v] of value) if (v > 0 && v < threshold) suppressed.add(k);

  const linesOf = new Map<string, number[]>();
  family.constraints.forEach((c, i) => {
    for (const k of [c.total, ...c.parts]) {
      const list = linesOf.get(k) ?? [];
      list.push(i);
      linesOf.set(k, list);
    }
  });
  /** The smallest non-zero published member of a line (parts first on a tie), or undefined. */
  const complement = (line: Constraint): string | undefined => {
    let best: string | undefined;
    let bestValue = Number.POSITIVE_INFINITY;
    for (const k of [...line.parts, line.total]) {
      const v = value.get(k) ?? 0;
      if (suppressed.has(k) || v === 0) continue;
      if (v < bestValue) {
        best = k;
        bestValue = v;
      }
    }
    return best;
  };

  for (let round = 0; round < 10_000; round++) {
    // Step 2: no line with exactly one suppressed member.
    let changed = true;
    while (changed) {
      changed = false;
      for (const line of family.constraints) {
        const members = [line.total, ...line.parts];
        const count = members.filter((k) => suppressed.has(k)).length;
        if (count !== 1) continue;
        const extra = complement(line);
        if (extra !== undefined) {
          suppressed.add(extra);
          changed = true;
        }
      }
    }
    // Step 3: no cell determined by the linear system.
    const determined = determinedKeys(family.constraints, suppressed);
    if (determined.length === 0) return suppressed;
    let added = false;
    for (const k of determined) {
      // The smallest non-zero complement over the lines of the determined cell.
      let best: string | undefined;
      let bestValue = Number.POSITIVE_INFINITY;
      for (const i of linesOf.get(k) ?? []) {
        const candidate = complement(family.constraints[i] as Constraint);
        const v = candidate === undefined ? Number.POSITIVE_INFINITY : (value.get(candidate) ?? 0);
        if (candidate !== undefined && v < bestValue) {
          best = candidate;
          bestValue = v;
        }
      }
      if (best !== undefined) {
        suppressed.add(best);
        added = true;
        break; // one at a time: the smallest change that may resolve it
      }
    }
    if (!added) {
      // Nothing left to add in its lines: suppress every non-zero cell (nothing is derivable then).
      for (const [k, v] of value) if (v > 0) suppressed.add(k);
      return suppressed;
    }
  }
  throw new Error('suppression did not reach a fixed point');
}

/**
 * The suppressed cells whose value the published cells and the constraints determine exactly: cell s is
 * determined iff the unit vector e_s lies in the row space of the constraint matrix restricted to the
 * suppressed columns, i.e. its pivot row in reduced row-echelon form has no free column.
 */
export function determinedKeys(
  constraints: readonly Constraint[],
  suppressed: ReadonlySet<string>,
): string[] {
  // The system splits into independent blocks: suppressed cells linked by a constraint they share.
  const parent = new Map<string, string>([...suppressed].map((k) => [k, k]));
  const find = (k: string): string => {
    let root = k;
    while (parent.get(root) !== root) root = parent.get(root) as string;
    parent.set(k, root);
    return root;
  };
  const members = (c: Constraint) => [c.total, ...c.parts].filter((k) => suppressed.has(k));
  for (const c of constraints) {
    const [first, ...rest] = members(c);
    if (first === undefined) continue;
    for (const k of rest) parent.set(find(k), find(first));
  }
  const blocks = new Map<string, { constraints: Constraint[]; cells: Set<string> }>();
  for (const k of suppressed) {
    const root = find(k);
    const block = blocks.get(root) ?? { constraints: [], cells: new Set<string>() };
    block.cells.add(k);
    blocks.set(root, block);
  }
  for (const c of constraints) {
    const [first] = members(c);
    if (first !== undefined) blocks.get(find(first))?.constraints.push(c);
  }
  const out: string[] = [];
  for (const block of blocks.values()) out.push(...determinedInBlock(block.constraints, block.cells));
  return out;
}

function determinedInBlock(constraints: readonly Constraint[], suppressed: ReadonlySet<string>): string[] {
  const columns = [...suppressed];
  const index = new Map(columns.map((k, i) => [k, i]));
  const rows: number[][] = [];
  for (const c of constraints) {
    const row = new Array<number>(columns.length).fill(0);
    let any = false;
    const ti = index.get(c.total);
    if (ti !== undefined) {
      row[ti] = (row[ti] ?? 0) + 1;
      any = true;
    }
    for (const p of c.parts) {
      const pi = index.get(p);
      if (pi !== undefined) {
        row[pi] = (row[pi] ?? 0) - 1;
        any = true;
      }
    }
    if (any) rows.push(row);
  }
  const n = columns.length;
  const pivotRowOfColumn = new Map<number, number[]>();
  let r = 0;
  const eps = 1e-9;
  for (let col = 0; col < n && r < rows.length; col++) {
    let pivot = -1;
    for (let i = r; i < rows.length; i++) {
      if (Math.abs((rows[i] as number[])[col] as number) > eps) {
        pivot = i;
        break;
      }
    }
    if (pivot < 0) continue;
    [rows[r], rows[pivot]] = [rows[pivot] as number[], rows[r] as number[]];
    const pr = rows[r] as number[];
    const pv = pr[col] as number;
    for (let j = 0; j < n; j++) pr[j] = (pr[j] as number) / pv;
    for (let i = 0; i < rows.length; i++) {
      if (i === r) continue;
      const row = rows[i] as number[];
      const f = row[col] as number;
      if (Math.abs(f) <= eps) continue;
      for (let j = 0; j < n; j++) row[j] = (row[j] as number) - f * (pr[j] as number);
    }
    pivotRowOfColumn.set(col, pr);
    r++;
  }
  const out: string[] = [];
  for (const [col, row] of pivotRowOfColumn) {
    let free = false;
    for (let j = 0; j < n; j++) {
      if (j !== col && Math.abs(row[j] as number) > eps && !pivotRowOfColumn.has(j)) {
        free = true;
        break;
      }
    }
    if (!free) out.push(columns[col] as string);
  }
  return out;
}

/** What every endpoint that returns figures answers: interior cells, totals, the rule applied. */
export interface ProtectedTable {
  cells: Cell[];
  totals: Cell[];
  rule: SuppressionRule;
}

/**
 * Protects a family: returns every cell in the one wire shape. Cells whose key is the `total` of some
 * constraint are listed under `totals`, the others under `cells`.
 */
export function protect(family: Family, threshold = smallCellThreshold()): ProtectedTable {
  const hidden = suppressedKeys(family, threshold);
  const totalKeys = new Set(family.constraints.map((c) => c.total));
  const cells: Cell[] = [];
  const totals: Cell[] = [];
  for (const raw of family.cells) {
    const key = keyOf(raw.dimensions);
    const suppressed = hidden.has(key);
    const cell: Cell = { dimensions: raw.dimensions, value: suppressed ? null : raw.value, suppressed };
    (totalKeys.has(key) ? totals : cells).push(cell);
  }
  return { cells, totals, rule: ruleOf(threshold) };
}

/**
 * Builds a family from counts over some dimensions, with the one-way views `views` (e.g.
 * [['region','month'], ['form','month']]): each view is a cross table of its dimensions with all its
 * margins (every subset of its dimensions). Views share the totals they have in common (the month totals,
 * the grand total), so suppression is consistent across them. `records` are the counts at the finest level
 * of each view's dimensions (one row per combination of ALL dimensions used, each counted once).
 */
export function familyOf(
  records: readonly { dimensions: Record<string, string>; count: number }[],
  views: readonly (readonly string[])[],
): Family {
  const value = new Map<string, { dimensions: Record<string, string>; value: number }>();
  const constraints = new Map<string, Constraint>();
  for (const view of views) {
    // First the view's finest cells (one key per record), then every margin from those few cells. A total
    // shared by two views gets the same value from both (it is the same sum of the same records).
    const names = [...view].sort();
    const finest = new Map<string, { dimensions: Record<string, string>; value: number }>();
    for (const record of records) {
      const values = names.map((d) => record.dimensions[d] ?? '');
      const k = values.join('\u0000');
      const cell = finest.get(k);
      if (cell) cell.value += record.count;
      else {
        const dimensions: Record<string, string> = {};
        names.forEach((d, i) => {
          dimensions[d] = values[i] as string;
        });
        finest.set(k, { dimensions, value: record.count });
      }
    }
    for (const subset of subsetsOf(names)) {
      const margin = new Map<string, { dimensions: Record<string, string>; value: number }>();
      for (const cell of finest.values()) {
        const dimensions: Record<string, string> = {};
        for (const d of subset) dimensions[d] = cell.dimensions[d] as string;
        const k = keyOf(dimensions);
        const into = margin.get(k);
        if (into) into.value += cell.value;
        else margin.set(k, { dimensions, value: cell.value });
      }
      for (const [k, cell] of margin) value.set(k, cell);
    }
  }
  // Constraints: in each view, every cell over a subset S with |S| < |view| is the sum over one more dimension.
  for (const view of views) {
    for (const subset of subsetsOf(view)) {
      for (const d of view) {
        if (subset.includes(d)) continue;
        // Group finer cells (subset + d) by their subset-dimension values.
        const groups = new Map<string, string[]>();
        for (const cell of value.values()) {
          const names = Object.keys(cell.dimensions);
          if (names.length !== subset.length + 1 || !names.includes(d)) continue;
          if (!subset.every((s) => names.includes(s))) continue;
          const coarse: Record<string, string> = {};
          for (const s of subset) coarse[s] = cell.dimensions[s] as string;
          const ck = keyOf(coarse);
          const list = groups.get(ck) ?? [];
          list.push(keyOf(cell.dimensions));
          groups.set(ck, list);
        }
        for (const [total, parts] of groups) {
          const id = `${total}|${d}`;
          if (!constraints.has(id)) constraints.set(id, { total, parts: parts.sort() });
        }
      }
    }
  }
  return { cells: [...value.values()], constraints: [...constraints.values()] };
}

function subsetsOf(dims: readonly string[]): string[][] {
  const out: string[][] = [];
  for (let mask = 0; mask < 1 << dims.length; mask++) {
    out.push(dims.filter((_, i) => mask & (1 << i)));
  }
  return out;
}
