import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as OTPAuth from 'otpauth';
import { DEMO_PASSWORD } from '../../src/store/demo.ts';
import { assertAccessible, describeInBrowser, logInThroughForm, openLoginPage } from '../helpers/browser.ts';

describeInBrowser(`web shell`, (web) => {
  test('the login page has no serious accessibility violations', async () => {
    const page = await openLoginPage(web);
    assert.equal(await page.getAttribute('html', 'lang'), 'nl');
    await assertAccessible(page, 'login');
    await page.context().close();
  });

  test('empty fields get messages linked to the inputs, a wrong password a clear error', async () => {
    const page = await openLoginPage(web);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    const email = page.getByLabel('E-mailadres');
    assert.equal(await email.getAttribute('aria-invalid'), 'true');
    const describedBy = (await email.getAttribute('aria-describedby')) ?? '';
    assert.ok(describedBy, 'the e-mail field points at its error message');
    const message = await page.locator(`[id="${describedBy.split(' ')[0]}"]`).textContent();
    assert.match(message ?? '', /Vul uw e-mailadres in/);
    assert.ok(
      await email.evaluate((node) => node === document.activeElement),
      'focus moves to the first error',
    );

    await email.fill('analist@comensha.example');
    await page.getByLabel('Wachtwoord').fill('niet-het-wachtwoord');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('alert').getByText('Het e-mailadres of het wachtwoord klopt niet.').waitFor();
    await page.context().close();
  });

  test('five wrong passwords lock the account; the page answers as for a wrong password', async () => {
    const page = await openLoginPage(web);
    await page.getByLabel('E-mailadres').fill('melder@opvang.example');
    for (let attempt = 0; attempt < 6; attempt++) {
      await page.getByLabel('Wachtwoord').fill(`fout-${attempt}`);
      await page.getByRole('button', { name: 'Inloggen' }).click();
      await page.getByRole('alert').waitFor();
      await page.getByRole('button', { name: 'Inloggen' }).waitFor();
    }
    // The same answer as a wrong password (it must not tell which accounts exist), which mentions the lock.
    await page
      .getByRole('alert')
      .getByText(/klopt niet\. Na vijf mislukte pogingen .* tijdelijk geblokkeerd/)
      .waitFor();
    const row = await web.server.store.db
      .selectFrom('users')
      .select('locked_until')
      .where('email', '=', 'melder@opvang.example')
      .executeTakeFirstOrThrow();
    assert.ok(row.locked_until && row.locked_until > new Date(), 'the account is locked');
    await page.context().close();
  });

  test('a triage officer logs in, sees their start page, switches to English and back', async () => {
    const page = await openLoginPage(web);
    await logInThroughForm(page, 'triage@politie-le.example');
    await page.getByRole('heading', { level: 1, name: 'Welkom, Mohamed el Amrani' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Als triagist' }).waitFor();
    await page.getByRole('heading', { level: 3, name: 'Beoordelingswachtrij' }).waitFor();
    assert.match((await page.locator('header').textContent()) ?? '', /Politie Landelijke Eenheid/);
    // The triage modules have landed: working links, none announced as "coming soon".
    assert.equal(await page.getByRole('link', { name: 'Beoordelingswachtrij' }).count(), 1);
    assert.equal(await page.getByText('Binnenkort beschikbaar', { exact: true }).count(), 0);
    assert.equal(await page.getByRole('link', { name: 'Gebruikers' }).count(), 0, 'no admin menu for triage');
    await assertAccessible(page, 'start-triage');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Welcome, Mohamed el Amrani' }).waitFor();
    await page.getByRole('heading', { level: 3, name: 'Assessment queue' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Welcome, Mohamed el Amrani' }).waitFor();
    await page.getByRole('button', { name: 'Nederlands' }).click();
    await page.getByRole('heading', { level: 1, name: 'Welkom, Mohamed el Amrani' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'nl');

    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
    await page.getByText('U bent uitgelogd.').waitFor();
    await page.context().close();
  });

  test('each role gets the start page of its part of the chain', async () => {
    const expectations: [string, string][] = [
      ['melder@gemeente-amsterdam.example', 'Signaal melden'],
      ['rechercheur@politie-amsterdam.example', 'Webcrawler'],
      ['zorgcoordinator@zorg-amsterdam.example', 'Zorgcoördinatie'],
      ['coordinator@gemeente-amsterdam.example', 'Gemeentelijke aanpak'],
      ['analist@comensha.example', 'Schatting van onzichtbare slachtoffers'],
    ];
    for (const [email, module] of expectations) {
      const page = await openLoginPage(web);
      await logInThroughForm(page, email);
      await page.getByRole('heading', { level: 3, name: module }).waitFor();
      if (email.startsWith('analist@')) {
        // Modules that do not exist yet are announced as such, not shown as working links.
        assert.equal(await page.getByRole('link', { name: 'Statistiek' }).count(), 0);
        await page.getByText('Binnenkort beschikbaar').first().waitFor();
      }
      await page.context().close();
    }
  });

  test('the skip link is the first stop for the keyboard and leads to the main content', async () => {
    const page = await openLoginPage(web);
    await logInThroughForm(page, 'analist@comensha.example');
    // A fresh page load: after the login the page heading holds focus, and Tab would go on from there.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: /^Welkom, / }).waitFor();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Direct naar de inhoud' });
    assert.ok(await skip.evaluate((node) => node === document.activeElement), 'skip link has focus');
    const box = await skip.boundingBox();
    assert.ok(box && box.y >= 0, 'the focused skip link is visible on screen');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
    await page.context().close();
  });

  test('a user changes their password and turns on two-step verification, then logs in with a code', async () => {
    const page = await openLoginPage(web);
    await logInThroughForm(page, 'zorgcoordinator@zorg-amsterdam.example');
    await page.getByRole('link', { name: 'Mijn account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mijn account' }).waitFor();

    const newPassword = 'een-lange-nieuwe-zin-2026';
    await page.getByLabel('Huidig wachtwoord').fill('fout-wachtwoord');
    await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill(newPassword);
    await page.getByLabel('Herhaal nieuw wachtwoord').fill(newPassword);
    await page.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
    const current = page.getByLabel('Huidig wachtwoord');
    await page.getByText('Huidig wachtwoord klopt niet').waitFor();
    assert.equal(await current.getAttribute('aria-invalid'), 'true');
    await current.fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
    await page.getByText('Uw wachtwoord is gewijzigd.').waitFor();

    await page.getByRole('button', { name: 'Tweestapsverificatie instellen' }).click();
    const secret = (await page.getByTestId('totp-secret').textContent())?.trim() ?? '';
    assert.match(secret, /^[A-Z2-7]{16,}$/);
    await page.getByRole('link', { name: /^otpauth:\/\/totp\// }).waitFor();
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 });
    await page.getByLabel('Code uit de app').fill(totp.generate());
    await page.getByLabel('Uw wachtwoord, ter bevestiging').fill(newPassword);
    await page.getByRole('button', { name: 'Bevestigen' }).click();
    await page.getByText('Tweestapsverificatie staat nu aan.').waitFor();
    await assertAccessible(page, 'account');

    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.getByLabel('E-mailadres').fill('zorgcoordinator@zorg-amsterdam.example');
    await page.getByLabel('Wachtwoord').fill(newPassword);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    const code = page.getByLabel('Code uit uw authenticator-app');
    await code.waitFor();
    assert.ok(
      await code.evaluate((node) => node === document.activeElement),
      'focus moves to the code field',
    );
    // The enrolment code is spent; the next step's code (within the drift window) logs in.
    await code.fill(totp.generate({ timestamp: Date.now() + 30_000 }));
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Welkom, Lotte Bakker' }).waitFor();
    await page.context().close();
  });
});
