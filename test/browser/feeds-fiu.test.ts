import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FIU_CSV } from '../../src/feeds/fixtures.ts';
import { assertAccessible, describeInBrowser, logInThroughForm, openLoginPage } from '../helpers/browser.ts';
import { loginAs } from '../helpers/server.ts';

const csvFile = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });

describeInBrowser('FIU transactions: upload a batch, signals with reasons, money flows of a case', (web) => {
  test('FIU uploads a batch and sees the signals with their reasons; a bad file gets its report', async () => {
    const page = await openLoginPage(web);
    await logInThroughForm(page, 'aanlevering@fiu.example');
    await page.goto(`${web.server.url}/fiu-transacties`);
    await page.getByRole('heading', { level: 1, name: 'Verdachte transacties aanleveren' }).waitFor();
    await page.getByLabel('Batchreferentie').fill('FIU-2026-0042');
    await page
      .getByLabel('Bestand (CSV of XLSX, hoogstens 20 MB)')
      .setInputFiles(csvFile('batch.csv', FIU_CSV));
    await page.getByRole('button', { name: 'Aanleveren' }).click();
    await page
      .getByText('Batch FIU-2026-0042 opgeslagen met 14 transacties; 2 signaal/signalen aangemaakt.')
      .waitFor();
    const marius = page.getByRole('row', { name: /NL91ABNA0417164300/ }).first();
    await marius.getByText(/5 loonbetalingen .* van 3 werkgever/).waitFor();
    await marius.getByText(/huur of vervoer/).waitFor();
    await assertAccessible(page, 'fiu-upload');
    await page.setViewportSize({ width: 390, height: 844 });
    await assertAccessible(page, 'fiu-upload-390');
    await page.setViewportSize({ width: 1280, height: 900 });

    const bad = FIU_CSV.replace(
      'NL91ABNA0417164300,1985-04-12,,bank,MH-loon',
      'NL91ABNA0417164301,1985-04-12,,bank,MH-loon',
    ).replace(',1450.00,EUR,', ',-1450.00,EUR,');
    await page.getByLabel('Batchreferentie').fill('FIU-2026-0043');
    await page.getByLabel('Bestand (CSV of XLSX, hoogstens 20 MB)').setInputFiles(csvFile('bad.csv', bad));
    await page.getByRole('button', { name: 'Aanleveren' }).click();
    await page.getByRole('heading', { level: 2, name: 'Controlerapport' }).waitFor();
    await page
      .getByRole('cell', { name: /klopt niet \(controlegetal mod-97\)/ })
      .first()
      .waitFor();
    await page.getByRole('cell', { name: /is negatief/ }).waitFor();
    await assertAccessible(page, 'fiu-upload-report');
    await page.context().close();
  });

  test('an investigator sees the money flows of a case drawn, as a table, filtered, and axe-clean at 1280 and 390 px', async () => {
    const police = await loginAs(
      web.server,
      'rechercheur@politie-amsterdam.example',
      'criminal_investigation',
    );
    const opened = await police.post<{ id: string }>('/api/v1/cases', {
      title: 'Geldstromen Ionescu',
      approaches: ['criminal'],
      identifiers: [{ kind: 'iban', value: 'NL91ABNA0417164300' }],
    });
    assert.equal(opened.status, 201, JSON.stringify(opened.body));

    const page = await openLoginPage(web);
    await logInThroughForm(page, 'rechercheur@politie-amsterdam.example');
    await page.goto(`${web.server.url}/geldstromen?case=${opened.body.id}`);
    await page.getByRole('heading', { level: 1, name: 'Geldstromen' }).waitFor();
    const graph = page.getByRole('img', { name: 'Geldstromen als netwerk' });
    await graph.waitFor();
    await graph.getByText('Marius Ionescu').waitFor();
    await graph.getByText('Agro Flex BV').waitFor();
    const row = page.getByRole('row', { name: /Agro Flex BV .*Marius Ionescu/ });
    await row.getByRole('cell', { name: /4\.225,50/ }).waitFor();
    await row.getByRole('cell', { name: '3', exact: true }).waitFor();
    // Over time: each transaction by date, the first wage payment on top.
    const timeline = page.getByRole('table', { name: 'Transacties in de tijd' });
    await timeline.getByRole('row', { name: /2026-10-02 .*Agro Flex BV.*1\.450,00/ }).waitFor();
    await assertAccessible(page, 'money-flows');

    await page.getByLabel('Minimumbedrag').fill('2000');
    await page.getByRole('button', { name: 'Toon geldstromen' }).click();
    await page
      .getByRole('row', { name: /Agro Flex BV/ })
      .first()
      .waitFor({ state: 'detached' });
    await page
      .getByRole('row', { name: /Verhuur Westland BV/ })
      .getByRole('cell', { name: /4\.800,00/ })
      .waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download als CSV' }).click();
    assert.equal((await download).suggestedFilename(), 'geldstromen.csv');

    await page.setViewportSize({ width: 390, height: 844 });
    await assertAccessible(page, 'money-flows-390');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `the page is ${width} px wide at 390 px`);
    await page.context().close();
  });
});
