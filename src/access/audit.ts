import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';

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

/** The hash covers every column but itself, in a fixed order, so any altered column breaks the chain. */
export function entryHash(entry: ChainedFields): string {
  const canonical = JSON.stringify([
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
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * Appends entries to the chain inside the caller's transaction: the entries commit or vanish
 * together with the work they describe. The head row lock orders concurrent appenders; callers
 * append last so the lock is held only for the final moments of the transaction.
 */
export async function appendAudit(conn: Kysely<Database>, entries: readonly AuditInput[]): Promise<void> {
  if (entries.length === 0) return;
  const head = await conn
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .forUpdate()
    .executeTakeFirstOrThrow();
  let seq = BigInt(head.seq);
  let prev = head.hash;
  const at = new Date().toISOString();
  const rows = entries.map((entry) => {
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
    return { ...fields, record_ids: [...fields.record_ids], fields: [...fields.fields], hash };
  });
  await conn.insertInto('audit_log').values(rows).execute();
  await conn.updateTable('audit_head').set({ seq: seq.toString(), hash: prev }).where('id', '=', 1).execute();
}

export type VerifyResult =
  | { ok: true; checked: number; head: string }
  | { ok: false; checked: number; brokenAt: string; reason: string };

/** Walks the whole chain in order, as owner, and names the first entry that does not fit. */
export async function verifyAuditChain(db: Kysely<Database>, pageSize = 5000): Promise<VerifyResult> {
  let prev = GENESIS_HASH;
  let expectedSeq = 1n;
  let checked = 0;
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
      if (BigInt(seq) !== expectedSeq) {
        return { ok: false, checked, brokenAt: seq, reason: `gap: expected entry ${expectedSeq}` };
      }
      if (row.prev_hash !== prev) {
        return { ok: false, checked, brokenAt: seq, reason: 'prev_hash does not match the previous entry' };
      }
      const recomputed = entryHash({ ...row, seq, at: new Date(row.at).toISOString() });
      if (recomputed !== row.hash) {
        return { ok: false, checked, brokenAt: seq, reason: 'content does not match its hash' };
      }
      prev = row.hash;
      expectedSeq += 1n;
      checked += 1;
      after = seq;
    }
    if (page.length < pageSize) break;
  }
  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).executeTakeFirstOrThrow();
  if (String(head.seq) !== String(expectedSeq - 1n) || head.hash !== prev) {
    return {
      ok: false,
      checked,
      brokenAt: String(expectedSeq),
      reason: 'chain head does not match the last entry',
    };
  }
  return { ok: true, checked, head: prev };
}
