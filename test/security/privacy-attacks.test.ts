import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { SUBJECT_SEARCH_RATE_LIMIT } from '../../src/privacy/search.ts';
import { exampleSubmission } from '../../src/signals/fixtures.ts';
import { type ApiClient, loginAs, startTestServer, type TestServer } from '../helpers/server.ts';
import { databaseLabel } from '../helpers/store.ts';

type ErrorBody = { error: { code: string; message: string; field?: string } };
type Found = { persons: { personId: string }[]; otherOrganisations: { organisation: string }[] };

/** Findings 5 and 6 of issue 10: chain-wide lookups by a privacy officer, and changes to data under investigation. */
describe(`security: data-subject rights on ${databaseLabel}`, () => {
  let server: TestServer;
  let municipalOfficer: ApiClient;
  let policeOfficer: ApiClient;
  let investigator: ApiClient;
  let signalId = '';

  async function newRequest(client: ApiClient, kind: string): Promise<string> {
    const response = await client.post<{ id: string }>('/api/v1/privacy/requests', {
      kind,
      reference: `AVG-${kind}-${Math.random().toString(36).slice(2, 8)}`,
      receivedOn: '2026-01-31',
    });
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return response.body.id;
  }

  before(async () => {
    server = await startTestServer();
    const reporter = await loginAs(server, 'melder@gemeente-amsterdam.example', 'signal_intake');
    const triage = await loginAs(server, 'triage@politie-le.example', 'signal_assessment');
    investigator = await loginAs(server, 'rechercheur@politie-amsterdam.example', 'criminal_investigation');
    municipalOfficer = await loginAs(server, 'privacy@gemeente-amsterdam.example', 'data_subject_request');
    policeOfficer = await loginAs(server, 'privacy@politie-amsterdam.example', 'data_subject_request');
    // The municipality reports; triage routes to the police on the criminal track; the police accept.
    const created = await reporter.post<{ id: string }>('/api/v1/signals', exampleSubmission());
    assert.equal(created.status, 201);
    signalId = created.body.id;
    const police = await server.store.db
      .selectFrom('organisations')
      .select('id')
      .where('name', '=', 'Politie Eenheid Amsterdam')
      .executeTakeFirstOrThrow();
    for (const body of [
      { action: 'start_triage' },
      { action: 'route', route: 'police_avim', team: police.id },
    ]) {
      const step = await triage.post(`/api/v1/signals/${signalId}/transitions`, body);
      assert.equal(step.status, 200, JSON.stringify(step.body));
    }
    const accepted = await investigator.post(`/api/v1/signals/${signalId}/transitions`, { action: 'accept' });
    assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
  });
  after(() => server.close());

  test('5. an officer whose organisation holds nobody learns nothing about other holders, and is audited', async () => {
    // The shelter reports someone with a BSN; the municipality's officer holds no such person.
    const shelter = await loginAs(server, 'melder@opvang.example', 'signal_intake');
    const submission = exampleSubmission();
    submission.persons = [{ role: 'possible_victim', givenNames: 'Ana', surname: 'Marin', bsn: '111222333' }];
    assert.equal((await shelter.post('/api/v1/signals', submission)).status, 201);
    const request = await newRequest(municipalOfficer, 'access');
    const found = await municipalOfficer.post<Found>(`/api/v1/privacy/requests/${request}/search`, {
      bsn: '111222333',
    });
    assert.equal(found.status, 200, JSON.stringify(found.body));
    assert.deepEqual(found.body.persons, []);
    assert.deepEqual(found.body.otherOrganisations, [], 'no chain-wide answer to "who knows this BSN?"');
    const audited = await server.store.db
      .selectFrom('audit_log')
      .select(['action', 'reason'])
      .where('action', '=', 'search')
      .where(sql<boolean>`record_ids @> ARRAY[${request}]::text[]`)
      .execute();
    assert.deepEqual(audited, [{ action: 'search', reason: 'search by bsn: 0 found, 0 other holders' }]);
  });

  test('5. searches are rate-limited per officer', async () => {
    const request = await newRequest(policeOfficer, 'access');
    const statuses: number[] = [];
    for (let i = 0; i <= SUBJECT_SEARCH_RATE_LIMIT; i++) {
      const response = await policeOfficer.post(`/api/v1/privacy/requests/${request}/search`, {
        bsn: '123456782',
      });
      statuses.push(response.status);
    }
    assert.equal(statuses.at(-1), 429);
    assert.ok(statuses.slice(0, -1).every((status) => status === 200));
  });

  test('6. restriction and rectification leave a person on the criminal track alone, with the ground', async () => {
    const request = await newRequest(municipalOfficer, 'restriction');
    const found = await municipalOfficer.post<Found>(`/api/v1/privacy/requests/${request}/search`, {
      bsn: '123456782',
    });
    const suspect = found.body.persons[0]?.personId;
    assert.ok(suspect, JSON.stringify(found.body));
    await municipalOfficer.post(`/api/v1/privacy/requests/${request}/persons`, { personIds: [suspect] });
    const restricted = await municipalOfficer.post<{
      persons: string[];
      refused: { personId: string; legalGround: string }[];
    }>(`/api/v1/privacy/requests/${request}/restriction`, {});
    assert.equal(restricted.status, 200, JSON.stringify(restricted.body));
    assert.deepEqual(restricted.body.persons, []);
    assert.deepEqual(
      restricted.body.refused.map((r) => [r.personId, r.legalGround]),
      [[suspect, 'avg_23_criminal_investigation']],
    );
    const renamed = await municipalOfficer.post<ErrorBody>(
      `/api/v1/privacy/requests/${request}/rectification`,
      {
        personId: suspect,
        changes: { surname: 'Anders' },
      },
    );
    assert.equal(renamed.status, 409);
    assert.equal(renamed.body.error.field, 'personId');
    assert.match(renamed.body.error.message, /avg_23_criminal_investigation/);
    // The investigator's view is unchanged.
    const seen = await investigator.get<{ persons: { surname: string | null }[] }>(
      `/api/v1/signals/${signalId}`,
    );
    assert.deepEqual(seen.body.persons.map((p) => p.surname).sort(), ['Berg', 'Popescu']);
  });
});
