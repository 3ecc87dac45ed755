import { sql } from 'kysely';
import { type VerifyResult, verifyAuditChain } from './audit.ts';
import type { AccessTx } from './context.ts';

export interface AuditFilter {
  limit: number;
  before?: string;
  userId?: string;
  resource?: string;
  recordId?: string;
}

/** The privacy officer's view of who accessed what in their own organisation. */
export async function listAudit(tx: AccessTx, filter: AuditFilter) {
  const decision = await tx.authorize('read', 'audit_log');
  let query = tx.db
    .selectFrom('audit_log')
    .selectAll()
    .where((eb) => decision.where(eb))
    .orderBy('seq', 'desc')
    .limit(filter.limit);
  if (filter.before) query = query.where('seq', '<', filter.before);
  if (filter.userId) query = query.where('user_id', '=', filter.userId);
  if (filter.resource) query = query.where('resource', '=', filter.resource);
  if (filter.recordId) query = query.where(sql<boolean>`record_ids @> ARRAY[${filter.recordId}]::text[]`);
  const rows = await query.execute();
  // Reading the log is itself logged, by the seq numbers read.
  return tx.disclose(
    decision,
    rows.map((row) => ({ ...row, seq: String(row.seq) })),
    'seq',
  );
}

export async function verifyAudit(tx: AccessTx): Promise<VerifyResult> {
  const decision = await tx.authorize('verify', 'audit_chain');
  tx.record(decision, [], []);
  // The chain-wide scope of this rule lets RLS show every organisation's entries to the check.
  return verifyAuditChain(tx.db);
}
