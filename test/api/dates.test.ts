import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { exampleSubmission } from '../../src/signals/fixtures.ts';
import { type ApiClient, loginAs, startTestServer, type TestServer } from '../helpers/server.ts';
import { databaseLabel } from '../helpers/store.ts';

// East of UTC, local midnight is the evening before in UTC: a driver that turns a DATE into a Date at
// local midnight and a reader that takes toISOString() moved 2026-01-09 to 2026-01-08. The test sets the
// zone itself (Node applies a changed TZ at once) so it fails the same way whatever the runner's zone.
process.env.TZ = 'Europe/Amsterdam';

describe(`DATE columns keep their day on Dutch time on ${databaseLabel}`, () => {
  let server: TestServer;
  let reporter: ApiClient;
  let triage: ApiClient;

  before(async () => {
    // Proof that the zone is in force: local midnight of 9 January is 23:00 UTC the day before.
    assert.equal(new Date(2026, 0, 9).toISOString(), '2026-01-08T23:00:00.000Z');
    server = await startTestServer();
    reporter = await loginAs(server, 'melder@gemeente-amsterdam.example', 'signal_intake');
    triage = await loginAs(server, 'triage@politie-le.example', 'signal_assessment');
  });
  after(() => server.close());

  test('the driver hands a DATE over as its YYYY-MM-DD text', async () => {
    const { rows } = await sql<{ day: unknown }>`select '2026-01-09'::date as day`.execute(server.store.db);
    assert.equal(rows[0].day, '2026-01-09');
  });

  test('a signal keeps its observed date and a date of birth', async () => {
    const body = exampleSubmission();
    body.observedAt = '2026-01-09';
    const [person] = body.persons ?? [];
    assert.ok(person, 'the example signal names a person');
    body.persons = [{ ...person, dateOfBirth: '1990-03-01' }];
    const created = await reporter.post<{ id: string }>('/api/v1/signals', body);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const view = await triage.get<{ observedAt: string; persons: { dateOfBirth: string }[] }>(
      `/api/v1/signals/${created.body.id}`,
    );
    assert.equal(view.status, 200, JSON.stringify(view.body));
    assert.equal(view.body.observedAt, '2026-01-09');
    assert.equal(view.body.persons[0].dateOfBirth, '1990-03-01');
  });

  test('a data-subject request keeps its day of receipt and its deadline', async () => {
    const officer = await loginAs(server, 'privacy@gemeente-amsterdam.example', 'data_subject_request');
    const created = await officer.post<{ id: string }>('/api/v1/privacy/requests', {
      kind: 'access',
      reference: 'AVG-dates-1',
      receivedOn: '2026-01-09',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const read = await officer.get<{ receivedOn: string; deadline: string }>(
      `/api/v1/privacy/requests/${created.body.id}`,
    );
    assert.equal(read.status, 200, JSON.stringify(read.body));
    assert.equal(read.body.receivedOn, '2026-01-09');
    assert.equal(read.body.deadline, '2026-02-09');
  });

  test('a crawler mandate keeps its end date', async () => {
    const investigator = await loginAs(
      server,
      'rechercheur@politie-amsterdam.example',
      'criminal_investigation',
    );
    const endsOn = `${new Date().getUTCFullYear() + 1}-01-09`;
    const created = await investigator.post<{ id: string; endsOn: string }>(
      '/api/v1/crawler/investigations',
      { caseRef: 'ON-dates-1', legalBasis: 'Wpg art. 9', endsOn: endsOn, sites: ['synthetic-escort'] },
    );
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.endsOn, endsOn);
    const listed = await investigator.get<{ id: string; endsOn: string }[]>('/api/v1/crawler/investigations');
    assert.equal(listed.body.find((row) => row.id === created.body.id)?.endsOn, endsOn);
  });
});
