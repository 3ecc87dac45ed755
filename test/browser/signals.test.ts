import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  assertAccessible,
  describeInBrowser,
  logInThroughForm,
  openLoginPage,
  screenshot,
} from '../helpers/browser.ts';
import { loginAs } from '../helpers/server.ts';

async function openFromNav(page: Page, name: string, heading: string | RegExp): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

const CSV_HEADER =
  'kenmerk;waargenomen_op;vormen;indicatoren;omschrijving;gemeente;straat;huisnummer;postcode;plaats;land;persoon_rol;persoon_voornamen;persoon_tussenvoegsel;persoon_achternaam;persoon_geboortedatum;persoon_geboortejaar;persoon_geslacht;persoon_nationaliteit;persoon_telefoon;persoon_email;persoon_bsn;bedrijf_naam;bedrijf_kvk;kentekens;urls;accounts';

/** One good row sharing the phone number of the form's signal (written differently), one with a bad postcode. */
function writeImportFile(): string {
  const dir = join('.tmp', 'signals-web');
  mkdirSync(dir, { recursive: true });
  const path = resolve(dir, 'meldingen.csv');
  writeFileSync(
    path,
    [
      CSV_HEADER,
      'IMP-1;2026-01-10;labour;ilo.withholding_of_wages;Loon wordt ingehouden door de bemiddelaar.;GM0363;;;;Amsterdam;NL;possible_suspect;Jan;van der;Berg;1990-02-03;;male;NL;+31 6 1234 5678;;;;;;;',
      'IMP-2;2026-01-11;sexual;;Signaal uit de meldlijn.;GM0344;;;12345;Utrecht;NL;;;;;;;;;;;;;;;;',
    ].join('\n'),
  );
  return path;
}

