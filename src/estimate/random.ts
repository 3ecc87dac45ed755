/** Seedable pseudo-random numbers, so bootstrap intervals can be reproduced exactly. */

/** SplitMix32-style mixing of (seed, stream) into a 32-bit state. */
export function mixSeed(seed: number, stream: number): number {
  let h = (Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(stream + 0x632be5ab, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

export { mulberry32 } from '../domain/random.ts';

/**
 * Multinomial resample of `counts` (size Σ counts, probabilities ∝ counts), one draw per person with a binary
 * search on the cumulative counts. Replicate j of seed s always gets the same stream, however work is split.
 */
export function resampleCounts(counts: Float64Array, random: () => number): Float64Array {
  const cells: number[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (let c = 0; c < counts.length; c++) {
    if (counts[c] > 0) {
      total += counts[c];
      cells.push(c);
      cumulative.push(total);
    }
  }
  const out = new Float64Array(counts.length);
  for (let draw = 0; draw < total; draw++) {
    const u = random() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    out[cells[lo]]++;
  }
  return out;
}
