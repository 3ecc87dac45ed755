import nodemailer from 'nodemailer';

/**
 * Where e-mail goes out (environment variables, README "Environment variables"): the cases' notifications
 * and the account links (set-password, reset) share these settings and this sender.
 */
export interface MailSettings {
  /** KETENPLEIN_SMTP_URL, e.g. smtps://user:pass@smtp.example:465; unset: no e-mail. */
  smtpUrl: string | undefined;
  /** KETENPLEIN_MAIL_FROM */
  from: string;
  /** KETENPLEIN_PUBLIC_URL: the app's address the links in the e-mail point to. */
  publicUrl: string;
}

export function mailSettingsFrom(env: NodeJS.ProcessEnv = process.env): MailSettings {
  return {
    smtpUrl: env.KETENPLEIN_SMTP_URL || undefined,
    from: env.KETENPLEIN_MAIL_FROM || 'noreply@ketenplein.invalid',
    publicUrl: (env.KETENPLEIN_PUBLIC_URL || 'http://localhost:8080').replace(/\/+$/, ''),
  };
}

export interface MailMessage {
  to?: string;
  bcc?: string[];
  subject: string;
  text: string;
}

/** Sends one message over the configured SMTP server; false (nothing sent) when none is configured. */
export async function sendMail(settings: MailSettings, message: MailMessage): Promise<boolean> {
  if (!settings.smtpUrl) return false;
  const transport = nodemailer.createTransport(settings.smtpUrl);
  try {
    await transport.sendMail({ from: settings.from, ...message });
    return true;
  } finally {
    transport.close();
  }
}
