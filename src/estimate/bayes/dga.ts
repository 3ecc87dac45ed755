import { lgamma } from '../stats.ts';
import { type CaptureTable, EstimateInputError, observedTotal } from '../table.ts';
import { type DecomposableGraph, decomposableGraphs, graphName, MAX_GRAPH_LISTS } from './graphs.ts';
import {
  type BayesInterval,
  gridQuantile,
  levelKey,
  type PosteriorSummary,
  quantileLevels,
} from './posterior.ts';

/**
 * Bayesian model averaging over decomposable graphical models (Madigan & York 1997), as R's `dga::bma.cr`:
 * a hyper-Dirichlet prior with δ per cell of the full table (δ·2^(p−|C|) per cell of a margin C), a prior on the
 * total N, a uniform prior over graphs, and the exact joint posterior of (graph, number unseen) on a grid.
 */

export type NPrior = 'reciprocal' | 'uniform';

export interface DgaOptions {
  /** Prior cell weight of the hyper-Dirichlet; default 2^−p. */
  delta?: number;
  /** Prior on the total: ∝ 1/N (default, as dga) or flat. */
  nPrior?: NPrior;
  level?: number;
  /** Grid of numbers unseen; default integers 0…M/4, then geometric steps up to where the posterior ends. */
  grid?: number[];
  maxGridPoints?: number;
  /** Graphs to report (default 10). */
  top?: number;
}

export interface DgaResult {
  total: number;
  unobserved: number;
  ci: BayesInterval;
  posterior: PosteriorSummary;
  graphs: Array<{ cliques: string; weight: number; mean: number }>;
  /** Graphs averaged over, grid used (first, last, step, points), δ and the N prior. */
  settings: {
    delta: number;
    nPrior: NPrior;
    graphs: number;
    grid: { from: number; to: number; points: number };
  };
  /** Posterior of the number unseen on the grid (for charts). */
  distribution: { unobserved: number[]; probability: number[] };
}

export function checkDgaOptions(options: DgaOptions): void {
  if (options.delta !== undefined && !(Number.isFinite(options.delta) && options.delta > 0))
    throw new EstimateInputError(
      `delta ${options.delta}: moet een getal > 0 zijn`,
      `delta ${options.delta}: must be a number > 0`,
    );
}

/** Lists that hold nobody make every graph's likelihood flat in that list: refused rather than averaged. */
export function checkNoEmptyList(table: CaptureTable): void {
  table.lists.forEach((list, i) => {
    let n = 0;
    for (let c = 1; c < table.counts.length; c++) if (c & (1 << i)) n += table.counts[c];
    if (n === 0)
      throw new EstimateInputError(
        `lijst ${list} is leeg (niemand staat erop)`,
        `list ${list} is empty (nobody is on it)`,
      );
  });
}

/**
 * Log marginal likelihood parts per subset S of lists, as a function of the number unseen m: the sum over the
 * cells of margin S of log Γ(n + α) − log Γ(α). Only the all-absent cell of a margin depends on m.
 */
function componentTerms(table: CaptureTable, delta: number, grid: Float64Array): Float64Array[] {
  const p = table.lists.length;
  const size = 1 << p;
  const out: Float64Array[] = new Array(size);
  const margin = new Float64Array(size);
  for (let s = 1; s < size; s++) {
    margin.fill(0);
    for (let c = 1; c < size; c++) margin[c & s] += table.counts[c];
    const alpha = delta * 2 ** (p - popcount(s));
    let fixed = 0;
    // Cells of the margin are the subsets of s; all but the empty one are independent of m.
    for (let sub = s; sub > 0; sub = (sub - 1) & s) fixed += lgamma(margin[sub] + alpha) - lgamma(alpha);
    const terms = new Float64Array(grid.length);
    const lga = lgamma(alpha);
    for (let g = 0; g < grid.length; g++) terms[g] = fixed + lgamma(margin[0] + grid[g] + alpha) - lga;
    out[s] = terms;
  }
  return out;
}

