import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderImage } from '../../bench/crawler/images.ts';
import { dHash, hamming64, parseHash64 } from './dhash.ts';
import { decodePngToGrey, encodeRgbPng, PngError } from './png.ts';

const distance = (a: string, b: string) => {
  const [ah, al] = parseHash64(a)!;
  const [bh, bl] = parseHash64(b)!;
  return hamming64(ah, al, bh, bl);
};

test('PNG round trip keeps the pixels, whatever the row filter', () => {
  const rgb = new Uint8Array(5 * 4 * 3).map((_, i) => (i * 37) % 256);
  for (const filter of [0, 1, 2] as const) {
    const grey = decodePngToGrey(encodeRgbPng(5, 4, rgb, { filter }));
    assert.equal(grey.width, 5);
    assert.equal(grey.grey[0], Math.round(0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2]));
  }
});

test('re-encoded, noisy copies hash close; different pictures far apart', () => {
  const hashes = (base: number) =>
    [0, 1, 2, 3].map((v) => dHash(decodePngToGrey(renderImage(7, `${base}-${v}`))));
  const a = hashes(1);
  const b = hashes(2);
  assert.notDeepEqual(renderImage(7, '1-0'), renderImage(7, '1-1'));
  for (const h of a) assert.ok(distance(a[0], h) <= 4, `copy distance ${distance(a[0], h)}`);
  assert.ok(distance(a[0], b[0]) > 10, `different pictures distance ${distance(a[0], b[0])}`);
});

test('broken PNGs are reported with their cause', () => {
  assert.throws(() => decodePngToGrey(Buffer.from('GIF89a')), PngError);
  const png = renderImage(7, '1-0');
  assert.throws(() => decodePngToGrey(png.subarray(0, 60)), /truncated|IDAT|inflate/);
});
