import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * What makes the audit chain trustworthy against whoever owns the database (SECURITY.md, finding 8):
 * a key the database never sees (each entry's hash is an HMAC under it, so a rewritten chain cannot be
 * recomputed), and signed checkpoints of the head kept outside the database (so cutting entries off the
 * end, which leaves a shorter but consistent chain, is still seen).
 */
export interface AuditTrust {
  key: Buffer;
  /** Folder of `checkpoints.jsonl`; null writes and reads none (tests that do not need them). */
  checkpointDir: string | null;
}

export interface Checkpoint {
  seq: string;
  hash: string;
  at: string;
  mac: string;
}

/**
 * KETENPLEIN_AUDIT_KEY (base64, ≥ 32 bytes); outside production made once in the data folder. Every process
 * that writes to one database (servers, CLI) must use the same key, or the chain breaks at the first entry
 * written under another one.
 */
export function loadAuditKey(env: NodeJS.ProcessEnv, dataDir: string): Buffer {
  if (env.KETENPLEIN_AUDIT_KEY) {
    const key = Buffer.from(env.KETENPLEIN_AUDIT_KEY, 'base64');
    if (key.length < 32) throw new Error('KETENPLEIN_AUDIT_KEY must be at least 32 random bytes, base64');
    return key;
  }
  if (env.NODE_ENV === 'production') {
    throw new Error('KETENPLEIN_AUDIT_KEY is required in production (32 random bytes, base64)');
  }
  const file = join(dataDir, 'audit.key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    try {
      // 'wx': two processes starting at once on one folder must end up with the same key, the first one's.
      writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
}

/** The trust settings of a server or CLI process, from its environment and data folder. */
export function loadAuditTrust(env: NodeJS.ProcessEnv, dataDir: string): AuditTrust {
  return {
    key: loadAuditKey(env, dataDir),
    checkpointDir: resolve(env.KETENPLEIN_AUDIT_CHECKPOINTS ?? join(dataDir, 'audit-checkpoints')),
  };
}

// One process serves one database, so the trust is process-wide; set at start (server, CLI). Until then a
// random key: entries and checks of the same process still agree, nothing is written outside.
let current: AuditTrust = { key: randomBytes(32), checkpointDir: null };

export function configureAuditTrust(trust: AuditTrust): void {
  current = trust;
}

export function auditTrust(): AuditTrust {
  return current;
}

export function keyedHash(key: Buffer, canonical: string): string {
  return createHmac('sha256', key).update(canonical).digest('hex');
}

function checkpointMac(key: Buffer, point: Omit<Checkpoint, 'mac'>): string {
  return keyedHash(key, JSON.stringify(['checkpoint', point.seq, point.hash, point.at]));
}

function checkpointFile(trust: AuditTrust): string | null {
  return trust.checkpointDir ? join(trust.checkpointDir, 'checkpoints.jsonl') : null;
}

/** Appends a signed checkpoint of the head (one JSON line; the file only grows). */
export function writeCheckpoint(
  trust: AuditTrust,
  seq: string,
  hash: string,
  at = new Date(),
): Checkpoint | null {
  const file = checkpointFile(trust);
  if (!file || !trust.checkpointDir) return null;
  const point = { seq, hash, at: at.toISOString() };
  const signed: Checkpoint = { ...point, mac: checkpointMac(trust.key, point) };
  mkdirSync(trust.checkpointDir, { recursive: true });
  appendFileSync(file, `${JSON.stringify(signed)}\n`, { mode: 0o600 });
  return signed;
}

export interface ReadCheckpoint extends Checkpoint {
  /** False when the signature does not verify under the key: the file was edited or the key is another. */
  signed: boolean;
}

export function readCheckpoints(trust: AuditTrust): ReadCheckpoint[] {
  const file = checkpointFile(trust);
  if (!file || !existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => {
      const point = JSON.parse(line) as Checkpoint;
      const expected = Buffer.from(checkpointMac(trust.key, point), 'hex');
      const given = Buffer.from(String(point.mac), 'hex');
      return { ...point, signed: given.length === expected.length && timingSafeEqual(given, expected) };
    });
}
