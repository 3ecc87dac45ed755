/**
 * HMAC-SHA-256 in plain TypeScript: the CLK encoder hashes tens of tokens per record, which
 * Web Crypto (async, one promise per call) makes slow and node:crypto ties to Node. The key's
 * inner and outer pad blocks are absorbed once, so each token costs two compressions when short.
 * Checked against node:crypto in the tests.
 */

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);
const IV = new Uint32Array([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);

const W = new Uint32Array(64);

/** One SHA-256 compression of the 64-byte block at `offset` into `state`. */
function compress(state: Uint32Array, block: Uint8Array, offset: number): void {
  for (let i = 0; i < 16; i++) {
    const o = offset + i * 4;
    W[i] = (block[o] << 24) | (block[o + 1] << 16) | (block[o + 2] << 8) | block[o + 3];
  }
  for (let i = 16; i < 64; i++) {
    const x = W[i - 15];
    const y = W[i - 2];
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    W[i] = (W[i - 16] + s0 + W[i - 7] + s1) | 0;
  }
  let a = state[0];
  let b = state[1];
  let c = state[2];
  let d = state[3];
  let e = state[4];
  let f = state[5];
  let g = state[6];
  let h = state[7];
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const ch = (e & f) ^ (~e & g);
    const t1 = (h + S1 + ch + K[i] + W[i]) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const maj = (a & b) ^ (a & c) ^ (b & c);
    const t2 = (S0 + maj) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] += a;
  state[1] += b;
  state[2] += c;
  state[3] += d;
  state[4] += e;
  state[5] += f;
  state[6] += g;
  state[7] += h;
}

const TAIL = new Uint8Array(128);

/** SHA-256 of `message`, continuing from `state` after `prefixBytes` already absorbed. */
function finish(state: Uint32Array, message: Uint8Array, prefixBytes: number, out: Uint32Array): Uint32Array {
  out.set(state);
  const full = message.length - (message.length % 64);
  for (let o = 0; o < full; o += 64) compress(out, message, o);
  const restLength = message.length - full;
  const tailLength = restLength + 9 > 64 ? 128 : 64;
  TAIL.fill(0, 0, tailLength);
  TAIL.set(message.subarray(full));
  TAIL[restLength] = 0x80;
  const bits = (prefixBytes + message.length) * 8;
  const high = Math.floor(bits / 2 ** 32);
  const low = bits >>> 0;
  for (let i = 0; i < 4; i++) {
    TAIL[tailLength - 8 + i] = (high >>> (24 - 8 * i)) & 0xff;
    TAIL[tailLength - 4 + i] = (low >>> (24 - 8 * i)) & 0xff;
  }
  for (let o = 0; o < tailLength; o += 64) compress(out, TAIL, o);
  return out;
}

export function sha256(message: Uint8Array): Uint8Array {
  return wordsToBytes(finish(IV, message, 0, new Uint32Array(8)));
}

export function wordsToBytes(words: Uint32Array): Uint8Array {
  const out = new Uint8Array(words.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < words.length; i++) view.setUint32(i * 4, words[i]);
  return out;
}

const encoder = new TextEncoder();
const SCRATCH = new Uint8Array(256);

/** UTF-8 bytes of a string; short ASCII strings (nearly every token) without allocating. */
function utf8(message: string): Uint8Array {
  if (message.length > SCRATCH.length) return encoder.encode(message);
  for (let i = 0; i < message.length; i++) {
    const c = message.charCodeAt(i);
    if (c > 127) return encoder.encode(message);
    SCRATCH[i] = c;
  }
  return SCRATCH.subarray(0, message.length);
}

export class HmacSha256 {
  private readonly inner = new Uint32Array(8);
  private readonly outer = new Uint32Array(8);
  private readonly innerDigest = new Uint32Array(8);
  private readonly innerBytes = new Uint8Array(32);

  constructor(key: Uint8Array | string) {
    let k = typeof key === 'string' ? encoder.encode(key) : key;
    if (k.length > 64) k = sha256(k);
    const pad = new Uint8Array(64);
    pad.set(k);
    const ipad = pad.map((b) => b ^ 0x36);
    const opad = pad.map((b) => b ^ 0x5c);
    this.inner.set(IV);
    compress(this.inner, ipad, 0);
    this.outer.set(IV);
    compress(this.outer, opad, 0);
  }

  /** The MAC as eight 32-bit words (big-endian word order, as SHA-256 defines). */
  words(message: Uint8Array | string, out = new Uint32Array(8)): Uint32Array {
    const bytes = typeof message === 'string' ? utf8(message) : message;
    finish(this.inner, bytes, 64, this.innerDigest);
    const b = this.innerBytes;
    for (let i = 0; i < 8; i++) {
      const w = this.innerDigest[i];
      b[i * 4] = w >>> 24;
      b[i * 4 + 1] = (w >>> 16) & 0xff;
      b[i * 4 + 2] = (w >>> 8) & 0xff;
      b[i * 4 + 3] = w & 0xff;
    }
    return finish(this.outer, this.innerBytes, 64, out);
  }

  bytes(message: Uint8Array | string): Uint8Array {
    return wordsToBytes(this.words(message));
  }
}

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}
