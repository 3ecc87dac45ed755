import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  assertAccessible,
  describeInBrowser,
  logInThroughForm,
  openLoginPage,
  screenshot,
} from '../helpers/browser.ts';
import { acceptedSignal, CARE, POLICE } from '../helpers/cases.ts';
import { loginAs } from '../helpers/server.ts';

describeInBrowser('cases', (web) => {
  test('police opens a case from a routed signal and refers it under the care profile; the care coordinator sees only the possible victim', async () => {
    const signal = await acceptedSignal(web.server, 'Web');

    // 1. The police team opens a case from the accepted signal's page.
    const police = await openLoginPage(web);
    await logInThroughForm(police, POLICE);
    await police.goto(`${web.server.url}/melding/${signal}?als=team`);
    await police
      .getByRole('heading', { name: 'Zaak openen vanuit deze melding' })
      .waitFor()
      .catch(async (error) => {
        await screenshot(police, 'cases-signal-page-failed');
        console.error((await police.locator('main').textContent())?.slice(0, 3000));
        throw error;
      });
    await police.getByLabel('Titel van de zaak').fill('Loods Havenweg');
    await police.getByRole('button', { name: 'Zaak openen' }).click();
    const heading = police.getByRole('heading', { level: 1, name: /^ZK-\d{4}-\d{5} – Loods Havenweg$/ });
    await heading.waitFor();
    const reference = ((await heading.textContent()) ?? '').split(' – ')[0];
    await assertAccessible(police, 'cases-overview');

    // 2. The tabs work with the keyboard: arrow right from Overzicht opens Personen.
    await police.getByRole('tab', { name: 'Overzicht' }).focus();
    await police.keyboard.press('ArrowRight');
    const personsTab = police.getByRole('tab', { name: 'Personen' });
    assert.equal(await personsTab.getAttribute('aria-selected'), 'true');
    const persons = police.getByRole('tabpanel');
    await persons.getByText('SlachtofferWeb VictimWeb').waitFor();
    await persons.getByText('DaderWeb SuspectWeb').waitFor();
    await assertAccessible(police, 'cases-persons');

    // 3. Refer under the care profile to the regional care coordinator.
    await police.getByRole('tab', { name: 'Verwijzingen' }).click();
    await police.locator('#f-refer-to').selectOption({ label: 'Zorgcoördinatie Amsterdam-Amstelland' });
    await police.locator('#f-refer-profile').selectOption('care');
    await police.getByRole('button', { name: 'Verwijzing versturen' }).click();
    await police.getByText('De verwijzing is verstuurd.').waitFor();
    await police
      .getByRole('tabpanel')
      .getByRole('cell', { name: 'Zorgcoördinatie Amsterdam-Amstelland' })
      .first()
      .waitFor();
    await assertAccessible(police, 'cases-referrals-tab');

    // 4. The care coordinator accepts it in the referral overview and opens the shared case.
    const care = await openLoginPage(web);
    await logInThroughForm(care, CARE);
    await care.getByRole('navigation').getByRole('link', { name: 'Verwijzingen', exact: true }).click();
    await care.getByRole('heading', { level: 1, name: 'Verwijzingen' }).waitFor();
    await care.getByText(/In afwachting: 1/).waitFor();
    await assertAccessible(care, 'cases-referral-overview');
    await care.getByRole('button', { name: `Accepteren ${reference}` }).click();
    await care.getByRole('link', { name: `Bekijk gedeelde zaak ${reference}` }).click();
    await care.getByRole('heading', { level: 1, name: `${reference} – Loods Havenweg` }).waitFor();
    await care.getByRole('tab', { name: 'Personen' }).click();
    await care.getByRole('tabpanel').getByText('SlachtofferWeb VictimWeb').waitFor();
    const shown = (await care.locator('main').textContent()) ?? '';
    for (const secret of ['SuspectWeb', 'DaderWeb', 'Uitzendbureau Web', 'Havenweg 1']) {
      assert.ok(!shown.includes(secret), `the care coordinator's screen shows ${secret}`);
    }
    await care.getByRole('tab', { name: 'Overzicht' }).click();
    const overview = (await care.locator('main').textContent()) ?? '';
    assert.ok(!overview.includes('Uitzendbureau Web'), 'no companies under the care profile');
    await care.getByRole('tab', { name: 'Geschiedenis' }).click();
    await care.getByRole('tabpanel').getByText('Niet met u gedeeld.').waitFor();
    await assertAccessible(care, 'cases-care-view');

    // 5. The API says the same.
    const api = await loginAs(web.server, CARE, 'care_coordination');
    const list = await api.get<{ items: { id: string; reference: string }[] }>('/api/v1/cases');
    const shared = list.body.items.find((c) => c.reference === reference);
    assert.ok(shared);
    const file = await api.get<{ persons: { role: string }[]; companies: unknown[] }>(
      `/api/v1/cases/${shared.id}`,
    );
    assert.deepEqual(
      file.body.persons.map((p) => p.role),
      ['possible_victim'],
    );
    assert.deepEqual(file.body.companies, []);
  });
});
