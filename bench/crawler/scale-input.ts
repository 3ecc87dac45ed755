import { mix32 } from '../../src/crawler/hashing.ts';
import type { SynthAd } from './generator.ts';

/**
 * A synthetic ad as one line of `ads cluster` input. For scale runs the image hashes are derived
 * (a seeded 64-bit hash per picture, re-encodings flip up to 2 bits) instead of drawing a
 * million PNGs; the crawl benchmark hashes real PNGs.
 */
export function imageHashFor(seed: number, name: string): string {
  const [base, variant] = name.split('-').map(Number);
  let hi = mix32((seed * 0x9e3779b1 + base * 2 + 1) >>> 0);
  let lo = mix32((hi ^ (base * 0x85ebca6b)) >>> 0);
  for (let flip = 0; flip < variant % 3; flip++) {
    const bit = mix32((base * 31 + variant * 7 + flip) >>> 0) % 64;
    if (bit < 32) hi ^= 1 << bit;
    else lo ^= 1 << (bit - 32);
  }
  return (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
}

export function toInputLine(ad: SynthAd, seed: number): string {
  const phones: string[] = [];
  if (ad.phoneField) phones.push(ad.phoneField);
  else phones.push(ad.text.slice(ad.text.lastIndexOf(ad.lang === 'nl' ? 'Bel' : 'Call')));
  const agency = /(?:bureau|agency) (0\d{9})/.exec(ad.text);
  if (agency) phones.push(agency[1]);
  return JSON.stringify({
    id: ad.id,
    title: ad.title,
    text: ad.text,
    phones,
    emails: ad.email ? [ad.email] : [],
    city: ad.city,
    posted_at: ad.postedAt,
    image_hashes: ad.images.map((name) => imageHashFor(seed, name)),
  });
}
