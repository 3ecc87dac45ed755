import { sql } from 'kysely';
import { withAuthScope } from '../access/auth-scope.ts';
import { hashPassword, passwordProblem, verifyPassword } from '../access/passwords.ts';
import { enableTotp, endSessions, type SessionUser } from '../access/sessions.ts';
import { invalidInput, label, splitLabel } from '../domain/problem.ts';
import type { Store } from '../store/connect.ts';
import { currentMigration } from '../store/migrate.ts';

/**
 * What the account and health routes ask of the database, kept out of the route handlers: checking and
 * changing one's own password, confirming a second factor, and whether the database answers.
 */

/** Refuses (400, naming `field`) unless `password` is the user's current password. */
export async function requirePassword(store: Store, userId: string, password: string, field: string) {
  // Read by a SECURITY DEFINER function in the signed authentication scope (migration 0097), not as owner.
  const hash = await withAuthScope(store, async (db) => {
    const row = await sql<{
      hash: string | null;
    }>`SELECT ketenplein_auth_password_hash(${userId}::uuid) AS hash`.execute(db);
    return row.rows[0]?.hash ?? null;
  });
  if (hash === null || !(await verifyPassword(hash, password))) {
    throw invalidInput(field, label('Huidig wachtwoord klopt niet', 'Current password is incorrect'));
  }
}

/**
 * Changes one's own password: the new one must be strong enough and the current one right. Audited as
 * the user; every other session of the user ends (perhaps the reason for the change), `keepToken` stays.
 */
export async function changePassword(
  store: Store,
  user: Pick<SessionUser, 'userId' | 'orgId'>,
  passwords: { current: string; next: string },
  keepToken: string | undefined,
): Promise<void> {
  const problem = passwordProblem(passwords.next);
  if (problem) {
    const reason = splitLabel(problem);
    throw invalidInput('next', label(`Nieuw wachtwoord: ${reason.nl}`, `New password: ${reason.en}`));
  }
  if (passwords.next === passwords.current) {
    throw invalidInput(
      'next',
      label('Kies een ander wachtwoord dan het huidige', 'Choose a password other than the current one'),
    );
  }
  await requirePassword(store, user.userId, passwords.current, 'current');
  const hash = await hashPassword(passwords.next);
  await withAuthScope(store, async (db, audit) => {
    await sql`SELECT ketenplein_auth_set_password(${user.userId}::uuid, ${hash})`.execute(db);
    audit({
      userId: user.userId,
      orgId: user.orgId,
      purpose: 'authentication',
      action: 'change_password',
      resource: 'user',
      recordIds: [user.userId],
      fields: ['password_hash'],
      result: 'allowed',
    });
  });
  await endSessions(store, user.userId, keepToken);
}

/** Enables TOTP after the password is confirmed (a stolen session alone cannot) and the code checks out. */
export async function confirmTotp(
  store: Store,
  cipher: Parameters<typeof enableTotp>[1],
  userId: string,
  input: { secret: string; code: string; password: string },
): Promise<void> {
  await requirePassword(store, userId, input.password, 'password');
  const ok = await enableTotp(store, cipher, userId, input.secret, input.code);
  if (!ok) throw invalidInput('code', label('Onjuiste code', 'Incorrect code'));
}

/** The migration the database is at, or a reason it cannot serve. */
export async function databaseState(
  store: Store,
): Promise<{ ok: true; migration: string | null } | { ok: false; reason: string }> {
  try {
    await sql`SELECT 1`.execute(store.db);
    return { ok: true, migration: await currentMigration(store) };
  } catch {
    return { ok: false, reason: 'database unreachable' };
  }
}
