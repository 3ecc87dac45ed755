// Issue 17: the programme manager's dashboard (charts with tables, suppressed cells marked, drill-down to a
// region, CSV download) and the municipal coordinator's self-assessment changing the national policy status.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, test } from 'node:test';
import { extractText } from 'unpdf';
import {
  assertAccessible,
  describeInBrowser,
  logInThroughForm,
  openLoginPage,
  screenshot,
} from '../helpers/browser.ts';
import { syntheticFacts } from '../helpers/monitor-facts.ts';

describeInBrowser('the programme monitor', (web) => {
  before(async () => {
    // Few crawler clusters: their monthly counts are small, so the dashboard has suppressed cells to show.
    const facts = syntheticFacts(23, new Date().getFullYear()).filter(
      (f, i) => f.channel !== 'crawler' || i % 9 === 0,
    );
    for (let i = 0; i < facts.length; i += 500) {
      await web.server.store.db
        .insertInto('monitor_signal_facts')
        .values(facts.slice(i, i + 500) as never)
        .execute();
    }
  });

  test('the programme manager sees charts with tables, suppressed cells marked, drills down, downloads CSV', async () => {
    const page = await openLoginPage(web);
    await logInThroughForm(page, 'programma@jenv.example');
    await page.getByRole('link', { name: 'Programmamonitor' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Programmamonitor' }).waitFor();
    const table = page.getByRole('table', { name: /^Ontvangen signalen per maand/ });
    await table.waitFor();
    assert.ok((await page.locator('.kp-monitor-chart svg').count()) >= 3, 'a chart per computed indicator');
    await page.locator('.kp-monitor-suppressed').first().waitFor();
    assert.match((await page.locator('.kp-monitor-suppressed').first().textContent()) ?? '', /onderdrukt/);
    await assertAccessible(page, 'monitor-dashboard-1280');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download CSV (onderdrukte tabel)' }).first().click();
    const file = await (await download).path();
    const csv = readFileSync(file, 'utf8');
    assert.match(csv, /^channel,month,value,suppressed|^month,value,suppressed/);
    assert.match(csv, /^# Cells from 1 to 9 are suppressed/m);

    const regions = page
      .getByRole('region', { name: /Signalen per veiligheidsregio/ })
      .or(page.locator('#monitor-regions').locator('..'));
    const first = regions.first().getByRole('button').first();
    const region = ((await first.textContent()) ?? '').trim();
    await first.click();
    await page.getByRole('table', { name: `Gemeenten in ${region}` }).waitFor();
    await screenshot(page, 'monitor-drilldown-1280');
    await page.getByRole('button', { name: 'Terug naar alle regio’s' }).click();

    // The choropleth per municipality with its table; suppressed areas are grey on the map and in words.
    const mapTable = page.getByRole('table', { name: /^Signalen per Gemeente/ });
    await mapTable.waitFor();
    await page.locator('.kp-monitor-map svg path').first().waitFor();
    assert.ok((await page.locator('.kp-monitor-map svg path').count()) > 300, 'every municipality drawn');
    await page.getByText('grijze gebieden zijn onderdrukt', { exact: false }).waitFor();
    await page.getByText('Kaart: CBS/PDOK (CC BY 4.0).', { exact: true }).waitFor();
    await page.locator('#monitor-map').scrollIntoViewIfNeeded();
    await screenshot(page, 'monitor-map-1280');
    await page.locator('#monitor-map-level').selectOption('province');
    await page.getByRole('table', { name: /^Signalen per Provincie/ }).waitFor();
    await page.getByRole('rowheader', { name: 'Noord-Holland' }).waitFor();

    const pdfDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download voortgangsrapportage (PDF)' }).click();
    const pdf = readFileSync(await (await pdfDownload).path());
    const { text } = await extractText(new Uint8Array(pdf), { mergePages: true });
    assert.match(text, /Voortgangsrapportage programma mensenhandel/);
    assert.match(text, /Actielijn 1: Meer bewustwording/);
    const openDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download open data (CSV)' }).click();
    const openCsv = readFileSync(await (await openDownload).path(), 'utf8');
    assert.match(openCsv, /^indicator,breakdown,year,/);
    assert.match(openCsv, /^# Cells from 1 to 9 are suppressed/m);
    await assertAccessible(page, 'monitor-dashboard-map-1280');

    await page.setViewportSize({ width: 390, height: 844 });
    await table.waitFor();
    await assertAccessible(page, 'monitor-dashboard-390');
    await page.locator('#monitor-map').scrollIntoViewIfNeeded();
    await screenshot(page, 'monitor-map-390');
    await page.context().close();
  });

  test('a municipal coordinator fills in the self-assessment; the national policy status changes', async () => {
    const page = await openLoginPage(web);
    await logInThroughForm(page, 'coordinator@gemeente-amsterdam.example');
    await page.goto(`${web.server.url}/zelfevaluatie`);
    await page.getByRole('heading', { level: 1, name: 'Zelfevaluatie aanpak mensenhandel' }).waitFor();
    const clearRow = page.getByRole('row', { name: /Helder beleid/ });
    await clearRow.waitFor();
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.kp-monitor-policy-map title')].some(
        (title) => title.textContent === 'Amsterdam: Niet ingevuld',
      ),
    );
    assert.match((await clearRow.textContent()) ?? '', /Helder beleid\s*0/);
    for (const item of ['policy_adopted', 'contact_person', 'reporting_route']) {
      await page.locator(`#answer-${item}`).selectOption('yes');
    }
    await page
      .locator('input#evidence-policy_adopted')
      .or(page.locator('#evidence-policy_adopted input'))
      .fill('https://amsterdam.example/beleid-mensenhandel');
    await assertAccessible(page, 'monitor-assessment-1280');
    await page.getByRole('button', { name: 'Zelfevaluatie opslaan' }).click();
    await page.getByText('Versie 1 is opgeslagen.').waitFor();
    await page.waitForFunction(() =>
      [...document.querySelectorAll('tr')].some((tr) => /Helder beleid\s*1/.test(tr.textContent ?? '')),
    );
    // The national policy map changes with it: Amsterdam is now drawn as "clear policy".
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.kp-monitor-policy-map title')].some(
        (title) => title.textContent === 'Amsterdam: Helder beleid',
      ),
    );
    await screenshot(page, 'monitor-policy-map-1280');
    await page.setViewportSize({ width: 390, height: 844 });
    await assertAccessible(page, 'monitor-assessment-390');
    // Its own municipality page: its figures per month (suppressed where small) and the policy status.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${web.server.url}/gemeente/GM0363`);
    await page.getByRole('heading', { level: 1, name: 'Gemeente Amsterdam: cijfers mensenhandel' }).waitFor();
    await page.getByText('Beleidsstatus (zelfevaluatie): Helder beleid').waitFor();
    await page.getByRole('table', { name: /^Amsterdam per maand/ }).waitFor();
    await assertAccessible(page, 'monitor-municipality-1280');
    await page.context().close();
  });
});
