/**
 * CLK encoding (cryptographic long-term key, Schnell, Bachteler & Reiher 2009), split into a few
 * segments (see tokens.ts) so the linkage can weigh names and date of birth apart. Hardened:
 * - every segment has its own HMAC key derived from the secret and the salt, and every token is
 *   hashed with one HMAC whose output gives all k positions (no double hashing, whose pattern is
 *   attackable);
 * - the salt (per estimation round) makes encodings of different rounds unlinkable;
 * - `balance` (default) appends the complement and permutes with a keyed permutation, so every
 *   segment has exactly half its bits set (defeats frequency and Hamming-weight pattern mining);
 *   `xor-fold` folds each segment in half instead.
 * Browser-compatible: no Node APIs here (TextEncoder, typed arrays and btoa only).
 */

import { mulberry32 } from '../../domain/random.ts';
import { nameDateKeys, weakNameDateKeys } from '../blocking.ts';
import { foldName } from '../normalize.ts';
import type { PersonInput } from '../person.ts';
import { preparePerson } from '../person.ts';
import { DATE_SLOTS, dateViews } from './dateTokens.ts';
import { HmacSha256, toHex } from './hmac.ts';
import {
  BIRTH_SEGMENT,
  FAMILY_SEGMENT,
  fieldTokens,
  GIVEN_SEGMENT,
  INITIAL_SEGMENT,
  type SegmentSpec,
  tokenWeight,
} from './tokens.ts';

export type Hardening = 'balance' | 'xor-fold' | 'none';

export interface ClkSettings {
  format: 'ketenplein-clk';
  /**
   * 4: the date of birth as keyed date tokens (dateTokens.ts) instead of in the birth filter, and
   * an estimated-date flag; 5: five more date tokens (a year off with a second error). Files of
   * earlier versions are refused.
   */
  version: 5;
  hardening: Hardening;
  /** Public per-round salt mixed into every key. */
  salt: string;
  segments: SegmentSpec[];
}

export function defaultSettings(overrides: Partial<ClkSettings> = {}): ClkSettings {
  return {
    format: 'ketenplein-clk',
    version: 5,
    hardening: 'balance',
    salt: '',
    segments: [GIVEN_SEGMENT, FAMILY_SEGMENT, BIRTH_SEGMENT, INITIAL_SEGMENT],
    ...overrides,
  };
}

/** The secret must be long enough to resist guessing: the fingerprint would let one test guesses. */
export const MIN_SECRET_BYTES = 32;

/** 32-bit words of one segment once hardened. */
export function segmentWords(bits: number, hardening: Hardening): number {
  const out = hardening === 'balance' ? bits * 2 : hardening === 'xor-fold' ? bits / 2 : bits;
  return out / 32;
}

/** Word offsets of the segments in an encoded record, and its total length (last entry). */
export function segmentOffsets(settings: ClkSettings): number[] {
  const offsets = [0];
  for (const s of settings.segments) offsets.push(offsets.at(-1)! + segmentWords(s.bits, settings.hardening));
  return offsets;
}

export interface EncodableRecord {
  person: PersonInput;
  /** Values of extra fields by name. */
  extra?: Record<string, string>;
}

export interface EncodedRecord {
  /** Index of every segment left empty (no value in any of its fields). */
  empty: number[];
  /** Keyed blocking tokens (16 hex characters each). */
  blocks: string[];
  /** Keyed tokens of the weak keys (see weakNameDateKeys): used only where their block is small. */
  weak: string[];
  /** The given name is initials only: its initial, not its segment, is what to compare. */
  abbreviated: boolean;
  /** Keyed date tokens (DATE_SLOTS, 0 = none; see dateTokens.ts); shared between equal dates: copy, never write. */
  dates: Uint32Array;
  /** The date of birth is an estimate (1 January, 1 July, the year alone). */
  estimated: boolean;
}

