/**
 * Scoring encoded pairs: the Dice similarity of every segment, graded into levels, weighed by
 * Fellegi–Sunter, with m, u and λ fitted from the candidate pairs themselves (see `fit`);
 * nothing here needs a clear value.
 */

import { DATE_LEVELS } from '../dates.ts';
import {
  type ComparisonSpec,
  type FsModel,
  fitWithPriors,
  levelWeights,
  priorWeight,
} from '../fellegiSunter.ts';
import { ABBREVIATED, type ClkSettings, ESTIMATED, type Hardening } from './clk.ts';
import { DATE_SLOTS, dateLevel } from './dateTokens.ts';

/** One encoded list in memory: filters back to back, and what the linkage needs per record. */
export interface EncodedList {
  name: string;
  /** All records' filters back to back, `words` 32-bit words each. */
  clks: Uint32Array;
  words: number;
  /** Word offset of every segment within a record, and the record length last. */
  offsets: number[];
  /** Bit s set: segment s of the record is empty (nothing to compare); ABBREVIATED: initials only. */
  empty: Uint8Array;
  /** Keyed date tokens, DATE_SLOTS per record (see dateTokens.ts). */
  dates: Uint32Array;
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

/** Dice of two balanced segments: each has exactly half its bits set, so only the overlap counts. */
function diceBalanced(a: Uint32Array, ao: number, b: Uint32Array, bo: number, words: number): number {
  let both = 0;
  for (let w = 0; w < words; w++) both += popcount(a[ao + w] & b[bo + w]);
  return both / (words * 16);
}

/**
 * Dice thresholds of the levels. A balanced segment is half set whatever its content, so its
 * Dice is 1 − (Hamming distance of the plain filters)/bits and unrelated values still score
 * about 0.65: its levels sit higher.
 */
const THRESHOLDS: Record<Hardening, number[]> = {
  balance: [0.99, 0.96, 0.93, 0.9, 0.87, 0.84, 0.81, 0.77, 0.73, 0.69],
  'xor-fold': [0.99, 0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.62, 0.55, 0.48],
  none: [0.99, 0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.6, 0.3, 0.15],
};

/**
 * Dice of the initial segments: both initials agree (from INITIAL_AGREES), or only the pair of
 * given and family initial, which is what names the other way round leave (from PAIR_AGREES).
 */
const INITIAL_AGREES = 0.95;
const PAIR_AGREES = 0.75;

/** Levels from which given and family name are also compared crosswise. */
const SWAP_BELOW = 4;

/**
 * Prior m per Dice level (top level first, then "else", then "initials": one side has initials
 * only and they agree; only the given name uses that level): how often a true match's segment lands
 * there, from the registration errors seen in Dutch lists (about one in eight names or dates has
 * a typo, a missing prefix, initials only or a transliteration, which fall in the lower levels).
 */
export const M_PRIOR: Record<string, number[]> = {
  given: [0.86, 0.03, 0.025, 0.02, 0.015, 0.01, 0.01, 0.01, 0.01, 0.005, 0.005, 0.04],
  family: [0.86, 0.03, 0.025, 0.02, 0.015, 0.01, 0.01, 0.01, 0.01, 0.005, 0.005, 1e-4],
  birth: [0.86, 0.06, 0.03, 0.015, 0.01, 0.008, 0.006, 0.005, 0.002, 0.002, 0.002, 1e-4],
  extra: [0.6, 0.1, 0.08, 0.06, 0.05, 0.04, 0.03, 0.02, 0.01, 0.005, 0.005, 1e-4],
  // The date levels of dates.ts (exact … else), as in clear text's DEFAULT_MODEL.
  date: [0.8, 0.05, 0.03, 0.04, 0.03, 0.01, 0.005, 0.015, 0.015, 0.01],
};

/**
 * Prior u per Dice level for non-matches, used as pseudo-counts where a list is too small to
 * tell (a date of birth is shared by about one pair in 10,000, a first name by one in 100).
 */
export const U_PRIOR: Record<string, number[]> = {
  given: [0.01, 0.002, 0.002, 0.003, 0.004, 0.006, 0.01, 0.02, 0.04, 0.08, 0.82, 0.003],
  family: [0.005, 0.002, 0.002, 0.003, 0.004, 0.006, 0.01, 0.02, 0.04, 0.08, 0.828, 1e-4],
  birth: [1e-4, 3e-4, 6e-4, 1e-3, 2e-3, 4e-3, 8e-3, 0.015, 0.03, 0.06, 0.879, 1e-4],
  extra: [1e-4, 3e-4, 6e-4, 1e-3, 2e-3, 4e-3, 8e-3, 0.015, 0.03, 0.06, 0.879, 1e-4],
  date: [4e-5, 0.0015, 5e-5, 1e-4, 0.001, 0.002, 0.002, 8e-4, 0.011, 0.9815],
};

/** Name of the comparison of the date tokens (after the segments). */
export const DATE_COMPARISON = 'date';

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
  private readonly dice: typeof dice;
  /** The given name's segment and the initial's (see INITIAL_SEGMENT), when the encoding has them. */
  private readonly given: number;
  private readonly initial: number;
  private readonly elseLevel: number;
  private readonly initialsLevel: number;
  /** Index of the date comparison (after the compared segments). */
  readonly date: number;

