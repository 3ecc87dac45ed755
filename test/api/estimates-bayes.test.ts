import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { EstimateDocument } from '../../src/estimate/app/run.ts';
import { jobHandlers } from '../../src/server/jobs.ts';
import { runDueJobs } from '../../src/store/jobs.ts';
import type { ErrorBody } from '../helpers/analysts.ts';
import { type ApiClient, loginAs, startTestServer, type TestServer } from '../helpers/server.ts';
import { databaseLabel } from '../helpers/store.ts';

const ROME = readFileSync('test/data/mse/hiv_rome_4lists.csv', 'utf8');
const SMALL = 'A,B,C,count\n1,0,0,40\n0,1,0,30\n0,0,1,20\n1,1,0,6\n1,0,1,5\n0,1,1,4\n1,1,1,1\n';

interface Estimate {
  id: string;
  status: string;
  progressDone: number;
  progressTotal: number;
  settings: Record<string, unknown>;
  result: EstimateDocument;
  reproduces?: boolean;
}

describe(`Bayesian estimates over HTTP on ${databaseLabel}`, () => {
  let server: TestServer;
  let analyst: ApiClient;
  before(async () => {
    server = await startTestServer();
    analyst = await loginAs(server, 'analist@comensha.example', 'statistics');
  });
  after(() => server.close());

  test('method dga: the posterior median with its interval and graphs, stored with complete settings', async () => {
    const created = await analyst.post<Estimate>('/api/v1/estimates', {
      input: { format: 'table-csv', text: ROME },
      settings: { method: 'dga' },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const { overall } = created.body.result;
    assert.equal(overall.settings.method, 'dga');
    assert.equal(overall.estimate?.ci?.method, 'posterior');
    assert.equal(overall.estimate?.total, overall.estimate?.posterior?.median);
    assert.equal(overall.model.graphs?.[0].cliques, 'c1, c2, c3, c4');
    assert.equal(created.body.settings.method, 'dga');
    assert.equal(created.body.settings.nPrior, 'reciprocal');
  });

  test('method all: three results and the comparison; short sampler runs stay in the request', async () => {
    const created = await analyst.post<Estimate>('/api/v1/estimates', {
      input: { format: 'table-csv', text: SMALL },
      settings: { method: 'all', ci: 'wald', burnin: 500, samples: 200, thin: 2, seed: 4 },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const { overall } = created.body.result;
    assert.equal(overall.estimate?.ci?.method, 'wald');
    assert.deepEqual(
      overall.comparison?.rows.map((r) => r.method),
      ['loglinear', 'dga', 'lcm'],
    );
    assert.equal(overall.alternatives?.lcm.model.diagnostics?.chains, 2);
    assert.equal(created.body.settings.K, 10);
  });

  test('a long latent-class run is a durable job with progress, and its re-run reproduces it', async () => {
    const created = await analyst.post<Estimate>('/api/v1/estimates', {
      input: { format: 'table-csv', text: SMALL },
      settings: { method: 'lcm', burnin: 1000, samples: 100, thin: 1000, seed: 9 },
    });
    assert.equal(created.status, 202, JSON.stringify(created.body));
    assert.equal(created.body.progressTotal, 2 * (1000 + 100 * 1000));
    assert.equal(await runDueJobs(server.store, jobHandlers), 1);
    const done = await analyst.get<Estimate>(`/api/v1/estimates/${created.body.id}`);
    assert.equal(done.body.status, 'done');
    assert.equal(done.body.progressDone, done.body.progressTotal);
    assert.equal(done.body.result.overall.estimate?.ci?.method, 'posterior');
    const rerun = await analyst.post<Estimate>(`/api/v1/estimates/${created.body.id}/rerun`);
    assert.equal(rerun.status, 202);
    await runDueJobs(server.store, jobHandlers);
    const again = await analyst.get<Estimate>(`/api/v1/estimates/${rerun.body.id}`);
    assert.equal(again.body.reproduces, true);
  });

  test('bad settings are a 400 naming the field, and nothing is stored', async () => {
    const count = async () => (await server.store.db.selectFrom('estimates').select('id').execute()).length;
    const before = await count();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ method: 'lcm', K: 0 }, 'K'],
      [{ method: 'dga', delta: -1 }, 'delta'],
      [{ method: 'lcm', seed: 1.5 }, 'seed'],
      [{ method: 'bayes' }, 'method'],
    ];
    for (const [settings, field] of cases) {
      const response = await analyst.post<ErrorBody>('/api/v1/estimates', {
        input: { format: 'table-csv', text: SMALL },
        settings,
      });
      assert.equal(response.status, 400, JSON.stringify(settings));
      assert.equal(response.body.error.field, `settings.${field}`);
      // The reason in words; the field is named apart (no zod text, no field key in the message).
      assert.ok(response.body.error.message.length > 0 && !response.body.error.message.includes('settings.'));
    }
    const empty = await analyst.post<ErrorBody>('/api/v1/estimates', {
      input: { format: 'table-csv', text: 'A,B,C,count\n1,0,0,10\n0,1,0,12\n1,1,0,4\n' },
      settings: { method: 'dga' },
    });
    assert.equal(empty.status, 400);
    assert.match(empty.body.error.message, /lijst C is leeg/);
    assert.equal(await count(), before);
  });
});
