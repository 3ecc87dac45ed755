import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type ApiClient, loginAs, startTestServer, type TestServer } from '../helpers/server.ts';
import { databaseLabel } from '../helpers/store.ts';

type ErrorBody = { error: { code: string; field?: string; message: string } };

/**
 * The police side of missing minors (issue 16, item 6): the regional police unit acknowledges receipt (once,
 * only the police party) and records the return; another region's unit and other organisations are refused.
 */
describe(`care: the police unit and missing minors on ${databaseLabel}`, () => {
  let server: TestServer;
  let youth: ApiClient;
  let police: ApiClient;
  let otherPolice: ApiClient;
  let coordinator: ApiClient;
  let id = '';

  before(async () => {
    server = await startTestServer();
    youth = await loginAs(server, 'medewerker@jeugdzorg.example', 'care_coordination');
    police = await loginAs(server, 'rechercheur@politie-amsterdam.example', 'criminal_investigation');
    otherPolice = await loginAs(server, 'triage@politie-le.example', 'signal_assessment');
    coordinator = await loginAs(server, 'zorgcoordinator@zorg-amsterdam.example', 'care_coordination');
    const made = await youth.post<{ id: string }>('/api/v1/care/missing-minors', {
      givenNames: 'Noor',
      surname: 'Bakker',
      dateOfBirth: '2009-09-09',
      kind: 'ran_away',
      missingSince: new Date(Date.now() - 1_800_000).toISOString(),
      description: 'Gele regenjas',
      riskFactors: ['unknown_adults'],
    });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    id = made.body.id;
  });
  after(() => server.close());

  const events = (by: ApiClient, body: Record<string, unknown>) =>
    by.post<ErrorBody & { state?: string }>(`/api/v1/care/missing-minors/${id}/events`, body);

  test('the regional unit sees what it needs at once and acknowledges once; the institution cannot', async () => {
    const seen = await police.get<Record<string, unknown>[]>('/api/v1/care/missing-minors');
    const row = seen.body.find((r) => r.id === id);
    assert.ok(row);
    for (const field of [
      'surname',
      'dateOfBirth',
      'description',
      'riskFactors',
      'risk',
      'missingSince',
      'institution',
    ]) {
      assert.ok(row[field] !== undefined, field);
    }
    const byInstitution = await events(youth, { kind: 'acknowledged' });
    assert.equal(byInstitution.status, 400);
    assert.equal(byInstitution.body.error.field, 'kind');
    assert.equal((await events(police, { kind: 'acknowledged' })).status, 200);
    const twice = await events(police, { kind: 'acknowledged' });
    assert.equal(twice.status, 409);
    assert.equal(twice.body.error.code, 'already_acknowledged');
  });

  test('another region and other organisations are refused; the police records the return', async () => {
    const other = await otherPolice.get<{ id: string }[]>('/api/v1/care/missing-minors');
    assert.equal(other.status, 200);
    assert.ok(!other.body.some((r) => r.id === id));
    assert.equal((await events(otherPolice, { kind: 'acknowledged' })).status, 404);
    assert.equal((await events(otherPolice, { kind: 'returned' })).status, 404);
    assert.equal((await coordinator.get('/api/v1/care/missing-minors')).status, 403);
    assert.equal((await events(coordinator, { kind: 'returned' })).status, 403);
    const back = await events(police, {
      kind: 'returned',
      note: 'Gevonden bij station Zwolle, terug naar de groep',
    });
    assert.equal(back.status, 200);
    assert.equal(back.body.state, 'returned');
    const timeline = await server.store.db
      .selectFrom('missing_minor_events')
      .select('kind')
      .where('report_id', '=', id)
      .orderBy('at')
      .execute();
    assert.deepEqual(
      timeline.map((e) => e.kind),
      ['reported', 'acknowledged', 'returned'],
    );
  });
});
