import type { Kysely } from 'kysely';
import type { Store } from '../store/connect.ts';
import type { Database } from '../store/schema.ts';
import { type AuditInput, appendAudit } from './audit.ts';
import type { SystemAuditInput } from './context.ts';
import { setScope } from './db-scope.ts';

/**
 * The scope purpose of login and account work. It is no purpose of any role (checkPurpose refuses it), so
 * a request can never run under it; the credential functions of migration 0097 answer only when the signed
 * scope carries it.
 */
export const AUTH_SCOPE_PURPOSE = 'ketenplein:authentication';

/**
 * Login and account work (password check, lockout counter, new session, password and TOTP changes) on the
 * request connections, not the owner's: a transaction as the request role with the signed authentication
 * scope, in which the SECURITY DEFINER credential functions answer (src/store/migrations/0097). Audited in
 * the same transaction.
 */
export async function withAuthScope<T>(
  store: Store,
  work: (db: Kysely<Database>, audit: (entry: SystemAuditInput) => void) => Promise<T>,
): Promise<T> {
  return store.requestDb.transaction().execute(async (trx) => {
    // PostgreSQL's request connections sign the scope themselves, as in withAccess.
    const signed = store.kind === 'postgres';
    await setScope(trx, { orgId: '', purpose: AUTH_SCOPE_PURPOSE, chain: false }, store.scopeKey, signed);
    const entries: AuditInput[] = [];
    // Audited as the named system actor of the login machinery, as withSystem names its actors.
    const result = await work(trx, (entry) =>
      entries.push({ result: 'allowed', ...entry, role: 'system:auth' }),
    );
    await appendAudit(trx, entries);
    return result;
  });
}
