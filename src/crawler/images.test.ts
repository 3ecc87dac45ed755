import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderImage } from '../../bench/crawler/images.ts';
import { dHash, hamming64, parseHash64 } from './dhash.ts';
import { decodeToGrey, ImageError, sniffFormat } from './image-decode.ts';
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

// Issue 13: JPEG and WebP beside PNG, through a maintained decoder with a pixel limit.
const { crc32 } = await import('node:zlib');

/** A small PNG whose header claims width×height (CRC fixed): a decompression bomb's shape. */
function pngClaiming(width: number, height: number): Buffer {
  const png = Buffer.from(encodeRgbPng(4, 4, new Uint8Array(48)));
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}

/** A small JPEG whose frame header (SOF) claims height×width. */
function jpegClaiming(jpeg: Buffer, width: number, height: number): Buffer {
  const out = Buffer.from(jpeg);
  for (let i = 2; i + 9 < out.length; i++) {
    if (out[i] === 0xff && out[i + 1] >= 0xc0 && out[i + 1] <= 0xc2) {
      out.writeUInt16BE(height, i + 5);
      out.writeUInt16BE(width, i + 7);
      return out;
    }
  }
  throw new Error('no SOF marker');
}

test('JPEG and WebP copies of a picture hash close to its PNG; other pictures stay far', async () => {
  const sharp = (await import('sharp')).default;
  const png = renderImage(7, '1-0');
  const other = dHash(await decodeToGrey(renderImage(7, '2-0')));
  const fromPng = dHash(await decodeToGrey(png));
  assert.ok(distance(fromPng, dHash(decodePngToGrey(png))) <= 2, 'libvips and the own PNG decoder agree');
  const jpeg = await sharp(png).jpeg({ quality: 70 }).toBuffer();
  const webp = await sharp(png).webp({ quality: 70 }).toBuffer();
  assert.equal(sniffFormat(jpeg), 'jpeg');
  assert.equal(sniffFormat(webp), 'webp');
  for (const copy of [jpeg, webp]) {
    const hash = dHash(await decodeToGrey(copy));
    assert.ok(distance(fromPng, hash) <= 6, `copy distance ${distance(fromPng, hash)}`);
    assert.ok(distance(other, hash) > 10);
  }
});

test('a 40-megapixel PNG and a JPEG bomb are refused with their cause, never decoded', async () => {
  const sharp = (await import('sharp')).default;
  await assert.rejects(
    decodeToGrey(pngClaiming(8000, 5000)),
    (error: unknown) =>
      error instanceof ImageError &&
      /png declares 8000×5000 = 40\.0 megapixels.*refused without decoding/.test(error.message),
  );
  const jpeg = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#808080' } })
    .jpeg()
    .toBuffer();
  assert.equal((await decodeToGrey(jpeg)).width, 16, 'the untouched JPEG decodes');
  const bomb = jpegClaiming(jpeg, 60_000, 60_000);
  assert.ok(bomb.length < 2_000, 'a bomb is a small file');
  await assert.rejects(
    decodeToGrey(bomb),
    (error: unknown) =>
      error instanceof ImageError && /jpeg declares 60000×60000 = 3600\.0 megapixels/.test(error.message),
  );
  await assert.rejects(decodeToGrey(Buffer.from('GIF89a......')), /not a PNG, JPEG or WebP/);
  await assert.rejects(decodeToGrey(jpeg.subarray(0, 40)), ImageError);
});
