import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { verifyAuditChain } from '../../src/access/audit.ts';
import { dutchDate } from '../../src/domain/validate/date.ts';
import { exampleSubmission } from '../../src/signals/fixtures.ts';
import { type ApiClient, loginAs, startTestServer, type TestServer } from '../helpers/server.ts';
import { databaseLabel } from '../helpers/store.ts';

type ErrorBody = { error: { code: string; field?: string; message: string } };
type Created = { id: string };
type RequestView = Record<string, unknown> & {
  id: string;
  state: string;
  waitingDays: number;
  history: { action: string; reason?: string }[];
};
type Match = {
  version: number;
  ranked: { placeId: string; score: number; reasons: { code: string }[] }[];
  excluded: number;
};
type Place = {
  id: string;
  capacity: number;
  occupancy: number;
  available: number;
  stale: boolean;
  region: string;
};

/**
 * Care over real HTTP: the client file (from a routed signal and directly), consents checked before sharing,
 * capacity, placement request, matching, propose/decline/accept, admission with the safe address, discharge,
 * the national overview, and who is refused what (with the refusal audited).
 */
describe(`care: client file, capacity and placement through the API on ${databaseLabel}`, () => {
  let server: TestServer;
  let coordinator: ApiClient;
  let provider: ApiClient;
  let police: ApiClient;
  let municipal: ApiClient;
  let registrar: ApiClient;
  let orgs: Map<string, string>;
  let zwolle = '';
  let amsterdam = '';
  let client = '';
  let placement = '';
  const today = dutchDate(new Date());

  before(async () => {
    server = await startTestServer();
    coordinator = await loginAs(server, 'zorgcoordinator@zorg-amsterdam.example', 'care_coordination');
    provider = await loginAs(server, 'intake@opvang.example', 'care_coordination');
    police = await loginAs(server, 'rechercheur@politie-amsterdam.example', 'criminal_investigation');
    municipal = await loginAs(server, 'coordinator@gemeente-amsterdam.example', 'care_coordination');
    registrar = await loginAs(server, 'registratie@comensha.example', 'statistics');
    const rows = await server.store.db.selectFrom('organisations').select(['id', 'name']).execute();
    orgs = new Map(rows.map((row) => [row.name, row.id]));
  });
  after(() => server.close());

  async function count(
    table: 'care_clients' | 'shelter_locations' | 'shelter_places' | 'placement_requests',
  ) {
    const row = await server.store.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  test('the provider keeps locations and places; occupancy above capacity is refused and nothing is written', async () => {
    const before = await count('shelter_places');
    const bad = await provider.post<ErrorBody>('/api/v1/care/locations', {
      name: 'Locatie Overvol',
      municipalityCode: 'GM0193',
      places: [
        {
          kind: 'categorical',
          capacity: 3,
          occupancy: 2,
          genders: ['female'],
          minAge: 18,
          maxAge: 120,
          needs: [],
        },
        {
          kind: 'multi_problem',
          capacity: 2,
          occupancy: 3,
          genders: ['female'],
          minAge: 18,
          maxAge: 120,
          needs: [],
        },
      ],
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.field, 'places[1].occupancy');
    assert.equal(await count('shelter_places'), before);
    assert.equal(await count('shelter_locations'), 0);

    const z = await provider.post<{ id: string; placeIds: string[] }>('/api/v1/care/locations', {
      name: 'Huis Zwolle',
      municipalityCode: 'GM0193',
      places: [
        {
          kind: 'multi_problem',
          capacity: 2,
          occupancy: 0,
          genders: ['female'],
          minAge: 18,
          maxAge: 120,
          needs: ['psychiatric', 'mild_intellectual_disability'],
        },
      ],
    });
    assert.equal(z.status, 201, JSON.stringify(z.body));
    zwolle = z.body.placeIds[0];
    const a = await provider.post<{ id: string; placeIds: string[] }>('/api/v1/care/locations', {
      name: 'Huis Amsterdam',
      municipalityCode: 'GM0363',
      places: [
        {
          kind: 'categorical',
          capacity: 5,
          occupancy: 1,
          genders: ['female', 'male'],
          minAge: 18,
          maxAge: 120,
          needs: [],
        },
      ],
    });
    assert.equal(a.status, 201);
    amsterdam = a.body.placeIds[0];

    const places = await provider.get<Place[]>('/api/v1/care/places');
    assert.equal(places.status, 200);
    assert.deepEqual(places.body.map((p) => p.region).sort(), ['VR04', 'VR13']);
    assert.ok(places.body.every((p) => p.stale === false));

    const over = await provider.patch<ErrorBody>(`/api/v1/care/places/${amsterdam}`, { occupancy: 6 });
    assert.equal(over.status, 400);
    assert.equal(over.body.error.field, 'occupancy');
    // Stale figures: older than seven days are flagged.
    await server.store.db
      .updateTable('shelter_places')
      .set({ figures_at: new Date(Date.now() - 10 * 86_400_000) })
      .where('id', '=', amsterdam)
      .execute();
    const stale = await coordinator.get<Place[]>('/api/v1/care/places');
    assert.equal(stale.body.find((p) => p.id === amsterdam)?.stale, true);
    const refreshed = await provider.patch(`/api/v1/care/places/${amsterdam}`, { occupancy: 1 });
    assert.equal(refreshed.status, 200);
    assert.equal(
      (await coordinator.get<Place[]>('/api/v1/care/places')).body.find((p) => p.id === amsterdam)?.stale,
      false,
    );
    // Another role cannot change a shelter's figures.
    assert.equal((await coordinator.patch(`/api/v1/care/places/${amsterdam}`, { occupancy: 0 })).status, 403);
  });

  test('a client is taken on from a signal routed to the care coordinator, only then', async () => {
    const reporter = await loginAs(server, 'melder@gemeente-amsterdam.example', 'signal_intake');
    const triage = await loginAs(server, 'triage@politie-le.example', 'signal_assessment');
    const signal = await reporter.post<Created>('/api/v1/signals', exampleSubmission());
    assert.equal(signal.status, 201);
    // Not routed yet: not found for care.
    const early = await coordinator.post<ErrorBody>('/api/v1/care/clients', {
      source: 'signal',
      signalId: signal.body.id,
    });
    assert.equal(early.status, 404);
    assert.equal(
      (await triage.post(`/api/v1/signals/${signal.body.id}/transitions`, { action: 'start_triage' })).status,
      200,
    );
    const routed = await triage.post(`/api/v1/signals/${signal.body.id}/transitions`, {
      action: 'route',
      route: 'care_coordinator',
      team: orgs.get('Zorgcoördinatie Amsterdam-Amstelland'),
    });
    assert.equal(routed.status, 200, JSON.stringify(routed.body));
    const taken = await coordinator.post<Created>('/api/v1/care/clients', {
      source: 'signal',
      signalId: signal.body.id,
      languages: ['ro'],
      immigrationStatus: 'eu',
    });
    assert.equal(taken.status, 201, JSON.stringify(taken.body));
    const file = await coordinator.get<Record<string, unknown>>(`/api/v1/care/clients/${taken.body.id}`);
    assert.equal(file.status, 200);
    assert.equal(file.body.surname, 'Popescu');
    assert.equal(file.body.source, 'signal');
    assert.equal(file.body.sourceSignalId, signal.body.id);
    assert.deepEqual(file.body.forms, ['labour']);
    assert.deepEqual(file.body.exploitationPlaces, [{ municipalityCode: 'GM0363' }]);
    // A forged signal id is "not found" and nothing is written.
    const n = await count('care_clients');
    const forged = await coordinator.post('/api/v1/care/clients', {
      source: 'signal',
      signalId: randomUUID(),
    });
    assert.equal(forged.status, 404);
    assert.equal(await count('care_clients'), n);
  });

  test('a client is taken on directly with identity as far as known, needs and a safety assessment', async () => {
    const missing = await coordinator.post<ErrorBody>('/api/v1/care/clients', {
      source: 'direct',
      estimatedAge: 30,
    });
    assert.equal(missing.status, 400);
    assert.equal(missing.body.error.field, 'alias');
    const badPlace = await coordinator.post<ErrorBody>('/api/v1/care/clients', {
      source: 'direct',
      alias: 'X',
      exploitationPlaces: [{ municipalityCode: 'GM9999' }],
    });
    assert.equal(badPlace.status, 400);
    assert.equal(badPlace.body.error.field, 'exploitationPlaces[0].municipalityCode');
    const created = await coordinator.post<Created>('/api/v1/care/clients', {
      source: 'direct',
      alias: 'Mira',
      estimatedAge: 24,
      gender: 'female',
      nationality: 'NGA',
      languages: ['en', 'yo'],
      immigrationStatus: 'third_country',
      forms: ['sexual'],
      exploitationPlaces: [{ municipalityCode: 'GM0363' }],
      needs: ['psychiatric'],
      safety: {
        factors: ['exploiter_at_large', 'threats_received'],
        level: 'high',
        assessedOn: '2026-11-30',
        assessedBy: 'S. de Wit',
      },
      contactChannel: 'via_coordinator',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    client = created.body.id;
    const list = await coordinator.get<{ id: string; alias: string }[]>('/api/v1/care/clients');
    assert.ok(list.body.some((row) => row.id === client && row.alias === 'Mira'));
    const changed = await coordinator.patch<{ fields: string[] }>(`/api/v1/care/clients/${client}`, {
      languages: ['en'],
    });
    assert.deepEqual(changed.body.fields, ['languages']);
  });

  test('refusal matrix on the client file: other roles, other organisations, missing purpose, forged ids, anonymous', async () => {
    const path = `/api/v1/care/clients/${client}`;
    for (const [who, caller] of [
      ['police', police],
      ['provider', provider],
      ['municipal coordinator', municipal],
      ['registrar', registrar],
    ] as const) {
      const response = await caller.get<ErrorBody>(path);
      assert.equal(response.status, 403, `${who} reads the client file`);
      assert.ok(response.body.error.message.length > 10, 'the 403 gives the reason');
    }
    const noPurpose = await loginAs(server, 'zorgcoordinator@zorg-amsterdam.example');
    assert.equal((await noPurpose.get<ErrorBody>(path)).body.error.code, 'purpose_required');
    const wrongPurpose = await loginAs(server, 'zorgcoordinator@zorg-amsterdam.example', 'statistics');
    assert.equal((await wrongPurpose.get<ErrorBody>(path)).body.error.code, 'purpose_not_allowed');
    assert.equal((await coordinator.get(`/api/v1/care/clients/${randomUUID()}`)).status, 404);
    const anonymous = await fetch(`${server.url}${path}`);
    assert.equal(anonymous.status, 401);
    // Not even a direct write by police gets through.
    assert.equal((await police.post('/api/v1/care/clients', { source: 'direct', alias: 'Y' })).status, 403);
  });

  test('consent is checked before anything is shared: no placement request without consent for placement', async () => {
    const refused = await coordinator.post<ErrorBody>(
      `/api/v1/care/clients/${client}/placement-requests`,
      {},
    );
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error.code, 'consent_missing');
    assert.equal(refused.body.error.field, 'consent');
    assert.equal(await count('placement_requests'), 0);
    const consent = await coordinator.post<Created>(`/api/v1/care/clients/${client}/consents`, {
      scope: 'placement',
      givenOn: '2026-11-30',
      how: 'with_interpreter',
    });
    assert.equal(consent.status, 201);
    const early = await coordinator.post<ErrorBody>(`/api/v1/care/consents/${consent.body.id}/withdraw`, {
      withdrawnOn: '2026-11-01',
    });
    assert.equal(early.status, 400);
    assert.equal(early.body.error.field, 'withdrawnOn');
    const future = await coordinator.post<ErrorBody>(`/api/v1/care/clients/${client}/consents`, {
      scope: 'handover',
      givenOn: '2099-01-01',
      how: 'verbal',
    });
    assert.equal(future.body.error.field, 'givenOn');
  });

  test('a placement request avoids the region of exploitation; matching ranks what fits, with reasons', async () => {
    const filed = await coordinator.post<Created>(`/api/v1/care/clients/${client}/placement-requests`, {});
    assert.equal(filed.status, 201, JSON.stringify(filed.body));
    placement = filed.body.id;
    const view = await coordinator.get<RequestView>(`/api/v1/care/placement-requests/${placement}`);
    assert.deepEqual(view.body.avoidRegions, ['VR13']);
    assert.equal(view.body.age, 24);
    assert.equal(view.body.state, 'open');
    const match = await coordinator.get<Match>(`/api/v1/care/placement-requests/${placement}/matches`);
    assert.equal(match.status, 200, JSON.stringify(match.body));
    assert.equal(match.body.version, 1);
    assert.deepEqual(
      match.body.ranked.map((r) => r.placeId),
      [zwolle],
    );
    assert.ok(match.body.ranked[0].reasons.some((r) => r.code === 'suited_kind'));
    assert.equal(match.body.excluded, 1);
    // A place that does not take the need, or lies in the region of exploitation, is refused with the reason.
    const wrong = await coordinator.post<ErrorBody>(
      `/api/v1/care/placement-requests/${placement}/transitions`,
      {
        action: 'propose',
        placeId: amsterdam,
      },
    );
    assert.equal(wrong.status, 409);
    assert.equal(wrong.body.error.code, 'place_unsuitable');
    assert.equal(wrong.body.error.field, 'placeId');
    assert.match(wrong.body.error.message, /Psychiatrische|regio/);
  });

  test('the provider declines with a reason, then accepts; admission records the safe address; discharge frees the place', async () => {
    const path = `/api/v1/care/placement-requests/${placement}/transitions`;
    // Not proposed yet: the shelter does not see the request.
    assert.equal((await provider.get(`/api/v1/care/placement-requests/${placement}`)).status, 404);
    assert.equal((await coordinator.post(path, { action: 'propose', placeId: zwolle })).status, 200);
    const seen = await provider.get<RequestView>(`/api/v1/care/placement-requests/${placement}`);
    assert.equal(seen.status, 200);
    assert.equal(seen.body.state, 'proposed');
    assert.equal(seen.body.clientId, undefined, 'the shelter sees needs, not the client file');
    // The coordinator's step is not the shelter's, and the other way round.
    assert.equal(
      (await provider.post<ErrorBody>(path, { action: 'withdraw' })).body.error.code,
      'not_your_step',
    );
    assert.equal(
      (await coordinator.post<ErrorBody>(path, { action: 'accept' })).body.error.code,
      'not_your_step',
    );

    const declined = await provider.post(path, {
      action: 'decline',
      reason: 'safety',
      note: 'Dader kent deze locatie',
    });
    assert.equal(declined.status, 200, JSON.stringify(declined.body));
    const back = await coordinator.get<RequestView>(`/api/v1/care/placement-requests/${placement}`);
    assert.equal(back.body.state, 'declined');
    assert.equal(back.body.history.at(-1)?.reason, 'safety');

    assert.equal((await coordinator.post(path, { action: 'propose', placeId: zwolle })).status, 200);
    const early = await provider.post<ErrorBody>(path, {
      action: 'admit',
      admittedOn: '2026-12-01',
      safeAddress: 'Geheimstraat 1, Zwolle',
    });
    assert.equal(early.body.error.code, 'invalid_transition');
    assert.equal((await provider.post(path, { action: 'accept' })).status, 200);
    const future = await provider.post<ErrorBody>(path, {
      action: 'admit',
      admittedOn: '2099-01-01',
      safeAddress: 'Geheimstraat 1, Zwolle',
    });
    assert.equal(future.body.error.field, 'admittedOn');
    const admitted = await provider.post<RequestView>(path, {
      action: 'admit',
      admittedOn: today,
      safeAddress: 'Geheimstraat 1, 8011 AA Zwolle',
    });
    assert.equal(admitted.status, 200, JSON.stringify(admitted.body));
    assert.equal(admitted.body.state, 'admitted');
    const place = (await provider.get<Place[]>('/api/v1/care/places')).body.find((p) => p.id === zwolle);
    assert.equal(place?.occupancy, 1);
  });

  test('the safe address: the placing coordinator and the shelter only; police gets 403 with the reason, audited', async () => {
    const path = `/api/v1/care/placement-requests/${placement}/safe-address`;
    const mine = await coordinator.get<{ address: string }>(path);
    assert.equal(mine.status, 200);
    assert.equal(mine.body.address, 'Geheimstraat 1, 8011 AA Zwolle');
    assert.equal(
      (await provider.get<{ address: string }>(path)).body.address,
      'Geheimstraat 1, 8011 AA Zwolle',
    );
    const denied = await police.get<ErrorBody>(path);
    assert.equal(denied.status, 403);
    assert.match(denied.body.error.message, /care_safe_address/);
    for (const other of [municipal, registrar]) assert.equal((await other.get(path)).status, 403);
    const audit = await server.store.db
      .selectFrom('audit_log')
      .select(['result', 'resource', 'reason'])
      .where('resource', '=', 'care_safe_address')
      .where('result', '=', 'denied')
      .execute();
    assert.ok(audit.length >= 1, 'the refusal is in the audit log');
    // No list or file carries it.
    for (const listing of [
      await coordinator.get('/api/v1/care/clients'),
      await coordinator.get(`/api/v1/care/clients/${client}`),
      await coordinator.get('/api/v1/care/placement-requests'),
      await provider.get('/api/v1/care/placement-requests'),
    ]) {
      assert.equal(listing.status, 200);
      assert.doesNotMatch(JSON.stringify(listing.body), /Geheimstraat/);
    }
    // Row-level security holds it back even from a query that forgets the grant (police under RLS).
    assert.ok((await verifyAuditChain(server.store.db)).ok);
  });

  test('occupancy above capacity refuses an admission; discharge needs a date after admission and frees the place', async () => {
    // A second client fills the place's last bed through figures, then cannot be admitted.
    const second = await coordinator.post<Created>('/api/v1/care/clients', {
      source: 'direct',
      alias: 'Nadia',
      dateOfBirth: '1999-03-04',
      gender: 'female',
      needs: ['mild_intellectual_disability'],
      exploitationPlaces: [{ municipalityCode: 'GM0363' }],
    });
    await coordinator.post(`/api/v1/care/clients/${second.body.id}/consents`, {
      scope: 'placement',
      givenOn: '2026-11-30',
      how: 'written',
    });
    const request = await coordinator.post<Created>(
      `/api/v1/care/clients/${second.body.id}/placement-requests`,
      {},
    );
    const path = `/api/v1/care/placement-requests/${request.body.id}/transitions`;
    assert.equal((await coordinator.post(path, { action: 'propose', placeId: zwolle })).status, 200);
    assert.equal((await provider.post(path, { action: 'accept' })).status, 200);
    assert.equal((await provider.patch(`/api/v1/care/places/${zwolle}`, { occupancy: 2 })).status, 200);
    const full = await provider.post<ErrorBody>(path, {
      action: 'admit',
      admittedOn: today,
      safeAddress: 'Geheimstraat 1, Zwolle',
    });
    assert.equal(full.status, 409);
    assert.equal(full.body.error.code, 'over_capacity');
    assert.equal(full.body.error.field, 'occupancy');
    const safe = await server.store.db.selectFrom('care_safe_addresses').select('placement_id').execute();
    assert.equal(safe.length, 1, 'nothing partial: no safe address for the refused admission');

    const first = `/api/v1/care/placement-requests/${placement}/transitions`;
    const before = await provider.post<ErrorBody>(first, {
      action: 'discharge',
      dischargedOn: '2020-01-01',
      destination: 'independent_living',
    });
    assert.equal(before.body.error.field, 'dischargedOn');
    const done = await provider.post(first, {
      action: 'discharge',
      dischargedOn: today,
      destination: 'follow_up_care',
    });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    const place = (await provider.get<Place[]>('/api/v1/care/places')).body.find((p) => p.id === zwolle);
    assert.equal(place?.occupancy, 1);
  });

  test('the waiting list shows waiting times; the national overview gives aggregates with small cells suppressed', async () => {
    const waiting = await coordinator.get<RequestView[]>(
      '/api/v1/care/placement-requests?state=open,proposed,accepted',
    );
    assert.equal(waiting.status, 200);
    assert.ok(waiting.body.length >= 1);
    assert.ok(waiting.body.every((row) => typeof row.waitingDays === 'number' && row.waitingDays >= 0));

    const overview = await registrar.get<{
      smallCell: number;
      rows: { kind: string; capacity: number; occupancy: number | null; suppressed: string[] }[];
    }>('/api/v1/care/overview');
    assert.equal(overview.status, 200, JSON.stringify(overview.body));
    assert.equal(overview.body.smallCell, 10);
    const multi = overview.body.rows.find((row) => row.kind === 'multi_problem');
    assert.equal(multi?.capacity, 2);
    assert.equal(multi?.occupancy, null);
    assert.ok(multi?.suppressed.includes('occupancy'));
    assert.doesNotMatch(JSON.stringify(overview.body), /Mira|Nadia|Geheimstraat/);
    const ministry = await loginAs(server, 'programma@jenv.example', 'statistics');
    assert.equal((await ministry.get('/api/v1/care/overview')).status, 200);
    assert.equal((await coordinator.get('/api/v1/care/overview')).status, 403);
    assert.equal((await police.get('/api/v1/care/overview')).status, 403);
  });
});
