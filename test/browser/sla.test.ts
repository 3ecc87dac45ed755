// Issue 19 item 8: the SLA in plain words ("nog 5 werkdagen, uiterlijk 11-12-2026"), overdue in red with words,
// and no clock once it no longer applies (the signal is accepted).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { exampleSubmission } from '../../src/signals/fixtures.ts';
import { slaClock } from '../../src/signals/sla.ts';
import { orgIdOf } from '../helpers/analysts.ts';
import { describeInBrowser, logInThroughForm, openLoginPage } from '../helpers/browser.ts';
import { loginAs } from '../helpers/server.ts';

const dutch = (isoDate: string) => isoDate.split('-').reverse().join('-');

describeInBrowser(`the SLA clock in words`, (web) => {
  let fresh = '';
  let late = '';
  before(async () => {
    const reporter = await loginAs(web.server, 'melder@gemeente-amsterdam.example', 'signal_intake');
    const { receivedAt: _old, ...today } = exampleSubmission();
    const a = await reporter.post<{ id: string }>('/api/v1/signals', {
      ...today,
      narrative: 'Vandaag ontvangen: de termijn loopt nog.',
    });
    const b = await reporter.post<{ id: string }>('/api/v1/signals', exampleSubmission());
    assert.equal(a.status, 201);
    assert.equal(b.status, 201);
    fresh = a.body.id;
    late = b.body.id;
  });

  test('the queue says how many working days are left, or how late, with the date', async () => {
    const page = await openLoginPage(web);
    await logInThroughForm(page, 'triage@politie-le.example');
    await page.goto(`${web.server.url}/triage`);
    const due = dutch(slaClock(new Date(), new Date()).dueDate);
    const onTime = page.locator('.kp-sla--green').filter({ hasText: `nog 5 werkdagen, uiterlijk ${due}` });
    await onTime.first().waitFor();
    assert.match(
      (await onTime.first().textContent()) ?? '',
      /^Op tijd nog 5 werkdagen, uiterlijk \d{2}-\d{2}-\d{4}$/,
    );
    const overdue = page.locator('.kp-sla--red').first();
    assert.match(
      (await overdue.textContent()) ?? '',
      /^Termijn verstreken \d+ werkdagen te laat; uiterlijk was \d{2}-\d{2}-\d{4}$/,
    );
    // Red is said in words too, and the colour is red: not colour alone, and not a neutral badge.
    const colour = await overdue.evaluate((node) => getComputedStyle(node).color);
    const [r, g, b] = (colour.match(/\d+/g) ?? []).map(Number);
    assert.ok(r > g * 2 && r > b * 2, `overdue is shown in red (${colour})`);
    await page.context().close();
  });

  test('once accepted, the signal shows no clock', async () => {
    const triage = await loginAs(web.server, 'triage@politie-le.example', 'signal_assessment');
    await triage.post(`/api/v1/signals/${fresh}/transitions`, { action: 'start_triage' });
    const routed = await triage.post(`/api/v1/signals/${fresh}/transitions`, {
      action: 'route',
      route: 'police_avim',
      team: await orgIdOf(web.server, 'Politie Eenheid Amsterdam'),
    });
    assert.equal(routed.status, 200, JSON.stringify(routed.body));
    const page = await openLoginPage(web);
    await logInThroughForm(page, 'rechercheur@politie-amsterdam.example');
    await page.goto(`${web.server.url}/melding/${fresh}?als=team`);
    await page.locator('.kp-sla').first().waitFor();
    assert.match(
      (await page.locator('.kp-sla').first().textContent()) ?? '',
      /nog \d werkdag(en)?, uiterlijk/,
    );
    const team = await loginAs(web.server, 'rechercheur@politie-amsterdam.example', 'criminal_investigation');
    const accepted = await team.post(`/api/v1/signals/${fresh}/transitions`, { action: 'accept' });
    assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'Beoordeling' }).waitFor();
    assert.equal(await page.locator('.kp-sla').count(), 0, 'no clock once accepted');
    assert.equal(await page.getByText('Termijn', { exact: true }).count(), 0);
    assert.ok(late);
    await page.context().close();
  });
});
