/**
 * Fellegi–Sunter scoring: per comparison level a match probability m and a non-match probability
 * u; a pair's match weight is log2(λ/(1-λ)) + Σ log2(m/u). As in Splink, u is estimated from
 * random pairs (almost all non-matches) and m and λ by expectation maximisation over the
 * blocked candidate pairs.
 */
/** What estimation needs of a comparison: its name and its levels (best first). */
export interface ComparisonSpec {
  name: string;
  levels: readonly string[];
}

export interface FsModel {
  comparisons: { name: string; levels: readonly string[] }[];
  m: number[][];
  u: number[][];
  /** Prior probability that a candidate pair is a match. */
  lambda: number;
}

export interface Reason {
  comparison: string;
  level: string;
  /** log2(m/u) of this level: positive for evidence of a match. */
  weight: number;
}

const FLOOR = 1e-6;

export function levelWeights(model: FsModel): number[][] {
  return model.m.map((ms, c) =>
    ms.map((m, l) => Math.log2(Math.max(m, FLOOR) / Math.max(model.u[c][l], FLOOR))),
  );
}

export function priorWeight(lambda: number): number {
  return Math.log2(lambda / (1 - lambda));
}

export function probability(weight: number): number {
  return 1 / (1 + 2 ** -weight);
}

/** Match weight of one comparison vector, with the levels and weights that made it. */
export function explain(model: FsModel, vector: ArrayLike<number>, weights = levelWeights(model)) {
  const reasons: Reason[] = [];
  let weight = priorWeight(model.lambda);
  for (let c = 0; c < model.comparisons.length; c++) {
    const level = vector[c];
    if (level < 0) continue;
    weight += weights[c][level];
    reasons.push({
      comparison: model.comparisons[c].name,
      level: model.comparisons[c].levels[level],
      weight: Math.round(weights[c][level] * 100) / 100,
    });
  }
  return { weight, reasons };
}

/** Scores many vectors (n × C, row-major) at once. */
export function scoreVectors(
  model: FsModel,
  vectors: Int8Array,
  weights = levelWeights(model),
): Float64Array {
  const C = model.comparisons.length;
  const n = vectors.length / C;
  const out = new Float64Array(n);
  const prior = priorWeight(model.lambda);
  for (let i = 0; i < n; i++) {
    let w = prior;
    for (let c = 0; c < C; c++) {
      const level = vectors[i * C + c];
      if (level >= 0) w += weights[c][level];
    }
    out[i] = w;
  }
  return out;
}

/** Relative frequency of each level among the given (non-match) vectors, Laplace-smoothed. */
export function estimateU(comparisons: readonly ComparisonSpec[], vectors: Int8Array): number[][] {
  const C = comparisons.length;
  const counts = comparisons.map((c) => new Array<number>(c.levels.length).fill(0.5));
  for (let i = 0; i < vectors.length; i += C) {
    for (let c = 0; c < C; c++) if (vectors[i + c] >= 0) counts[c][vectors[i + c]]++;
  }
  return counts.map(normalise);
}

function normalise(values: number[]): number[] {
  const sum = values.reduce((s, v) => s + v, 0);
  return values.map((v) => v / sum);
}

/** Collapses vectors into distinct patterns with counts, so EM iterates over few rows. */
export function distinctPatterns(vectors: Int8Array, C: number): { patterns: Int8Array[]; counts: number[] } {
  const index = new Map<string, number>();
  const patterns: Int8Array[] = [];
  const counts: number[] = [];
  for (let i = 0; i < vectors.length; i += C) {
    const row = vectors.subarray(i, i + C);
    const key = row.join(',');
    const at = index.get(key);
    if (at === undefined) {
      index.set(key, patterns.length);
      patterns.push(row.slice());
      counts.push(1);
    } else counts[at]++;
  }
  return { patterns, counts };
}

/**
 * Estimates m and λ by EM over candidate-pair vectors, with u held at the random-sampling
 * estimate. Starting values: the best level likely for matches.
 */
export function estimateModel(
  comparisons: readonly ComparisonSpec[],
  candidateVectors: Int8Array,
  u: number[][],
  options: { iterations?: number; lambda?: number } = {},
): FsModel {
  const { patterns, counts } = distinctPatterns(candidateVectors, comparisons.length);
  return estimateModelFromPatterns(comparisons, patterns, counts, u, options);
}

