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
  const result = await sql<{ failed_logins: number }>`
    UPDATE users SET
      failed_logins = CASE WHEN locked_until IS NOT NULL AND locked_until <= ${now} THEN 1
                           ELSE failed_logins + 1 END,
      locked_until = CASE
        WHEN (CASE WHEN locked_until IS NOT NULL AND locked_until <= ${now} THEN 1
                   ELSE failed_logins + 1 END) >= ${settings.maxFailedLogins} THEN ${until}::timestamptz
        WHEN locked_until IS NOT NULL AND locked_until <= ${now} THEN NULL
        ELSE locked_until END
    WHERE id = ${userId} AND (locked_until IS NULL OR locked_until <= ${now})
    RETURNING failed_logins`.execute(db);
  const row = result.rows[0];
  if (!row) return null;
  return { attempt: row.failed_logins, locksNow: row.failed_logins >= settings.maxFailedLogins };
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
  await sql`
    UPDATE users SET failed_logins = GREATEST(failed_logins - 1, 0),
      locked_until = CASE WHEN ${reservation.locksNow} THEN NULL ELSE locked_until END
    WHERE id = ${userId}`.execute(db);
}
