// Issue 16: the care journey in the browser: the care coordinator takes a client on, records consent, starts
// the reflection period and files a placement request; matching proposes a specialised place; the shelter
// accepts and admits with the safe address; the police sees neither the page nor the safe address.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { assertAccessible, describeInBrowser, logInThroughForm, openLoginPage } from '../helpers/browser.ts';
import { loginAs } from '../helpers/server.ts';

describeInBrowser('care: client, placement and admission', (web) => {
  before(async () => {
    const provider = await loginAs(web.server, 'intake@opvang.example', 'care_coordination');
    const made = await provider.post('/api/v1/care/locations', {
      name: 'Huis aan de IJssel',
      municipalityCode: 'GM0193',
      places: [
        {
          kind: 'multi_problem',
          capacity: 3,
          occupancy: 1,
          genders: ['female'],
          minAge: 18,
          maxAge: 120,
          needs: ['psychiatric'],
        },
      ],
    });
    assert.equal(made.status, 201, JSON.stringify(made.body));
  });

  test('the coordinator takes a client on and files a placement request; the shelter accepts and admits', async () => {
    const page = await openLoginPage(web);
    await logInThroughForm(page, 'zorgcoordinator@zorg-amsterdam.example');
    await page.getByRole('link', { name: 'Zorgcoördinatie' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Zorgcoördinatie' }).waitFor();
    await page.getByLabel('Naam of alias').fill('Amara');
    await page.getByLabel('Leeftijd (geschat)').fill('26');
    await page.getByLabel('Nationaliteit (ISO-code, bijv. NGA)').fill('NGA');
    await page.getByLabel('Zorgbehoefte').selectOption('psychiatric');
    await page.getByLabel('Gemeente van uitbuiting (CBS-code, bijv. GM0363)').fill('GM0363');
    await page.getByRole('button', { name: 'Aannemen' }).click();
    await page.getByRole('heading', { level: 2, name: 'Cliëntdossier: Amara' }).waitFor();
    await page
      .getByRole('button', { name: 'Toestemming voor plaatsing vastleggen (vandaag, mondeling)' })
      .click();
    await page.getByText('plaatsing –').waitFor();
    await page.getByRole('button', { name: 'Bedenktijd aanbieden (vandaag)' }).click();
    await page.getByText('Stand: aangeboden').waitFor();
    await page.getByRole('button', { name: 'Bedenktijd laten ingaan (vandaag)' }).click();
    await page.getByText(/Stand: loopt – Uiterlijk \d{4}-\d{2}-\d{2}/).waitFor();
    await page.getByRole('button', { name: 'Plaatsingsverzoek indienen' }).click();
    await page.locator('[data-state="open"]').waitFor();
    await page.getByRole('button', { name: 'Zoek passende plaatsen' }).click();
    const row = page.getByRole('row', { name: /Huis aan de IJssel/ });
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /Passend type: Gespecialiseerde plaats/);
    await assertAccessible(page, 'care-coordinator');
    await row.getByRole('button', { name: /Voorleggen/ }).click();
    await page.locator('[data-state="proposed"]').waitFor();
    await page.context().close();

    const shelter = await openLoginPage(web);
    await logInThroughForm(shelter, 'intake@opvang.example');
    await shelter.getByRole('link', { name: 'Opvangplaatsen' }).first().click();
    await shelter.getByRole('heading', { level: 1, name: 'Opvangplaatsen' }).waitFor();
    await shelter.getByRole('button', { name: 'Accepteren' }).click();
    await shelter.locator('[data-state="accepted"]').waitFor();
    await shelter.getByLabel('Veilig adres').fill('Schuilhof 7, 8011 AB Zwolle');
    await shelter.getByRole('button', { name: 'Opnemen' }).click();
    await shelter.locator('[data-state="admitted"]').waitFor();
    assert.match((await shelter.getByRole('main').textContent()) ?? '', /Huis aan de IJssel/);
    await assertAccessible(shelter, 'care-shelter');
    await shelter.context().close();
  });

  test('the coordinator sees the safe address; a police user sees neither the page nor the address (screen and API)', async () => {
    const coordinator = await loginAs(
      web.server,
      'zorgcoordinator@zorg-amsterdam.example',
      'care_coordination',
    );
    const requests = await coordinator.get<{ id: string; state: string }[]>(
      '/api/v1/care/placement-requests',
    );
    const admitted = requests.body.find((request) => request.state === 'admitted');
    assert.ok(admitted);

    const page = await openLoginPage(web);
    await logInThroughForm(page, 'zorgcoordinator@zorg-amsterdam.example');
    await page.goto(`${web.server.url}/zorg`);
    await page
      .getByRole('button', { name: /^Openen/ })
      .first()
      .click();
    await page.getByRole('button', { name: 'Toon veilig adres' }).click();
    assert.equal(await page.getByTestId('safe-address').textContent(), 'Schuilhof 7, 8011 AB Zwolle');
    await page.context().close();

    const police = await openLoginPage(web);
    await logInThroughForm(police, 'rechercheur@politie-amsterdam.example');
    assert.equal(await police.getByRole('link', { name: 'Zorgcoördinatie' }).count(), 0);
    await police.goto(`${web.server.url}/zorg`);
    await police.getByRole('heading', { level: 1 }).first().waitFor();
    assert.doesNotMatch((await police.getByRole('main').textContent()) ?? '', /Schuilhof|Amara/);
    // The API from the police user's own session: 403 with the reason.
    const answer = await police.evaluate(async (id) => {
      const response = await fetch(`/api/v1/care/placement-requests/${id}/safe-address`, {
        headers: { 'x-ketenplein-purpose': 'criminal_investigation' },
      });
      return { status: response.status, body: await response.text() };
    }, admitted.id);
    assert.equal(answer.status, 403);
    assert.doesNotMatch(answer.body, /Schuilhof/);
    assert.match(answer.body, /care_safe_address/);
    await police.context().close();
  });
});
