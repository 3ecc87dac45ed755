import { type Kysely, sql } from 'kysely';
import type { Database } from '../store/schema.ts';

/**
 * The per-account lockout counter, kept atomic. A login first *reserves* an attempt with one
 * UPDATE … RETURNING (the row lock orders concurrent logins), and only an attempt that got a
 * reservation has its password checked. So a burst of parallel guesses checks at most
 * `maxFailedLogins` passwords before the account locks, however many arrive at once.
 */
export interface LockoutSettings {
  maxFailedLogins: number;
  lockoutMinutes: number;
}

export interface Reservation {
  /** The attempt's number since the last success or expired lock (1 = first). */
  attempt: number;
  /** This attempt was the one that locked the account (it is still checked). */
  locksNow: boolean;
}

/**
 * Reserves one login attempt, or returns null when the account is locked. An expired lock starts
 * counting afresh; the attempt that reaches the maximum sets the lock itself.
 */
export async function reserveAttempt(
  db: Kysely<Database>,
  userId: string,
  settings: LockoutSettings,
  now = new Date(),
): Promise<Reservation | null> {
  const until = new Date(now.getTime() + settings.lockoutMinutes * 60_000);
  // One UPDATE … RETURNING inside a SECURITY DEFINER function (migration 0097): the request role cannot
  // touch the counter itself, only inside the signed authentication scope (src/access/auth-scope.ts).
  const result = await sql<{ attempt: number | null }>`
    SELECT ketenplein_auth_reserve(${userId}::uuid, ${settings.maxFailedLogins}::integer, ${until}::timestamptz,
      ${now}::timestamptz) AS attempt`.execute(db);
  const attempt = result.rows[0]?.attempt;
  if (attempt === null || attempt === undefined) return null;
  return { attempt, locksNow: attempt >= settings.maxFailedLogins };
}

/**
 * Gives a reservation back when the attempt was not a guess (the password was right and only the
 * TOTP code is still to come). The lock this attempt set, if any, is lifted with it.
 */
export async function refundAttempt(
  db: Kysely<Database>,
  userId: string,
  reservation: Reservation,
): Promise<void> {
  await sql`SELECT ketenplein_auth_refund(${userId}::uuid, ${reservation.locksNow})`.execute(db);
}
