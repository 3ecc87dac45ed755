import { createHmac } from 'node:crypto';
import pg from 'pg';

// The request scope's wire format, shared by src/access/db-scope.ts (which decides what the scope is) and
// the request connections below (which fold its set-up into fewer round trips). Migration 0095 checks it.

/** The statement that sets the scope; its fourth parameter is the HMAC (see scopeMac). */
export const SCOPE_STATEMENT =
  "SELECT set_config('ketenplein.org_id', $1, true), set_config('ketenplein.purpose', $2, true), set_config('ketenplein.chain_scope', $3, true), set_config('ketenplein.scope_mac', $4, true)";
// The body of ketenplein_scope_nonce() (migration 0095), written out: before the role switch the login
// role cannot even look into the schema.
export const NONCE_QUERY =
  "SELECT pg_backend_pid()::text || ':' || extract(epoch FROM transaction_timestamp())::text AS nonce, set_config('role', 'ketenplein_app', true)";

export function scopeMac(key: Buffer, orgId: string, purpose: string, chain: string, nonce: string): string {
  return createHmac('sha256', key).update(`${orgId}|${purpose}|${chain}|${nonce}`, 'utf8').digest('hex');
}

type Query = (text: unknown, values?: unknown, callback?: unknown) => unknown;

/**
 * A node-postgres client for the request pool that folds the transaction set-up into fewer round trips:
 * Kysely's `begin` is sent as `BEGIN; <nonce and role switch>` in one simple-protocol message (the nonce
 * stays on this connection until COMMIT/ROLLBACK), and SCOPE_STATEMENT is signed here with that nonce.
 * The nonce is still the database's own (backend pid, transaction start), so a signature fits only this
 * transaction, exactly as before.
 */
export function scopedClientClass(key: Buffer): typeof pg.Client {
  return class ScopedClient extends pg.Client {
    #nonce: string | null = null;
    constructor(config?: string | pg.ClientConfig) {
      super(config);
      const plain = (this as unknown as { query: Query }).query.bind(this);
      (this as unknown as { query: Query }).query = (text, values, callback) => {
        if (typeof text !== 'string' || typeof callback === 'function') return plain(text, values, callback);
        const command = text.trim().toLowerCase();
        if (command === 'begin' && (!Array.isArray(values) || values.length === 0)) {
          return (plain(`BEGIN; ${NONCE_QUERY}`) as Promise<pg.QueryResult[]>).then((results) => {
            this.#nonce = String(results[1]?.rows[0]?.nonce ?? '');
            return results[0];
          });
        }
        if (command === 'commit' || command === 'rollback') this.#nonce = null;
        if (text === SCOPE_STATEMENT && Array.isArray(values)) {
          if (this.#nonce === null) throw new Error('scope set outside a transaction');
          const [orgId, purpose, chain] = values.map(String);
          return plain(text, [orgId, purpose, chain, scopeMac(key, orgId, purpose, chain, this.#nonce)]);
        }
        return plain(text, values);
      };
    }
  };
}