/** Bit of EncodedList.empty that marks a record whose given name is initials only. */
export const ABBREVIATED = 1 << 7;
/** Bit of EncodedList.empty that marks a record whose date of birth is an estimate. */
export const ESTIMATED = 1 << 6;

const DERIVATION = 'ketenplein-clk/2';
const CACHE_LIMIT = 200_000;
/** Shortest extra value used as a blocking key. */
const MIN_EXTRA_KEY = 5;

interface SegmentCoder {
  spec: SegmentSpec;
  key: HmacSha256;
  /** Bit positions of tokens already seen, per field of the segment. */
  cache: Map<string, Uint16Array>[];
  permutation?: Uint32Array;
  complement?: Uint32Array;
  filter: Uint32Array;
}

export class ClkEncoder {
  private readonly segments: SegmentCoder[];
  private readonly blockKey: HmacSha256;
  private readonly dateKey: HmacSha256;
  /** Date tokens per date already seen (callers copy them; never written to). */
  private readonly dateCache = new Map<string, Uint32Array>();
  readonly fingerprint: string;
  readonly offsets: number[];
  private readonly out = new Uint32Array(8);

  constructor(
    secret: Uint8Array,
    readonly settings: ClkSettings,
  ) {
    if (secret.length < MIN_SECRET_BYTES)
      throw new Error(`secret too short: ${secret.length} < ${MIN_SECRET_BYTES} bytes`);
    for (const s of settings.segments) {
      if (s.bits < 64 || (s.bits & (s.bits - 1)) !== 0)
        throw new Error(`segment ${s.name}: bits must be a power of two ≥ 64`);
    }
    const groupBits = new Map<string, number>();
    for (const s of settings.segments) {
      const group = s.keyGroup ?? s.name;
      if ((groupBits.get(group) ?? s.bits) !== s.bits)
        throw new Error(`segments of key group ${group} must have the same number of bits`);
      groupBits.set(group, s.bits);
    }
    const master = new HmacSha256(secret);
    const derive = (purpose: string) =>
      new HmacSha256(master.bytes(`${DERIVATION}/${settings.salt}/${purpose}`));
    this.segments = settings.segments.map((spec) => {
      const group = spec.keyGroup ?? spec.name;
      const coder: SegmentCoder = {
        spec,
        key: derive(`segment/${group}`),
        cache: spec.fields.map(() => new Map()),
        filter: new Uint32Array(spec.bits / 32),
      };
      if (settings.hardening === 'balance') {
        coder.permutation = keyedPermutation(spec.bits * 2, derive(`permutation/${group}`).words('seed'));
        // The complement half starts all set; encoding clears the positions of set bits.
        coder.complement = new Uint32Array(spec.bits / 16);
        for (let i = 0; i < spec.bits; i++) setBit(coder.complement, coder.permutation[spec.bits + i]);
      }
      return coder;
    });
    this.blockKey = derive('blocking');
    this.dateKey = derive('dates');
    this.offsets = segmentOffsets(settings);
    // The fingerprint binds secret and settings: files made with another key or settings differ.
    this.fingerprint = toHex(master.bytes(`${DERIVATION}/fingerprint/${canonicalJson(settings)}`)).slice(
      0,
      32,
    );
  }

  /** Words of one encoded record. */
  get words(): number {
    return this.offsets[this.offsets.length - 1];
  }

