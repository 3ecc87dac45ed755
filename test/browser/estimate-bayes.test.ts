import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { assertAccessible, describeInBrowser, logInThroughForm, openLoginPage } from '../helpers/browser.ts';

const ROME = readFileSync('test/data/mse/hiv_rome_4lists.csv', 'utf8');

describeInBrowser('Zicht op omvang: drie methoden', (web) => {
  test('an analyst runs all three methods and sees their intervals in a chart with a table beside it', async () => {
    const page = await openLoginPage(web);
    await logInThroughForm(page, 'analist@comensha.example');
    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Zicht op omvang' })
      .click();
    await page.getByLabel('Naam', { exact: true }).fill('Rome drie methoden');
    await page.getByLabel('Inhoud van de tabel (CSV)').fill(ROME);
    await page.getByLabel('Methode', { exact: true }).selectOption('all');
    await page.getByLabel('Burn-in (iteraties)').fill('500');
    await page.getByLabel('Bewaarde trekkingen').fill('200');
    await page.getByLabel('Thinning').fill('2');
    await page.getByRole('button', { name: 'Schatten' }).click();
    const result = page.getByRole('region', { name: 'Rome drie methoden' });
    await result.waitFor();
    const comparison = result.getByRole('region', { name: 'Drie methoden naast elkaar' });
    await comparison.getByRole('img', { name: 'Schatting en interval per methode' }).waitFor();
    const table = comparison.getByRole('table', { name: 'Schatting en interval per methode' });
    for (const name of [
      'Log-lineaire modellen',
      'Bayesiaanse modelmiddeling over decomposeerbare grafen (dga)',
      'Latente-klassenmodel, heterogeniteit (lcm)',
    ])
      await table.getByRole('rowheader', { name }).waitFor();
    const dgaRow = table.getByRole('row', { name: /decomposeerbare grafen/ });
    assert.match((await dgaRow.textContent()) ?? '', /11\.221/);
    await result.getByRole('table', { name: 'Grafen met het meeste posteriorgewicht' }).waitFor();
    await result.getByRole('table', { name: /Convergentie van de ketens/ }).waitFor();
    await assertAccessible(page, 'estimate-methods');

    // A bad setting is named by the server.
    await page.getByLabel('Methode', { exact: true }).selectOption('lcm');
    await page.getByLabel('Aantal latente klassen K').fill('0');
    await page.getByRole('button', { name: 'Schatten' }).click();
    await page
      .getByRole('alert')
      .getByText(/Aantal latente klassen K: /)
      .waitFor();
    await page.context().close();
  });
});
