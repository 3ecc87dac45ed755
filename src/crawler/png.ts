import { deflateSync, inflateSync } from 'node:zlib';
import type { GreyImage } from './dhash.ts';

/**
 * A small PNG codec: enough to hash the images an ad site serves (8-bit grey, grey+alpha,
 * RGB, RGBA and palette; all five row filters; not interlaced) and to write test images.
 * Written here because it is ~150 lines on node:zlib and avoids a native image dependency.
 */
const SIGNATURE = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

export class PngError extends Error {}

export function decodePngToGrey(data: Uint8Array): GreyImage {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (buf.length < 8 || !buf.subarray(0, 8).equals(SIGNATURE))
    throw new PngError('not a PNG file (bad signature)');
  let offset = 8;
  let width = 0;
  let height = 0;
  let colorType = -1;
  let palette: Buffer | undefined;
  const idat: Buffer[] = [];
  while (offset + 8 <= buf.length) {
    const length = buf.readUInt32BE(offset);
    const type = buf.toString('latin1', offset + 4, offset + 8);
    const body = buf.subarray(offset + 8, offset + 8 + length);
    if (body.length < length) throw new PngError(`chunk ${type} is truncated`);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const depth = body[8];
      colorType = body[9];
      if (depth !== 8) throw new PngError(`bit depth ${depth} not supported (only 8)`);
      if (body[12] !== 0) throw new PngError('interlaced PNG not supported');
      if (!(colorType in CHANNELS)) throw new PngError(`colour type ${colorType} unknown`);
      if (width * height > 16_000_000) throw new PngError(`image too large: ${width}×${height}`);
    } else if (type === 'PLTE') palette = body;
    else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  if (colorType < 0) throw new PngError('IHDR chunk missing');
  if (idat.length === 0) throw new PngError('no image data (IDAT)');
  if (colorType === 3 && !palette) throw new PngError('palette image without PLTE chunk');
  let raw: Buffer;
  try {
    raw = inflateSync(Buffer.concat(idat));
  } catch (error) {
    throw new PngError(`image data does not inflate: ${(error as Error).message}`);
  }
  const channels = CHANNELS[colorType];
  const stride = width * channels;
  if (raw.length < height * (stride + 1)) throw new PngError('image data shorter than the header says');
  const pixels = unfilter(raw, width, height, channels);
  return { width, height, grey: toGrey(pixels, width * height, colorType, palette) };
}

function unfilter(raw: Buffer, width: number, height: number, bpp: number): Uint8Array {
  const stride = width * bpp;
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    const prev = row - stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? out[row + x - bpp] : 0;
      const b = y > 0 ? out[prev + x] : 0;
      const c = x >= bpp && y > 0 ? out[prev + x - bpp] : 0;
      let value = raw[src + x];
      if (filter === 1) value += a;
      else if (filter === 2) value += b;
      else if (filter === 3) value += (a + b) >> 1;
      else if (filter === 4) value += paeth(a, b, c);
      else if (filter !== 0) throw new PngError(`row ${y} has unknown filter ${filter}`);
      out[row + x] = value & 0xff;
    }
  }
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

function luma(r: number, g: number, b: number): number {
  return Math.round(0.299 * r + 0.587 * g + 0.114 * b);
}

function toGrey(pixels: Uint8Array, count: number, colorType: number, palette?: Buffer): Uint8Array {
  const grey = new Uint8Array(count);
  const channels = CHANNELS[colorType];
  for (let i = 0; i < count; i++) {
    const p = i * channels;
    if (colorType === 0 || colorType === 4) grey[i] = pixels[p];
    else if (colorType === 3) {
      const e = pixels[p] * 3;
      grey[i] = luma(palette![e] ?? 0, palette![e + 1] ?? 0, palette![e + 2] ?? 0);
    } else grey[i] = luma(pixels[p], pixels[p + 1], pixels[p + 2]);
  }
  return grey;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
  return Buffer.concat([head, body, crc]);
}

export interface EncodeOptions {
  /** Row filter 0–2 used for every row; different filters give different bytes for the same pixels. */
  filter?: 0 | 1 | 2;
  level?: number;
}

/** Encodes 8-bit RGB pixels (width×height×3) as PNG. */
export function encodeRgbPng(
  width: number,
  height: number,
  rgb: Uint8Array,
  options: EncodeOptions = {},
): Buffer {
  const filter = options.filter ?? 0;
  const stride = width * 3;
  const raw = Buffer.alloc(height * (stride + 1));
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = filter;
    for (let x = 0; x < stride; x++) {
      const value = rgb[y * stride + x];
      const left = x >= 3 ? rgb[y * stride + x - 3] : 0;
      const up = y > 0 ? rgb[(y - 1) * stride + x] : 0;
      const predicted = filter === 1 ? left : filter === 2 ? up : 0;
      raw[y * (stride + 1) + 1 + x] = (value - predicted) & 0xff;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = 2;
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: options.level ?? 6 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
