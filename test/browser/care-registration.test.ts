// Issue 16, item 5: registration with CoMensha in the browser. A shelter registers a woman it took in; CoMensha's
// registrar records the police's report of the same woman (another spelling, the full date); the registrar's
// list shows both under one pseudonymous person and never a name; the page is axe clean.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertAccessible, describeInBrowser, logInThroughForm, openLoginPage } from '../helpers/browser.ts';

describeInBrowser('care: registration with CoMensha', (web) => {
  test('a shelter and CoMensha register the same woman; the registrar sees one pseudonymous person, no name', async () => {
    const shelter = await openLoginPage(web);
    await logInThroughForm(shelter, 'intake@opvang.example');
    await shelter.getByRole('link', { name: 'Opvangplaatsen' }).first().click();
    await shelter
      .getByRole('heading', { level: 2, name: 'Mogelijk slachtoffer registreren bij CoMensha' })
      .waitFor();
    await shelter.getByLabel('Leeftijd bij registratie').fill('30');
    await shelter.getByLabel('Leeftijd is geschat').check();
    await shelter.getByLabel('Nationaliteit (ISO-code in drie letters, bijv. UKR)').fill('UKR');
    await shelter.getByLabel('Voornaam (alleen voor ontdubbeling, wordt niet bewaard)').fill('Olena');
    await shelter.getByLabel('Achternaam (alleen voor ontdubbeling, wordt niet bewaard)').fill('Shevcenko');
    await shelter.getByLabel('Geboortedatum of geboortejaar (niet bewaard)').fill('1996');
    await shelter.getByRole('button', { name: 'Registreren' }).click();
    await shelter.getByText('Geregistreerd bij CoMensha').waitFor();
    assert.equal(
      await shelter.getByLabel('Achternaam (alleen voor ontdubbeling, wordt niet bewaard)').inputValue(),
      '',
      'the name is cleared once sent',
    );
    await assertAccessible(shelter, 'care-registration-shelter');
    await shelter.context().close();

    const page = await openLoginPage(web);
    await logInThroughForm(page, 'registratie@comensha.example');
    await page.getByRole('link', { name: 'Registratie mogelijke slachtoffers' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Registratie mogelijke slachtoffers' }).waitFor();
    // A missing monitor variable is named at its field.
    await page.getByLabel('Achternaam (alleen voor ontdubbeling, wordt niet bewaard)').fill('Shevchenko');
    await page.getByRole('button', { name: 'Registreren' }).click();
    await page.getByText('Verplichte variabele van de slachtoffermonitor ontbreekt').waitFor();
    await page.getByLabel('Gemeld door (type organisatie)').selectOption('police_unit');
    await page.getByLabel('Leeftijd bij registratie').fill('30');
    await page.getByLabel('Nationaliteit (ISO-code in drie letters, bijv. UKR)').fill('UKR');
    await page.getByLabel('Voornaam (alleen voor ontdubbeling, wordt niet bewaard)').fill('Olena');
    await page.getByLabel('Achternaam (alleen voor ontdubbeling, wordt niet bewaard)').fill('Shevchenko');
    await page.getByLabel('Geboortedatum of geboortejaar (niet bewaard)').fill('1996-03-14');
    await page.getByRole('button', { name: 'Registreren' }).click();
    await page.getByText('Geregistreerd bij CoMensha').waitFor();
    const rows = page.getByRole('table', { name: /Gepseudonimiseerde registraties/ }).getByRole('row');
    // The header row and two registrations.
    await rows.nth(2).waitFor();
    const pseudonyms = await page
      .getByRole('table', { name: /Gepseudonimiseerde registraties/ })
      .locator('tbody th')
      .allTextContents();
    assert.equal(pseudonyms.length, 2);
    assert.match(pseudonyms[0] ?? '', /^P-[0-9a-f]{10}$/);
    assert.equal(pseudonyms[0], pseudonyms[1], 'one person');
    const main = (await page.getByRole('main').textContent()) ?? '';
    assert.ok(!main.includes('Shevchenko') && !main.includes('Shevcenko'), 'no name on the page');
    await assertAccessible(page, 'care-registration-comensha');
    await page.context().close();
  });
});