/** log p(data, m | graph) + log prior(N) for the given graphs and grid points, row by row (graph-major). */
function logJoint(
  table: CaptureTable,
  graphs: DecomposableGraph[],
  delta: number,
  nPrior: NPrior,
  grid: Float64Array,
): Float64Array {
  const p = table.lists.length;
  const observed = observedTotal(table);
  const components = componentTerms(table, delta, grid);
  const sumAlpha = delta * 2 ** p;
  const G = grid.length;
  // Shared by every graph: the normalising Γ terms per component and the multinomial coefficient with the prior.
  const perComponent = new Float64Array(G);
  const shared = new Float64Array(G);
  let logFactorials = 0;
  for (let c = 1; c < table.counts.length; c++) logFactorials += lgamma(table.counts[c] + 1);
  for (let g = 0; g < G; g++) {
    const n = observed + grid[g];
    perComponent[g] = lgamma(sumAlpha) - lgamma(n + sumAlpha);
    shared[g] =
      lgamma(n + 1) - logFactorials - lgamma(grid[g] + 1) + (nPrior === 'reciprocal' ? -Math.log(n) : 0);
  }
  const out = new Float64Array(graphs.length * G);
  for (let j = 0; j < graphs.length; j++) {
    const graph = graphs[j];
    const offset = j * G;
    const pieces = graph.cliques.length - graph.separators.length;
    for (let g = 0; g < G; g++) out[offset + g] = shared[g] + pieces * perComponent[g];
    for (const c of graph.cliques) {
      const t = components[c];
      for (let g = 0; g < G; g++) out[offset + g] += t[g];
    }
    for (const s of graph.separators) {
      const t = components[s];
      for (let g = 0; g < G; g++) out[offset + g] -= t[g];
    }
  }
  return out;
}

/** How much of the number line each grid point stands for (1 on a grid of consecutive integers, as dga). */
function gridWidths(grid: Float64Array): Float64Array {
  const G = grid.length;
  const w = new Float64Array(G).fill(1);
  if (G < 2) return w;
  w[0] = grid[1] - grid[0];
  w[G - 1] = grid[G - 1] - grid[G - 2];
  for (let g = 1; g < G - 1; g++) w[g] = (grid[g + 1] - grid[g - 1]) / 2;
  return w;
}

/** Integers 0…B, then geometric steps (rounded to integers) up to `upper`, at most about `points` in all. */
function mixedGrid(upper: number, points: number): Float64Array {
  const integers = Math.min(upper, Math.floor(points / 4));
  const out: number[] = [];
  for (let m = 0; m <= integers; m++) out.push(m);
  if (upper > integers) {
    const ratio = Math.exp(Math.log(upper / Math.max(integers, 1)) / (points - integers));
    let x = Math.max(integers, 1);
    while (x < upper) {
      x *= ratio;
      const m = Math.min(upper, Math.round(x));
      if (m > out[out.length - 1]) out.push(m);
    }
  }
  return Float64Array.from(out);
}

interface Scan {
  grid: Float64Array;
  /** Graphs whose posterior weight is not negligible (all graphs when a grid is given). */
  graphs: DecomposableGraph[];
}

/**
 * The default grid and the graphs worth the fine pass. A coarse geometric pass over m finds where the averaged
 * posterior density has fallen below 1e-12 of its peak (null when it never does: the posterior is improper) and
 * each graph's approximate weight; graphs below 1e-18 of the best are left out of the fine pass (their share of
 * the result is below 1e-13 even for 7 lists).
 */
function scan(
  table: CaptureTable,
  graphs: DecomposableGraph[],
  delta: number,
  nPrior: NPrior,
  points: number,
): Scan | null {
  const observed = observedTotal(table);
  const probe: number[] = [];
  for (let m = 0; m < 64; m++) probe.push(m);
  for (let m = 64; m <= Math.max(1e6, observed * 1e4); m = Math.ceil(m * 1.08)) probe.push(m);
  const coarse = Float64Array.from(probe);
  const widths = gridWidths(coarse);
  const joint = logJoint(table, graphs, delta, nPrior, coarse);
  const G = coarse.length;
  const density = new Float64Array(G).fill(Number.NEGATIVE_INFINITY);
  const evidence = new Float64Array(graphs.length).fill(Number.NEGATIVE_INFINITY);
  for (let j = 0; j < graphs.length; j++)
    for (let g = 0; g < G; g++) {
      const v = joint[j * G + g];
      density[g] = logAdd(density[g], v);
      evidence[j] = logAdd(evidence[j], v + Math.log(widths[g]));
    }
  let peak = Number.NEGATIVE_INFINITY;
  for (const v of density) if (v > peak) peak = v;
  let last = 0;
  for (let g = 0; g < G; g++) if (density[g] > peak - Math.log(1e12)) last = g;
  if (last >= G - 2) return null;
  let best = Number.NEGATIVE_INFINITY;
  for (const v of evidence) if (v > best) best = v;
  return {
    grid: mixedGrid(coarse[last + 1], points),
    graphs: graphs.filter((_, j) => evidence[j] > best - Math.log(1e18)),
  };
}

