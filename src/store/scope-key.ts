import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Store, StoreKind } from './connect.ts';

/**
 * The key that signs the request scope (organisation, purpose, chain-wide) the access layer hands to the
 * database (src/access/db-scope.ts). The app process holds it; the database keeps it in the owner-only
 * table `ketenplein_scope_key` (migration 0095), written by the owner connection after migrating.
 *
 * - `KETENPLEIN_SCOPE_KEY` (32 random bytes, base64): required in production on PostgreSQL, where the API,
 *   the CLI and job workers are separate processes that must share it.
 * - Otherwise, on PGlite (one process per database): a random key per process, installed at open.
 * - Otherwise, on PostgreSQL outside production: a fixed development key, so test processes agree. It is
 *   in this source file and therefore no secret: never run production without KETENPLEIN_SCOPE_KEY.
 */
export function loadScopeKey(env: NodeJS.ProcessEnv, kind: StoreKind): Buffer {
  if (env.KETENPLEIN_SCOPE_KEY) {
    const key = Buffer.from(env.KETENPLEIN_SCOPE_KEY, 'base64');
    if (key.length !== 32) throw new Error('KETENPLEIN_SCOPE_KEY must be 32 bytes, base64');
    return key;
  }
  if (kind === 'pglite') {
    processKey ??= randomBytes(32);
    return processKey;
  }
  if (env.NODE_ENV === 'production') {
    throw new Error('KETENPLEIN_SCOPE_KEY is required in production on PostgreSQL (32 random bytes, base64)');
  }
  return createHash('sha256').update('ketenplein development scope key (not secret)').digest();
}
let processKey: Buffer | undefined;

/** HMAC-SHA256's padded inner and outer keys, so SQL's sha256() can compute the same HMAC. */
export function paddedKeys(key: Buffer): { inner: Buffer; outer: Buffer } {
  const block = Buffer.alloc(64);
  key.copy(block);
  return { inner: block.map((b) => b ^ 0x36) as Buffer, outer: block.map((b) => b ^ 0x5c) as Buffer };
}

/** Writes the store's scope key into the database, as owner; a no-op before migration 0095. */
export async function installScopeKey(store: Store): Promise<void> {
  const { inner, outer } = paddedKeys(store.scopeKey);
  await store.db.connection().execute(async (conn) => {
    const table = await sql<{
      t: string | null;
    }>`SELECT to_regclass('ketenplein_scope_key')::text AS t`.execute(conn);
    if (!table.rows[0]?.t) return;
    await sql`INSERT INTO ketenplein_scope_key (id, inner_key, outer_key) VALUES (1, ${inner}, ${outer})
      ON CONFLICT (id) DO UPDATE SET inner_key = excluded.inner_key, outer_key = excluded.outer_key
      WHERE ketenplein_scope_key.inner_key IS DISTINCT FROM excluded.inner_key`.execute(conn);
  });
}
