import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { sql } from 'kysely';
import * as OTPAuth from 'otpauth';
import type { Store } from '../store/connect.ts';
import { withAuthScope } from './auth-scope.ts';
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
  /** A password someone else knew (an admin's, the CLI's): only the account routes answer until changed. */
  mustChangePassword: boolean;
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

/** What the credential function of migration 0097 returns for a login. */
interface LoginCandidate {
  id: string;
  org_id: string;
  email: string;
  name: string;
  password_hash: string;
  roles: string[];
  totp_secret: string | null;
  totp_last_step: number | null;
  disabled: boolean;
  org_type: string;
  org_name: string;
  must_change_password: boolean;
}

/** A session and its user as `ketenplein_session()` returns them: no credential. */
interface SessionRow {
  user_id: string;
  org_id: string;
  email: string;
  name: string;
  roles: string[];
  totp_enabled: boolean;
  org_type: string;
  org_name: string;
  expires_at: Date | string;
  must_change_password: boolean;
}

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
  const now = new Date();
  // Login runs on the request connections, as the request role, in the signed authentication scope: the
  // credentials are read and the attempt reserved by SECURITY DEFINER functions (migration 0097).
  const { user, reservation } = await withAuthScope(store, async (db) => {
    const found =
      await sql<LoginCandidate>`SELECT * FROM ketenplein_auth_user(${input.email.trim()})`.execute(db);
    const candidate = found.rows[0];
    // The attempt is counted before the password is looked at, atomically (src/access/lockout.ts).
    return {
      user: candidate,
      reservation: candidate ? await reserveAttempt(db, candidate.id, settings, now) : null,
    };
  });

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
  const auditBase = {
    userId: user.id,
    orgId: user.org_id,
    purpose: 'authentication',
    resource: 'session',
    recordIds: [user.id],
    fields: [],
  };
  const deny = (reason: string) =>
    withAuthScope(store, async (_db, audit) =>
      audit({ ...auditBase, action: 'login', result: 'denied', reason }),
    );
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
      await withAuthScope(store, (db) => refundAttempt(db, user.id, reservation));
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
  await withAuthScope(store, async (db, audit) => {
    // Two logins racing with one code: only the first moves the step on and gets a session.
    const started = await sql<{ ok: boolean }>`SELECT ketenplein_auth_start_session(${user.id}::uuid,
      ${totpStepUsed}::integer, ${hashToken(token)}, ${hashToken(csrfToken)}, ${now}::timestamptz,
      ${expiresAt}::timestamptz) AS ok`.execute(db);
    if (!started.rows[0]?.ok)
      throw new LoginError(
        'totp_invalid',
        401,
        'Onjuiste of al gebruikte code / Incorrect or already used code',
      );
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
      mustChangePassword: user.must_change_password,
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
  const csrfToken = csrfFor(token);
  const now = new Date();
  // One statement on the request connections: the SECURITY DEFINER function (migration 0097) finds the
  // session by the token's hash (which only the cookie's holder can compute), drops it when expired or its
  // user is disabled, slides it, and returns the user without any credential.
  const result = await sql<SessionRow>`SELECT * FROM ketenplein_session(${hashToken(token)},
    ${hashToken(csrfToken)}, ${now}::timestamptz, make_interval(mins => ${settings.idleMinutes}::integer),
    make_interval(hours => ${settings.absoluteHours}::integer),
    make_interval(secs => ${slideAfterSeconds(settings)}::double precision))`.execute(store.requestDb);
  const row = result.rows[0];
  if (!row) return null;
  return {
    csrfToken,
    expiresAt: new Date(row.expires_at),
    user: {
      userId: row.user_id,
      orgId: row.org_id,
      orgType: row.org_type,
      orgName: row.org_name,
      roles: row.roles.filter(isRole) as Role[],
      email: row.email,
      name: row.name,
      totpEnabled: row.totp_enabled,
      mustChangePassword: row.must_change_password,
    },
  };
}

/**
 * How long after its last slide a session in use is slid again. Writing on every request would make every
 * read a write, so at most once a minute; but never later than a quarter of the idle limit, or a short
 * idle limit would end a session in steady use (issue 10, Low: "a session in use every 10 s expires").
 */
export function slideAfterSeconds(settings: Pick<SessionSettings, 'idleMinutes'>): number {
  return Math.min(60, (settings.idleMinutes * 60) / 4);
}

/**
 * Ends every session of a user but the one holding `keepToken` (none when omitted): after a password
 * change a stolen session must not outlive it, and "log out everywhere" ends them all.
 */
export async function endSessions(store: Store, userId: string, keepToken?: string): Promise<number> {
  return withAuthScope(store, async (db) => {
    const keep = keepToken === undefined ? null : hashToken(keepToken);
    const result = await sql<{ ended: number }>`SELECT ketenplein_auth_end_sessions(${userId}::uuid,
      ${keep}::text) AS ended`.execute(db);
    return Number(result.rows[0]?.ended ?? 0);
  });
}

export async function logout(store: Store, token: string): Promise<void> {
  await sql`SELECT ketenplein_session_end(${hashToken(token)})`.execute(store.requestDb);
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
  await withAuthScope(store, async (db, audit) => {
    // The enrolment code counts as used: it cannot log in afterwards.
    await sql`SELECT ketenplein_auth_set_totp(${userId}::uuid, ${cipher.encrypt(secret)}, ${step}::integer)`.execute(
      db,
    );
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
