import { test } from 'node:test';
import { assertAccessible, describeInBrowser, logInThroughForm, openLoginPage } from '../helpers/browser.ts';

describeInBrowser(`webcrawler page`, (web) => {
  test('an investigator records a mandate, sees a refused crawl with its reason, and the page is accessible', async () => {
    const page = await openLoginPage(web);
    await logInThroughForm(page, 'rechercheur@politie-amsterdam.example');
    await page.getByRole('link', { name: 'Webcrawler' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Webcrawler' }).waitFor();

    await page.getByLabel('Onderzoeksnummer').fill('ON-2026-99');
    await page.getByLabel(/^Rechtsgrond/).fill('Wpg art. 9, bevel OvJ 2026-5');
    const nextMonth = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Einddatum').fill(nextMonth);
    await page.getByLabel('Sites (met komma’s)').fill('synthetic-escort');
    await page.getByRole('button', { name: 'Mandaat vastleggen' }).click();
    await page.getByText('Het mandaat is vastgelegd.').waitFor();

    await page.getByLabel('Adapter (JSON)').fill('{"id": "Bad"}');
    await page.getByRole('button', { name: 'Adapter opslaan' }).click();
    await page.getByText(/Ongeldige site-adapter/).waitFor();

    await page.getByRole('button', { name: 'ON-2026-99' }).click();
    await page.getByLabel('Site (adapter)').fill('elders');
    await page.getByRole('button', { name: 'Crawl starten' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'valt niet onder het mandaat' });
    await refusal.waitFor();
    await assertAccessible(page, 'webcrawler');
    await page.context().close();
  });
});
