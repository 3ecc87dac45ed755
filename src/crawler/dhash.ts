import { popcount32 } from './hashing.ts';

/**
 * 64-bit difference hash (dHash): shrink to 9×8 grey, one bit per "left brighter than right".
 * Robust to re-encoding, small resizes and brightness changes; compared by Hamming distance.
 */
export interface GreyImage {
  width: number;
  height: number;
  /** One byte per pixel, row-major. */
  grey: Uint8Array;
}

/** Area-averaged downscale, so small noise does not flip bits the way nearest-neighbour would. */
function shrink(image: GreyImage, width: number, height: number): Float64Array {
  const out = new Float64Array(width * height);
  for (let y = 0; y < height; y++) {
    const y0 = Math.floor((y * image.height) / height);
    const y1 = Math.max(y0 + 1, Math.floor(((y + 1) * image.height) / height));
    for (let x = 0; x < width; x++) {
      const x0 = Math.floor((x * image.width) / width);
      const x1 = Math.max(x0 + 1, Math.floor(((x + 1) * image.width) / width));
      let sum = 0;
      for (let yy = y0; yy < y1; yy++)
        for (let xx = x0; xx < x1; xx++) sum += image.grey[yy * image.width + xx];
      out[y * width + x] = sum / ((y1 - y0) * (x1 - x0));
    }
  }
  return out;
}

/** The hash as 16 lower-case hex digits. */
export function dHash(image: GreyImage): string {
  if (image.width < 1 || image.height < 1) throw new Error('image has no pixels');
  const small = shrink(image, 9, 8);
  let hi = 0;
  let lo = 0;
  for (let y = 0; y < 8; y++) {
    for (let x = 0; x < 8; x++) {
      const bit = small[y * 9 + x] > small[y * 9 + x + 1] ? 1 : 0;
      const index = y * 8 + x;
      if (index < 32) hi = (hi << 1) | bit;
      else lo = (lo << 1) | bit;
    }
  }
  return (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
}

const HEX64 = /^[0-9a-f]{16}$/i;

/** Parses a 64-bit hex hash into two 32-bit halves; undefined when it is not 16 hex digits. */
export function parseHash64(hex: string): [number, number] | undefined {
  const clean = hex.trim().replace(/^0x/i, '');
  if (!HEX64.test(clean)) return undefined;
  return [Number.parseInt(clean.slice(0, 8), 16), Number.parseInt(clean.slice(8), 16)];
}

export function hamming64(aHi: number, aLo: number, bHi: number, bLo: number): number {
  return popcount32((aHi ^ bHi) >>> 0) + popcount32((aLo ^ bLo) >>> 0);
}
