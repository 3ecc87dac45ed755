import { encodeRgbPng } from '../../src/crawler/png.ts';
import { Random } from './random.ts';

/**
 * Small synthetic photos: a base picture is a seeded 32×32 pattern of coloured blocks; its
 * variants add pixel noise and are re-encoded with another row filter and compression level,
 * so the bytes differ while a perceptual hash stays (nearly) equal.
 */
const SIZE = 32;
const GRID = 10;

function bilinear(grid: number[], gx: number, gy: number): number {
  const x0 = Math.min(GRID - 2, Math.floor(gx));
  const y0 = Math.min(GRID - 2, Math.floor(gy));
  const fx = gx - x0;
  const fy = gy - y0;
  const at = (x: number, y: number) => grid[y * GRID + x];
  const top = at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx;
  const bottom = at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx;
  return top * (1 - fy) + bottom * fy;
}

export function renderImage(seed: number, name: string): Buffer {
  const match = /^(\d+)-(\d+)$/.exec(name);
  if (!match) throw new Error(`image name "${name}" is not <base>-<variant>`);
  const base = Number(match[1]);
  const variant = Number(match[2]);
  const pattern = new Random(seed * 7919 + base * 104729 + 1);
  // A coarse random grid, smoothly interpolated: like a photo, neighbouring areas differ, and
  // different pictures give unrelated hashes.
  const grid = Array.from({ length: GRID * GRID }, () => pattern.int(20, 235));
  const tint = [pattern.next() * 0.4 + 0.8, pattern.next() * 0.4 + 0.8, pattern.next() * 0.4 + 0.8];
  const noise = new Random(seed * 31 + base * 977 + variant * 13 + 7);
  const rgb = new Uint8Array(SIZE * SIZE * 3);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const level = bilinear(grid, (x / (SIZE - 1)) * (GRID - 1), (y / (SIZE - 1)) * (GRID - 1));
      for (let c = 0; c < 3; c++) {
        const jitter = variant === 0 ? 0 : noise.int(-3, 3);
        rgb[(y * SIZE + x) * 3 + c] = Math.max(0, Math.min(255, Math.round(level * tint[c]) + jitter));
      }
    }
  }
  return encodeRgbPng(SIZE, SIZE, rgb, {
    filter: (variant % 3) as 0 | 1 | 2,
    level: variant % 2 === 0 ? 9 : 1,
  });
}
