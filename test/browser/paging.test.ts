// Issue 19 item 10: a work list searched, sorted and paged on the server, its state in the address so a
// reload (or a link to a colleague) shows the same page; axe at 1280 and 390 px.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { assertAccessible, describeInBrowser, logInThroughForm, openLoginPage } from '../helpers/browser.ts';
import { loginAs } from '../helpers/server.ts';

const TAG = 'bladertest';

describeInBrowser('paged lists with their state in the address', (web) => {
  before(async () => {
    const reporter = await loginAs(web.server, 'melder@gemeente-amsterdam.example', 'signal_intake');
    for (let i = 0; i < 30; i++) {
      const response = await reporter.post('/api/v1/signals', {
        forms: ['labour'],
        indicators: [{ code: 'ilo.retention_of_documents' }],
        narrative: `${TAG} ${i}: werknemers slapen op het terrein.`,
        receivedAt: new Date(Date.UTC(2026, 10, 1, 8, i)).toISOString(),
      });
      assert.equal(response.status, 201);
    }
  });

  test('the triage queue: search, sort and page survive a reload', async () => {
    const page = await openLoginPage(web);
    await logInThroughForm(page, 'triage@politie-le.example');
    await page.goto(`${web.server.url}/triage`);
    await page.getByText(/^1–25 van \d+$/).waitFor();
    await assertAccessible(page, 'paging-triage-1280');

    await page.getByRole('textbox', { name: 'Zoeken' }).fill(TAG);
    await page.getByRole('button', { name: 'Toepassen' }).click();
    await page.getByText('1–25 van 30').waitFor();
    await page.getByLabel('Sorteren op').selectOption('received');
    await page.getByLabel('Volgorde').selectOption('desc');
    await page.getByRole('button', { name: 'Volgende' }).click();
    await page.getByText('26–30 van 30').waitFor();
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('q'), TAG);
    assert.equal(url.searchParams.get('sort'), 'received');
    assert.equal(url.searchParams.get('dir'), 'desc');
    assert.equal(url.searchParams.get('page'), '2');
    // Newest first: page 2 holds the five oldest, the very oldest last.
    const caption = page.locator('table caption');
    assert.match((await caption.textContent()) ?? '', /\(30\)/);
    const rows = page.locator('tbody tr');
    assert.equal(await rows.count(), 5);

    await page.reload();
    await page.getByText('26–30 van 30').waitFor();
    assert.equal(await page.getByRole('textbox', { name: 'Zoeken' }).inputValue(), TAG);
    assert.equal(await page.getByLabel('Sorteren op').inputValue(), 'received');
    assert.equal(await page.locator('tbody tr').count(), 5);

    await page.setViewportSize({ width: 390, height: 844 });
    await assertAccessible(page, 'paging-triage-390');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `no page wider than 390 px (${width})`);
    await page.context().close();
  });
});
