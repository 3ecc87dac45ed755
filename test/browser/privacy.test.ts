import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { exampleSubmission } from '../../src/signals/fixtures.ts';
import { assertAccessible, describeInBrowser, logInThroughForm, openLoginPage } from '../helpers/browser.ts';
import { loginAs } from '../helpers/server.ts';

describeInBrowser(`the privacy officer's data-subject requests`, (web) => {
  before(async () => {
    const reporter = await loginAs(web.server, 'melder@gemeente-amsterdam.example', 'signal_intake');
    const created = await reporter.post('/api/v1/signals', exampleSubmission());
    assert.equal(created.status, 201);
  });

  test('registers a request, finds the subject by BSN (masked) and attaches the record', async () => {
    const page = await openLoginPage(web);
    await logInThroughForm(page, 'privacy@gemeente-amsterdam.example');
    await page.getByRole('link', { name: 'Verzoeken van betrokkenen' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Verzoeken van betrokkenen' }).waitFor();

    await page.getByLabel('Soort verzoek').selectOption('access');
    await page.getByLabel('Kenmerk').fill('AVG-2026-017');
    await page.getByLabel('Ontvangen op').fill('2026-01-31');
    await page.getByRole('button', { name: 'Verzoek registreren' }).click();
    await page.getByText('Verzoek AVG-2026-017 is geregistreerd; termijn tot 2026-02-28.').waitFor();
    await page.getByRole('rowheader', { name: 'AVG-2026-017' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Verzoek AVG-2026-017' }).waitFor();

    await page.getByLabel('BSN').fill('123456782');
    await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
    await page.getByRole('cell', { name: '******782' }).waitFor();
    await page.getByRole('cell', { name: 'Mogelijke verdachte' }).waitFor();
    assert.equal(await page.getByText('123456782').count(), 0, 'the BSN is shown masked only');
    await page.getByRole('button', { name: 'Koppelen aan verzoek' }).click();
    await page.getByText('1 persoon gekoppeld').waitFor();
    await assertAccessible(page, 'privacy-requests');
    await page.context().close();
  });
});
