/**
 * CLK encoding (cryptographic long-term key, Schnell, Bachteler & Reiher 2009): the tokens of
 * every quasi-identifier are hashed into one Bloom filter. Hardened as follows:
 * - every field has its own HMAC key derived from the secret and the salt, and every token is
 *   hashed with one HMAC whose output gives all k positions (no double hashing, whose pattern is
 *   attackable);
 * - the salt (per estimation round) makes encodings of different rounds unlinkable;
 * - `balance` (default) appends the complement and permutes with a keyed permutation, so every
 *   filter has exactly half its bits set (defeats frequency and Hamming-weight pattern mining);
 *   `xor-fold` folds the filter in half instead.
 * Browser-compatible: no Node APIs here (TextEncoder, typed arrays and btoa only).
 */
import { nameDateKeys } from '../blocking.ts';
import { foldName } from '../normalize.ts';
import type { PersonInput, PreparedPerson } from '../person.ts';
import { preparePerson } from '../person.ts';
import { seededRandom } from '../random.ts';
import { HmacSha256, toHex } from './hmac.ts';

export type Hardening = 'balance' | 'xor-fold' | 'none';

export interface ClkSettings {
  format: 'ketenplein-clk';
  version: 1;
  /** Bloom filter length before hardening; a power of two. */
  bits: number;
  hardening: Hardening;
  /** Public per-round salt mixed into every key. */
  salt: string;
  /** Fields and the number of bit positions per token. */
  fields: { name: string; k: number }[];
}

export const DEFAULT_FIELDS: ClkSettings['fields'] = [
  { name: 'given_name', k: 20 },
  { name: 'prefix', k: 6 },
  { name: 'family_name', k: 20 },
  { name: 'date_of_birth', k: 8 },
  { name: 'gender', k: 6 },
  { name: 'place_of_birth', k: 10 },
];

/** Extra columns (addresses, other numbers) encoded as plain text fields. */
export const EXTRA_FIELD_K = 8;

export function defaultSettings(overrides: Partial<ClkSettings> = {}): ClkSettings {
  return {
    format: 'ketenplein-clk',
    version: 1,
    bits: 1024,
    hardening: 'balance',
    salt: '',
    fields: DEFAULT_FIELDS,
    ...overrides,
  };
}

/** The secret must be long enough to resist guessing: the fingerprint would let one test guesses. */
export const MIN_SECRET_BYTES = 32;

/** Words of the encoded filter. */
export function encodedWords(settings: ClkSettings): number {
  const bits =
    settings.hardening === 'balance'
      ? settings.bits * 2
      : settings.hardening === 'xor-fold'
        ? settings.bits / 2
        : settings.bits;
  return bits / 32;
}

function bigrams(value: string): string[] {
  if (!value) return [];
  const padded = `_${value.replace(/ /g, '_')}_`;
  const out: string[] = [];
  for (let i = 0; i + 2 <= padded.length; i++) out.push(padded.slice(i, i + 2));
  return out;
}

/** The tokens of each default field, from a prepared person. */
function personTokens(p: PreparedPerson, field: string): string[] {
  switch (field) {
    case 'given_name': {
      const first = p.given.names[0] ?? '';
      if (!first) return [];
      // Initials only give "_j" and "j_": the initial token still meets the full name's.
      return [...bigrams(first), `init:${first[0]}`];
    }
    case 'prefix':
      // "van der" also gives "v" and "d", so the abbreviation "vd" agrees partly.
      return p.family.prefix
        ? [`p:${p.family.prefix}`, ...p.family.prefix.split(' ').map((w) => `i:${w[0]}`)]
        : [];
    case 'family_name':
      return p.family.main ? [...bigrams(p.family.main), `ph:${p.familyPhonetic}`] : [];
    case 'date_of_birth': {
      const d = p.dob;
      if (!d) return p.yearOfBirth !== undefined ? [`y:${p.yearOfBirth}`] : [];
      const [lo, hi] = d.month <= d.day ? [d.month, d.day] : [d.day, d.month];
      const positional = [...d.digits].map((ch, i) => `p${i}:${ch}`);
      return [`y:${d.year}`, `m:${d.month}`, `d:${d.day}`, `md:${lo}:${hi}`, ...positional];
    }
    case 'gender':
      return p.gender ? [`g:${p.gender}`] : [];
    case 'place_of_birth':
      return bigrams(p.placeOfBirth ?? '');
    default:
      return [];
  }
}

export interface EncodableRecord {
  person: PersonInput;
  /** Values of extra fields by name. */
  extra?: Record<string, string>;
}

export interface EncodedRecord {
  /** The hardened Bloom filter. */
  clk: Uint32Array;
  /** Keyed blocking tokens (16 hex characters each). */
  blocks: string[];
}

const DERIVATION = 'ketenplein-clk/1';
const CACHE_LIMIT = 500_000;

export class ClkEncoder {
  private readonly fieldKeys: HmacSha256[];
  private readonly blockKey: HmacSha256;
  private readonly permutation?: Uint32Array;
  private readonly complement?: Uint32Array;
  readonly fingerprint: string;
  private readonly out = new Uint32Array(8);
  private readonly cache = new Map<string, Uint16Array>();