  constructor(settings: ClkSettings) {
    this.thresholds = THRESHOLDS[settings.hardening];
    this.dice = settings.hardening === 'balance' ? diceBalanced : dice;
    const segments = settings.segments;
    this.initial = segments.findIndex((s) => s.name === 'initial');
    if (this.initial >= 0 && this.initial !== segments.length - 1)
      throw new Error('the initial segment must be the last segment');
    const g = segments.findIndex((s) => s.name === 'given');
    const f = segments.findIndex((s) => s.name === 'family');
    this.given = this.initial >= 0 ? g : -1;
    this.elseLevel = this.thresholds.length;
    this.initialsLevel = this.thresholds.length + 1;
    if (g >= 0 && f >= 0 && segments[g].keyGroup && segments[g].keyGroup === segments[f].keyGroup)
      this.swap = [g, f];
    const compared = this.initial >= 0 ? segments.slice(0, -1) : segments;
    this.date = compared.length;
    this.levels = new Int8Array(compared.length + 1);
    const levels = [...this.thresholds.map((t) => `dice_${t}`), 'else', 'initials'];
    this.comparisons = [
      ...compared.map((s) => ({ name: s.name, levels })),
      { name: DATE_COMPARISON, levels: DATE_LEVELS },
    ];
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

  segmentDice(A: EncodedList, a: number, sa: number, B: EncodedList, b: number, sb: number): number {
    const words = A.offsets[sa + 1] - A.offsets[sa];
    return this.dice(A.clks, a * A.words + A.offsets[sa], B.clks, b * B.words + B.offsets[sb], words);
  }

  /**
   * The level of comparison s of a pair, or radix-1 when a side is empty. A given name of initials
   * only is compared by its initial alone: "initials" when it agrees, "else" when not.
   */
  segmentLevel(A: EncodedList, a: number, B: EncodedList, b: number, s: number): number {
    if (s === this.date) {
      const level = dateLevel(
        A.dates,
        a * DATE_SLOTS,
        (A.empty[a] & ESTIMATED) !== 0,
        B.dates,
        b * DATE_SLOTS,
        (B.empty[b] & ESTIMATED) !== 0,
      );
      return level < 0 ? this.radix - 1 : level;
    }
    const flags = A.empty[a] | B.empty[b];
    if ((flags >> s) & 1) return this.radix - 1;
    if (s === this.given && flags & ABBREVIATED) {
      const i = this.initial;
      return this.segmentDice(A, a, i, B, b, i) >= INITIAL_AGREES ? this.initialsLevel : this.elseLevel;
    }
    return this.level(this.segmentDice(A, a, s, B, b, s));
  }

  /** The pattern of a pair as one number: per comparison its level (see segmentLevel). */
  code(A: EncodedList, a: number, B: EncodedList, b: number): number {
    const S = this.comparisons.length;
    const levels = this.levels;
    const missing = A.empty[a] | B.empty[b];
    for (let s = 0; s < S; s++) levels[s] = this.segmentLevel(A, a, B, b, s);
    if (this.swap && !(missing & ABBREVIATED)) {
      // Given and family name the other way round: compare them crosswise when both disagree.
      const [g, f] = this.swap;
      if (
        levels[g] >= SWAP_BELOW &&
        levels[g] <= this.elseLevel &&
        levels[f] >= SWAP_BELOW &&
        !(missing & ((1 << g) | (1 << f)))
      ) {
        const gf = this.level(this.segmentDice(A, a, g, B, b, f));
        const fg = this.level(this.segmentDice(A, a, f, B, b, g));
        if (Math.max(gf, fg) < Math.min(levels[g], levels[f])) {
          levels[g] = gf;
          levels[f] = fg;
        }
      }
    } else if (this.swap && levels[this.swap[1]] >= SWAP_BELOW) {
      this.swapAbbreviated(A, a, B, b, levels);
    }
    let code = 0;
    for (let s = S - 1; s >= 0; s--) code = code * this.radix + levels[s];
    return code;
  }

  /**
   * "H. Lisa" against "Lisa Hulst": one side has initials only and the names the other way round.
   * Its family name is compared with the other's given name, and its initial with the other's
   * family initial (through the order-free pair in the initial segment).
   */
  private swapAbbreviated(A: EncodedList, a: number, B: EncodedList, b: number, levels: Int8Array): void {
    const [g, f] = this.swap as [number, number];
    if (this.initial < 0) return;
    const abbreviatedA = (A.empty[a] & ABBREVIATED) !== 0;
    if (abbreviatedA === ((B.empty[b] & ABBREVIATED) !== 0)) return;
    const missing = A.empty[a] | B.empty[b];
    if (missing & ((1 << g) | (1 << f) | (1 << this.initial))) return;
    const i = this.initial;
    if (this.segmentDice(A, a, i, B, b, i) < PAIR_AGREES) return;
    const crossed = abbreviatedA
      ? this.level(this.segmentDice(A, a, f, B, b, g))
      : this.level(this.segmentDice(A, a, g, B, b, f));
    if (crossed < levels[f]) {
      levels[f] = crossed;
      levels[g] = this.initialsLevel;
    }
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
   * Fits m and λ by EM constrained by priors (see fitWithPriors), with u fixed at its all-pairs
   * estimate; `counts` are the candidate pairs' pattern counts.
   */
  fit(counts: Float64Array, u: number[][], totalPairs: number, expectedMatches: number): FsModel {
    const patterns: Int8Array[] = [];
    const weights: number[] = [];
    for (let code = 0; code < counts.length; code++) {
      if (counts[code] === 0) continue;
      patterns.push(this.decode(code));
      weights.push(counts[code]);
    }
    const model = fitWithPriors({
      comparisons: this.comparisons,
      mPrior: this.comparisons.map((c) => M_PRIOR[c.name] ?? M_PRIOR.given),
      u,
      patterns,
      counts: weights,
      totalPairs,
      expectedMatches,
      // Segment levels mix a typing error with another person's near value (a day off, another
      // day of that month): m must also learn from the borderline pairs, or it sticks at 0. The
      // date's levels are exact (dateTokens.ts) and learn as in clear text, from likely matches
      // only: else same-name pairs of the same year (initials, a small name pool) would teach m
      // that "the same year" is how matches look (EM drift).
      learnFrom: this.comparisons.map((c) => (c.name === DATE_COMPARISON ? 0.5 : 0.1)),
    });
    this.applyModel(model);
    return model;
  }

  /** Segments at the top level (near-equal) in a pattern code, as a bit mask. */
  agreeMask(code: number): number {
    const levels = this.decode(code);
    let mask = 0;
    for (let s = 0; s < levels.length; s++) if (levels[s] === 0) mask |= 1 << s;
    return mask;
  }

  applyModel(model: FsModel): void {
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
