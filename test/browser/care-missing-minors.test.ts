// Issue 16, item 6: the youth care institution reports a missing minor in the browser; the police unit of the
// region sees it at once through the API; the return is reported on the page; axe clean.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertAccessible, describeInBrowser, logInThroughForm, openLoginPage } from '../helpers/browser.ts';
import { loginAs } from '../helpers/server.ts';

describeInBrowser('care: missing minors', (web) => {
  test('report, the police sees it, report the return', async () => {
    const page = await openLoginPage(web);
    await logInThroughForm(page, 'medewerker@jeugdzorg.example');
    await page.getByRole('link', { name: 'Vermiste minderjarigen' }).first().click();
    await page.getByRole('heading', { level: 2, name: 'Vermissing melden' }).waitFor();
    await page.getByLabel('Voornaam').fill('Sanne');
    await page.getByLabel('Achternaam').fill('Visser');
    await page.getByLabel('Geboortedatum (JJJJ-MM-DD)').fill('2010-02-03');
    await page
      .getByLabel('Signalement en wat de politie moet weten voor de veiligheid')
      .fill('Groene jas, 1,55 m');
    await page.getByRole('button', { name: 'Melden aan de politie' }).click();
    await page.getByText(/Gemeld aan de politie-eenheid/).waitFor();
    await page.locator('[data-missing-state="missing"]').waitFor();
    const police = await loginAs(
      web.server,
      'rechercheur@politie-amsterdam.example',
      'criminal_investigation',
    );
    const seen = await police.get<{ surname?: string }[]>('/api/v1/care/missing-minors');
    assert.equal(seen.body[0]?.surname, 'Visser');
    await assertAccessible(page, 'care-missing-minors');
    await page.getByRole('button', { name: /Terug gemeld/ }).click();
    await page.locator('[data-missing-state="returned"]').waitFor();
    await page.context().close();
  });
});
