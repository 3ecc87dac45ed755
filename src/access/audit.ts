import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../store/schema.ts';
import {
  type AuditTrust,
  auditTrust,
  type Checkpoint,
  keyedHash,
  readCheckpoints,
  writeCheckpoint,
} from './audit-trust.ts';

/** What an access layer call records: who, for what purpose, what (resource, ids, fields), with what result. */
export interface AuditInput {
  userId: string | null;
  orgId: string | null;
  role: string | null;
  purpose: string | null;
  action: string;
  resource: string;
  recordIds: readonly string[];
  fields: readonly string[];
  result: 'allowed' | 'denied' | 'failed';
  reason?: string | null;
}

export const GENESIS_HASH = '0'.repeat(64);

interface ChainedFields {
  seq: string;
  at: string;
  user_id: string | null;
  org_id: string | null;
  role: string | null;
  purpose: string | null;
  action: string;
  resource: string;
  record_ids: readonly string[];
  fields: readonly string[];
  result: string;
  reason: string | null;
  prev_hash: string;
}

/** Every column but the hash itself, in a fixed order, so any altered column breaks the chain. */
function canonical(entry: ChainedFields): string {
  return JSON.stringify([
    entry.seq,
    entry.at,
    entry.user_id,
    entry.org_id,
    entry.role,
    entry.purpose,
    entry.action,
    entry.resource,
    entry.record_ids,
    entry.fields,
    entry.result,
    entry.reason,
    entry.prev_hash,
  ]);
}

/**
 * The hash of an entry: HMAC-SHA256 under the audit key, which the database never holds, so whoever owns
 * the database cannot recompute a rewritten chain. `plainEntryHash` is the unkeyed SHA-256 of entries
 * written before the key existed (accepted only before the first keyed entry; see verifyAuditChain).
 */
export function entryHash(entry: ChainedFields, key: Buffer = auditTrust().key): string {
  return keyedHash(key, canonical(entry));
}

export function plainEntryHash(entry: ChainedFields): string {
  return createHash('sha256').update(canonical(entry)).digest('hex');
}

/**
 * Appends entries to the chain inside the caller's transaction: the entries commit or vanish
 * together with the work they describe. The head row lock orders concurrent appenders; callers
 * append last so the lock is held only for the final moments of the transaction.
 */
/** Told how long each append took (seconds, from taking the chain head to writing it back), e.g. by `/metrics`. */
export type AuditAppendListener = (seconds: number, entries: number) => void;
const appendListeners = new Set<AuditAppendListener>();

/** Listens to every audit append of this process; returns the function that stops listening. */
export function onAuditAppend(listener: AuditAppendListener): () => void {
  appendListeners.add(listener);
  return () => appendListeners.delete(listener);
}

export async function appendAudit(conn: Kysely<Database>, entries: readonly AuditInput[]): Promise<void> {
  if (entries.length === 0) return;
  const started = performance.now();
  await appendChained(conn, entries);
  const seconds = (performance.now() - started) / 1000;
  for (const listener of appendListeners) listener(seconds, entries.length);
}

// The head this process wrote last: a hint only (the database checks it under the head lock), so a wrong
// one (another process appended, a transaction rolled back, another database in the same process) costs a
// second round trip, never a wrong chain.
let lastHead = { seq: '-1', hash: '' };
// Appends of this process take turns for the one round trip that computes and sends them: the next one then
// starts from the head the previous one wrote and waits in the database only for that commit, instead of
// every concurrent appender guessing the same head and retrying.
let turn: Promise<void> = Promise.resolve();
// Transactions (by their Kysely object) that appended already: a second append in the same transaction must
// not wait for its turn behind an appender that waits for this transaction's head lock.
const appended = new WeakSet<object>();

async function appendChained(conn: Kysely<Database>, entries: readonly AuditInput[]): Promise<void> {
  if (appended.has(conn)) return appendOnce(conn, entries);
  appended.add(conn);
  const previous = turn;
  let done = () => {};
  turn = new Promise<void>((resolve) => {
    done = resolve;
  });
  await previous;
  try {
    await appendOnce(conn, entries);
  } finally {
    done();
  }
}

/**
 * One call of ketenplein_audit_append (migration 0098): lock the head, check it is the one the hashes were
 * computed from, insert, advance. When another transaction (or process) moved the head, the function writes
 * nothing and returns the head it has locked; the second call then cannot miss.
 */
async function appendOnce(conn: Kysely<Database>, entries: readonly AuditInput[]): Promise<void> {
  let head = lastHead;
  // Inside a transaction the second call holds the lock the first one took, so it cannot miss; outside one
  // (autocommit) another appender may slip in between, hence a few tries.
  for (let attempt = 0; attempt < 5; attempt++) {
    const rows = chained(head, entries);
    const answer = (
      await sql<{
        appended: boolean;
        head_seq: string;
        head_hash: string;
      }>`SELECT appended, head_seq::text AS head_seq, head_hash FROM ketenplein_audit_append(${head.seq}::bigint, ${head.hash}, ${JSON.stringify(rows)}::jsonb)`.execute(
        conn,
      )
    ).rows[0];
    if (!answer) throw new Error('audit head missing');
    head = { seq: answer.head_seq, hash: answer.head_hash };
    lastHead = head;
    if (answer.appended) return;
  }
  throw new Error('audit head kept moving: append not written');
}

