import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WAV_CSV } from '../../src/feeds/fixtures.ts';
import { assertAccessible, describeInBrowser, logInThroughForm, openLoginPage } from '../helpers/browser.ts';

const csvFile = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });

describeInBrowser('partner feeds: publish the Wav list, screen referents', (web) => {
  test('the Inspectie publishes a version and sees the validation report of a bad file', async () => {
    const page = await openLoginPage(web);
    await logInThroughForm(page, 'wav@inspectie-szw.example');
    await page.goto(`${web.server.url}/wav-lijst`);
    await page.getByRole('heading', { level: 1, name: 'Wav-lijst aanleveren' }).waitFor();
    await page.getByLabel('Bestand (CSV of XLSX)').setInputFiles(csvFile('wav.csv', WAV_CSV));
    await page
      .getByLabel('Contactpunt voor de visumdesk')
      .fill('Inspectie SZW, team Wav, wav@inspectie-szw.example');
    await page.getByRole('button', { name: 'Publiceren' }).click();
    await page.getByText('Versie 1 gepubliceerd met 2 regels.').waitFor();
    await page.getByRole('rowheader', { name: '1', exact: true }).waitFor();
    await assertAccessible(page, 'feeds-publish');

    const bad = 'id,kvk,name,postcode,fined_on,irrevocable_on\nB-1,123,Fout BV,1234AB,2025-01-01,\n';
    await page.getByLabel('Bestand (CSV of XLSX)').setInputFiles(csvFile('bad.csv', bad));
    await page.getByRole('button', { name: 'Publiceren' }).click();
    await page.getByRole('heading', { level: 2, name: 'Controlerapport' }).waitFor();
    await page.getByRole('cell', { name: 'Het KvK-nummer moet uit 8 cijfers bestaan' }).waitFor();
    await page.getByRole('cell', { name: /nog niet onherroepelijk/ }).waitFor();
    await assertAccessible(page, 'feeds-publish-report');
    await page.context().close();
  });

  test('the visa desk screens a CSV batch and sees only outcomes and the contact point', async () => {
    const page = await openLoginPage(web);
    await logInThroughForm(page, 'visum@bz.example');
    await page.goto(`${web.server.url}/referenten-toetsen`);
    await page.getByRole('heading', { level: 1, name: 'Referenten toetsen' }).waitFor();
    const apps =
      'id,referent_name,referent_kvk,street,house_number,postcode,city\nV-1,Bouwbedrijf De Vries B.V.,,Dorpsstraat,12,1234AB,Utrecht\nV-2,Vries Bouwmaterialen VOF,,Industrieweg,4,1234AC,Utrecht\n';
    await page.getByLabel('Bestand (CSV of XLSX)').setInputFiles(csvFile('apps.csv', apps));
    await page.getByRole('button', { name: 'Bestand toetsen' }).click();
    const hit = page.getByRole('row', { name: /V-1/ });
    await hit.getByRole('cell', { name: 'Treffer', exact: true }).waitFor();
    await hit.getByText(/Inspectie SZW, team Wav.*\(WAV-1\)/).waitFor();
    await page.getByRole('row', { name: /V-2/ }).getByRole('cell', { name: 'Geen treffer' }).waitFor();
    const text = (await page.locator('main').textContent()) ?? '';
    assert.doesNotMatch(text, /De Vries Bouw BV|12345678|2026-03-01/);
    await assertAccessible(page, 'feeds-screening');
    await page.context().close();
  });
});
