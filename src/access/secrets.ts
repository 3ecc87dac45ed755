import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Field encryption for the few values that must be stored but never shown in the clear
 * (BSN, TOTP secrets): AES-256-GCM with a key from KETENPLEIN_DATA_KEY. Outside production
 * a key is made once and kept in the data folder, so a newcomer needs no setup.
 */
export class FieldCipher {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('data key must be 32 bytes (base64 in KETENPLEIN_DATA_KEY)');
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  decrypt(stored: string): string {
    if (!stored.startsWith('v1:')) throw new Error('unknown ciphertext version');
    const raw = Buffer.from(stored.slice(3), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }

  /** A keyed fingerprint for equality search on encrypted values (e.g. the same BSN), not reversible. */
  fingerprint(value: string): string {
    return createHmac('sha256', this.key).update(`fp:${value}`).digest('hex');
  }
}

export function loadDataKey(env: NodeJS.ProcessEnv, dataDir: string | null): Buffer {
  if (env.KETENPLEIN_DATA_KEY) return Buffer.from(env.KETENPLEIN_DATA_KEY, 'base64');
  if (env.NODE_ENV === 'production') {
    throw new Error('KETENPLEIN_DATA_KEY is required in production (32 random bytes, base64)');
  }
  if (!dataDir) return randomBytes(32);
  const file = join(dataDir, 'data.key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
}
