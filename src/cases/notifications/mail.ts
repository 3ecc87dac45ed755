import { withSystem } from '../../access/context.ts';
import { type MailSettings, mailSettingsFrom, sendMail } from '../../domain/mail.ts';
import type { JobHandler } from '../../store/jobs.ts';
import { CASE_ROLES } from '../grants.ts';
import { NOTIFY_MAIL_JOB, type NotificationKind } from './notify.ts';
import './tables.ts';

// The mail settings and sender are shared with the account links (src/domain/mail.ts).
export { type MailSettings, mailSettingsFrom } from '../../domain/mail.ts';

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
        // One message, the recipients hidden from each other.
        await sendMail(settings, { to: settings.from, bcc: to, ...mail });
        await db
          .updateTable('case_notifications')
          .set({ mailed_at: new Date() })
          .where('id', '=', id)
          .execute();
      });
    },
  };
}
