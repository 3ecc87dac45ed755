import { CompiledQuery, type Kysely, sql } from 'kysely';
import type { Database } from '../store/schema.ts';
import { NONCE_QUERY, SCOPE_STATEMENT, scopeMac } from '../store/scoped-client.ts';

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
 *
 * `signedByConnection`: the request connections of PostgreSQL (ScopedClient below) read the nonce and
 * switch the role in the same round trip as BEGIN and sign the scope statement themselves, so the scope
 * costs one round trip instead of two. Without such a connection the statement goes out unsigned and
 * RLS gives nothing (fails closed).
 */
export async function setScope(
  trx: Kysely<Database>,
  scope: DbScope,
  key: Buffer,
  signedByConnection = false,
): Promise<void> {
  const chain = scope.chain ? 'on' : 'off';
  let mac = '';
  if (!signedByConnection) {
    let nonce = nonces.get(trx);
    if (nonce === undefined) {
      const row = await sql<{ nonce: string }>`${sql.raw(NONCE_QUERY)}`.execute(trx);
      nonce = row.rows[0]?.nonce ?? '';
      nonces.set(trx, nonce);
    }
    mac = scopeMac(key, scope.orgId, scope.purpose, chain, nonce);
  }
  await trx.executeQuery(CompiledQuery.raw(SCOPE_STATEMENT, [scope.orgId, scope.purpose, chain, mac]));
}