  /** Encodes a record into `target` at word `offset` (the filters) and returns the rest. */
  encodeInto(
    record: EncodableRecord,
    target: Uint32Array,
    offset: number,
    lenientDates = false,
  ): EncodedRecord {
    const p = preparePerson(record.person, lenientDates);
    const empty: number[] = [];
    this.segments.forEach((coder, s) => {
      const { filter, spec } = coder;
      filter.fill(0);
      const mask = spec.bits - 1;
      let tokens = 0;
      spec.fields.forEach((field, f) => {
        const value = record.extra?.[field.name];
        // Extra fields share a segment: the field name goes into the HMAC input, not the token.
        const prefix = value === undefined ? '' : `${field.name}:`;
        for (const token of fieldTokens(p, field.name, value)) {
          const positions = this.positions(coder, f, prefix, token);
          for (let i = 0; i < positions.length; i++) setBit(filter, positions[i] & mask);
          tokens++;
        }
      });
      if (tokens === 0) empty.push(s);
      this.harden(coder, target, offset + this.offsets[s]);
    });
    const keys = nameDateKeys(p);
    // Extra columns block only with values long enough to be rare (an ID, a street name):
    // house numbers and postcodes shared by many would bring many candidates and few matches.
    for (const [name, value] of Object.entries(record.extra ?? {})) {
      const folded = foldName(value);
      if (folded.replace(/ /g, '').length >= MIN_EXTRA_KEY) keys.push(`x:${name}:${folded}`);
    }
    const { views, estimated } = dateViews(p);
    // All views follow from the date (or the year alone), and dates repeat: hash each date once.
    const dateKey = views.join('|');
    let dates = this.dateCache.get(dateKey);
    if (!dates) {
      const hashed = new Uint32Array(DATE_SLOTS);
      views.forEach((view, i) => {
        // 0 means "no such view": a hash that happens to be 0 becomes 1.
        if (view) hashed[i] = this.dateKey.words(view, this.out)[0] || 1;
      });
      if (this.dateCache.size >= CACHE_LIMIT) this.dateCache.clear();
      this.dateCache.set(dateKey, hashed);
      dates = hashed;
    }
    return {
      empty,
      blocks: keys.map((key) => this.blockToken(key)),
      weak: weakNameDateKeys(p).map((key) => this.blockToken(key)),
      abbreviated: p.given.initialsOnly,
      dates,
      estimated,
    };
  }

  encode(record: EncodableRecord, lenientDates = false): EncodedRecord & { clk: Uint32Array } {
    const clk = new Uint32Array(this.words);
    return { ...this.encodeInto(record, clk, 0, lenientDates), clk };
  }

  private blockToken(key: string): string {
    const w = this.blockKey.words(key, this.out);
    return w[0].toString(16).padStart(8, '0') + w[1].toString(16).padStart(8, '0');
  }

  /**
   * The k × weight bit positions of a token (see tokenWeight): one HMAC gives 16 positions of 16
   * bits, more rounds beyond 16. Cached per field, since names share few distinct bigrams and dates few distinct parts
   * (and short keys: building "field:bigram" strings only to look them up cost more than hashing).
   */
  private positions(coder: SegmentCoder, f: number, prefix: string, token: string): Uint16Array {
    const cache = coder.cache[f];
    const cached = cache.get(token);
    if (cached) return cached;
    const k = coder.spec.fields[f].k;
    const message = `${k}:${prefix}${token}`;
    const n = k * tokenWeight(token);
    const positions = new Uint16Array(n);
    for (let round = 0; round * 16 < n; round++) {
      const words = coder.key.words(round === 0 ? message : `${message}#${round}`, this.out);
      for (let i = 0; i < 16 && round * 16 + i < n; i++) {
        positions[round * 16 + i] = i & 1 ? words[i >> 1] & 0xffff : words[i >> 1] >>> 16;
      }
    }
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(token, positions);
    return positions;
  }

  private harden(coder: SegmentCoder, target: Uint32Array, at: number): void {
    const { filter, permutation, complement } = coder;
    const hardening = this.settings.hardening;
    if (hardening === 'xor-fold') {
      const half = filter.length / 2;
      for (let i = 0; i < half; i++) target[at + i] = filter[i] ^ filter[i + half];
      return;
    }
    if (hardening === 'balance' && permutation && complement) {
      const bits = coder.spec.bits;
      target.set(complement, at);
      const out = target.subarray(at, at + complement.length);
      for (let w = 0; w < filter.length; w++) {
        let word = filter[w];
        while (word !== 0) {
          const low = word & -word;
          const i = w * 32 + 31 - Math.clz32(low);
          setBit(out, permutation[i]);
          clearBit(out, permutation[bits + i]);
          word ^= low;
        }
      }
      return;
    }
    target.set(filter, at);
  }
}

