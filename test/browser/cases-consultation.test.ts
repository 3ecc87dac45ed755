import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { extractText } from 'unpdf';
import {
  assertAccessible,
  describeInBrowser,
  logInThroughForm,
  openLoginPage,
  screenshot,
} from '../helpers/browser.ts';
import {
  addDays,
  CARE,
  CHAIR,
  MUNICIPALITY,
  orgIds,
  POLICE,
  policeCase,
  referAndAccept,
} from '../helpers/cases.ts';
import { loginAs } from '../helpers/server.ts';

/**
 * The casusoverleg across four organisations (issue 15, "what must show"): the police's case, opened from a
 * routed signal, is shared with the care coordinator (care profile) and the municipality (administrative
 * profile) and the RIEC; the RIEC plans and holds the consultation in the browser; each participant sees only
 * its profile's parts, on the screen and on the API; the chair's action lands in the municipality's task list;
 * the minutes download as a PDF whose text the test reads back.
 */
describeInBrowser('cases: casusoverleg', (web) => {
  test('a RIEC chairs a consultation of police, care and municipality; each sees its own profile', async () => {
    const orgs = await orgIds(web.server);
    const org = (name: string) => orgs.get(name) as string;
    const { id: caseId, police: policeApi } = await policeCase(web.server, 'OvlW');
    const secret = await policeCase(web.server, 'GeheimW');
    const careApi = await loginAs(web.server, CARE, 'case_consultation');
    const cityApi = await loginAs(web.server, MUNICIPALITY, 'case_consultation');
    const chairApi = await loginAs(web.server, CHAIR, 'case_consultation');
    await referAndAccept(
      policeApi,
      caseId,
      org('Zorgcoördinatie Amsterdam-Amstelland'),
      'care',
      'case_consultation',
      careApi,
    );
    await referAndAccept(
      policeApi,
      caseId,
      org('Gemeente Amsterdam'),
      'administrative',
      'case_consultation',
      cityApi,
    );
    await referAndAccept(
      policeApi,
      caseId,
      org('RIEC Amsterdam-Amstelland'),
      'administrative',
      'case_consultation',
      chairApi,
    );
    const reference = (await policeApi.get<{ reference: string }>(`/api/v1/cases/${caseId}`)).body.reference;

    // 1. The RIEC plans the consultation in the browser and puts the shared case on the agenda.
    const chair = await openLoginPage(web);
    await logInThroughForm(chair, CHAIR);
    await chair.getByRole('navigation').getByRole('link', { name: 'Casusoverleg', exact: true }).click();
    await chair.getByRole('heading', { level: 1, name: 'Casusoverleg' }).waitFor();
    await chair.getByLabel('Titel').fill('Casusoverleg Amsterdam december');
    await chair.getByLabel('Datum', { exact: false }).first().fill('2026-12-10');
    for (const name of [
      'Politie Eenheid Amsterdam',
      'Zorgcoördinatie Amsterdam-Amstelland',
      'Gemeente Amsterdam',
    ]) {
      await chair.getByRole('checkbox', { name }).check();
    }
    await chair.getByRole('button', { name: 'Overleg plannen' }).click();
    await chair.getByText('Het overleg is gepland.').waitFor();
    await assertAccessible(chair, 'consultations-list');
    await chair.getByRole('link', { name: 'Casusoverleg Amsterdam december' }).click();
    await chair.getByRole('heading', { level: 1, name: 'Casusoverleg Amsterdam december' }).waitFor();
    const meetingId = chair.url().split('/overleg/')[1];
    await chair.locator('#f-consult-case').selectOption({ label: `${reference} – Loods OvlW` });
    await chair.getByRole('button', { name: 'Zaak agenderen' }).click();
    const chairItem = chair.getByRole('region', { name: `Agendapunt 1: ${reference}` });
    await chairItem.waitFor();
    // The police puts its other case on the agenda; nobody else has a grant on it.
    const policeC = await loginAs(web.server, POLICE, 'case_consultation');
    assert.equal(
      (await policeC.post(`/api/v1/consultations/${meetingId}/items`, { caseId: secret.id })).status,
      201,
    );

    // 2. The care coordinator: the possible victim, nothing of the suspect or the company; item 2 not shared.
    const care = await openLoginPage(web);
    await logInThroughForm(care, CARE);
    await care.goto(`${web.server.url}/overleg/${meetingId}`);
    const careItem = care.getByRole('region', { name: `Agendapunt 1: ${reference}` });
    await careItem.getByText('SlachtofferOvlW VictimOvlW').waitFor();
    await care.getByRole('region', { name: 'Agendapunt 2' }).getByText('Niet met u gedeeld.').waitFor();
    await assertNotShown(care, ['DaderOvlW', 'SuspectOvlW', 'Uitzendbureau OvlW', 'GeheimW']);
    await careItem.getByLabel('Tekst').fill('Zorg: opvangplek geregeld');
    await careItem.getByRole('button', { name: `Vastleggen (${reference})` }).click();
    await careItem
      .getByText('Inbreng (Zorgcoördinatie Amsterdam-Amstelland): Zorg: opvangplek geregeld')
      .waitFor();
    await assertAccessible(care, 'consultation-care');

    // 3. The municipality: suspect and company, no victim.
    const city = await openLoginPage(web);
    await logInThroughForm(city, MUNICIPALITY);
    await city.goto(`${web.server.url}/overleg/${meetingId}`);
    const cityItem = city.getByRole('region', { name: `Agendapunt 1: ${reference}` });
    await cityItem.getByText('Uitzendbureau OvlW BV').waitFor();
    await cityItem.getByText(/DaderOvlW SuspectOvlW/).waitFor();
    await assertNotShown(city, ['SlachtofferOvlW', 'VictimOvlW', 'GeheimW']);

    // 4. The chair records a decision and an action for the municipality.
    await chair.reload();
    await chairItem.getByLabel('Soort').selectOption('decision');
    await chairItem.getByLabel('Tekst').fill('Bestuurlijke aanpak pand');
    await chairItem.getByRole('button', { name: `Vastleggen (${reference})` }).click();
    await chairItem.getByText('Besluit (RIEC Amsterdam-Amstelland): Bestuurlijke aanpak pand').waitFor();
    await chairItem.getByLabel('Soort').selectOption('action');
    await chairItem.getByLabel('Tekst').fill('Pandcontrole Havenweg');
    await chairItem.getByLabel('Eigenaar').selectOption({ label: 'Gemeente Amsterdam' });
    await chairItem.getByLabel('Uiterlijk').fill(addDays(14));
    await chairItem.getByRole('button', { name: `Vastleggen (${reference})` }).click();
    await chairItem
      .getByText(/Actie \(RIEC Amsterdam-Amstelland\): Pandcontrole Havenweg – Eigenaar: Gemeente Amsterdam/)
      .waitFor();
    await assertNotShown(chair, ['SlachtofferOvlW', 'GeheimW']);
    await assertAccessible(chair, 'consultation-chair');

    // 5. The action is in the municipality's task list, not in the care coordinator's.
    await city.getByRole('navigation').getByRole('link', { name: 'Mijn taken', exact: true }).click();
    await city.getByRole('cell', { name: 'Pandcontrole Havenweg' }).waitFor();
    const careTasks = await careApi.get<{ title: string }[]>('/api/v1/case-tasks?mine=false');
    assert.ok(!careTasks.body.some((task) => task.title === 'Pandcontrole Havenweg'));

    // 6. The API says what the screens say.
    const asCare = await careApi.get<{
      agenda: { shared: boolean; case?: { persons: { role: string }[]; companies: unknown[] } }[];
    }>(`/api/v1/consultations/${meetingId}`);
    assert.deepEqual(
      asCare.body.agenda.map((item) => item.shared),
      [true, false],
    );
    assert.ok(asCare.body.agenda[0].case?.persons.every((p) => p.role === 'possible_victim'));
    assert.deepEqual(asCare.body.agenda[0].case?.companies, []);
    const asCity = await cityApi.get<{ agenda: { case?: { persons: { role: string }[] } }[] }>(
      `/api/v1/consultations/${meetingId}`,
    );
    assert.ok(asCity.body.agenda[0].case?.persons.every((p) => p.role !== 'possible_victim'));

    // 7. The minutes download as a PDF, read back: the chair's and the care coordinator's.
    const minutes = async (page: Page) => {
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Verslag downloaden (PDF)' }).click();
      const file = await (await download).path();
      return (await extractText(new Uint8Array(readFileSync(file)), { mergePages: true })).text;
    };
    const chairText = await minutes(chair);
    assert.match(chairText, /Verslag casusoverleg: Casusoverleg Amsterdam\s+december/);
    assert.match(chairText, /Inbreng \(Zorgcoördinatie Amsterdam-Amstelland\): Zorg: opvangplek geregeld/);
    assert.match(chairText, /Besluit: Bestuurlijke aanpak pand/);
    assert.match(chairText, /Actie: Pandcontrole Havenweg – eigenaar: Gemeente Amsterdam/);
    assert.match(chairText, /Agendapunt 2\s+Niet met uw organisatie gedeeld/);
    await care.reload();
    await care.getByRole('region', { name: `Agendapunt 1: ${reference}` }).waitFor();
    const careText = await minutes(care);
    assert.match(careText, new RegExp(`Agendapunt 1: ${reference}`));
    assert.doesNotMatch(careText, /GeheimW/);
    await screenshot(chair, 'consultation-meeting');
  });
});

async function assertNotShown(page: Page, secrets: string[]) {
  const shown = (await page.locator('main').textContent()) ?? '';
  for (const secret of secrets) assert.ok(!shown.includes(secret), `the screen shows ${secret}`);
}