/** EM over distinct comparison patterns and how often each occurs among the candidates. */
export function estimateModelFromPatterns(
  comparisons: readonly ComparisonSpec[],
  patterns: ArrayLike<number>[],
  counts: number[],
  u: number[][],
  {
    iterations = 30,
    lambda = 0.1,
    maxLambda = 1 - 1e-9,
  }: { iterations?: number; lambda?: number; maxLambda?: number } = {},
): FsModel {
  const C = comparisons.length;
  let m = comparisons.map((c) =>
    normalise(
      c.levels.map((_, l) =>
        l === 0 ? 0.7 : l === c.levels.length - 1 ? 0.05 : 0.25 / (c.levels.length - 2),
      ),
    ),
  );
  const total = counts.reduce((s, v) => s + v, 0);
  for (let it = 0; it < iterations; it++) {
    const model: FsModel = { comparisons: [...comparisons], m, u, lambda };
    const weights = levelWeights(model);
    const acc = comparisons.map((c) => new Array<number>(c.levels.length).fill(1e-3));
    let matches = 0;
    for (let p = 0; p < patterns.length; p++) {
      const { weight } = explainFast(patterns[p], weights, priorWeight(lambda));
      const pm = probability(weight) * counts[p];
      matches += pm;
      for (let c = 0; c < C; c++) if (patterns[p][c] >= 0) acc[c][patterns[p][c]] += pm;
    }
    lambda = Math.min(Math.max(matches / total, 1e-9), maxLambda);
    m = acc.map(normalise);
  }
  return {
    comparisons: comparisons.map((c) => ({ name: c.name, levels: c.levels })),
    m,
    u,
    lambda,
  };
}

function explainFast(vector: ArrayLike<number>, weights: number[][], prior: number): { weight: number } {
  let weight = prior;
  for (let c = 0; c < vector.length; c++) if (vector[c] >= 0) weight += weights[c][vector[c]];
  return { weight };
}

export interface PriorFitInput {
  comparisons: readonly ComparisonSpec[];
  /** Prior m per comparison level: known registration-error rates of true matches. */
  mPrior: number[][];
  /** u per level among all pairs (value frequencies, random pairs): held fixed. */
  u: number[][];
  /** Distinct patterns of the candidate pairs and how often each occurs. */
  patterns: ArrayLike<number>[];
  counts: ArrayLike<number>;
  /** All cross-list pairs the candidates were drawn from (non-candidates count as non-matches). */
  totalPairs: number;
  /** Expected matches before looking: the prior mean of λ·totalPairs. */
  expectedMatches: number;
  /** Weight of the m prior in pseudo-pairs (Dirichlet), and of the λ prior in pseudo-matches. */
  mStrength?: number;
  lambdaStrength?: number;
  iterations?: number;
  /**
   * m learns only from pairs at least this likely a match. On large lists the many same-name
   * pairs of different persons, each a little likely, would otherwise add up and pull m of
   * "another date of birth" up, which makes them likelier still (EM drift); with coarse levels
   * (PPRL) a high bar keeps a level that holds both kinds (a day off, another day) at its prior.
   * One number for all comparisons, or one per comparison.
   */
  learnFrom?: number | number[];
}

/**
 * EM constrained by priors (MAP): u stays at its all-pairs estimate, which is cheap and reliable
 * at any list size; m starts at the prior and moves only as far as the evidence outweighs the
 * Dirichlet pseudo-counts; λ is over all cross-list pairs, with a Beta prior around the expected
 * overlap. Unconstrained EM (or the within-list fit) drifts: with a small name pool it takes
 * same-name pairs for matches, on small lists it has too little to go on.
 */
export function fitWithPriors({
  comparisons,
  mPrior,
  u,
  patterns,
  counts,
  totalPairs,
  expectedMatches,
  mStrength = 200,
  lambdaStrength = Math.max(5, expectedMatches / 10),
  iterations = 25,
  learnFrom = 0.5,
}: PriorFitInput): FsModel {
  const C = comparisons.length;
  const learn = typeof learnFrom === 'number' ? comparisons.map(() => learnFrom) : learnFrom;
  const minLearn = Math.min(...learn);
  const lambdaPrior = Math.min(0.5, expectedMatches / totalPairs);
  let lambda = lambdaPrior;
  const prior0 = mPrior.map(normalise);
  let m = prior0;
  const alpha = lambdaStrength;
  const beta = alpha * (1 / lambdaPrior - 1);
  for (let it = 0; it < iterations; it++) {
    const weights = levelWeights({ comparisons: [...comparisons], m, u, lambda });
    const prior = priorWeight(lambda);
    const acc = prior0.map((levels) => levels.map((p) => p * mStrength));
    let matches = 0;
    for (let p = 0; p < patterns.length; p++) {
      const posterior = probability(explainFast(patterns[p], weights, prior).weight);
      matches += posterior * counts[p];
      if (posterior < minLearn) continue;
      for (let c = 0; c < C; c++)
        if (patterns[p][c] >= 0 && posterior >= learn[c]) acc[c][patterns[p][c]] += posterior * counts[p];
    }
    m = acc.map(normalise);
    lambda = Math.min(0.5, Math.max(1e-12, (matches + alpha) / (totalPairs + alpha + beta)));
  }
  return { comparisons: comparisons.map((c) => ({ name: c.name, levels: c.levels })), m, u, lambda };
}
