/**
 * Scoring encoded pairs: the Dice similarity of every segment, graded into levels, weighed by
 * Fellegi–Sunter, with m, u and λ fitted from the candidate pairs themselves (see `fit`);
 * nothing here needs a clear value.
 */
import { type ComparisonSpec, type FsModel, levelWeights, priorWeight } from '../fellegiSunter.ts';
import type { ClkSettings, Hardening } from './clk.ts';

/** One encoded list in memory: filters back to back, and what the linkage needs per record. */
export interface EncodedList {
  name: string;
  /** All records' filters back to back, `words` 32-bit words each. */
  clks: Uint32Array;
  words: number;
  /** Word offset of every segment within a record, and the record length last. */
  offsets: number[];
  /** Bit s set: segment s of the record is empty (nothing to compare). */
  empty: Uint8Array;
  /** Keyed blocking tokens as numbers (the first 52 bits of each token). */
  blocks: number[][];
  /** Stratum values per record (empty objects without strata). */
  strata: Record<string, string>[];
  /** Row numbers in the partner's own file: for the privacy officer's quality control only. */
  rows: number[];
}

export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) | 0;
}

export function dice(a: Uint32Array, ao: number, b: Uint32Array, bo: number, words: number): number {
  let both = 0;
  let total = 0;
  for (let w = 0; w < words; w++) {
    const x = a[ao + w];
    const y = b[bo + w];
    both += popcount(x & y);
    total += popcount(x) + popcount(y);
  }
  return total === 0 ? 0 : (2 * both) / total;
}

/**
 * Dice thresholds of the levels. A balanced segment is half set whatever its content, so its
 * Dice is 1 − (Hamming distance of the plain filters)/bits and unrelated values still score
 * about 0.65: its levels sit higher.
 */
const THRESHOLDS: Record<Hardening, number[]> = {
  balance: [0.99, 0.96, 0.93, 0.9, 0.87, 0.84, 0.81, 0.77],
  'xor-fold': [0.99, 0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.62],
  none: [0.99, 0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.6],
};

/** Levels from which given and family name are also compared crosswise. */
const SWAP_BELOW = 4;

/** Pseudo pairs that smooth the odds of rare patterns towards the per-segment model. */
const PSEUDO = 4;

export class PairScorer {
  readonly comparisons: ComparisonSpec[];
  private readonly thresholds: number[];
  /** Levels per comparison, for the mixed-radix pattern code. */
  private readonly radix: number;
  private weightOfCode = new Float64Array(0);
  model?: FsModel;

  /** Segments of given and family name when they can be compared crosswise (same key group). */
  private readonly swap?: [number, number];
  private readonly levels: Int8Array;

  constructor(settings: ClkSettings) {
    this.thresholds = THRESHOLDS[settings.hardening];
    const g = settings.segments.findIndex((s) => s.name === 'given');
    const f = settings.segments.findIndex((s) => s.name === 'family');
    if (
      g >= 0 &&
      f >= 0 &&
      settings.segments[g].keyGroup &&
      settings.segments[g].keyGroup === settings.segments[f].keyGroup
    )
      this.swap = [g, f];
    this.levels = new Int8Array(settings.segments.length);
    const levels = [...this.thresholds.map((t) => `dice_${t}`), 'else'];
    this.comparisons = settings.segments.map((s) => ({ name: s.name, levels }));
    // One code more for "cannot compare" (an empty segment).
    this.radix = levels.length + 1;
  }

  get codes(): number {
    return this.radix ** this.comparisons.length;
  }

  level(similarity: number): number {
    const t = this.thresholds;
    for (let l = 0; l < t.length; l++) if (similarity >= t[l]) return l;
    return t.length;
  }

  private segmentDice(A: EncodedList, a: number, sa: number, B: EncodedList, b: number, sb: number): number {
    const words = A.offsets[sa + 1] - A.offsets[sa];
    return dice(A.clks, a * A.words + A.offsets[sa], B.clks, b * B.words + B.offsets[sb], words);
  }

