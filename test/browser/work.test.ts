// Issue 19 item 9: the start page shows, per role, what waits (counts with links to the list showing them);
// axe at 1280 and 390 px.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertAccessible, describeInBrowser, logInThroughForm, openLoginPage } from '../helpers/browser.ts';
import { loginAs } from '../helpers/server.ts';

type Work = { cards: { kind: string; queue: string; count: number; link: string }[] };

describeInBrowser('the start page with the work', (web) => {
  for (const [email, queue] of [
    ['triage@politie-le.example', 'triage'],
    ['rechercheur@politie-amsterdam.example', 'team'],
  ] as const) {
    test(`${email}: cards with the counts of the API and links to the list`, async () => {
      const work = (await (await loginAs(web.server, email)).get<Work>('/api/v1/work')).body;
      const expected = work.cards.find((card) => card.queue === queue && card.kind === 'new');
      assert.ok(expected, JSON.stringify(work));
      const page = await openLoginPage(web);
      await logInThroughForm(page, email);
      const card = page.locator(`.kp-work-card[data-queue="${queue}"][data-kind="new"]`);
      await card.waitFor();
      assert.equal(
        (await card.locator('.kp-work-card__count').textContent())?.trim(),
        String(expected.count),
      );
      await assertAccessible(page, `work-${queue}-1280`);
      await page.setViewportSize({ width: 390, height: 844 });
      await assertAccessible(page, `work-${queue}-390`);
      await page.setViewportSize({ width: 1280, height: 900 });
      await card.getByRole('link').click();
      await page.waitForURL((url) => url.pathname === `/${queue}`);
      assert.equal(new URL(page.url()).search, new URL(expected.link, 'http://x').search);
      await page
        .getByRole('table')
        .or(page.getByText(/geen|Er zijn/i).first())
        .first()
        .waitFor();
      await page.context().close();
    });
  }
});
