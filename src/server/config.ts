import { resolve } from 'node:path';
import type { Role } from '../access/roles.ts';
import { DEFAULT_SESSION_SETTINGS, type SessionSettings } from '../access/sessions.ts';
import { totpRequiredRolesFrom } from '../access/two-step.ts';
import { type MailSettings, mailSettingsFrom } from '../domain/mail.ts';

/** Every environment variable the server reads, in one place (documented in README.md). */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  production: boolean;
  logLevel: string;
  session: SessionSettings;
  /** Login attempts per IP per minute before 429. */
  loginRateLimit: number;
  /** Login attempts per account (e-mail address) per minute before 429, whichever address they come from. */
  loginAccountRateLimit: number;
  /** Smallest cell of a capture table from registrations shown without a warning; a server setting, never a request field. */
  estimateMinCell: number;
  webDir: string;
  /**
   * Addresses or CIDR ranges of reverse proxies whose X-Forwarded-For is believed
   * (KETENPLEIN_TRUSTED_PROXIES, comma-separated). Empty: the socket address is the client.
   */
  trustedProxies: string[];
  /** Roles that must have two-step verification (KETENPLEIN_TOTP_REQUIRED_ROLES; src/access/two-step.ts). */
  totpRequiredRoles: Role[];
  /** Where set-password links are mailed from and point to (KETENPLEIN_SMTP_URL, _MAIL_FROM, _PUBLIC_URL). */
  mail: MailSettings;
  /** "Wachtwoord vergeten" requests per account per hour that send a mail; more are answered alike, unsent. */
  passwordResetAccountLimit: number;
}

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, got "${raw}"`);
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: intFrom(env, 'PORT', 8080),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.KETENPLEIN_DATA_DIR ?? './data'),
    production: env.NODE_ENV === 'production',
    logLevel: env.KETENPLEIN_LOG_LEVEL ?? 'info',
    session: {
      ...DEFAULT_SESSION_SETTINGS,
      idleMinutes: intFrom(env, 'KETENPLEIN_SESSION_IDLE_MINUTES', DEFAULT_SESSION_SETTINGS.idleMinutes),
    },
    loginRateLimit: intFrom(env, 'KETENPLEIN_LOGIN_RATE_LIMIT', 10),
    loginAccountRateLimit: intFrom(env, 'KETENPLEIN_LOGIN_ACCOUNT_RATE_LIMIT', 10),
    estimateMinCell: intFrom(env, 'KETENPLEIN_ESTIMATE_MIN_CELL', 5),
    webDir: resolve(env.KETENPLEIN_WEB_DIR ?? 'dist/web'),
    trustedProxies: (env.KETENPLEIN_TRUSTED_PROXIES ?? '')
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean),
    totpRequiredRoles: totpRequiredRolesFrom(env.KETENPLEIN_TOTP_REQUIRED_ROLES),
    mail: mailSettingsFrom(env),
    passwordResetAccountLimit: intFrom(env, 'KETENPLEIN_PASSWORD_RESET_LIMIT', 3),
  };
}