describeInBrowser(`signals`, (web) => {
  test('report, import, triage, route, accept; the reporter sees the status but not the team’s notes', async () => {
    const teamNote = 'Notitie van het team: huisbezoek gepland met wijkagent';

    // 1. The reporter fills the form with a mistake; the API's errors appear beside the fields and on top.
    const melder = await openLoginPage(web);
    await logInThroughForm(melder, 'melder@gemeente-amsterdam.example');
    await openFromNav(melder, 'Signaal melden', 'Signaal melden');
    await melder.getByText(/niet op de server/).waitFor();
    await melder.getByLabel('Datum van waarneming').fill('2026-01-09');
    await melder.getByLabel('Arbeidsuitbuiting (incl. gedwongen bedelarij en diensten)').check();
    // The indicator groups open and their checkboxes toggle with the keyboard alone.
    await melder.getByText('ILO – ILO-indicatoren van dwangarbeid').focus();
    await melder.keyboard.press('Enter');
    const ilo = melder.locator('details', { hasText: 'ILO – ILO-indicatoren van dwangarbeid' });
    assert.equal(await ilo.evaluate((node) => (node as HTMLDetailsElement).open), true);
    await melder.getByLabel('Inhouden van identiteitsdocumenten').focus();
    await melder.keyboard.press('Space');
    assert.equal(
      await melder.getByRole('checkbox', { name: 'Inhouden van identiteitsdocumenten' }).isChecked(),
      true,
    );
    await melder
      .getByLabel('Toelichting bij “Inhouden van identiteitsdocumenten” (optioneel)')
      .fill('Paspoort ligt bij de baas');
    await melder
      .getByLabel('Beschrijving')
      .fill('Jongen werkt 14 uur per dag in een nagelsalon en slaapt er ook.');
    await melder.getByLabel('Gemeente').selectOption('GM0363');
    await melder.locator('#f-location-postcode').fill('12345');
    await melder.getByRole('button', { name: 'Persoon toevoegen' }).click();
    await melder.locator('#f-persons-0-givenNames').fill('Ştefan');
    await melder.locator('#f-persons-0-surname').fill('Popescu');
    await melder.locator('#f-persons-0-dateOfBirth').fill('2010-05-01');
    await melder.locator('#f-persons-0-phones').fill('06-12345678');
    await melder.locator('#f-persons-0-bsn').fill('123456789');
    await melder.getByRole('button', { name: 'Signaal versturen' }).click();
    const summary = melder.getByRole('alert').filter({ hasText: 'Controleer de melding' });
    await summary.waitFor();
    assert.match((await summary.textContent()) ?? '', /Postcode: /);
    assert.match((await summary.textContent()) ?? '', /Persoon 1 – BSN: /);
    // The error sits beside its field and is linked to it for screen readers.
    const described = await melder.locator('#f-persons-0-bsn').getAttribute('aria-describedby');
    assert.ok(described?.includes('f-persons-0-bsn-error'), `aria-describedby was ${described}`);
    // Keyboard: the summary link moves focus to the field.
    await summary
      .getByRole('link')
      .filter({ hasText: /BSN|burgerservicenummer/i })
      .first()
      .focus();
    await melder.keyboard.press('Enter');
    assert.equal(await melder.evaluate(() => document.activeElement?.id), 'f-persons-0-bsn');
    await assertAccessible(melder, 'signals-form-errors');

    // The draft is kept in this tab only (sessionStorage, never sent), without the BSN, and survives a reload.
    const draftKey = await melder.evaluate(() =>
      Object.keys(sessionStorage).find((k) => k.startsWith('ketenplein.signalDraft.')),
    );
    assert.ok(draftKey, 'a draft is saved in sessionStorage');
    assert.equal(
      await melder.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('signalDraft')).length),
      0,
      'nothing of the draft in localStorage',
    );
    const stored = await melder.evaluate((key) => sessionStorage.getItem(key as string), draftKey);
    assert.ok(stored?.includes('Popescu') && !stored.includes('123456789'), 'the draft keeps no BSN');
    await melder.reload();
    await melder.getByText('Uw eerder bewaarde concept is teruggezet.', { exact: false }).waitFor();
    assert.equal(await melder.locator('#f-persons-0-givenNames').inputValue(), 'Ştefan');
    assert.equal(await melder.locator('#f-persons-0-bsn').inputValue(), '');

    await melder.locator('#f-location-postcode').fill('1011 AB');
    await melder.locator('#f-persons-0-bsn').fill('');
    // A double click sends one signal: the Idempotency-Key and the in-flight guard make sure.
    await melder.getByRole('button', { name: 'Signaal versturen' }).dblclick();
    await melder.getByRole('heading', { level: 1, name: 'Signaal ontvangen' }).waitFor();
    const receiptId = (await melder.locator('strong.kp-mono').textContent())?.trim() ?? '';
    assert.match(receiptId, /^[0-9a-f-]{36}$/);
    assert.equal(await melder.evaluate((key) => sessionStorage.getItem(key as string), draftKey), null);
    await screenshot(melder, 'signals-form-received');

    // 2. A CSV with one bad row: refused whole, with line, column and reason; then only the valid rows.
    await openFromNav(melder, 'Bulkimport', 'Meldingen importeren');
    const file = writeImportFile();
    await melder.getByLabel('Bestand (CSV of XLSX)').setInputFiles(file);
    await melder.getByRole('button', { name: 'Bestand controleren en importeren' }).click();
    const report = melder.getByRole('table', { name: /Gevonden fouten/ });
    await report.waitFor();
    const reportRow = report.getByRole('row').filter({ hasText: 'postcode' });
    assert.match((await reportRow.first().textContent()) ?? '', /^3/);
    await melder.getByLabel('Alleen de goede regels importeren').check();
    await melder.getByRole('button', { name: 'Bestand controleren en importeren' }).click();
    await melder.getByText(/1 melding geïmporteerd/).waitFor();
    await assertAccessible(melder, 'signals-import');

    // 3. Triage sees it scored with reasons, with the SLA clock in words, and the link to the CSV signal.
    const triage = await openLoginPage(web);
    await logInThroughForm(triage, 'triage@politie-le.example');
    await openFromNav(triage, 'Triage', 'Triagewachtrij');
    const queueRows = triage.getByRole('table').getByRole('row');
    // The queue loads after the page: wait for its rows before counting them (slow on a loaded machine).
    await queueRows.nth(2).waitFor();
    // The header and two signals: one from the form (the double click did not duplicate it), one from the file.
    assert.equal(await queueRows.count(), 3);
    // The minor's signal is first: priority before age.
    assert.match((await queueRows.nth(1).textContent()) ?? '', /Minderjarige/);
    assert.match((await queueRows.nth(1).textContent()) ?? '', /Op tijd/);
    await assertAccessible(triage, 'signals-triage-queue');
    await queueRows.nth(1).getByRole('link').click();
    await triage.getByRole('heading', { level: 2, name: 'Waarom deze score' }).waitFor();
    const reasons = triage.getByRole('list', { name: 'Waarom deze score' });
    assert.match((await reasons.textContent()) ?? '', /minderjarige/i);
    assert.match((await reasons.textContent()) ?? '', /\+40/);
    await triage.getByText(/triageregels versie 1/).waitFor();
    const links = triage.getByRole('table', { name: /Voorgestelde koppelingen/ });
    await links.waitFor();
    assert.match((await links.textContent()) ?? '', /telefoonnummer/);
    await links
      .getByRole('button', { name: /^Bevestigen/ })
      .first()
      .click();
    await links.getByText('Bevestigd').waitFor();
    // Item 6: the re-score is visible, old → new and why.
    assert.match(
      (await triage.getByTestId('rescored').textContent()) ?? '',
      /^Opnieuw beoordeeld op .+ \(koppeling met een andere melding bevestigd\): score \d+ → \d+, prioriteit \S+ → \S+\. De geadviseerde route/,
    );

    await triage.getByRole('button', { name: 'Beoordeling starten' }).click();
    await triage.getByLabel('Route (spoor en team)').waitFor();
    await triage.getByLabel('Route (spoor en team)').selectOption('police_avim');
    await triage.getByLabel('Ontvangende organisatie').selectOption({ label: 'Politie Eenheid Amsterdam' });
    await triage.getByRole('button', { name: 'Doorzetten', exact: true }).click();
    await triage.getByText('De melding is doorgezet.').waitFor();
    await triage
      .getByText(/Status: Doorgezet|Doorgezet/)
      .first()
      .waitFor();
    await assertAccessible(triage, 'signals-triage-detail');

    await triage.getByRole('link', { name: 'Netwerk van bevestigde koppelingen bekijken' }).click();
    await triage.getByRole('heading', { level: 1, name: 'Netwerk van bevestigde koppelingen' }).waitFor();
    await triage.getByRole('table', { name: /Bevestigde koppelingen \(1\)/ }).waitFor();
    await triage.getByRole('img', { name: 'Netwerk van bevestigde koppelingen' }).waitFor();
    assert.match(
      (await triage.getByRole('table', { name: /Meldingen in het netwerk/ }).textContent()) ?? '',
      /Popescu/,
    );
    await assertAccessible(triage, 'signals-network');

    // The rule set editor saves edited weights as a new version; scored signals keep their version.
    await openFromNav(triage, 'Triageregels', 'Triageregels');
    await triage.getByLabel('Minderjarige betrokken', { exact: true }).fill('45');
    await triage.getByRole('button', { name: 'Opslaan als nieuwe versie' }).click();
    await triage.getByText('Opgeslagen als versie 2.').waitFor();
    // The versions table reloads after the save: wait for the new version to show as the one in use.
    await triage.getByRole('table', { name: 'Versies' }).getByText('2 (in gebruik)').waitFor();
    await assertAccessible(triage, 'signals-rules');

    // 4. The receiving team accepts it with a note.
    const team = await openLoginPage(web);
    await logInThroughForm(team, 'rechercheur@politie-amsterdam.example');
    await openFromNav(team, 'Teamwachtrij', 'Teamwachtrij');
    await team.getByRole('table').getByRole('row').nth(1).getByRole('link').click();
    await team.getByRole('heading', { level: 2, name: 'Acties' }).waitFor();
    await team.getByLabel('Notitie (optioneel)').fill(teamNote);
    await team.getByRole('button', { name: 'Accepteren' }).click();
    await team.getByText('De stap is vastgelegd.').waitFor();
    await team.getByRole('cell', { name: teamNote }).waitFor();
    // A note of its own, without a change of state.
    await team.getByLabel('Notitie *', { exact: true }).fill('Tolk Roemeens geregeld voor het gesprek');
    await team.getByRole('button', { name: 'Notitie opslaan' }).click();
    await team.getByRole('cell', { name: 'Tolk Roemeens geregeld voor het gesprek' }).waitFor();
    await assertAccessible(team, 'signals-team-accepted');

    // 5. The reporter sees the status, not the team's note.
    await openFromNav(melder, 'Mijn meldingen', 'Mijn meldingen');
    const mine = melder.getByRole('row').filter({ has: melder.locator(`a[href*="${receiptId}"]`) });
    assert.match((await mine.textContent()) ?? '', /Geaccepteerd/);
    await mine.getByRole('link').click();
    await melder.getByRole('heading', { level: 2, name: 'Verloop' }).waitFor();
    const body = (await melder.locator('main').textContent()) ?? '';
    assert.match(body, /Geaccepteerd/);
    assert.doesNotMatch(body, /huisbezoek/);
    assert.doesNotMatch(body, /Tolk Roemeens/);
    // Three steps (received, in triage, routed) and accepted: the note adds no row for the reporter.
    assert.equal(await melder.getByRole('table', { name: 'Verloop' }).getByRole('row').count(), 5);
    assert.doesNotMatch(body, /Waarom deze score/);
    await assertAccessible(melder, 'signals-reporter-status');

    // A draft does not outlive the session: logging out removes it (a shared workstation keeps no intake).
    await openFromNav(melder, 'Signaal melden', 'Signaal melden');
    await melder.getByLabel('Beschrijving').fill('Concept dat na uitloggen weg moet zijn.');
    await melder.waitForFunction(() =>
      Object.keys(sessionStorage).some((k) => k.startsWith('ketenplein.signalDraft.')),
    );
    await melder.getByRole('button', { name: 'Uitloggen' }).click();
    await melder.getByLabel('E-mailadres').waitFor();
    assert.equal(
      await melder.evaluate(
        () => Object.keys(sessionStorage).filter((k) => k.includes('signalDraft')).length,
      ),
      0,
    );

    for (const page of [melder, triage, team]) await page.context().close();
  });
  test('a team declines with a reason and it returns to triage; triage closes it with an outcome', async () => {
    // Set up through the API: reported, taken into triage and routed to the municipality.
    const reporter = await loginAs(web.server, 'melder@gemeente-amsterdam.example', 'signal_intake');
    const created = await reporter.post<{ id: string }>('/api/v1/signals', {
      forms: ['labour'],
      indicators: [{ code: 'ilo.deception' }],
      narrative: 'Uitzendkracht vertelt over ingehouden loon en een afgepakt paspoort.',
    });
    assert.equal(created.status, 201);
    const id = created.body.id;
    const triageApi = await loginAs(web.server, 'triage@politie-le.example', 'signal_assessment');
    const orgs = await triageApi.get<{ id: string; name: string }[]>('/api/v1/organisations');
    const municipality = orgs.body.find((org) => org.name === 'Gemeente Amsterdam')!;
    await triageApi.post(`/api/v1/signals/${id}/transitions`, { action: 'start_triage' });
    const routed = await triageApi.post(`/api/v1/signals/${id}/transitions`, {
      action: 'route',
      route: 'municipality',
      team: municipality.id,
    });
    assert.equal(routed.status, 200, JSON.stringify(routed.body));

    // The municipality declines in the browser: the explanation is required.
    const team = await openLoginPage(web);
    await logInThroughForm(team, 'coordinator@gemeente-amsterdam.example');
    await openFromNav(team, 'Teamwachtrij', 'Teamwachtrij');
    await team.locator(`a[href*="${id}"]`).first().click();
    const decline = team.locator('form', { has: team.getByRole('heading', { name: 'Weigeren' }) });
    await decline.waitFor();
    await decline.getByRole('button', { name: 'Weigeren' }).click();
    await decline.getByText('Geef een toelichting.').first().waitFor();
    await decline.getByLabel('Toelichting').fill('Arbeidsuitbuiting: hoort bij de Inspectie SZW');
    await decline.getByRole('button', { name: 'Weigeren' }).click();
    await team.getByText('De melding is geweigerd en gaat terug naar triage.').waitFor();
    const declined = await triageApi.get<{ state: string }>(`/api/v1/signals/${id}`);
    assert.equal(declined.body.state, 'declined');

    // Back in triage: taken up again, then closed with an outcome and a reason.
    const triage = await openLoginPage(web);
    await logInThroughForm(triage, 'triage@politie-le.example');
    await openFromNav(triage, 'Triage', 'Triagewachtrij');
    await triage.locator(`a[href*="${id}"]`).first().click();
    await triage.getByRole('button', { name: 'Opnieuw beoordelen' }).click();
    const close = triage.locator('form', {
      has: triage.getByRole('heading', { name: 'Afsluiten met uitkomst' }),
    });
    await close.waitFor();
    await close.getByLabel('Toelichting').fill('Doorgezet naar de Inspectie SZW buiten Ketenplein');
    await close.getByRole('button', { name: 'Afsluiten' }).click();
    await triage.getByText('De melding is afgesloten.').waitFor();
    const closed = await triageApi.get<{ state: string }>(`/api/v1/signals/${id}`);
    assert.equal(closed.body.state, 'closed');
    await assertAccessible(triage, 'signals-closed');
  });
});
