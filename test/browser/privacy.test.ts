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
    // Held with a year of birth only, and with no birth data at all.
    for (const person of [
      { role: 'possible_victim', givenNames: 'Elena', surname: 'Petrova', birthYear: 2008 },
      { role: 'witness', givenNames: 'Anna', surname: 'Smirnova' },
    ]) {
      const signal = { ...exampleSubmission(), persons: [{ ...person, phones: [], emails: [] }] };
      const made = await reporter.post('/api/v1/signals', signal);
      assert.equal(made.status, 201, JSON.stringify(made.body));
    }
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
    await page.getByText('Verzoek AVG-2026-017 is geregistreerd; termijn tot 28-02-2026.').waitFor();
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

  test('a name one letter off and a full date find a person held with a year only; unsure is "possible"', async () => {
    const page = await openLoginPage(web);
    await logInThroughForm(page, 'privacy@gemeente-amsterdam.example');
    await page.getByRole('link', { name: 'Verzoeken van betrokkenen' }).first().click();
    await page.getByLabel('Soort verzoek').selectOption('access');
    await page.getByLabel('Kenmerk').fill('AVG-2026-018');
    await page.getByLabel('Ontvangen op').fill('2026-02-02');
    await page.getByRole('button', { name: 'Verzoek registreren' }).click();
    await page.getByRole('heading', { level: 2, name: 'Verzoek AVG-2026-018' }).waitFor();

    // Issue 19: this said "Uw organisatie heeft geen gegevens van deze persoon".
    await page.getByLabel('Voornamen').fill('Elena');
    await page.getByLabel('Achternaam').fill('Petrowa');
    await page.getByLabel(/^Geboortedatum/).fill('2008-03-14');
    await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
    await page.getByRole('heading', { level: 3, name: 'Gevonden bij uw organisatie' }).waitFor();
    await page.getByRole('rowheader', { name: 'Elena Petrova' }).waitFor();
    await page.getByRole('cell', { name: 'alleen geboortejaar 2008' }).waitFor();
    assert.equal(await page.getByText('geen gegevens van deze persoon').count(), 0);

    // Held without any birth data: not certain, so shown as a possible match, never as "nothing held".
    await page.getByLabel('Voornamen').fill('Anna');
    await page.getByLabel('Achternaam').fill('Smirnowa');
    await page.getByLabel(/^Geboortedatum/).fill('1999-05-05');
    await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
    await page.getByRole('heading', { level: 3, name: 'Mogelijke overeenkomsten' }).waitFor();
    await page.getByRole('rowheader', { name: 'Anna Smirnova' }).waitFor();
    await page.getByRole('cell', { name: /\(mogelijk, \d+%\)/ }).waitFor();
    assert.equal(await page.getByText('geen gegevens van deze persoon').count(), 0);
    await assertAccessible(page, 'privacy-possible-matches');
    await page.setViewportSize({ width: 390, height: 844 });
    await assertAccessible(page, 'privacy-possible-matches-390');
    await page.context().close();
  });
});
