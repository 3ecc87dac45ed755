import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertAccessible, describeInBrowser, logInThroughForm, openLoginPage } from '../helpers/browser.ts';
import { NL6_TABLE } from '../helpers/nl6-table.ts';

describeInBrowser(`the candidate models of an estimate`, (web) => {
  test('the stepwise path is labelled as such, with its criterion and the sensitivity next to the estimate', async () => {
    const page = await openLoginPage(web);
    await logInThroughForm(page, 'analist@comensha.example');
    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Zicht op omvang' })
      .click();
    await page.getByLabel('Naam', { exact: true }).fill('Nederland 6 lijsten');
    await page.getByLabel('Inhoud van de tabel (CSV)').fill(NL6_TABLE);
    await page.getByLabel('Modelkeuze').selectOption('stepwise-csv');
    await page.getByLabel('Interval', { exact: true }).selectOption('wald');
    await page.getByRole('button', { name: 'Schatten' }).click();
    const result = page.getByRole('region', { name: 'Nederland 6 lijsten' });
    await result.waitFor();
    assert.equal(await result.getByTestId('estimate-total').textContent(), '111.139');
    // Issue 19: "Kandidaatmodellen (beste eerst)" over a path whose last (chosen) step has the worse BIC.
    assert.equal(await page.getByText('beste eerst').count(), 0);
    const table = result.getByRole('table', {
      name: 'Stappen van de voorwaartse selectie (Chan–Silverman–Vincent), van hoofdeffecten naar het gekozen model',
    });
    await table.waitFor();
    await table.getByRole('columnheader', { name: 'BIC (ter vergelijking)' }).waitFor();
    const rows = table.getByRole('row');
    assert.equal(await rows.count(), 10, 'a header and the 9 steps');
    assert.match((await rows.nth(1).textContent()) ?? '', /^0alleen hoofdeffecten633,5/);
    assert.match((await rows.nth(9).textContent()) ?? '', /K:O \(gekozen\)312,4111\.139$/);
    await result
      .getByText(/^Criterium van deze selectie: elke stap voegt de overlap toe .* kleiner is dan 0,02/)
      .waitFor();
    // By hand: BIC 310.4, 310.5, 312.4, 317.5 weigh 1, 0.95, 0.37, 0.03 (the rest ~0) → about 117,950.
    assert.equal(
      await result.getByTestId('estimate-sensitivity').textContent(),
      'de 9 bekeken modellen schatten tussen 52.823 en 130.628. Gemiddelde over deze modellen (BIC-gewichten): 117.965.',
    );
    await assertAccessible(page, 'estimate-candidates');
    await page.setViewportSize({ width: 390, height: 844 });
    await assertAccessible(page, 'estimate-candidates-390');
    await page.context().close();
  });
});
