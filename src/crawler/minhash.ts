import { mix32 } from './hashing.ts';

/**
 * MinHash signatures of shingle sets and their LSH band keys.
 * With 32 hashes in 8 bands of 4 rows, pairs with Jaccard 0.8 become candidates with
 * probability 0.985, pairs at 0.3 with 0.06; candidates are then checked on the full signature.
 */
export interface MinHashParams {
  hashes: number;
  bands: number;
}

export const DEFAULT_MINHASH: MinHashParams = { hashes: 32, bands: 8 };

const SEEDS = Array.from({ length: 256 }, (_, i) => mix32(i * 0x27d4eb2d + 0x165667b1));

export function signature(
  shingles: Uint32Array,
  hashes: number,
  out: Uint32Array = new Uint32Array(hashes),
): Uint32Array {
  out.fill(0xffffffff);
  for (let s = 0; s < shingles.length; s++) {
    const x = shingles[s];
    for (let i = 0; i < hashes; i++) {
      const h = mix32((x ^ SEEDS[i]) >>> 0);
      if (h < out[i]) out[i] = h;
    }
  }
  return out;
}

export function bandKey(sig: Uint32Array, offset: number, band: number, rows: number): number {
  let h = mix32(band + 0x9e3779b9);
  for (let r = 0; r < rows; r++) h = mix32((h ^ sig[offset + band * rows + r]) >>> 0);
  return h;
}

/** Estimated Jaccard similarity: the share of equal signature positions. */
export function estimateJaccard(sigs: Uint32Array, a: number, b: number, hashes: number): number {
  let same = 0;
  const oa = a * hashes;
  const ob = b * hashes;
  for (let i = 0; i < hashes; i++) if (sigs[oa + i] === sigs[ob + i]) same++;
  return same / hashes;
}