/**
 * A record's blocking tokens as the linkage holds them: each token's first 52 bits as a number,
 * weak tokens negative (see isWeakKey).
 */
export function blockNumbers(encoded: Pick<EncodedRecord, 'blocks' | 'weak'>): number[] {
  const token = (b: string) => Number.parseInt(b.slice(0, 13), 16);
  return [...encoded.blocks.map(token), ...encoded.weak.map((b) => -token(b))];
}

/** Fisher–Yates shuffle driven by a seed taken from the keyed HMAC. */
function keyedPermutation(n: number, seed: Uint32Array): Uint32Array {
  const streams = [mulberry32(seed[0] ^ seed[1]), mulberry32(seed[2] ^ seed[3])];
  const perm = Uint32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const r = (streams[0]() + streams[1]()) % 1;
    const j = Math.floor(r * (i + 1));
    const t = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
  }
  return perm;
}

export function setBit(words: Uint32Array, bit: number): void {
  words[bit >>> 5] |= 1 << (bit & 31);
}
function clearBit(words: Uint32Array, bit: number): void {
  words[bit >>> 5] &= ~(1 << (bit & 31));
}

/** JSON with sorted keys, so the fingerprint does not depend on property order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 of the words' little-endian bytes (without going through a binary string). */
export function wordsToBase64(words: Uint32Array, from = 0, to = words.length): string {
  const bytes = new Uint8Array(words.buffer, words.byteOffset + from * 4, (to - from) * 4);
  let out = '';
  let i = 0;
  for (; i + 3 <= bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += BASE64[n >>> 18] + BASE64[(n >>> 12) & 63] + BASE64[(n >>> 6) & 63] + BASE64[n & 63];
  }
  const rest = bytes.length - i;
  if (rest === 1) out += `${BASE64[bytes[i] >>> 2]}${BASE64[(bytes[i] & 3) << 4]}==`;
  else if (rest === 2) {
    const n = (bytes[i] << 8) | bytes[i + 1];
    out += `${BASE64[n >>> 10]}${BASE64[(n >>> 4) & 63]}${BASE64[(n & 15) << 2]}=`;
  }
  return out;
}

const BASE64_VALUE = new Int16Array(128).fill(-1);
for (let i = 0; i < 64; i++) BASE64_VALUE[BASE64.charCodeAt(i)] = i;

/** Decodes base64 into `target` at word `offset`; throws when the length or characters are wrong. */
export function base64IntoWords(text: string, target: Uint32Array, offset: number, words: number): void {
  const expected = Math.ceil((words * 4) / 3) * 4;
  if (typeof text !== 'string' || text.length !== expected)
    throw new Error(
      `encoding has the wrong length (${String(text?.length)} characters, expected ${expected})`,
    );
  const bytes = new Uint8Array(target.buffer, target.byteOffset + offset * 4, words * 4);
  const value = (i: number) => {
    const code = text.charCodeAt(i);
    return code === 61 ? 0 : code < 128 ? BASE64_VALUE[code] : -1;
  };
  let b = 0;
  for (let i = 0; i < text.length; i += 4) {
    const c0 = value(i);
    const c1 = value(i + 1);
    const c2 = value(i + 2);
    const c3 = value(i + 3);
    if ((c0 | c1 | c2 | c3) < 0) throw new Error('encoding is not base64');
    const n = (c0 << 18) | (c1 << 12) | (c2 << 6) | c3;
    if (b < bytes.length) bytes[b++] = n >>> 16;
    if (b < bytes.length) bytes[b++] = (n >>> 8) & 255;
    if (b < bytes.length) bytes[b++] = n & 255;
  }
}
