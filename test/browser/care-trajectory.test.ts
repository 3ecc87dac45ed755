// Issue 16, item 4: the care trajectory in the browser. The coordinator plans acute care and aftercare, starts the
// first phase, records the handover consent and hands over; the aftercare provider sees only what the consent
// covers and confirms; the pages are axe clean.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { assertAccessible, describeInBrowser, logInThroughForm, openLoginPage } from '../helpers/browser.ts';
import { loginAs } from '../helpers/server.ts';

describeInBrowser('care: trajectory and handover', (web) => {
  before(async () => {
    const provider = await loginAs(web.server, 'intake@opvang.example', 'care_coordination');
    const made = await provider.post('/api/v1/care/locations', {
      name: 'Huis Nazorg',
      municipalityCode: 'GM0193',
      places: [
        {
          kind: 'womens_shelter',
          capacity: 4,
          occupancy: 1,
          genders: ['female'],
          minAge: 18,
          maxAge: 120,
          needs: [],
        },
      ],
    });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    const coordinator = await loginAs(
      web.server,
      'zorgcoordinator@zorg-amsterdam.example',
      'care_coordination',
    );
    const client = await coordinator.post('/api/v1/care/clients', {
      source: 'direct',
      alias: 'Joy',
      needs: ['psychiatric'],
      languages: ['en'],
    });
    assert.equal(client.status, 201);
  });

  test('plan, start and hand over; the provider confirms and sees only needs and languages', async () => {
    const page = await openLoginPage(web);
    await logInThroughForm(page, 'zorgcoordinator@zorg-amsterdam.example');
    await page.getByRole('link', { name: 'Zorgcoördinatie' }).first().click();
    await page
      .getByRole('button', { name: /Openen/ })
      .first()
      .click();
    await page.getByRole('heading', { level: 3, name: 'Zorgtraject' }).waitFor();
    const provider = page.getByLabel('Aanbieder acute opvang');
    await page.waitForFunction(() => document.querySelectorAll('select option').length > 2);
    const value = await provider.locator('option').nth(1).getAttribute('value');
    assert.ok(value);
    await provider.selectOption(value);
    await page.getByLabel('Aanbieder nazorg (optioneel)').selectOption(value);
    await page.getByRole('button', { name: 'Traject plannen' }).click();
    await page.getByRole('button', { name: 'Fase starten (acute opvang)' }).click();
    await page.locator('[data-phase-state="active"]').waitFor();
    await page
      .getByRole('button', {
        name: 'Toestemming voor overdracht van zorgbehoefte en talen vastleggen (vandaag, mondeling)',
      })
      .click();
    await page.getByRole('button', { name: 'Overdragen (zorgbehoefte en talen) (acute opvang)' }).click();
    await page.locator('[data-phase-state="handover_proposed"]').waitFor();
    await assertAccessible(page, 'care-trajectory-coordinator');
    await page.context().close();

    const shelter = await openLoginPage(web);
    await logInThroughForm(shelter, 'intake@opvang.example');
    await shelter.getByRole('link', { name: 'Opvangplaatsen' }).first().click();
    const row = shelter.getByRole('row', { name: /nazorg/ });
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    assert.match(text, /psychiatrische problematiek/);
    assert.doesNotMatch(text, /Joy/);
    await row.getByRole('button', { name: 'Overdracht bevestigen' }).click();
    await shelter.locator('[data-handover-state="confirmed"]').waitFor();
    await assertAccessible(shelter, 'care-trajectory-provider');
    await shelter.context().close();
  });
});
