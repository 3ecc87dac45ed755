// Issue 16, item 6: the police unit's page of missing minors. A youth care institution reports; the regional
// police unit sees the report at once with what it needs, acknowledges receipt and records the minor found and
// back; the institution sees both on the shared timeline; axe clean at 1280 and 390 px, Dutch and English.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertAccessible, describeInBrowser, logInThroughForm, openLoginPage } from '../helpers/browser.ts';
import { loginAs } from '../helpers/server.ts';

describeInBrowser('care: the police page for missing minors', (web) => {
  test('the regional police unit sees the report, acknowledges, records found and back', async () => {
    const youth = await loginAs(web.server, 'medewerker@jeugdzorg.example', 'care_coordination');
    const made = await youth.post<{ id: string }>('/api/v1/care/missing-minors', {
      givenNames: 'Noor',
      surname: 'Bakker',
      dateOfBirth: '2009-09-09',
      kind: 'ran_away',
      missingSince: new Date(Date.now() - 1_800_000).toISOString(),
      description: 'Gele regenjas, rugzak; contact met onbekende volwassene',
      riskFactors: ['unknown_adults'],
    });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    const page = await openLoginPage(web);
    await logInThroughForm(page, 'rechercheur@politie-amsterdam.example');
    await page.getByRole('link', { name: 'Vermiste minderjarigen (politie)' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Vermiste minderjarigen (politie)' }).waitFor();
    const row = page.getByRole('row', { name: /Noor Bakker/ });
    await row.getByText('Gele regenjas').waitFor();
    await row
      .getByText(/onbekende volwassenen?/i)
      .first()
      .waitFor();
    await assertAccessible(page, 'care-police-missing');
    await row.getByRole('button', { name: /Ontvangst bevestigen/ }).click();
    await page.getByText('Ontvangst bevestigd; de instelling ziet het op de tijdlijn.').waitFor();
    assert.equal(await row.getByRole('button', { name: /Ontvangst bevestigen/ }).count(), 0);
    await page.setViewportSize({ width: 390, height: 844 });
    await assertAccessible(page, 'care-police-missing-390');
    await page.setViewportSize({ width: 1280, height: 900 });
    await row.getByRole('button', { name: /Gevonden en terug/ }).click();
    await page.locator('[data-missing-state="returned"]').waitFor();
    const seen = await youth.get<{ id: string; timeline: { kind: string }[] }[]>(
      '/api/v1/care/missing-minors',
    );
    const report = seen.body.find((r) => r.id === made.body.id);
    assert.deepEqual(
      report?.timeline.map((e) => e.kind),
      ['reported', 'acknowledged', 'returned'],
    );
    await page.getByRole('button', { name: 'English', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Missing minors (police)' }).waitFor();
    await assertAccessible(page, 'care-police-missing-en');
    await page.context().close();
  });
});