  constructor(
    secret: Uint8Array,
    readonly settings: ClkSettings,
  ) {
    if (secret.length < MIN_SECRET_BYTES)
      throw new Error(`secret too short: ${secret.length} < ${MIN_SECRET_BYTES} bytes`);
    if (settings.bits < 64 || (settings.bits & (settings.bits - 1)) !== 0)
      throw new Error('bits must be a power of two ≥ 64');
    const master = new HmacSha256(secret);
    const derive = (purpose: string) =>
      new HmacSha256(master.bytes(`${DERIVATION}/${settings.salt}/${purpose}`));
    this.fieldKeys = settings.fields.map((f) => derive(`field/${f.name}`));
    this.blockKey = derive('blocking');
    // The fingerprint binds secret and settings: files made with another key or settings differ.
    this.fingerprint = toHex(master.bytes(`${DERIVATION}/fingerprint/${canonicalJson(settings)}`)).slice(
      0,
      32,
    );
    if (settings.hardening === 'balance') {
      const seedWords = derive('permutation').words('seed');
      this.permutation = keyedPermutation(settings.bits * 2, seedWords);
      // The complement half starts all set; encoding clears the positions of set bits.
      this.complement = new Uint32Array(settings.bits / 16);
      for (let i = 0; i < settings.bits; i++) setBit(this.complement, this.permutation[settings.bits + i]);
    }
  }

  encode(record: EncodableRecord, lenientDates = false): EncodedRecord {
    const p = preparePerson(record.person, lenientDates);
    const bits = this.settings.bits;
    const filter = new Uint32Array(bits / 32);
    const mask = bits - 1;
    this.settings.fields.forEach((field, f) => {
      const extra = record.extra?.[field.name];
      const tokens = extra !== undefined ? bigrams(foldName(extra)) : personTokens(p, field.name);
      for (const token of tokens) {
        const positions = this.positions(f, token);
        for (let i = 0; i < positions.length; i++) setBit(filter, positions[i] & mask);
      }
    });
    return { clk: this.harden(filter), blocks: this.blockingTokens(p, record.extra) };
  }

  /**
   * The k bit positions of a token: one HMAC gives 16 positions of 16 bits, more rounds when
   * k > 16. Cached, since names share few distinct bigrams and dates few distinct parts.
   */
  private positions(field: number, token: string): Uint16Array {
    const cacheKey = `${field}\u0000${token}`;
    const cached = this.cache.get(cacheKey);
    if (cached) return cached;
    const k = this.settings.fields[field].k;
    const positions = new Uint16Array(k);
    for (let round = 0; round * 16 < k; round++) {
      const words = this.fieldKeys[field].words(round === 0 ? token : `${token}#${round}`, this.out);
      for (let i = 0; i < 16 && round * 16 + i < k; i++) {
        positions[round * 16 + i] = i & 1 ? words[i >> 1] & 0xffff : words[i >> 1] >>> 16;
      }
    }
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(cacheKey, positions);
    return positions;
  }

  private harden(filter: Uint32Array): Uint32Array {
    const bits = this.settings.bits;
    if (this.settings.hardening === 'xor-fold') {
      const half = filter.length / 2;
      const out = new Uint32Array(half);
      for (let i = 0; i < half; i++) out[i] = filter[i] ^ filter[i + half];
      return out;
    }
    if (this.settings.hardening === 'balance' && this.permutation && this.complement) {
      const out = this.complement.slice();
      for (let i = 0; i < bits; i++) {
        if (!getBit(filter, i)) continue;
        setBit(out, this.permutation[i]);
        clearBit(out, this.permutation[bits + i]);
      }
      return out;
    }
    return filter;
  }

  private blockingTokens(p: PreparedPerson, extra: Record<string, string> | undefined): string[] {
    const keys = nameDateKeys(p);
    for (const [name, value] of Object.entries(extra ?? {})) {
      const folded = foldName(value);
      if (folded) keys.push(`x:${name}:${folded}`);
    }
    return [...new Set(keys)].map((key) => {
      const w = this.blockKey.words(key, this.out);
      return w[0].toString(16).padStart(8, '0') + w[1].toString(16).padStart(8, '0');
    });
  }
}

/** Fisher–Yates shuffle driven by a seed taken from the keyed HMAC. */
function keyedPermutation(n: number, seed: Uint32Array): Uint32Array {
  const streams = [seededRandom(seed[0] ^ seed[1]), seededRandom(seed[2] ^ seed[3])];
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
function getBit(words: Uint32Array, bit: number): boolean {
  return (words[bit >>> 5] & (1 << (bit & 31))) !== 0;
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

export function wordsToBase64(words: Uint32Array): string {
  const bytes = new Uint8Array(words.buffer, words.byteOffset, words.byteLength);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

export function base64ToWords(text: string, expectedWords: number): Uint32Array {
  const binary = atob(text);
  if (binary.length !== expectedWords * 4)
    throw new Error(`encoding has ${binary.length * 8} bits, expected ${expectedWords * 32}`);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Uint32Array(bytes.buffer);
}
