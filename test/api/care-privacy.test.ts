import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { dutchDate } from '../../src/domain/validate/date.ts';
import { type ApiClient, loginAs, startTestServer, type TestServer } from '../helpers/server.ts';
import { databaseLabel } from '../helpers/store.ts';

type Found = { persons: { personId: string; holding: string; data: { surname: string | null } }[] };
type Report = {
  records: {
    personId: string;
    holding?: string;
    fields: string[];
    data: Record<string, unknown>;
    legalBasis: string;
    restricted: boolean;
    erased: boolean;
  }[];
};

/** Data-subject rights reach the client file through care's personal-data interface (src/privacy → src/care). */
describe(`care: inzage, restriction and erasure of the client file on ${databaseLabel}`, () => {
  let server: TestServer;
  let coordinator: ApiClient;
  let provider: ApiClient;
  let officer: ApiClient;
  let client = '';
  let placed = '';
  const today = dutchDate(new Date());

  async function newRequest(kind: string): Promise<string> {
    const response = await officer.post<{ id: string }>('/api/v1/privacy/requests', {
      kind,
      reference: `AVG-zorg-${kind}-${Math.random().toString(36).slice(2, 8)}`,
      receivedOn: today,
    });
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return response.body.id;
  }

  async function attach(request: string, surname: string, dateOfBirth: string) {
    const found = await officer.post<Found>(`/api/v1/privacy/requests/${request}/search`, {
      surname,
      dateOfBirth,
    });
    assert.equal(found.status, 200, JSON.stringify(found.body));
    const ids = found.body.persons.map((p) => p.personId);
    assert.equal(ids.length, 1);
    assert.equal(
      (await officer.post(`/api/v1/privacy/requests/${request}/persons`, { personIds: ids })).status,
      200,
    );
    return ids[0];
  }

  before(async () => {
    server = await startTestServer();
    // The care coordination's own privacy officer (same password as the demo users).
    const zorg = await server.store.db
      .selectFrom('users')
      .select(['org_id', 'password_hash'])
      .where('email', '=', 'zorgcoordinator@zorg-amsterdam.example')
      .executeTakeFirstOrThrow();
    await server.store.db
      .insertInto('users')
      .values({
        org_id: zorg.org_id,
        email: 'privacy@zorg-amsterdam.example',
        name: 'Functionaris Gegevensbescherming',
        password_hash: zorg.password_hash,
        roles: ['privacy_officer'],
      })
      .execute();
    coordinator = await loginAs(server, 'zorgcoordinator@zorg-amsterdam.example', 'care_coordination');
    provider = await loginAs(server, 'intake@opvang.example', 'care_coordination');
    officer = await loginAs(server, 'privacy@zorg-amsterdam.example', 'data_subject_request');
    const created = await coordinator.post<{ id: string }>('/api/v1/care/clients', {
      source: 'direct',
      givenNames: 'Grace',
      surname: 'Okafor',
      dateOfBirth: '1998-07-14',
      gender: 'female',
      nationality: 'NGA',
      contactChannel: 'via_coordinator',
      exploitationPlaces: [{ municipalityCode: 'GM0363' }],
    });
    client = created.body.id;
    // A second client, placed at a shelter: its erasure waits for the discharge.
    const other = await coordinator.post<{ id: string }>('/api/v1/care/clients', {
      source: 'direct',
      givenNames: 'Blessing',
      surname: 'Eze',
      dateOfBirth: '2000-01-02',
      gender: 'female',
      exploitationPlaces: [{ municipalityCode: 'GM0363' }],
    });
    placed = other.body.id;
    await coordinator.post(`/api/v1/care/clients/${placed}/consents`, {
      scope: 'placement',
      givenOn: today,
      how: 'written',
    });
    const location = await provider.post<{ placeIds: string[] }>('/api/v1/care/locations', {
      name: 'Huis Enschede',
      municipalityCode: 'GM0153',
      places: [
        {
          kind: 'categorical',
          capacity: 4,
          occupancy: 0,
          genders: ['female'],
          minAge: 18,
          maxAge: 120,
          needs: [],
        },
      ],
    });
    const request = await coordinator.post<{ id: string }>(
      `/api/v1/care/clients/${placed}/placement-requests`,
      {},
    );
    const path = `/api/v1/care/placement-requests/${request.body.id}/transitions`;
    assert.equal(
      (await coordinator.post(path, { action: 'propose', placeId: location.body.placeIds[0] })).status,
      200,
    );
    assert.equal((await provider.post(path, { action: 'accept' })).status, 200);
    assert.equal(
      (
        await provider.post(path, {
          action: 'admit',
          admittedOn: today,
          safeAddress: 'Schuilweg 3, Enschede',
        })
      ).status,
      200,
    );
  });
  after(() => server.close());

  test('inzage: the client file is found by name and date of birth and reported, without the safe address', async () => {
    const request = await newRequest('access');
    assert.equal(await attach(request, 'okafor', '1998-07-14'), client);
    const report = await officer.get<Report>(`/api/v1/privacy/requests/${request}/report`);
    assert.equal(report.status, 200, JSON.stringify(report.body));
    const record = report.body.records.find((r) => r.personId === client);
    assert.ok(record);
    assert.equal(record.data.surname, 'Okafor');
    assert.ok(record.fields.includes('contactChannel'));
    assert.match(record.legalBasis, /Wmo 2015/);
    const placedRequest = await newRequest('access');
    await attach(placedRequest, 'Eze', '2000-01-02');
    const placedReport = await officer.get<Report>(`/api/v1/privacy/requests/${placedRequest}/report`);
    assert.doesNotMatch(JSON.stringify(placedReport.body), /Schuilweg/);
  });

  test('restriction hides the client file from care work until lifted', async () => {
    const request = await newRequest('restriction');
    await attach(request, 'Okafor', '1998-07-14');
    assert.equal((await officer.post(`/api/v1/privacy/requests/${request}/restriction`, {})).status, 200);
    assert.equal((await coordinator.get(`/api/v1/care/clients/${client}`)).status, 404);
    const list = await coordinator.get<{ id: string }[]>('/api/v1/care/clients');
    assert.ok(!list.body.some((row) => row.id === client));
    assert.equal(
      (await officer.post(`/api/v1/privacy/requests/${request}/restriction`, { lift: true })).status,
      200,
    );
    assert.equal((await coordinator.get(`/api/v1/care/clients/${client}`)).status, 200);
  });

  test('erasure removes the identity; a client still placed is refused with the ground', async () => {
    const request = await newRequest('erasure');
    await attach(request, 'Okafor', '1998-07-14');
    const erased = await officer.post<{ erased: string[]; refused: unknown[] }>(
      `/api/v1/privacy/requests/${request}/erasure`,
      {},
    );
    assert.equal(erased.status, 200, JSON.stringify(erased.body));
    assert.deepEqual(erased.body.erased, [client]);
    const file = await coordinator.get<Record<string, unknown>>(`/api/v1/care/clients/${client}`);
    assert.equal(file.body.surname, null);
    assert.equal(file.body.dateOfBirth, null);
    assert.equal(file.body.contactChannel, null);

    const placedRequest = await newRequest('erasure');
    await attach(placedRequest, 'Eze', '2000-01-02');
    const refused = await officer.post<{
      erased: string[];
      refused: { personId: string; legalGround: string }[];
    }>(`/api/v1/privacy/requests/${placedRequest}/erasure`, {});
    assert.deepEqual(refused.body.erased, []);
    assert.equal(refused.body.refused[0].personId, placed);
    assert.match(refused.body.refused[0].legalGround, /uitstroom|discharge/);
  });
});
