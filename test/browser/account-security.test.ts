import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import * as OTPAuth from 'otpauth';
import type { Page } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { TOTP_REQUIRED_BY_DEFAULT } from '../../src/access/two-step.ts';
import {
  assertAccessible,
  describeInBrowser,
  logInThroughForm,
  openLoginPage,
  screenshot,
} from '../helpers/browser.ts';

/**
 * Account security as a person goes through it (issue 19, item 12), with a real SMTP server: an admin creates
 * a user, the user follows the mailed link, sets a password and is taken to the required two-step
 * verification; "wachtwoord vergeten" from the login page. Axe at 1280 and 390 px on every new page.
 */
describeInBrowser('account security', (web) => {
  let smtp: SMTPServer;
  const mails: { to: string[]; data: string }[] = [];

  before(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          mails.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            data: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  });
  after(() => new Promise<void>((resolve) => smtp.close(() => resolve())));

  /** Production's settings on the running test server: SMTP, and the roles that need a second factor. */
  function productionLike() {
    const port = (smtp.server.address() as AddressInfo).port;
    web.server.config.mail = {
      smtpUrl: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
      from: 'ketenplein@test.example',
      publicUrl: web.server.url,
    };
    // The demo admins have no second factor; the flow under test is the new user's.
    web.server.config.totpRequiredRoles = TOTP_REQUIRED_BY_DEFAULT.filter((role) => role !== 'admin');
  }

  async function linkMailedTo(to: string): Promise<string> {
    const until = Date.now() + 10_000;
    for (;;) {
      const mail = mails.find((m) => m.to.includes(to));
      if (mail) {
        const body = mail.data.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
        const link = body.match(/https?:\/\/\S+\/wachtwoord-instellen#token=[A-Za-z0-9_-]+/)?.[0];
        assert.ok(link, 'the mail holds the link');
        return link;
      }
      if (Date.now() > until) throw new Error(`no mail to ${to}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function accessibleAtBothWidths(page: Page, name: string) {
    await assertAccessible(page, `${name}-1280`);
    await page.setViewportSize({ width: 390, height: 844 });
    await assertAccessible(page, `${name}-390`);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `${name} is ${width} px wide at 390 px`);
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  async function setPassword(page: Page, link: string, password: string) {
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Wachtwoord instellen' }).waitFor();
    await page
      .getByLabel('Nieuw wachtwoord', { exact: true })
      .waitFor({ timeout: 10_000 })
      .catch(async (error) => {
        await screenshot(page, 'account-set-password-failed');
        throw new Error(`${error}: ${await page.locator('main').textContent()}`);
      });
    // The token leaves the address bar at once.
    assert.doesNotMatch(page.url(), /token=/);
    await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill(password);
    await page.getByLabel('Herhaal nieuw wachtwoord').fill(password);
  }

  test('admin creates a user → mailed link → user sets a password → required two-step enrolment', async () => {
    productionLike();
    const admin = await openLoginPage(web);
    await logInThroughForm(admin, 'beheer@gemeente-amsterdam.example');
    await admin
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Gebruikers' })
      .click();
    await admin.getByRole('heading', { level: 1, name: 'Gebruikers' }).waitFor();
    await admin.getByLabel('Naam', { exact: true }).last().fill('Jip Jansen');
    await admin.getByLabel('E-mailadres').last().fill('jip.jansen@gemeente-amsterdam.example');
    await admin
      .getByRole('checkbox', { name: /^Melder/ })
      .last()
      .check();
    await admin.getByRole('button', { name: 'Gebruiker aanmaken' }).click();
    await admin.getByText('Gebruiker Jip Jansen is aangemaakt.').waitFor();
    await admin.getByText(/Er is een e-mail met een eenmalige link naar jip\.jansen@/).waitFor();
    assert.equal(await admin.getByTestId('set-password-link').count(), 0, 'a mailed link is not shown');
    const table = admin.getByRole('table', { name: /Gebruikers van Gemeente Amsterdam/ });
    const row = table.getByRole('row').filter({ has: admin.getByRole('rowheader', { name: 'Jip Jansen' }) });
    await row.getByRole('cell', { name: 'nog nooit' }).waitFor();
    await accessibleAtBothWidths(admin, 'account-admin-created');

    const link = await linkMailedTo('jip.jansen@gemeente-amsterdam.example');
    const page = await openLoginPage(web);
    await setPassword(page, link, 'Jip-kiest-zelf-een-wachtwoord');
    await page.getByText('Welkom, Jip Jansen. Kies een wachtwoord voor uw account').waitFor();
    await accessibleAtBothWidths(page, 'account-set-password');
    await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
    await page.getByText('Uw wachtwoord is ingesteld.').waitFor();
    await page.getByRole('button', { name: 'Naar inloggen' }).click();

    await page.getByLabel('E-mailadres').fill('jip.jansen@gemeente-amsterdam.example');
    await page.getByLabel('Wachtwoord', { exact: true }).fill('Jip-kiest-zelf-een-wachtwoord');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Eerst uw account beveiligen' }).waitFor();
    assert.equal(
      await page.getByRole('navigation', { name: 'Hoofdmenu' }).count(),
      0,
      'no menu before the second factor is set up',
    );
    await page.getByRole('button', { name: 'Tweestapsverificatie instellen' }).click();
    const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').trim();
    await accessibleAtBothWidths(page, 'account-totp-required');
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) });
    await page.getByLabel('Code uit de app').fill(totp.generate());
    await page.getByLabel('Uw wachtwoord, ter bevestiging').fill('Jip-kiest-zelf-een-wachtwoord');
    await page.getByRole('button', { name: 'Bevestigen' }).click();
    await page.getByRole('heading', { level: 1, name: /^Welkom, Jip Jansen/ }).waitFor();

    // The admin sees the last login now.
    await admin.reload();
    await row.getByRole('cell', { name: 'nog nooit' }).waitFor({ state: 'detached' });
    await page.context().close();
    await admin.context().close();
  });

  test('wachtwoord vergeten: link from the login page, mailed link, new password logs in', async () => {
    productionLike();
    const page = await openLoginPage(web);
    await page.getByRole('link', { name: 'Wachtwoord vergeten?' }).click();
    await page.getByRole('heading', { level: 1, name: 'Wachtwoord vergeten' }).waitFor();
    await page.getByRole('button', { name: 'Link aanvragen' }).click();
    await page.getByText('Vul een geldig e-mailadres in').first().waitFor();
    await accessibleAtBothWidths(page, 'account-forgot');
    await page.getByLabel('E-mailadres').fill('analist@opvang.example');
    await page.getByRole('button', { name: 'Link aanvragen' }).click();
    await page.getByText(/Als er een account bij analist@opvang\.example hoort/).waitFor();
    await accessibleAtBothWidths(page, 'account-forgot-sent');

    const link = await linkMailedTo('analist@opvang.example');
    await setPassword(page, link, 'Een-nieuw-wachtwoord-2026');
    await page.getByText('Kies een nieuw wachtwoord voor uw account analist@opvang.example.').waitFor();
    await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
    await page.getByText('Uw wachtwoord is ingesteld.').waitFor();
    // The same link again (a fresh load): refused in plain words.
    await page.goto(`${web.server.url}/`);
    await page.goto(link);
    await page.getByText(/Deze link is verlopen, al gebruikt of ongeldig/).waitFor();
    await accessibleAtBothWidths(page, 'account-link-used');
    await page.goto(`${web.server.url}/`);
    await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
    await logInThroughForm(page, 'analist@opvang.example', 'Een-nieuw-wachtwoord-2026');
    await page.context().close();
  });

  test('an admin sets the contact point of the organisation', async () => {
    web.server.config.totpRequiredRoles = [];
    const page = await openLoginPage(web);
    await logInThroughForm(page, 'beheer@gemeente-amsterdam.example');
    await page.getByRole('link', { name: 'Organisatie', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Organisatie' }).waitFor();
    await page.getByLabel('Telefoonnummer').fill('bel ons');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByRole('alert').or(page.locator('.utrecht-form-field-error-message')).first().waitFor();
    await page.getByLabel('Functiemailbox').fill('mensenhandel@gemeente-amsterdam.example');
    await page.getByLabel('Telefoonnummer').fill('020 555 0100');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('De gegevens van de organisatie zijn opgeslagen.').waitFor();
    await page.getByRole('definition').getByText('020 555 0100').waitFor();
    await accessibleAtBothWidths(page, 'account-organisation-contact');
    await page.context().close();
  });
});
