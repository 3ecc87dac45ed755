import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { notificationMailHandlers } from '../../src/cases/notifications/mail.ts';
import { runDueJobs } from '../../src/store/jobs.ts';
import { addDays, CARE, orgIds, policeCase } from '../helpers/cases.ts';
import { loginAs, startTestServer, type TestServer } from '../helpers/server.ts';
import { databaseLabel } from '../helpers/store.ts';

interface Received {
  from: string;
  to: string[];
  data: string;
}

/**
 * Notifications (issue 15, item 7): a referral notifies the recipient in the app and by e-mail, through a real
 * SMTP server started here; the e-mail carries a link and nothing of the case or its persons.
 */
describe(`cases: notifications in the app and by e-mail on ${databaseLabel}`, () => {
  let server: TestServer;
  let smtp: SMTPServer;
  let port = 0;
  const received: Received[] = [];

  before(async () => {
    server = await startTestServer();
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            data: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    port = (smtp.server.address() as AddressInfo).port;
  });
  after(async () => {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await server.close();
  });

  test('a referral: an unread notification for the recipient, an e-mail with only a link', async () => {
    const orgs = await orgIds(server);
    const { id, police } = await policeCase(server, 'Mail');
    const care = await loginAs(server, CARE, 'care_coordination');
    const before = await care.get<{ unread: number }>('/api/v1/case-notifications');
    const referred = await police.post<{ id: string }>(`/api/v1/cases/${id}/referrals`, {
      toOrgId: orgs.get('Zorgcoördinatie Amsterdam-Amstelland'),
      profile: 'care',
      purpose: 'care_coordination',
      legalBasis: 'public_task',
      endsOn: addDays(30),
    });
    assert.equal(referred.status, 201, JSON.stringify(referred.body));

    const list = await care.get<{ unread: number; items: { id: string; kind: string; link: string }[] }>(
      '/api/v1/case-notifications',
    );
    assert.equal(list.status, 200);
    assert.equal(list.body.unread, before.body.unread + 1);
    assert.equal(list.body.items[0].kind, 'referral_received');
    assert.equal(list.body.items[0].link, '/verwijzingen');
    // The sender does not see the recipient's notification; a forged id is not found.
    const own = await police.get<{ items: { id: string }[] }>('/api/v1/case-notifications');
    assert.ok(!own.body.items.some((n) => n.id === list.body.items[0].id));
    assert.equal((await police.post(`/api/v1/case-notifications/${list.body.items[0].id}/read`)).status, 404);
    assert.equal((await care.post(`/api/v1/case-notifications/${list.body.items[0].id}/read`)).status, 200);
    assert.equal(
      (await care.get<{ unread: number }>('/api/v1/case-notifications')).body.unread,
      before.body.unread,
    );

    // Without SMTP nothing is sent; with it the job mails the case workers of the recipient organisation.
    const handlers = notificationMailHandlers({
      smtpUrl: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
      from: 'Ketenplein <noreply@ketenplein.test>',
      publicUrl: 'https://ketenplein.test',
    });
    await runDueJobs(server.store, handlers);
    const mail = received.find((m) => m.to.includes(CARE));
    assert.ok(mail, `no mail to ${CARE}: ${JSON.stringify(received.map((m) => m.to))}`);
    assert.ok(!mail.to.includes('rechercheur@politie-amsterdam.example'));
    assert.match(mail.data, /Subject: Ketenplein: Nieuwe verwijzing ontvangen/);
    assert.match(mail.data, /https:\/\/ketenplein\.test\/verwijzingen/);
    const file = (await police.get<Record<string, unknown>>(`/api/v1/cases/${id}`)).body;
    for (const secret of [
      'SlachtofferMail',
      'VictimMail',
      'DaderMail',
      'Uitzendbureau Mail',
      '06-12345678',
      '1990',
      String(file.reference),
      String(file.title),
    ]) {
      assert.ok(!mail.data.includes(secret), `the e-mail carries ${secret}`);
    }
    // Sent once: running the jobs again mails nothing more.
    const count = received.length;
    await runDueJobs(server.store, handlers);
    assert.equal(received.length, count);
  });
});