function chained(head: { seq: string; hash: string }, entries: readonly AuditInput[]) {
  let seq = BigInt(head.seq);
  let prev = head.hash;
  const at = new Date().toISOString();
  return entries.map((entry) => {
    seq += 1n;
    const fields: ChainedFields = {
      seq: seq.toString(),
      at,
      user_id: entry.userId,
      org_id: entry.orgId,
      role: entry.role,
      purpose: entry.purpose,
      action: entry.action,
      resource: entry.resource,
      record_ids: [...entry.recordIds],
      fields: [...entry.fields],
      result: entry.result,
      reason: entry.reason ?? null,
      prev_hash: prev,
    };
    const hash = entryHash(fields);
    prev = hash;
    return { ...fields, hash };
  });
}

export interface CheckpointReport {
  /** Signed checkpoints in the checkpoint file that were compared with the chain. */
  compared: number;
  /** The newest checkpoint that was there before this check. */
  latest: Checkpoint | null;
  /** The checkpoint this check wrote (only when the chain is intact and asked for). */
  written: Checkpoint | null;
  /** The folder, so the output says where the evidence lives. */
  folder: string | null;
}

export type VerifyResult =
  | { ok: true; checked: number; head: string; legacyEntries: number; checkpoints: CheckpointReport }
  | { ok: false; checked: number; brokenAt: string; reason: string; checkpoints: CheckpointReport };

export interface VerifyOptions {
  pageSize?: number;
  trust?: AuditTrust;
  /** Append a signed checkpoint of the head when the chain is intact (`audit verify`, the daily job). */
  checkpoint?: boolean;
}

/**
 * Walks the whole chain in order, as owner, and names the first entry that does not fit; then compares it
 * with every signed checkpoint: a checkpoint beyond the end means entries were cut off, a different hash at
 * a checkpoint's entry means the chain was rewritten. Entries with a plain SHA-256 hash (written before the
 * key existed) are accepted only before the first keyed entry: the first checkpoint after the upgrade
 * covers them, and a keyed entry followed by a plain one is a rewrite.
 */
export async function verifyAuditChain(
  db: Kysely<Database>,
  options: VerifyOptions = {},
): Promise<VerifyResult> {
  const pageSize = options.pageSize ?? 5000;
  const trust = options.trust ?? auditTrust();
  const points = readCheckpoints(trust);
  const latest = points.reduce<Checkpoint | null>(
    (best, p) => (!best || BigInt(p.seq) > BigInt(best.seq) ? p : best),
    null,
  );
  const report: CheckpointReport = {
    compared: points.length,
    latest,
    written: null,
    folder: trust.checkpointDir,
  };
  const broken = (brokenAt: string, checked: number, reason: string): VerifyResult => ({
    ok: false,
    checked,
    brokenAt,
    reason,
    checkpoints: report,
  });
  for (const p of points) {
    if (!p.signed) {
      return broken(p.seq, 0, `checkpoint of entry ${p.seq} (${p.at}) is not signed with this audit key`);
    }
  }
  const wanted = new Map(points.map((p) => [p.seq, p]));
  let prev = GENESIS_HASH;
  let expectedSeq = 1n;
  let checked = 0;
  let legacy = 0;
  let keyedSeen = false;
  let after = '0';
  for (;;) {
    const page = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    for (const row of page) {
      const seq = String(row.seq);
      if (BigInt(seq) !== expectedSeq) return broken(seq, checked, `gap: expected entry ${expectedSeq}`);
      if (row.prev_hash !== prev) return broken(seq, checked, 'prev_hash does not match the previous entry');
      const fields = { ...row, seq, at: new Date(row.at).toISOString() };
      if (entryHash(fields, trust.key) === row.hash) {
        keyedSeen = true;
      } else if (plainEntryHash(fields) === row.hash) {
        if (keyedSeen)
          return broken(seq, checked, 'unkeyed hash after keyed entries: the chain was rewritten');
        legacy += 1;
      } else {
        return broken(seq, checked, 'content does not match its hash');
      }
      const point = wanted.get(seq);
      if (point && point.hash !== row.hash) {
        return broken(
          seq,
          checked,
          `entry differs from the signed checkpoint of ${point.at}: the chain was rewritten`,
        );
      }
      prev = row.hash;
      expectedSeq += 1n;
      checked += 1;
      after = seq;
    }
    if (page.length < pageSize) break;
  }
  const last = expectedSeq - 1n;
  if (latest && BigInt(latest.seq) > last) {
    return broken(
      String(last + 1n),
      checked,
      `chain ends at entry ${last} but a signed checkpoint of ${latest.at} saw entry ${latest.seq}: entries were removed`,
    );
  }
  // Through the definer function: the request role may not read audit_head itself (migration 0095).
  const head = (
    await sql<{ seq: string; hash: string }>`SELECT seq, hash FROM ketenplein_audit_head_now()`.execute(db)
  ).rows[0];
  if (!head) throw new Error('audit head missing');
  if (String(head.seq) !== String(last) || head.hash !== prev) {
    return broken(String(expectedSeq), checked, 'chain head does not match the last entry');
  }
  if (options.checkpoint && last > 0n) report.written = writeCheckpoint(trust, String(last), prev);
  return { ok: true, checked, head: prev, legacyEntries: legacy, checkpoints: report };
}
