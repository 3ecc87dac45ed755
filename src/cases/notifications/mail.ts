import nodemailer from 'nodemailer';
import { withSystem } from '../../access/context.ts';
import type { JobHandler } from '../../store/jobs.ts';
import { CASE_ROLES } from '../grants.ts';
import { NOTIFY_MAIL_JOB, type NotificationKind } from './notify.ts';
import './tables.ts';

/** Where the notification e-mail goes out (environment variables, README "Environment variables"). */
export interface MailSettings {
  /** KETENPLEIN_SMTP_URL, e.g. smtps://user:pass@smtp.example:465; unset: no e-mail, in-app only. */
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

const SUBJECT: Record<NotificationKind, { nl: string; en: string }> = {
  referral_received: { nl: 'Nieuwe verwijzing ontvangen', en: 'Referral received' },
  task_assigned: { nl: 'Nieuwe taak voor uw organisatie', en: 'Task assigned to your organisation' },
  consultation_invitation: {
    nl: 'Uitnodiging voor een casusoverleg',
    en: 'Invitation to a case consultation',
  },
  case_reassigned: { nl: 'Zaak aan u toegewezen', en: 'Case reassigned to you' },
  task_overdue: { nl: 'Taak over de termijn', en: 'Task overdue' },
};

/**
 * The e-mail of one notification, built from its kind and link alone: no case reference, no title, no name,
 * so nothing of a person (BSN, health, criminal data) can travel by mail. The reader logs in to see more.
 */
export function notificationMail(kind: NotificationKind, link: string, settings: MailSettings) {
  const subject = SUBJECT[kind];
  const url = `${settings.publicUrl}${link}`;
  return {
    subject: `Ketenplein: ${subject.nl} / ${subject.en}`,
    text: [
      `${subject.nl}. Log in op Ketenplein om het te bekijken:`,
      url,
      '',
      `${subject.en}. Log in to Ketenplein to see it:`,
      url,
      '',
      'Deze e-mail bevat bewust geen gegevens over personen of zaken. / This e-mail deliberately holds no data on persons or cases.',
    ].join('\n'),
  };
}

/** The job that mails a notification to the case workers of the notified organisation. */
export function notificationMailHandlers(
  settings: MailSettings = mailSettingsFrom(),
): Record<string, JobHandler> {
  return {
    [NOTIFY_MAIL_JOB]: async (job, store) => {
      if (!settings.smtpUrl) return; // no SMTP configured: the in-app notification is all
      const { id } = job.payload as { id: string };
      await withSystem(store, 'system:notifications', async (db) => {
        const note = await db
          .selectFrom('case_notifications')
          .select(['id', 'org_id', 'kind', 'link', 'mailed_at'])
          .where('id', '=', id)
          .forUpdate()
          .executeTakeFirst();
        if (!note || note.mailed_at) return;
        const roles = await db
          .selectFrom('users')
          .select(['email', 'roles'])
          .where('org_id', '=', note.org_id)
          .where('disabled', '=', false)
          .execute();
        const to = roles
          .filter((u) => u.roles.some((role) => (CASE_ROLES as readonly string[]).includes(role)))
          .map((u) => u.email);
        if (to.length === 0) return;
        const mail = notificationMail(note.kind as NotificationKind, note.link, settings);
        const transport = nodemailer.createTransport(settings.smtpUrl);
        try {
          // One message, the recipients hidden from each other.
          await transport.sendMail({ from: settings.from, to: settings.from, bcc: to, ...mail });
        } finally {
          transport.close();
        }
        await db
          .updateTable('case_notifications')
          .set({ mailed_at: new Date() })
          .where('id', '=', id)
          .execute();
      });
    },
  };
}