  /** The pattern of a pair as one number: per segment its level, or radix-1 when empty. */
  code(A: EncodedList, a: number, B: EncodedList, b: number): number {
    const S = this.comparisons.length;
    const levels = this.levels;
    const missing = A.empty[a] | B.empty[b];
    for (let s = 0; s < S; s++) {
      levels[s] = (missing >> s) & 1 ? this.radix - 1 : this.level(this.segmentDice(A, a, s, B, b, s));
    }
    if (this.swap) {
      // Given and family name the other way round: compare them crosswise when both disagree.
      const [g, f] = this.swap;
      if (levels[g] >= SWAP_BELOW && levels[f] >= SWAP_BELOW && !(missing & ((1 << g) | (1 << f)))) {
        const gf = this.level(this.segmentDice(A, a, g, B, b, f));
        const fg = this.level(this.segmentDice(A, a, f, B, b, g));
        if (Math.max(gf, fg) < Math.min(levels[g], levels[f])) {
          levels[g] = gf;
          levels[f] = fg;
        }
      }
    }
    let code = 0;
    for (let s = S - 1; s >= 0; s--) code = code * this.radix + levels[s];
    return code;
  }

  decode(code: number): Int8Array {
    const out = new Int8Array(this.comparisons.length);
    for (let s = 0; s < out.length; s++) {
      const level = code % this.radix;
      out[s] = level === this.radix - 1 ? -1 : level;
      code = Math.floor(code / this.radix);
    }
    return out;
  }

  /**
   * Fits the model from pattern counts of two kinds of candidate pairs, without EM:
   * `cross` between lists (matches and non-matches) and `within` one list (non-matches only,
   * since a list holds a person once), scaled by `kappa` to the number expected among the cross
   * candidates. Within-list candidates share blocks the way cross-list non-matches do, so they
   * also carry the frequent names of a small name pool: their pattern counts are the
   * non-matches' distribution among candidates (u), and what the cross counts hold beyond them,
   * the matches' (m). Random pairs would instead make "same name" look like strong evidence.
   */
  fit(cross: Float64Array, within: Float64Array, kappa: number): FsModel {
    const S = this.comparisons.length;
    const L = this.radix - 1;
    const m = this.comparisons.map(() => new Array<number>(L).fill(0.5));
    const u = this.comparisons.map(() => new Array<number>(L).fill(0.5));
    let matches = 0;
    let candidates = 0;
    for (let code = 0; code < cross.length; code++) {
      if (cross[code] === 0 && within[code] === 0) continue;
      const excess = Math.max(0, cross[code] - kappa * within[code]);
      matches += excess;
      candidates += cross[code];
      const vector = this.decode(code);
      for (let s = 0; s < S; s++) {
        if (vector[s] < 0) continue;
        m[s][vector[s]] += excess;
        u[s][vector[s]] += within[code];
      }
    }
    const normalise = (xs: number[]) => {
      const sum = xs.reduce((a, b) => a + b, 0);
      return xs.map((x) => x / sum);
    };
    const lambda = Math.min(Math.max(matches / Math.max(1, candidates), 1e-6), 0.5);
    const model: FsModel = {
      comparisons: this.comparisons.map((c) => ({ name: c.name, levels: c.levels })),
      m: m.map(normalise),
      u: u.map(normalise),
      lambda,
    };
    this.model = model;
    // Blocking makes name and date dependent among non-matches (a pair that shares no name key
    // shares a date key), so a pattern's odds come from its own counts; the per-segment product
    // only fills in patterns seen rarely or never (PSEUDO pairs spread by the product).
    this.weightOfCode = new Float64Array(this.codes);
    for (let code = 0; code < this.codes; code++) {
      const vector = this.decode(code);
      let fm = 1;
      let fu = 1;
      for (let s = 0; s < S; s++) {
        if (vector[s] < 0) continue;
        fm *= model.m[s][vector[s]];
        fu *= model.u[s][vector[s]];
      }
      const expectedNonMatches = kappa * within[code];
      const excess = Math.max(0, cross[code] - expectedNonMatches);
      this.weightOfCode[code] = Math.log2(
        (excess + PSEUDO * fm * lambda) / (expectedNonMatches + PSEUDO * fu * (1 - lambda)),
      );
    }
    return model;
  }

  useModel(model: FsModel): void {
    this.model = model;
    const weights = levelWeights(model);
    const prior = priorWeight(model.lambda);
    this.weightOfCode = new Float64Array(this.codes);
    for (let code = 0; code < this.codes; code++) {
      const vector = this.decode(code);
      let w = prior;
      for (let s = 0; s < vector.length; s++) if (vector[s] >= 0) w += weights[s][vector[s]];
      this.weightOfCode[code] = w;
    }
  }

  /** Match weight (log2 odds) of a pattern code under the fitted model. */
  weight(code: number): number {
    return this.weightOfCode[code];
  }
}
