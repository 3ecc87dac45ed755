import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { exampleSubmission } from '../../src/signals/fixtures.ts';
import { orgIdOf } from '../helpers/analysts.ts';
import { assertAccessible, describeInBrowser, logInThroughForm, openLoginPage } from '../helpers/browser.ts';
import { loginAs } from '../helpers/server.ts';

/** A link to a signal sent by a colleague opens it under the purpose the user holds for it, or says why not. */
describeInBrowser(`a link to a signal`, (web) => {
  let routed = '';
  let unrouted = '';
  before(async () => {
    const reporter = await loginAs(web.server, 'melder@gemeente-amsterdam.example', 'signal_intake');
    const a = await reporter.post<{ id: string }>('/api/v1/signals', exampleSubmission());
    const b = await reporter.post<{ id: string }>('/api/v1/signals', {
      ...exampleSubmission(),
      narrative: 'Tweede melding, nog niet doorgezet.',
    });
    assert.equal(a.status, 201);
    assert.equal(b.status, 201);
    routed = a.body.id;
    unrouted = b.body.id;
    const triage = await loginAs(web.server, 'triage@politie-le.example', 'signal_assessment');
    await triage.post(`/api/v1/signals/${routed}/transitions`, { action: 'start_triage' });
    const route = await triage.post(`/api/v1/signals/${routed}/transitions`, {
      action: 'route',
      route: 'police_avim',
      team: await orgIdOf(web.server, 'Politie Eenheid Amsterdam'),
    });
    assert.equal(route.status, 200, JSON.stringify(route.body));
  });

  test('without ?als, triage opens the signal as triage (it said "Melding niet gevonden")', async () => {
    const page = await openLoginPage(web);
    await logInThroughForm(page, 'triage@politie-le.example');
    await page.goto(`${web.server.url}/melding/${unrouted}`);
    await page.getByRole('heading', { level: 2, name: 'Beoordeling' }).waitFor();
    assert.equal(await page.getByText('niet gevonden').count(), 0);
    assert.match(page.url(), /\?als=triage$/, 'the address names the way it opened');
    // The SLA in words and one date style (item 8): the example signal was received in 2024, so it is late.
    await page
      .getByText(/^Termijn verstreken \d+ werkdagen te laat; uiterlijk was \d{2}-\d{2}-\d{4}$/)
      .waitFor();
    await page.context().close();
  });

  test('?als=triage for an investigator opens the routed signal as the team, with a plain note', async () => {
    const page = await openLoginPage(web);
    await logInThroughForm(page, 'rechercheur@politie-amsterdam.example');
    await page.goto(`${web.server.url}/melding/${routed}?als=triage`);
    await page.getByText('De link vroeg om de melding als triage te openen').waitFor();
    await page.getByRole('heading', { level: 2, name: 'Beoordeling' }).waitFor();
    assert.match(page.url(), /\?als=team$/);
    const text = (await page.locator('main').textContent()) ?? '';
    assert.doesNotMatch(text, /signal_assessment|niet toegestaan voor uw rol/);
    await assertAccessible(page, 'signal-link-team');
    // Item 14: the signal detail page fits a phone (it overflowed to 448 px).
    await page.setViewportSize({ width: 390, height: 844 });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `the page is ${width} px wide at 390 px`);
    await assertAccessible(page, 'signal-link-team-390');
    await page.setViewportSize({ width: 1280, height: 900 });

    // A signal not routed to the investigator's team: plain words, never the raw refusal.
    await page.goto(`${web.server.url}/melding/${unrouted}?als=triage`);
    await page.getByText('U kunt deze melding niet openen.').waitFor();
    await page.getByText(/Met uw rol \(Rechercheur \/ inspecteur\) hoort deze melding/).waitFor();
    const refused = (await page.locator('main').textContent()) ?? '';
    assert.doesNotMatch(refused, /signal_assessment|investigator|niet toegestaan/);
    await assertAccessible(page, 'signal-link-refused');
    await page.setViewportSize({ width: 390, height: 844 });
    await assertAccessible(page, 'signal-link-refused-390');
    await page.context().close();
  });
});
