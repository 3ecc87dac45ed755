import sharp from 'sharp';
import type { GreyImage } from './dhash.ts';

/**
 * Decodes the pictures of crawled ads (PNG, JPEG, WebP) to grey for the image hash, with libvips
 * through sharp: a maintained decoder instead of our own. A crawled file is untrusted, so the
 * size it DECLARES is checked from its header before anything is decoded: a small file that
 * claims 40 megapixels (a decompression bomb) is refused with that cause and never decoded, and
 * libvips' own pixel limit stays on as a second guard. One image at a time, no decoder cache.
 */
export const MAX_IMAGE_PIXELS = 16_000_000;
/** Compressed bytes accepted; the fetcher's size limit normally stops far bigger files earlier. */
export const MAX_IMAGE_BYTES = 20_000_000;

sharp.cache(false);
sharp.concurrency(1);

export class ImageError extends Error {}

export type ImageFormat = 'png' | 'jpeg' | 'webp';

/** The format by its magic bytes (a Content-Type header can lie). */
export function sniffFormat(bytes: Uint8Array): ImageFormat | undefined {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 12));
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]))) return 'png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP')
    return 'webp';
  return undefined;
}

export async function decodeToGrey(bytes: Uint8Array, maxPixels = MAX_IMAGE_PIXELS): Promise<GreyImage> {
  const format = sniffFormat(bytes);
  if (!format) throw new ImageError('not a PNG, JPEG or WebP image (unknown signature)');
  if (bytes.byteLength > MAX_IMAGE_BYTES)
    throw new ImageError(`${format} file of ${bytes.byteLength} bytes is larger than ${MAX_IMAGE_BYTES}`);
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const options = { limitInputPixels: maxPixels, failOn: 'error' as const, sequentialRead: true };
  let width: number | undefined;
  let height: number | undefined;
  try {
    // Only the header is read here (no pixels), so libvips' limit is left to the decode below and
    // the refusal can name the declared size.
    ({ width, height } = await sharp(input, { ...options, limitInputPixels: false }).metadata());
  } catch (error) {
    throw new ImageError(`${format} header unreadable: ${(error as Error).message}`);
  }
  if (!width || !height) throw new ImageError(`${format} header gives no size`);
  if (width * height > maxPixels) {
    throw new ImageError(
      `${format} declares ${width}×${height} = ${((width * height) / 1e6).toFixed(1)} megapixels, more than the limit of ${maxPixels / 1e6}: refused without decoding (decompression bomb?)`,
    );
  }
  try {
    const { data, info } = await sharp(input, options)
      .flatten({ background: '#ffffff' })
      .greyscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 1) throw new Error(`expected 1 grey channel, got ${info.channels}`);
    return {
      width: info.width,
      height: info.height,
      grey: new Uint8Array(data.buffer, data.byteOffset, data.length),
    };
  } catch (error) {
    throw new ImageError(`${format} does not decode: ${(error as Error).message}`);
  }
}
