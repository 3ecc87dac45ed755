import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { verifyAuditChain } from '../../src/access/audit.ts';
import { withAccess } from '../../src/access/context.ts';
import { exampleSubmission } from '../../src/signals/fixtures.ts';
import { IMPORT_COLUMNS } from '../../src/signals/import/columns.ts';
import { templateCsv } from '../../src/signals/import/template.ts';
import { getNetwork } from '../../src/signals/store/index.ts';
import { type ApiClient, loginAs, startTestServer, type TestServer } from '../helpers/server.ts';
import { actorOf, databaseLabel } from '../helpers/store.ts';

type Receipt = { id: string; state: string; created: boolean };
type ErrorBody = {
  error: { code: string; field?: string; message: string; details?: { code: string; field?: string }[] };
};
type QueueRow = {
  id: string;
  state: string;
  priority: string;
  score: number;
  sla: { status: string; clock?: string; dueDate?: string; remainingWorkingDays?: number } | null;
};
type SignalView = Record<string, unknown> & {
  state: string;
  triage?: { reasons: { code: string; points: number; label: { nl: string } }[]; route: { code: string } };
  persons: { bsn: string | null; phones: string[] }[];
  history?: { note: string | null; action: string }[];
  statusHistory?: { state: string }[];
};

/** The signal journey over HTTP: report, score, link, route, accept or decline, and what each party sees. */
describe(`signals through the API on ${databaseLabel}`, () => {
  let server: TestServer;
  let reporter: ApiClient;
  let triage: ApiClient;
  let investigator: ApiClient;
  let municipality: ApiClient;
  let orgs: Map<string, string>;

  before(async () => {
    server = await startTestServer();
    reporter = await loginAs(server, 'melder@gemeente-amsterdam.example', 'signal_intake');
    triage = await loginAs(server, 'triage@politie-le.example', 'signal_assessment');
    investigator = await loginAs(server, 'rechercheur@politie-amsterdam.example', 'criminal_investigation');
    municipality = await loginAs(
      server,
      'coordinator@gemeente-amsterdam.example',
      'administrative_enforcement',
    );
    const rows = await server.store.db.selectFrom('organisations').select(['id', 'name']).execute();
    orgs = new Map(rows.map((row) => [row.name, row.id]));
  });
  after(() => server.close());

  let firstId = '';

  test('intake is acknowledged once stored; the same idempotency key does not duplicate', async () => {
    const body = exampleSubmission();
    const first = await reporter.request<Receipt>('POST', '/api/v1/signals', body, {
      'idempotency-key': 'melding-0001',
    });
    assert.equal(first.status, 201, JSON.stringify(first.body));
    assert.equal(first.body.state, 'received');
    firstId = first.body.id;
    const stored = await server.store.db
      .selectFrom('signals')
      .select('id')
      .where('id', '=', firstId)
      .execute();
    assert.equal(stored.length, 1);

    const again = await reporter.request<Receipt>('POST', '/api/v1/signals', body, {
      'idempotency-key': 'melding-0001',
    });
    assert.equal(again.status, 200);
    assert.equal(again.body.id, firstId);
    assert.equal(again.body.created, false);
    const changed = await reporter.request<ErrorBody>(
      'POST',
      '/api/v1/signals',
      { ...body, narrative: 'iets anders' },
      { 'idempotency-key': 'melding-0001' },
    );
    assert.equal(changed.status, 409);
    const count = await server.store.db
      .selectFrom('signals')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    assert.equal(Number(count?.n), 1);
  });

  test('bad input is refused with every field named, and nothing is written', async () => {
    const body = exampleSubmission() as Record<string, unknown>;
    const persons = body.persons as Record<string, unknown>[];
    persons[1].bsn = '123456789';
    persons[0].phones = ['06-123'];
    body.observedAt = '2999-01-01';
    body.indicators = [{ code: 'om.9.nonsense' }];
    body.mood = 'bad';
    const response = await reporter.post<ErrorBody>('/api/v1/signals', body);
    assert.equal(response.status, 400);
    const fields = response.body.error.details!.map((d) => `${d.field}:${d.code}`).sort();
    assert.deepEqual(fields, [
      'indicators.0.code:indicator_unknown',
      'mood:unknown_field',
      'observedAt:date_in_future',
      'persons.0.phones.0:phone_invalid',
      'persons.1.bsn:bsn_checksum',
    ]);
    const english = await reporter.request<ErrorBody>(
      'POST',
      '/api/v1/signals',
      { forms: ['labour'] },
      { 'accept-language': 'en' },
    );
    assert.equal(english.body.error.message, 'Describe what was observed or choose at least one indicator');
    const count = await server.store.db
      .selectFrom('signals')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    assert.equal(Number(count?.n), 1);
  });

  test('a purpose the role does not have is refused', async () => {
    reporter.purpose = 'signal_assessment';
    const response = await reporter.post<ErrorBody>('/api/v1/signals', exampleSubmission());
    reporter.purpose = 'signal_intake';
    assert.equal(response.status, 403);
  });

  let secondId = '';

  test('a second signal with the same phone number written differently is suggested as linked', async () => {
    const response = await reporter.post<Receipt>('/api/v1/signals', {
      forms: ['labour'],
      indicators: [{ code: 'ilo.deception' }],
      narrative: 'Zelfde bemiddelaar belt nieuwe arbeidsmigranten.',
      persons: [{ role: 'possible_suspect', phones: ['+31 6 8765 4321'] }],
    });
    assert.equal(response.status, 201);
    secondId = response.body.id;
    const links = await triage.get<{ kind: string; linkedSignalId: string; status: string; id: string }[]>(
      `/api/v1/signals/${secondId}/links`,
    );
    assert.equal(links.status, 200);
    assert.deepEqual(
      links.body.map((link) => [link.kind, link.linkedSignalId]),
      [['phone', firstId]],
    );
    const view = await triage.get<SignalView>(`/api/v1/signals/${secondId}`);
    assert.ok(
      view.body.triage?.reasons.some(
        (r) => r.label.nl === 'telefoonnummer gezien in 1 eerdere melding' && r.points === 10,
      ),
      JSON.stringify(view.body.triage),
    );
    const confirmed = await triage.post<{ status: string }>(
      `/api/v1/signals/${secondId}/links/${links.body[0].id}`,
      {
        status: 'confirmed',
      },
    );
    assert.equal(confirmed.body.status, 'confirmed');
    // Links are for triage only.
    assert.equal((await reporter.get(`/api/v1/signals/${secondId}/links`)).status, 403);
  });

  test('the network of confirmed links comes in one request, for triage only', async () => {
    const network = await triage.get<{
      signals: { id: string }[];
      links: { from: string; to: string; link: { kind: string } }[];
      truncated: boolean;
    }>(`/api/v1/signals/${firstId}/network`);
    assert.equal(network.status, 200);
    assert.deepEqual(network.body.signals.map((s) => s.id).sort(), [firstId, secondId].sort());
    assert.deepEqual(
      network.body.links.map((l) => [l.from, l.to, l.link.kind]),
      [[firstId, secondId, 'phone']],
    );
    assert.equal(network.body.truncated, false);
    // Every signal in it was an audited read.
    const audited = await server.store.db
      .selectFrom('audit_log')
      .select('record_ids')
      .where('resource', '=', 'signal')
      .where('action', '=', 'link')
      .where('result', '=', 'allowed')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    assert.deepEqual([...audited.record_ids].sort(), [firstId, secondId].sort());
    // At the limit the network stops and says so.
    const actor = await actorOf(server.store, 'triage@politie-le.example');
    const one = await withAccess(server.store, { actor, purpose: 'signal_assessment' }, (tx) =>
      getNetwork(tx, server.cipher, firstId, 1),
    );
    assert.deepEqual(
      one.signals.map((s) => s.id),
      [firstId],
    );
    assert.deepEqual(one.links, []);
    assert.equal(one.truncated, true);
    assert.equal((await reporter.get(`/api/v1/signals/${firstId}/network`)).status, 403);
    assert.equal((await triage.get(`/api/v1/signals/${randomUUID()}/network`)).status, 404);
  });

  test('a person written differently in another signal is suggested as the same person, with reasons', async () => {
    const response = await reporter.post<Receipt>('/api/v1/signals', {
      forms: ['sexual'],
      narrative: 'Man regelt vervoer naar wisselende adressen.',
      persons: [
        { role: 'possible_suspect', givenNames: 'J.', surname: 'vd Berg', dateOfBirth: '03-02-1990' },
      ],
    });
    assert.equal(response.status, 201);
    const links = await triage.get<
      { kind: string; linkedSignalId: string; score: number; reasons: { comparison: string }[] }[]
    >(`/api/v1/signals/${response.body.id}/links`);
    const person = links.body.filter((link) => link.kind === 'person');
    assert.deepEqual(
      person.map((link) => link.linkedSignalId),
      [firstId],
    );
    assert.ok(person[0].score > 0.9);
    assert.ok(person[0].reasons.some((reason) => reason.comparison === 'date_of_birth'));
    // Not the unrelated second signal, which has no names; and the suggestion is not made twice.
    const again = await triage.get<unknown[]>(`/api/v1/signals/${response.body.id}/links`);
    assert.equal(again.body.length, links.body.length);
    await triage.post(`/api/v1/signals/${response.body.id}/transitions`, { action: 'start_triage' });
    await triage.post(`/api/v1/signals/${response.body.id}/transitions`, {
      action: 'close',
      outcome: 'duplicate',
      note: 'Zelfde verdachte als eerdere melding',
    });
  });

  test('triage sees the queue by priority with reasons and an SLA clock, and routes a signal', async () => {
    const queue = await triage.get<QueueRow[]>('/api/v1/signals?queue=triage');
    assert.equal(queue.status, 200);
    assert.deepEqual(
      queue.body.map((row) => row.id),
      [firstId, secondId],
    );
    assert.equal(queue.body[0].priority, 'urgent');
    // The first was received by the reporter in June 2024 (receivedAt): long past its deadline.
    assert.equal(queue.body[0].sla?.status, 'red');
    assert.equal(queue.body[1].sla?.status, 'green');
    const view = await triage.get<SignalView>(`/api/v1/signals/${firstId}`);
    assert.equal(view.body.triage?.route.code, 'police_avim');
    assert.equal(view.body.persons[1].bsn, '******782');
    assert.ok(!JSON.stringify(view.body).includes('123456782'));

    assert.equal(
      (await triage.post(`/api/v1/signals/${firstId}/transitions`, { action: 'start_triage' })).status,
      200,
    );
    const wrongTeam = await triage.post<ErrorBody>(`/api/v1/signals/${firstId}/transitions`, {
      action: 'route',
      route: 'police_avim',
      team: orgs.get('Gemeente Amsterdam'),
    });
    assert.equal(wrongTeam.status, 400);
    assert.equal(wrongTeam.body.error.field, 'team');
    const routed = await triage.post<{ state: string }>(`/api/v1/signals/${firstId}/transitions`, {
      action: 'route',
      route: 'police_avim',
      team: orgs.get('Politie Eenheid Amsterdam'),
      note: 'Minderjarige: spoed',
    });
    assert.equal(routed.body.state, 'routed');
    const skip = await triage.post<ErrorBody>(`/api/v1/signals/${firstId}/transitions`, {
      action: 'start_triage',
    });
    assert.equal(skip.status, 409);
  });

  test('the receiving team accepts; other teams do not see it; the reporter sees the status but not the notes', async () => {
    const team = await investigator.get<QueueRow[]>('/api/v1/signals?queue=team');
    assert.deepEqual(
      team.body.map((row) => row.id),
      [firstId],
    );
    const accepted = await investigator.post<{ state: string }>(`/api/v1/signals/${firstId}/transitions`, {
      action: 'accept',
      note: 'Opgepakt door team mensenhandel',
    });
    assert.equal(accepted.body.state, 'accepted');
    // Item 8: a clock only while it applies: the acceptance clock while routed, none once accepted.
    assert.equal(team.body[0].sla?.clock, 'acceptance');
    assert.match(team.body[0].sla?.dueDate ?? '', /^\d{4}-\d{2}-\d{2}$/);
    const afterAccept = await investigator.get<SignalView>(`/api/v1/signals/${firstId}`);
    assert.equal(afterAccept.status, 200);
    assert.equal(afterAccept.body.sla ?? null, null);

    const other = await loginAs(server, 'inspecteur@inspectie-szw.example', 'criminal_investigation');
    assert.equal((await other.get(`/api/v1/signals/${firstId}`)).status, 404);
    assert.equal(
      (
        await other.post(`/api/v1/signals/${firstId}/transitions`, {
          action: 'close',
          outcome: 'other',
          note: 'x',
        })
      ).status,
      404,
    );

    const own = await reporter.get<SignalView>(`/api/v1/signals/${firstId}`);
    assert.equal(own.status, 200);
    assert.equal(own.body.state, 'accepted');
    assert.deepEqual(
      own.body.statusHistory?.map((step) => step.state),
      ['in_triage', 'routed', 'accepted'],
    );
    assert.equal(own.body.history, undefined);
    assert.equal(own.body.score, undefined);
    assert.ok(!JSON.stringify(own.body).includes('Opgepakt door team'));

    const full = await investigator.get<SignalView>(`/api/v1/signals/${firstId}`);
    assert.equal(full.body.history?.at(-1)?.note, 'Opgepakt door team mensenhandel');
    // Match, then talk: the team learns who else knows something (the contact point), not what.
    assert.deepEqual(full.body.linkNotices, [
      {
        organisationId: orgs.get('Gemeente Amsterdam'),
        organisation: 'Gemeente Amsterdam',
        kinds: ['person', 'phone'],
      },
    ]);
    assert.equal(own.body.linkNotices, undefined);
  });

  test('a declined signal returns to triage instead of disappearing', async () => {
    await triage.post(`/api/v1/signals/${secondId}/transitions`, { action: 'start_triage' });
    await triage.post(`/api/v1/signals/${secondId}/transitions`, {
      action: 'route',
      route: 'municipality',
      team: orgs.get('Gemeente Amsterdam'),
    });
    const noNote = await municipality.post<ErrorBody>(`/api/v1/signals/${secondId}/transitions`, {
      action: 'decline',
      reason: 'not_competent',
      note: ' ',
    });
    assert.equal(noNote.status, 400);
    const declined = await municipality.post<{ state: string }>(`/api/v1/signals/${secondId}/transitions`, {
      action: 'decline',
      reason: 'not_competent',
      note: 'Arbeidsuitbuiting: Inspectie SZW',
    });
    assert.equal(declined.body.state, 'declined');
    assert.equal((await municipality.get<QueueRow[]>('/api/v1/signals?queue=team')).body.length, 0);
    const queue = await triage.get<QueueRow[]>('/api/v1/signals?queue=triage');
    assert.deepEqual(
      queue.body.map((row) => [row.id, row.state]),
      [[secondId, 'declined']],
    );
    const back = await triage.post<{ state: string }>(`/api/v1/signals/${secondId}/transitions`, {
      action: 'retriage',
    });
    assert.equal(back.body.state, 'in_triage');
  });

  test('bulk CSV: a bad row refuses the whole file by default; valid_only imports the good rows', async () => {
    const badRow = IMPORT_COLUMNS.map((c) =>
      c.header === 'vormen'
        ? 'labour'
        : c.header === 'omschrijving'
          ? 'x'
          : c.header === 'bedrijf_kvk'
            ? '12'
            : '',
    );
    const csv = `${templateCsv()}${badRow.join(';')}\n`;
    const upload = (mode: string) =>
      reporter.request<
        ErrorBody & { imported: { id: string }[]; rejected: { line: number; column: string }[] }
      >('POST', `/api/v1/signals/import?filename=meldingen.csv&mode=${mode}`, csv, {
        'content-type': 'text/csv',
      });
    const before = await server.store.db
      .selectFrom('signals')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    const refused = await upload('all_or_nothing');
    assert.equal(refused.status, 400, JSON.stringify(refused.body));
    assert.equal(refused.body.error.code, 'invalid_rows');
    const mid = await server.store.db
      .selectFrom('signals')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    assert.equal(Number(mid?.n), Number(before?.n));
    const partial = await upload('valid_only');
    assert.equal(partial.status, 201, JSON.stringify(partial.body));
    assert.equal(partial.body.imported.length, 1);
    assert.deepEqual(partial.body.rejected.map((row) => `${row.line}:${row.column}`).sort(), [
      '3:bedrijf_kvk',
      '3:bedrijf_naam',
    ]);
  });

  test('bulk upload: empty, wrong type and oversize files get a clear error', async () => {
    const send = (body: string | Buffer, type: string) =>
      reporter.request<ErrorBody>('POST', '/api/v1/signals/import?filename=x.csv', body, {
        'content-type': type,
      });
    const empty = await send('', 'text/csv');
    assert.equal(empty.status, 400);
    const pdf = await send('%PDF-1.7 binary\u0000', 'application/octet-stream');
    assert.equal(pdf.body.error.code, 'unsupported_type');
    const huge = await reporter.request<ErrorBody>(
      'POST',
      '/api/v1/signals/import?filename=x.csv',
      'a'.repeat(11 * 1024 * 1024),
      { 'content-type': 'text/csv' },
    );
    assert.equal(huge.status, 413);
    const template = await reporter.get<string>('/api/v1/signals/import/template?format=csv');
    assert.equal(template.status, 200);
    assert.match(template.body, /vormen;indicatoren/);
  });

  test('a triage admin saves a new rule set version and new signals record it', async () => {
    const sets =
      await triage.get<{ version: number; rules: Record<string, unknown> }[]>('/api/v1/triage/rulesets');
    const current = sets.body[0].rules;
    const saved = await triage.post<{ version: number }>('/api/v1/triage/rulesets', {
      ...current,
      name: 'Strengere regels',
      minor: { minor: 60, possiblyMinor: 30 },
    });
    assert.equal(saved.status, 201, JSON.stringify(saved.body));
    assert.equal(saved.body.version, 2);
    const broken = await triage.post<ErrorBody>('/api/v1/triage/rulesets', {
      ...current,
      routes: [{ id: 'x' }],
    });
    assert.equal(broken.status, 400);
    const created = await reporter.post<Receipt>('/api/v1/signals', exampleSubmission());
    const view = await triage.get<SignalView & { rulesetVersion: number }>(
      `/api/v1/signals/${created.body.id}`,
    );
    assert.equal(view.body.rulesetVersion, 2);
    assert.ok(view.body.triage?.reasons.some((r) => r.code === 'minor' && r.points === 60));
    assert.equal((await reporter.post('/api/v1/triage/rulesets', current)).status, 403);
  });

  test('every step left an intact audit chain', async () => {
    const result = await verifyAuditChain(server.store.db);
    assert.ok(result.ok, JSON.stringify(result));
    const entries = await server.store.db
      .selectFrom('audit_log')
      .select(['resource', 'action'])
      .where('resource', '=', 'signal')
      .execute();
    assert.ok(entries.some((e) => e.action === 'create'));
    assert.ok(entries.some((e) => e.action === 'transition'));
    assert.ok(entries.some((e) => e.action === 'read'));
  });

  test('a company reported with an address reads back with that address (was a 500)', async () => {
    const body = {
      ...exampleSubmission(),
      // Runs last and shares no phone number, so the link and count tests above are not touched.
      persons: [],
      externalReference: 'ADRES-TEST',
      companies: [
        {
          name: 'Schoonmaak Snel BV',
          kvk: '69241234',
          address: { street: 'Damrak', houseNumber: '1', postcode: '1012 LG', city: 'Amsterdam' },
        },
      ],
    };
    const created = await reporter.post<{ id: string }>('/api/v1/signals', body);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const read = await reporter.get<{
      companies: { name: string; address: Record<string, string> | null }[];
    }>(`/api/v1/signals/${created.body.id}`);
    assert.equal(read.status, 200, JSON.stringify(read.body));
    assert.deepEqual(read.body.companies[0].address, {
      street: 'Damrak',
      houseNumber: '1',
      postcode: '1012 LG',
      city: 'Amsterdam',
      country: 'NL',
    });
  });
});