/**
 * Model-averaged posterior of the total; null when the posterior is improper (too little overlap). Throws
 * EstimateInputError for δ ≤ 0, an empty list or too many lists.
 */
export function dgaEstimate(table: CaptureTable, options: DgaOptions = {}): DgaResult | null {
  checkDgaOptions(options);
  checkNoEmptyList(table);
  const p = table.lists.length;
  if (p > MAX_GRAPH_LISTS)
    throw new EstimateInputError(
      `dga: hoogstens ${MAX_GRAPH_LISTS} lijsten (gevonden: ${p})`,
      `dga: at most ${MAX_GRAPH_LISTS} lists (found: ${p})`,
    );
  const delta = options.delta ?? 2 ** -p;
  const nPrior = options.nPrior ?? 'reciprocal';
  const level = options.level ?? 0.95;
  const all = decomposableGraphs(p);
  let grid: Float64Array;
  let graphs = all;
  if (options.grid) grid = Float64Array.from(options.grid);
  else {
    const found = scan(table, all, delta, nPrior, options.maxGridPoints ?? 8000);
    if (!found) return null;
    ({ grid, graphs } = found);
  }
  const joint = logJoint(table, graphs, delta, nPrior, grid);
  const widths = gridWidths(grid);
  let max = Number.NEGATIVE_INFINITY;
  for (const v of joint) if (v > max) max = v;
  const G = grid.length;
  const byGraph = new Float64Array(graphs.length);
  const byGrid = new Float64Array(G);
  const meanByGraph = new Float64Array(graphs.length);
  let sum = 0;
  for (let j = 0; j < graphs.length; j++) {
    for (let g = 0; g < G; g++) {
      const w = Math.exp(joint[j * G + g] - max) * widths[g];
      byGraph[j] += w;
      byGrid[g] += w;
      meanByGraph[j] += w * grid[g];
    }
    sum += byGraph[j];
  }
  for (let g = 0; g < G; g++) byGrid[g] /= sum;
  const observed = observedTotal(table);
  let mean = 0;
  for (let g = 0; g < G; g++) mean += byGrid[g] * grid[g];
  const [lowP, , highP] = quantileLevels(level);
  const q = (p: number) => observed + gridQuantile(grid, byGrid, p);
  const median = q(0.5);
  const order = Array.from(graphs.keys()).sort((a, b) => byGraph[b] - byGraph[a]);
  return {
    total: median,
    unobserved: median - observed,
    ci: { level, lower: q(lowP), upper: q(highP), method: 'posterior' },
    posterior: {
      mean: observed + mean,
      median,
      quantiles: { [levelKey(lowP)]: q(lowP), '0.5': median, [levelKey(highP)]: q(highP) },
    },
    graphs: order.slice(0, options.top ?? 10).map((j) => ({
      cliques: graphName(graphs[j], table.lists),
      weight: byGraph[j] / sum,
      mean: observed + meanByGraph[j] / byGraph[j],
    })),
    settings: {
      delta,
      nPrior,
      graphs: all.length,
      grid: { from: grid[0], to: grid[G - 1], points: G },
    },
    distribution: { unobserved: Array.from(grid), probability: Array.from(byGrid) },
  };
}

function logAdd(a: number, b: number): number {
  if (a === Number.NEGATIVE_INFINITY) return b;
  if (b === Number.NEGATIVE_INFINITY) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

function popcount(x: number): number {
  let n = 0;
  for (let v = x; v; v &= v - 1) n++;
  return n;
}
