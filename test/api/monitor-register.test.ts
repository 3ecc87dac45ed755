// Issue 17 item 1: the programme register (measures with owners, status and milestones; activities with
// outputs), edited by the programme role only, versioned, and refusals that write nothing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { type ApiClient, loginAs, startTestServer, type TestServer } from '../helpers/server.ts';
import { databaseLabel } from '../helpers/store.ts';

interface Activity {
  id: string;
  version: number;
  measureId: string;
  planned: number;
  delivered: number;
  changedBy: string;
}
interface Measure {
  id: string;
  version: number;
  actionLine: number;
  title: string;
  owners: string[];
  status: string;
  milestones: { title: string; due: string; done: boolean }[];
  changedBy: string;
  activities: Activity[];
}
interface Problem {
  error: { code: string; field?: string; message: string };
}

describe(`programme register on ${databaseLabel}`, () => {
  let server: TestServer;
  let programme: ApiClient;
  let analyst: ApiClient;
  let coordinator: ApiClient;
  before(async () => {
    server = await startTestServer();
    programme = await loginAs(server, 'programma@jenv.example', 'statistics');
    analyst = await loginAs(server, 'analist@comensha.example', 'statistics');
    coordinator = await loginAs(server, 'coordinator@gemeente-amsterdam.example', 'statistics');
  });
  after(async () => {
    await server.close();
  });

  const count = async (table: string) =>
    Number(
      (await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(server.store.db))
        .rows[0]?.n,
    );

  const measure = {
    actionLine: 1,
    title: 'Trainingen eerstelijnsprofessionals',
    description: 'Herkennen van signalen door wijkteams en leerplicht',
    owners: ['Ministerie van Justitie en Veiligheid', 'CoMensha'],
    status: 'running',
    milestones: [{ title: 'Curriculum vastgesteld', due: '2026-03-31', done: true }],
  };

  test('the programme role adds a measure and an activity; every reader sees the register', async () => {
    const created = await programme.post<Measure>('/api/v1/monitor/programme/measures', measure);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.version, 1);
    assert.equal(created.body.changedBy, 'Hanna de Graaf');
    const activity = await programme.post<Activity>('/api/v1/monitor/programme/activities', {
      measureId: created.body.id,
      kind: 'training',
      title: 'E-learning mensenhandel voor wijkteams',
      audience: 'wijkteams',
      organisation: 'CoMensha',
      period: '2026-Q1',
      outputUnit: 'trainings',
      planned: 40,
      delivered: 12,
    });
    assert.equal(activity.status, 201, JSON.stringify(activity.body));
    for (const reader of [programme, analyst, coordinator]) {
      const register = await reader.get<{ measures: Measure[] }>('/api/v1/monitor/programme');
      assert.equal(register.status, 200);
      const found = register.body.measures.find((m) => m.id === created.body.id);
      assert.ok(found);
      assert.deepEqual(found.owners, measure.owners);
      assert.equal(found.activities[0]?.delivered, 12);
    }
  });

  test('an edit is a new version; the earlier one stays; a stale edit is refused (409)', async () => {
    const register = await programme.get<{ measures: Measure[] }>('/api/v1/monitor/programme');
    const current = register.body.measures[0] as Measure;
    const edited = await programme.request<Measure>(
      'PUT',
      `/api/v1/monitor/programme/measures/${current.id}`,
      {
        ...measure,
        status: 'delayed',
        version: 1,
      },
    );
    assert.equal(edited.status, 200, JSON.stringify(edited.body));
    assert.equal(edited.body.version, 2);
    const before = await count('programme_measures');
    const stale = await programme.request<Problem>(
      'PUT',
      `/api/v1/monitor/programme/measures/${current.id}`,
      { ...measure, status: 'done', version: 1 },
    );
    assert.equal(stale.status, 409);
    assert.equal(stale.body.error.code, 'stale_version');
    assert.equal(await count('programme_measures'), before);
    const history = await analyst.get<Measure[]>(`/api/v1/monitor/programme/measures/${current.id}/history`);
    assert.deepEqual(
      history.body.map((m) => [m.version, m.status]),
      [
        [2, 'delayed'],
        [1, 'running'],
      ],
    );
    const activity = current.activities[0] as Activity;
    const given = await programme.request<Activity>(
      'PUT',
      `/api/v1/monitor/programme/activities/${activity.id}`,
      {
        measureId: current.id,
        kind: 'training',
        title: 'E-learning mensenhandel voor wijkteams',
        audience: 'wijkteams',
        organisation: 'CoMensha',
        period: '2026-Q1',
        outputUnit: 'trainings',
        planned: 40,
        delivered: 31,
        version: 1,
      },
    );
    assert.equal(given.status, 200, JSON.stringify(given.body));
    const activities = await programme.get<Activity[]>(
      `/api/v1/monitor/programme/activities/${activity.id}/history`,
    );
    assert.deepEqual(
      activities.body.map((a) => a.delivered),
      [31, 12],
    );
  });

  test('refusals name the field or the reason, and write nothing', async () => {
    const measures = await count('programme_measures');
    const activities = await count('programme_activities');
    const cases: [ApiClient, string, unknown, number, string | undefined][] = [
      [programme, '/api/v1/monitor/programme/measures', { ...measure, status: 'bijna' }, 400, 'status'],
      [programme, '/api/v1/monitor/programme/measures', { ...measure, actionLine: 6 }, 400, 'actionLine'],
      [programme, '/api/v1/monitor/programme/measures', { ...measure, owners: [] }, 400, 'owners'],
      [
        programme,
        '/api/v1/monitor/programme/measures',
        { ...measure, milestones: [{ title: 'Klaar', due: '2026-02-31x', done: false }] },
        400,
        'milestones',
      ],
      [programme, '/api/v1/monitor/programme/measures', { ...measure, colour: 'red' }, 400, undefined],
      [analyst, '/api/v1/monitor/programme/measures', measure, 403, undefined],
      [coordinator, '/api/v1/monitor/programme/measures', measure, 403, undefined],
      [
        programme,
        '/api/v1/monitor/programme/activities',
        {
          measureId: '00000000-0000-4000-8000-000000000000',
          kind: 'training',
          title: 'Nergens onder',
          organisation: 'CoMensha',
          period: '2026',
          outputUnit: 'trainings',
          planned: 1,
          delivered: 0,
        },
        400,
        'measureId',
      ],
    ];
    for (const [client, path, body, status, field] of cases) {
      const response = await client.post<Problem>(path, body);
      assert.equal(
        response.status,
        status,
        `${path} ${JSON.stringify(body)}: ${JSON.stringify(response.body)}`,
      );
      if (field) assert.match(response.body.error.field ?? '', new RegExp(`^${field}`));
      if (status === 403) assert.ok(response.body.error.message.length > 10, 'the reason is given');
    }
    assert.equal(await count('programme_measures'), measures);
    assert.equal(await count('programme_activities'), activities);
  });

  test('report text blocks are versioned per year and action line', async () => {
    const first = await programme.request<{ version: number }>('PUT', '/api/v1/monitor/report/texts', {
      year: 2026,
      actionLine: 1,
      body: 'De bewustwordingscampagne liep in alle regio’s.',
      basedOn: 0,
    });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    const stale = await programme.request<Problem>('PUT', '/api/v1/monitor/report/texts', {
      year: 2026,
      actionLine: 1,
      body: 'Overschreven?',
      basedOn: 0,
    });
    assert.equal(stale.status, 409);
    const texts = await analyst.get<{ actionLine: number; body: string }[]>(
      '/api/v1/monitor/report/texts?year=2026',
    );
    assert.deepEqual(
      texts.body.map((t) => t.body),
      ['De bewustwordingscampagne liep in alle regio’s.'],
    );
    const denied = await analyst.request<Problem>('PUT', '/api/v1/monitor/report/texts', {
      year: 2026,
      actionLine: 2,
      body: 'x',
      basedOn: 0,
    });
    assert.equal(denied.status, 403);
  });
});
