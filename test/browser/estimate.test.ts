import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { generateDutchLists } from '../../src/linkage/index.ts';
import { jobHandlers } from '../../src/server/jobs.ts';
import { runDueJobs } from '../../src/store/jobs.ts';
import { assertAccessible, describeInBrowser, logInThroughForm, openLoginPage } from '../helpers/browser.ts';

const ROME = readFileSync('test/data/mse/hiv_rome_4lists.csv', 'utf8');

function personsCsv(from: number, to: number): string {
  const persons = generateDutchLists(60, { seed: 5 }).a.slice(from, to);
  const lines = ['id,given_name,prefix,family_name,date_of_birth,gender'];
  persons.forEach((r, i) => {
    const p = r.person;
    lines.push([i + 1, p.givenName, p.prefix, p.familyName, p.dateOfBirth, p.gender].join(','));
  });
  return `${lines.join('\n')}\n`;
}

describeInBrowser(`Zicht op omvang`, (web) => {
  test('an analyst uploads a table, gets the estimate with a chart, and exports it', async () => {
    const page = await openLoginPage(web);
    await logInThroughForm(page, 'analist@comensha.example');
    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Zicht op omvang' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Zicht op omvang' }).waitFor();
    await page.getByLabel('Naam', { exact: true }).fill('Rome hiv');
    await page.getByLabel('Inhoud van de tabel (CSV)').fill(ROME);
    await page.getByLabel('Modelkeuze').selectOption('fixed');
    await page.getByLabel('Interval', { exact: true }).selectOption('wald');
    await page.getByRole('button', { name: 'Schatten' }).click();
    const result = page.getByRole('region', { name: 'Rome hiv' });
    await result.waitFor();
    assert.equal(await result.getByTestId('estimate-total').textContent(), '11.125');
    await result.getByText('9.520 – 13.068').waitFor();
    await result.getByRole('img', { name: 'Rome hiv: geschat totaal met interval' }).waitFor();
    await page
      .getByRole('table', { name: 'Opgeslagen schattingen van uw organisatie' })
      .getByRole('rowheader', { name: 'Rome hiv' })
      .waitFor();
    await assertAccessible(page, 'estimate-result');

    for (const format of ['CSV', 'JSON', 'SVG', 'PNG']) {
      const download = page.waitForEvent('download');
      await result.getByRole('button', { name: `Download ${format}` }).click();
      assert.match(
        (await download).suggestedFilename(),
        new RegExp(`^schatting-[0-9a-f]{8}\\.${format.toLowerCase()}$`),
      );
    }

    // Bad input names the line, at the field.
    await page.getByLabel('Inhoud van de tabel (CSV)').fill('A,B\n1,0\n');
    await page.getByRole('button', { name: 'Schatten' }).click();
    await page.getByText('regel 1: kolom "count" ontbreekt').waitFor();
    await page.context().close();
  });

  test('a round: opened, encoded in the browser (no names sent), linked, table and estimate shown', async () => {
    const page = await openLoginPage(web);
    const sent: string[] = [];
    page.on('request', (request) => {
      if (request.method() !== 'GET') sent.push(request.postData() ?? '');
    });
    await logInThroughForm(page, 'analist@comensha.example');
    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Schattingsrondes' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Schattingsrondes' }).waitFor();
    await page.getByLabel('Naam van de ronde').fill('Browserronde');
    for (const group of ['Lijst 1', 'Lijst 2'])
      await page
        .getByRole('group', { name: group })
        .getByLabel('Organisatie')
        .selectOption({ label: 'CoMensha' });
    await page.getByRole('button', { name: 'Ronde openen' }).click();
    await page.getByText('Ronde Browserronde is geopend.').waitFor();
    const detail = page.getByRole('region', { name: 'Browserronde' });
    await detail.getByRole('table', { name: 'Verwachte lijsten' }).waitFor();
    await assertAccessible(page, 'estimate-exported');

    const secret = Buffer.from('een-gedeeld-geheim-van-minstens-32-tekens\n');
    const lists: Array<[string, string]> = [
      ['A', personsCsv(0, 40)],
      ['B', personsCsv(20, 60)],
    ];
    for (const [list, csv] of lists) {
      const upload = detail.getByRole('region', { name: `Lijst ${list} aanleveren` });
      await upload
        .getByLabel('Personenlijst (CSV)')
        .setInputFiles({ name: `${list}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await upload
        .getByLabel('Sleutelbestand')
        .setInputFiles({ name: 'geheim.key', mimeType: 'application/octet-stream', buffer: secret });
      await upload.getByRole('button', { name: 'Versleutelen en aanleveren' }).click();
      await page.getByText(`Lijst ${list} is aangeleverd (40 personen).`).waitFor();
    }
    // Long names only: a short one such as "Li" turns up in base64 by chance.
    const names = generateDutchLists(60, { seed: 5 })
      .a.flatMap((r) => [r.person.familyName ?? '', r.person.givenName ?? ''])
      .filter((name) => name.length >= 6);
    assert.ok(names.length > 20);
    assert.ok(
      sent.some((body) => body.includes('"type":"header"')),
      'the encoded list was sent',
    );
    assert.ok(!sent.some((body) => names.some((name) => body.includes(name))), 'no name left the browser');

    assert.equal(await runDueJobs(web.server.store, jobHandlers), 1);
    await detail.getByRole('table', { name: 'Tabel van vangstpatronen' }).waitFor({ timeout: 10_000 });
    await detail.getByTestId('estimate-total').waitFor();
    await assertAccessible(page, 'estimation-round');
    await page.context().close();
  });
});
