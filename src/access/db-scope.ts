import { createHmac } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../store/schema.ts';

/** What row-level security binds a request transaction to. */
export interface DbScope {
  /** The actor's organisation (policies: `org_id = (SELECT ketenplein_org())`). */
  orgId: string;
  /** The request's purpose (a few policies depend on it, e.g. restricted persons for data-subject requests). */
  purpose: string;
  /** Whether a chain-wide rule was granted in this transaction. */
  chain: boolean;
}

// The nonce of each open transaction (backend pid and transaction start), read once per transaction.
const nonces = new WeakMap<object, string>();

/**
 * The ONE place that writes the request scope into the database. It switches the transaction to the
 * request role `ketenplein_app` and sets the scope settings together with an HMAC (under the store's scope
 * key) over the scope and a nonce of this backend and transaction. The database's `ketenplein_org()`,
 * `ketenplein_purpose()` and `ketenplein_chain_scope()` answer only when that HMAC verifies (migration
 * 0095), so `set_config('ketenplein.chain_scope', 'on')` or a forged organisation from SQL the request role
 * can run gives no rows at all, and a signature from another transaction does not fit this one.
 * Call it again to change the scope (e.g. chain-wide after a chain rule was granted).
 */
export async function setScope(trx: Kysely<Database>, scope: DbScope, key: Buffer): Promise<void> {
  let nonce = nonces.get(trx);
  if (nonce === undefined) {
    // The body of ketenplein_scope_nonce() (migration 0095), written out: before the role switch the login
    // role cannot even look into the schema.
    const row = await sql<{
      nonce: string;
    }>`SELECT pg_backend_pid()::text || ':' || extract(epoch FROM transaction_timestamp())::text AS nonce, set_config('role', 'ketenplein_app', true)`.execute(
      trx,
    );
    nonce = row.rows[0]?.nonce ?? '';
    nonces.set(trx, nonce);
  }
  const chain = scope.chain ? 'on' : 'off';
  const mac = createHmac('sha256', key)
    .update(`${scope.orgId}|${scope.purpose}|${chain}|${nonce}`, 'utf8')
    .digest('hex');
  await sql`SELECT set_config('ketenplein.org_id', ${scope.orgId}, true), set_config('ketenplein.purpose', ${scope.purpose}, true), set_config('ketenplein.chain_scope', ${chain}, true), set_config('ketenplein.scope_mac', ${mac}, true)`.execute(
    trx,
  );
}
