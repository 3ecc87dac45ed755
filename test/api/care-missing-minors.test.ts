import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { verifyAuditChain } from '../../src/access/audit.ts';
import { type ApiClient, loginAs, startTestServer, type TestServer } from '../helpers/server.ts';
import { databaseLabel } from '../helpers/store.ts';

type ErrorBody = { error: { code: string; field?: string; message: string } };
type Report = {
  id: string;
  surname?: string;
  risk?: string;
  state?: string;
  earlierAbsences?: number;
  police?: string;
  timeline?: { kind: string; author: string; note: string | null }[];
};

/**
 * Missing minors (issue 16, item 6) over real HTTP: the youth care institution reports, the police unit of its
 * region sees it at once, another unit and other organisations do not; repeated absences raise the risk; both
 * parties write one timeline; the return ends it.
 */
describe(`care: missing minors on ${databaseLabel}`, () => {
  let server: TestServer;
  let youth: ApiClient;
  let police: ApiClient;
  let otherPolice: ApiClient;
  let coordinator: ApiClient;
  const body = (over: Record<string, unknown> = {}) => ({
    givenNames: 'Lotte',
    surname: 'de Vries',
    dateOfBirth: '2011-05-04',
    kind: 'no_return_from_leave',
    missingSince: new Date(Date.now() - 3_600_000).toISOString(),
    description: 'Rode jas, 1,60 m, blond haar; contact met onbekende volwassene via Snapchat',
    riskFactors: [],
    ...over,
  });

  before(async () => {
    server = await startTestServer();
    youth = await loginAs(server, 'medewerker@jeugdzorg.example', 'care_coordination');
    police = await loginAs(server, 'rechercheur@politie-amsterdam.example', 'criminal_investigation');
    otherPolice = await loginAs(server, 'triage@politie-le.example', 'signal_assessment');
    coordinator = await loginAs(server, 'zorgcoordinator@zorg-amsterdam.example', 'care_coordination');
  });
  after(() => server.close());

  test('bad input names the field; an adult or a future time is refused and nothing is written', async () => {
    const adult = await youth.post<ErrorBody>(
      '/api/v1/care/missing-minors',
      body({ dateOfBirth: '2000-01-01' }),
    );
    assert.equal(adult.status, 400);
    assert.equal(adult.body.error.field, 'dateOfBirth');
    const future = await youth.post<ErrorBody>(
      '/api/v1/care/missing-minors',
      body({ missingSince: new Date(Date.now() + 86_400_000).toISOString() }),
    );
    assert.equal(future.status, 400);
    assert.equal(future.body.error.field, 'missingSince');
    const noDescription = await youth.post<ErrorBody>(
      '/api/v1/care/missing-minors',
      body({ description: '' }),
    );
    assert.equal(noDescription.status, 400);
    assert.equal(noDescription.body.error.field, 'description');
    assert.equal((await coordinator.post('/api/v1/care/missing-minors', body())).status, 403);
    const count = await server.store.db
      .selectFrom('missing_minors')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 0);
  });

  test('the police unit of the region sees the report at once; the shared timeline; the return', async () => {
    const made = await youth.post<{ id: string; risk: string }>('/api/v1/care/missing-minors', body());
    assert.equal(made.status, 201, JSON.stringify(made.body));
    assert.equal(made.body.risk, 'normal');
    const twice = await youth.post<ErrorBody>('/api/v1/care/missing-minors', body());
    assert.equal(twice.status, 409);
    const seen = await police.get<Report[]>('/api/v1/care/missing-minors');
    assert.equal(seen.status, 200);
    assert.equal(seen.body.length, 1);
    assert.equal(seen.body[0]?.surname, 'de Vries');
    assert.deepEqual(await otherPolice.get<Report[]>('/api/v1/care/missing-minors').then((r) => r.body), []);
    assert.equal((await coordinator.get('/api/v1/care/missing-minors')).status, 403);
    const sighting = await police.post(`/api/v1/care/missing-minors/${made.body.id}/events`, {
      kind: 'sighting',
      note: 'Gezien op Amsterdam Centraal, 14:10',
    });
    assert.equal(sighting.status, 200, JSON.stringify(sighting.body));
    const noNote = await youth.post<ErrorBody>(`/api/v1/care/missing-minors/${made.body.id}/events`, {
      kind: 'note',
    });
    assert.equal(noNote.status, 400);
    assert.equal(noNote.body.error.field, 'note');
    const back = await youth.post(`/api/v1/care/missing-minors/${made.body.id}/events`, { kind: 'returned' });
    assert.equal(back.status, 200);
    const [report] = (await youth.get<Report[]>('/api/v1/care/missing-minors')).body;
    assert.equal(report?.state, 'returned');
    assert.deepEqual(
      report?.timeline?.map((event) => [event.kind, event.author]),
      [
        ['reported', 'Jeugdzorg Amsterdam (demo)'],
        ['sighting', 'Politie Eenheid Amsterdam'],
        ['returned', 'Jeugdzorg Amsterdam (demo)'],
      ],
    );
    const again = await police.post<ErrorBody>(`/api/v1/care/missing-minors/${made.body.id}/events`, {
      kind: 'returned',
    });
    assert.equal(again.status, 409);
    assert.equal(
      (
        await otherPolice.post(`/api/v1/care/missing-minors/${made.body.id}/events`, {
          kind: 'note',
          note: 'x',
        })
      ).status,
      404,
    );
  });

  test('repeated absences of the same minor, however the name is written, raise the risk', async () => {
    const second = await youth.post<{ id: string; risk: string; earlierAbsences: number }>(
      '/api/v1/care/missing-minors',
      body({ givenNames: 'LOTTE', surname: 'de  Vries', kind: 'ran_away' }),
    );
    assert.equal(second.status, 201, JSON.stringify(second.body));
    assert.equal(second.body.earlierAbsences, 1);
    assert.equal(second.body.risk, 'raised');
    await youth.post(`/api/v1/care/missing-minors/${second.body.id}/events`, { kind: 'returned' });
    const third = await youth.post<{ risk: string; earlierAbsences: number }>(
      '/api/v1/care/missing-minors',
      body(),
    );
    assert.equal(third.body.earlierAbsences, 2);
    assert.equal(third.body.risk, 'high');
    const exploited = await youth.post<{ risk: string }>(
      '/api/v1/care/missing-minors',
      body({ givenNames: 'Noa', surname: 'Bakker', riskFactors: ['loverboy_contact'] }),
    );
    assert.equal(exploited.body.risk, 'high');
    const denied = await server.store.db
      .selectFrom('audit_log')
      .select('result')
      .where('resource', '=', 'missing_minor')
      .where('result', '=', 'denied')
      .execute();
    assert.ok(denied.length >= 2, 'refusals are audited');
    assert.ok((await verifyAuditChain(server.store.db)).ok);
  });
});
