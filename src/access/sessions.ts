import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import type { Store } from '../store/connect.ts';
import { withSystem } from './context.ts';
import { refundAttempt, reserveAttempt } from './lockout.ts';
import { dummyHash, verifyPassword } from './passwords.ts';
import type { Actor } from './policy.ts';
import { isRole, type Role } from './roles.ts';
import type { FieldCipher } from './secrets.ts';

export interface SessionSettings {
  idleMinutes: number;
  absoluteHours: number;
  maxFailedLogins: number;
  lockoutMinutes: number;
}

export const DEFAULT_SESSION_SETTINGS: SessionSettings = {
  idleMinutes: 30,
  absoluteHours: 12,
  maxFailedLogins: 5,
  lockoutMinutes: 15,
};

export interface SessionUser extends Actor {
  email: string;
  name: string;
  orgName: string;
  totpEnabled: boolean;
}

export interface Session {
  user: SessionUser;
  csrfToken: string;
  expiresAt: Date;
}

export class LoginError extends Error {
  constructor(
    readonly code: 'invalid_credentials' | 'locked' | 'totp_required' | 'totp_invalid' | 'disabled',
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const randomToken = () => randomBytes(32).toString('base64url');
/**
 * The CSRF token is derived from the session token (which lives only in the httpOnly cookie and is itself
 * stored hashed), so the database keeps only a hash of it: a copy of the sessions table gives neither the
 * session nor its CSRF token (issue 10, Low). The page gets it from login and /auth/me as before.
 */
const csrfFor = (token: string) => createHmac('sha256', token).update('ketenplein csrf').digest('base64url');

export interface LoginInput {
  email: string;
  password: string;
  totp?: string;
}

/**
 * Password (argon2id) plus optional TOTP. Failures count per account and lock it for a while;
 * the answer never tells whether the e-mail exists. Both outcomes are audited.
 */
export async function login(
  store: Store,
  cipher: FieldCipher,
  input: LoginInput,
  settings = DEFAULT_SESSION_SETTINGS,
): Promise<Session & { token: string }> {
  const user = await store.db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.org_id')
    .select([
      'users.id',
      'users.org_id',
      'users.email',
      'users.name',
      'users.password_hash',
      'users.roles',
      'users.totp_secret',
      'users.totp_last_step',
      'users.disabled',
      'organisations.type as org_type',
      'organisations.name as org_name',
    ])
    .where((eb) => eb(eb.fn('lower', ['users.email']), '=', input.email.trim().toLowerCase()))
    .executeTakeFirst();

  const invalid = new LoginError(
    'invalid_credentials',
    401,
    'Onjuist e-mailadres of wachtwoord, of het account is tijdelijk geblokkeerd na te veel pogingen / ' +
      'Incorrect e-mail address or password, or the account is temporarily locked after too many attempts',
  );
  if (!user) {
    await verifyPassword(await dummyHash(), input.password);
    throw invalid;
  }
  const now = new Date();
  const auditBase = {
    userId: user.id,
    orgId: user.org_id,
    purpose: 'authentication',
    resource: 'session',
    recordIds: [user.id],
    fields: [],
  };
  const deny = (reason: string) =>
    withSystem(store, 'system:auth', async (_db, audit) =>
      audit({ ...auditBase, action: 'login', result: 'denied', reason }),
    );
  // The attempt is counted before the password is looked at, atomically (src/access/lockout.ts).
  const reservation = await reserveAttempt(store.db, user.id, settings, now);
  if (!reservation) {
    // Locked: the same answer, after the same work, as a wrong password, so it tells nothing about the account.
    await verifyPassword(await dummyHash(), input.password);
    await deny('locked');
    throw invalid;
  }
  const passwordOk = await verifyPassword(user.password_hash, input.password);
  let failure: LoginError | null = passwordOk ? null : invalid;
  let totpStepUsed: number | null = null;
  if (!failure && user.disabled)
    failure = new LoginError('disabled', 403, 'Account is uitgeschakeld / Account is disabled');
  if (!failure && user.totp_secret) {
    if (!input.totp) {
      // The password was right; ask for the second factor and give the attempt back: it was no guess.
      await refundAttempt(store.db, user.id, reservation);
      throw new LoginError(
        'totp_required',
        401,
        'Voer de code uit uw authenticator-app in / Enter your authenticator code',
      );
    }
    totpStepUsed = totpStep(cipher.decrypt(user.totp_secret), input.totp);
    // A code already used (this step or an earlier one) is refused like a wrong one: replay.
    if (totpStepUsed === null || (user.totp_last_step !== null && totpStepUsed <= user.totp_last_step)) {
      failure = new LoginError(
        'totp_invalid',
        401,
        'Onjuiste of al gebruikte code / Incorrect or already used code',
      );
    }
  }
  if (failure) {
    await deny(reservation.locksNow ? 'locked_now' : failure.code);
    throw failure;
  }

  const token = randomToken();
  const csrfToken = csrfFor(token);
  const expiresAt = new Date(now.getTime() + settings.idleMinutes * 60_000);
  await withSystem(store, 'system:auth', async (db, audit) => {
    const updated = await db
      .updateTable('users')
      .set({
        failed_logins: 0,
        locked_until: null,
        ...(totpStepUsed !== null ? { totp_last_step: totpStepUsed } : {}),
      })
      .where('id', '=', user.id)
      // Two logins racing with one code: only the first moves the step on, the other finds none.
      .$if(totpStepUsed !== null, (q) =>
        q.where((eb) =>
          eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', totpStepUsed as number)]),
        ),
      )
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1)
      throw new LoginError(
        'totp_invalid',
        401,
        'Onjuiste of al gebruikte code / Incorrect or already used code',
      );
    await db
      .insertInto('sessions')
      .values({
        token_hash: hashToken(token),
        user_id: user.id,
        csrf_token: hashToken(csrfToken),
        last_seen_at: now,
        expires_at: expiresAt,
      })
      .execute();
    audit({ ...auditBase, action: 'login', result: 'allowed' });
  });
  return {
    token,
    csrfToken,
    expiresAt,
    user: {
      userId: user.id,
      orgId: user.org_id,
      orgType: user.org_type,
      orgName: user.org_name,
      roles: user.roles.filter(isRole) as Role[],
      email: user.email,
      name: user.name,
      totpEnabled: Boolean(user.totp_secret),
    },
  };
}

/**
 * Looks a session up and slides its idle expiry. Returns null for unknown, expired or
 * disabled ones. The absolute lifetime bounds how long sliding can go on.
 */
export async function authenticate(
  store: Store,
  token: string | undefined,
  settings = DEFAULT_SESSION_SETTINGS,
): Promise<Session | null> {
  if (!token) return null;
  const tokenHash = hashToken(token);
  const row = await store.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .innerJoin('organisations', 'organisations.id', 'users.org_id')
    .select([
      'sessions.csrf_token',
      'sessions.created_at',
      'sessions.expires_at',
      'sessions.last_seen_at',
      'users.id',
      'users.org_id',
      'users.email',
      'users.name',
      'users.roles',
      'users.disabled',
      'users.totp_secret',
      'organisations.type as org_type',
      'organisations.name as org_name',
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();
  const now = new Date();
  const csrfToken = csrfFor(token);
  if (row && row.csrf_token !== hashToken(csrfToken)) return null; // not a session this code made
  if (!row || row.disabled || row.expires_at <= now) {
    if (row) await store.db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
    return null;
  }
  const absoluteEnd = row.created_at.getTime() + settings.absoluteHours * 3600_000;
  const expiresAt = new Date(Math.min(now.getTime() + settings.idleMinutes * 60_000, absoluteEnd));
  // Slide at most once a minute: a write per request would make every read a write.
  if (now.getTime() - row.last_seen_at.getTime() > 60_000) {
    await store.db
      .updateTable('sessions')
      .set({ last_seen_at: now, expires_at: expiresAt })
      .where('token_hash', '=', tokenHash)
      .execute();
  }
  return {
    csrfToken,
    expiresAt,
    user: {
      userId: row.id,
      orgId: row.org_id,
      orgType: row.org_type,
      orgName: row.org_name,
      roles: row.roles.filter(isRole) as Role[],
      email: row.email,
      name: row.name,
      totpEnabled: Boolean(row.totp_secret),
    },
  };
}

/**
 * Ends every session of a user but the one holding `keepToken` (none when omitted): after a password
 * change a stolen session must not outlive it, and "log out everywhere" ends them all.
 */
export async function endSessions(store: Store, userId: string, keepToken?: string): Promise<number> {
  const result = await store.db
    .deleteFrom('sessions')
    .where('user_id', '=', userId)
    .$if(keepToken !== undefined, (q) => q.where('token_hash', '<>', hashToken(keepToken as string)))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function logout(store: Store, token: string): Promise<void> {
  await store.db.deleteFrom('sessions').where('token_hash', '=', hashToken(token)).execute();
}

export function csrfMatches(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

const TOTP_PERIOD = 30;

/** The time step a TOTP code belongs to (this one or one either side), or null when it is wrong. */
export function totpStep(secretBase32: string, code: string, now = Date.now()): number | null {
  const totp = new OTPAuth.TOTP({
    secret: OTPAuth.Secret.fromBase32(secretBase32),
    digits: 6,
    period: TOTP_PERIOD,
  });
  const delta = totp.validate({ token: code.replace(/\s/g, ''), window: 1, timestamp: now });
  return delta === null ? null : Math.floor(now / 1000 / TOTP_PERIOD) + delta;
}

/** Starts TOTP enrolment: a new secret and its otpauth:// URI for an authenticator app. */
export function newTotpSecret(email: string): { secret: string; uri: string } {
  const secret = new OTPAuth.Secret({ size: 20 });
  const totp = new OTPAuth.TOTP({ issuer: 'Ketenplein', label: email, secret, digits: 6, period: 30 });
  return { secret: secret.base32, uri: totp.toString() };
}

export async function enableTotp(
  store: Store,
  cipher: FieldCipher,
  userId: string,
  secret: string,
  code: string,
): Promise<boolean> {
  const step = totpStep(secret, code);
  if (step === null) return false;
  await withSystem(store, 'system:auth', async (db, audit) => {
    await db
      .updateTable('users')
      // The enrolment code counts as used: it cannot log in afterwards.
      .set({ totp_secret: cipher.encrypt(secret), totp_last_step: step })
      .where('id', '=', userId)
      .execute();
    audit({
      userId,
      orgId: null,
      purpose: 'authentication',
      action: 'enable_totp',
      resource: 'user',
      recordIds: [userId],
      fields: ['totp_secret'],
      result: 'allowed',
    });
  });
  return true;
}
