import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { type MailSettings, sendMail } from '../domain/mail.ts';
import type { Store } from '../store/connect.ts';
import { withAuthScope } from './auth-scope.ts';
import { hashPassword } from './passwords.ts';

/**
 * One-time set-password links (issue 19, item 12): the first password of a new account, an admin's reset and
 * "wachtwoord vergeten". The token travels only in the link (in the URL's fragment, which browsers do not
 * send to a server or in a Referer); the database keeps its SHA-256 (migration 0099). Every operation runs
 * as the request role in the signed authentication scope and is audited as `system:auth`.
 */

export type LinkKind = 'invite' | 'reset';

/** How long a link is valid: a new account gets three days to start, a reset one day. */
export const LINK_HOURS: Record<LinkKind, number> = { invite: 72, reset: 24 };

/** The web page that sets a password from a link. */
export const SET_PASSWORD_PATH = '/wachtwoord-instellen';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface IssuedLink {
  /** The link itself: only when it was not e-mailed, to show once to the admin who passes it on. */
  link?: string;
  mailed: boolean;
  expiresAt: Date;
}

interface LinkUser {
  userId: string;
  orgId: string;
  email: string;
  name: string;
}

/** The e-mail of a link: who it is for and until when; nothing else of the account. */
export function linkMail(kind: LinkKind, link: string, expiresAt: Date) {
  const until = expiresAt.toLocaleString('nl-NL', {
    timeZone: 'Europe/Amsterdam',
    dateStyle: 'short',
    timeStyle: 'short',
  });
  const untilEn = expiresAt.toLocaleString('en-GB', {
    timeZone: 'Europe/Amsterdam',
    dateStyle: 'short',
    timeStyle: 'short',
  });
  const subject =
    kind === 'invite'
      ? { nl: 'Uw account op Ketenplein', en: 'Your Ketenplein account' }
      : { nl: 'Nieuw wachtwoord instellen', en: 'Set a new password' };
  const intro =
    kind === 'invite'
      ? {
          nl: 'Er is een account op Ketenplein voor u aangemaakt. Kies uw wachtwoord via deze link:',
          en: 'An account on Ketenplein was created for you. Choose your password with this link:',
        }
      : {
          nl: 'Er is gevraagd om een nieuw wachtwoord voor uw account op Ketenplein. Kies het via deze link:',
          en: 'A new password was requested for your Ketenplein account. Choose it with this link:',
        };
  return {
    subject: `Ketenplein: ${subject.nl} / ${subject.en}`,
    text: [
      intro.nl,
      link,
      `De link werkt één keer, tot ${until}. Niet door u gevraagd? Dan kunt u deze e-mail negeren.`,
      '',
      intro.en,
      link,
      `The link works once, until ${untilEn}. Not requested by you? Then you can ignore this e-mail.`,
    ].join('\n'),
  };
}

/**
 * Issues a link for one user (earlier links of the user stop working) and e-mails it when SMTP is
 * configured; otherwise, or when sending fails, the link is returned to be shown once. `deliver: 'mail-only'`
 * (wachtwoord vergeten) never returns the link. `reason` names who asked (audited).
 */
export async function issueLink(
  store: Store,
  mail: MailSettings,
  user: LinkUser,
  kind: LinkKind,
  options: { requestedBy: string | null; revokePassword?: boolean; deliver?: 'mail-or-show' | 'mail-only' },
): Promise<IssuedLink> {
  const token = randomBytes(32).toString('base64url');
  const now = new Date();
  const expiresAt = new Date(now.getTime() + LINK_HOURS[kind] * 3600_000);
  await withAuthScope(store, async (db, audit) => {
    if (options.revokePassword) {
      await sql`SELECT ketenplein_auth_revoke_password(${user.userId}::uuid)`.execute(db);
    }
    await sql`SELECT ketenplein_auth_issue_token(${user.userId}::uuid, ${kind}, ${hashToken(token)},
      ${expiresAt}::timestamptz, ${now}::timestamptz)`.execute(db);
    audit({
      userId: options.requestedBy,
      orgId: user.orgId,
      purpose: 'authentication',
      action: kind === 'invite' ? 'issue_invite_link' : 'issue_reset_link',
      resource: 'user',
      recordIds: [user.userId],
      fields: options.revokePassword ? ['password_hash', 'must_change_password'] : [],
      result: 'allowed',
    });
  });
  const link = `${mail.publicUrl}${SET_PASSWORD_PATH}#token=${token}`;
  let mailed = false;
  try {
    mailed = await sendMail(mail, { to: user.email, ...linkMail(kind, link, expiresAt) });
  } catch {
    mailed = false;
  }
  if (mailed || options.deliver === 'mail-only') return { mailed, expiresAt };
  return { link, mailed, expiresAt };
}

export interface LinkOwner {
  email: string;
  name: string;
  kind: LinkKind;
}

/** Whose valid link this is, without using it; null for an unknown, used or expired one. */
export async function peekLink(store: Store, token: string): Promise<LinkOwner | null> {
  return withAuthScope(store, async (db) => {
    const found = await sql<{ email: string; name: string; kind: LinkKind }>`SELECT email, name, kind
      FROM ketenplein_auth_peek_token(${hashToken(token)}, ${new Date()}::timestamptz)`.execute(db);
    return found.rows[0] ?? null;
  });
}

/**
 * Uses a link: sets the password and ends the user's sessions, once. False for an unknown, used or expired
 * link (or a disabled account); the password is checked by the caller first, so a weak one burns no link.
 */
export async function useLink(store: Store, token: string, password: string): Promise<boolean> {
  const hash = await hashPassword(password);
  return withAuthScope(store, async (db, audit) => {
    const used = await sql<{ user_id: string; org_id: string; kind: LinkKind }>`SELECT * FROM
      ketenplein_auth_use_token(${hashToken(token)}, ${hash}, ${new Date()}::timestamptz)`.execute(db);
    const row = used.rows[0];
    if (!row) return false;
    audit({
      userId: row.user_id,
      orgId: row.org_id,
      purpose: 'authentication',
      action: 'set_password_by_link',
      resource: 'user',
      recordIds: [row.user_id],
      fields: ['password_hash'],
      result: 'allowed',
      reason: row.kind,
    });
    return true;
  });
}

/** The account a "wachtwoord vergeten" request names, when it exists and is enabled (in the auth scope). */
export async function accountForReset(store: Store, email: string): Promise<LinkUser | null> {
  return withAuthScope(store, async (db) => {
    const found = await sql<{ id: string; org_id: string; email: string; name: string; disabled: boolean }>`
      SELECT id, org_id, email, name, disabled FROM ketenplein_auth_user(${email.trim()})`.execute(db);
    const row = found.rows[0];
    if (!row || row.disabled) return null;
    return { userId: row.id, orgId: row.org_id, email: row.email, name: row.name };
  });
}
