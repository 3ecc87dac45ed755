import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { EstimateDocument } from '../../src/estimate/app/run.ts';
import { jobHandlers } from '../../src/server/jobs.ts';
import { runDueJobs } from '../../src/store/jobs.ts';
import { type ErrorBody, partnerAnalyst } from '../helpers/analysts.ts';
import { type ApiClient, loginAs, startTestServer, type TestServer } from '../helpers/server.ts';
import { databaseLabel } from '../helpers/store.ts';

const ROME = readFileSync('test/data/mse/hiv_rome_4lists.csv', 'utf8');
const SMALL = 'A,B,C,count\n1,0,0,40\n0,1,0,30\n0,0,1,20\n1,1,0,6\n1,0,1,5\n0,1,1,4\n1,1,1,1\n';

interface Estimate {
  id: string;
  status: string;
  source: string;
  progressDone: number;
  progressTotal: number;
  settings: Record<string, unknown>;
  input: { lists: string[]; strata: string[]; rows: Array<{ pattern: string; count: number }> };
  result: EstimateDocument;
  reproduces?: boolean;
  error?: string;
}

/** Records of persons on lists A–C in 2015–2017: the A/B/C table, scaled by 1, 1.5 and 2. */
function recordsCsv(): string {
  const lines = ['id,naam,A,B,C,year,gender'];
  let id = 0;
  for (const [y, year] of [2015, 2016, 2017].entries()) {
    for (const row of SMALL.trim().split('\n').slice(1)) {
      const [a, b, c, count] = row.split(',').map(Number);
      for (let i = 0; i < Math.round((count * (2 + y)) / 2); i++)
        lines.push(`${++id},Persoon ${id},${a},${b},${c},${year},${i % 2 ? 'v' : 'm'}`);
    }
  }
  lines.push(`${++id},Niemand,0,0,0,2016,m`);
  return `${lines.join('\n')}\n`;
}

describe(`estimates over HTTP on ${databaseLabel}`, () => {
  let server: TestServer;
  let analyst: ApiClient;
  before(async () => {
    server = await startTestServer();
    analyst = await loginAs(server, 'analist@comensha.example', 'statistics');
  });
  after(() => server.close());

  test('a capture table gives the reference estimate, stored and listed, and a re-run gives the same numbers', async () => {
    const created = await analyst.post<Estimate>('/api/v1/estimates', {
      name: 'Rome HIV',
      input: { format: 'table-csv', text: ROME },
      settings: { model: '', ci: 'wald' },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const { overall } = created.body.result;
    assert.equal(Number(overall.estimate?.total.toPrecision(7)), 11124.58);
    assert.equal(Math.round(overall.estimate?.ci?.lower ?? 0), 9520);
    assert.equal(Math.round(overall.estimate?.ci?.upper ?? 0), 13068);
    assert.ok(overall.candidates.length === 0 || overall.candidates[0].terms);
    assert.deepEqual(created.body.input.lists, ['c1', 'c2', 'c3', 'c4']);

    const list = await analyst.get<Array<{ id: string; estimate: { total: number } }>>('/api/v1/estimates');
    assert.equal(list.status, 200);
    assert.equal(list.body[0].id, created.body.id);
    assert.equal(list.body[0].estimate.total, overall.estimate?.total);

    const rerun = await analyst.post<Estimate>(`/api/v1/estimates/${created.body.id}/rerun`);
    assert.equal(rerun.status, 201);
    assert.equal(rerun.body.reproduces, true);
    assert.deepEqual(rerun.body.result.overall.estimate, overall.estimate);
  });

  test('model selection reports the chosen model and candidates; JSON tables work as CSV', async () => {
    const rows = ROME.trim()
      .split('\n')
      .slice(1)
      .map((line) => {
        const cells = line.split(',');
        return { pattern: cells.slice(0, 4).join(''), count: Number(cells[4]) };
      });
    const created = await analyst.post<Estimate>('/api/v1/estimates', {
      input: { format: 'table-json', lists: ['c1', 'c2', 'c3', 'c4'], rows },
      settings: { select: 'bic', ci: 'profile' },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const { overall } = created.body.result;
    assert.equal(Number(overall.model.bic?.toPrecision(7)), 117.7995);
    assert.equal(Number(overall.estimate?.total.toPrecision(7)), 11124.58);
    assert.ok(overall.candidates.length > 1, 'candidate models are reported');
    assert.equal(created.body.settings.select, 'bic');
  });

  test('bad input is a 400 naming the line or term, and nothing is stored', async () => {
    const count = async () => (await server.store.db.selectFrom('estimates').select('id').execute()).length;
    const before = await count();
    const cases: Array<[unknown, unknown, RegExp]> = [
      [{ format: 'table-csv', text: 'A,B\n1,0\n' }, {}, /regel 1.*count/],
      [{ format: 'table-csv', text: 'A,B,count\n1,0,4\n1,2,3\n' }, {}, /regel 3.*"B".*0 of 1/],
      [{ format: 'table-csv', text: 'A,B,count\n1,0,4\n1,0,3\n' }, {}, /regel 3.*dubbel/],
      [{ format: 'table-csv', text: 'A,B,count\n1,0,-4\n' }, {}, /regel 2/],
      [{ format: 'table-csv', text: SMALL }, { model: 'A:X' }, /X/],
      [{ format: 'table-csv', text: SMALL }, { model: 'A:B:C' }, /hiërarchisch|hierarch/i],
      [{ format: 'table-csv', text: SMALL, strata: ['naam'] }, {}, /naam.*niet toegestaan/],
      [{ format: 'table-json', lists: ['A', 'B'], rows: [{ pattern: '1', count: 3 }] }, {}, /rows\[0\]/],
    ];
    for (const [input, settings, pattern] of cases) {
      const response = await analyst.post<ErrorBody>('/api/v1/estimates', { input, settings });
      assert.equal(response.status, 400, JSON.stringify(input));
      assert.match(response.body.error.message, pattern);
      assert.ok(response.body.error.field);
    }
    const english = await analyst.request<ErrorBody>(
      'POST',
      '/api/v1/estimates',
      { input: { format: 'table-csv', text: 'A,B\n1,0\n' } },
      { 'accept-language': 'en' },
    );
    assert.match(english.body.error.message, /^line 1: column "count" is missing$/);
    assert.equal(await count(), before);
  });

  test('only an analyst under the statistics purpose, and only the own organisation’s results', async () => {
    const created = await analyst.post<Estimate>('/api/v1/estimates', {
      input: { format: 'table-csv', text: SMALL },
      settings: { model: 'A:B', ci: 'wald' },
    });
    assert.equal(created.status, 201);
    const noPurpose = await loginAs(server, 'analist@comensha.example');
    assert.equal((await noPurpose.get('/api/v1/estimates')).status, 403);
    const investigator = await loginAs(
      server,
      'rechercheur@politie-amsterdam.example',
      'criminal_investigation',
    );
    assert.equal((await investigator.get('/api/v1/estimates')).status, 403);
    const post = await investigator.post('/api/v1/estimates', {
      input: { format: 'table-csv', text: SMALL },
    });
    assert.equal(post.status, 403);
    const other = await partnerAnalyst(
      server,
      'beheer@politie-amsterdam.example',
      'analist@politie-amsterdam.example',
    );
    assert.equal((await other.get(`/api/v1/estimates/${created.body.id}`)).status, 404);
    assert.equal((await other.get(`/api/v1/estimates/${created.body.id}/export.csv`)).status, 404);
    assert.equal((await other.post(`/api/v1/estimates/${created.body.id}/rerun`)).status, 404);
    assert.deepEqual((await other.get('/api/v1/estimates')).body, []);
  });

  test('a records table gives strata, estimates per year and a trend; the rows themselves are not stored', async () => {
    const created = await analyst.post<Estimate>('/api/v1/estimates', {
      name: 'Per jaar',
      input: { format: 'records-csv', text: recordsCsv(), lists: ['A', 'B', 'C'], strata: ['year'] },
      settings: { model: '', ci: 'wald' },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const { result, input, source } = created.body as Estimate & { input: { skipped: number } };
    assert.equal(source, 'records');
    assert.equal(input.skipped, 1);
    assert.deepEqual(
      result.years.map((y) => y.key.year),
      ['2015', '2016', '2017'],
    );
    assert.ok(result.years.every((y) => (y.result.estimate?.total ?? 0) > y.result.observed));
    assert.ok(result.trend && result.trend.factor > 1, 'the lists grow every year');
    assert.ok(!JSON.stringify(created.body).includes('Persoon'), 'names in the file never reach the store');

    const csv = await analyst.get<string>(`/api/v1/estimates/${created.body.id}/export.csv`);
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
    const lines = csv.body.trim().split('\n');
    assert.match(lines[0], /^group,observed,total,unobserved,lower,upper/);
    assert.equal(lines.length, 1 + 1 + 3);
    assert.match(lines[2], /^year=2015,/);

    const svg = await analyst.get<string>(`/api/v1/estimates/${created.body.id}/chart.svg`);
    assert.match(svg.headers.get('content-type') ?? '', /image\/svg\+xml/);
    assert.match(svg.body, /role="img"/);
    assert.match(svg.body, /<title id="[^"]+">Per jaar: geschat totaal per jaar met interval<\/title>/);
    assert.match(svg.body, /<desc id="[^"]+">[^<]*2016: [\d.]+ \(interval [\d.]+–[\d.]+\)/);
    assert.equal((svg.body.match(/<circle/g) ?? []).length, 3);

    const json = await analyst.get<{ input: unknown; settings: unknown; engine: string }>(
      `/api/v1/estimates/${created.body.id}/export.json`,
    );
    assert.deepEqual(json.body.input, input);
    assert.equal(json.body.engine, 'ketenplein-estimate/1');

    // Two strata: per-stratum estimates, and per-year estimates made on the year margins.
    const two = await analyst.post<Estimate>('/api/v1/estimates', {
      input: {
        format: 'records-csv',
        text: recordsCsv(),
        lists: ['A', 'B', 'C'],
        strata: ['year', 'gender'],
      },
      settings: { model: '', ci: 'wald' },
    });
    assert.equal(two.body.result.strata.length, 6);
    assert.deepEqual(
      two.body.result.years.map((y) => y.result.observed),
      result.years.map((y) => y.result.observed),
    );
  });

  test('a stratified capture table (as `pprl link` prints it) names the line of an error', async () => {
    const text = 'year,A,B,count\n2015,1,0,10\n2015,0,1,8\n2015,1,1,3\n2016,1,0,12\n2016,0,1,9\n2016,1,1,x\n';
    const bad = await analyst.post<ErrorBody>('/api/v1/estimates', {
      input: { format: 'table-csv', text, strata: ['year'] },
    });
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.message, /^regel 7/);
    const good = await analyst.post<Estimate>('/api/v1/estimates', {
      input: { format: 'table-csv', text: text.replace(',x', ',4'), strata: ['year'] },
      settings: { ci: 'wald' },
    });
    assert.equal(good.status, 201);
    assert.equal(good.body.result.overall.observed, 46);
    assert.equal(good.body.result.years.length, 2);
  });

  test('a long bootstrap runs as a durable job with progress, and its re-run reproduces it', async () => {
    const created = await analyst.post<Estimate>('/api/v1/estimates', {
      input: { format: 'table-csv', text: SMALL },
      settings: { select: 'stepwise-csv', ci: 'bootstrap', bootstrap: 300, seed: 7 },
    });
    assert.equal(created.status, 202);
    assert.equal(created.body.status, 'queued');
    assert.equal(created.body.progressTotal, 300);
    assert.equal((await analyst.get(`/api/v1/estimates/${created.body.id}/export.csv`)).status, 409);
    assert.equal(await runDueJobs(server.store, jobHandlers), 1);
    const done = await analyst.get<Estimate>(`/api/v1/estimates/${created.body.id}`);
    assert.equal(done.body.status, 'done');
    assert.equal(done.body.progressDone, 300);
    const ci = done.body.result.overall.estimate?.ci;
    assert.equal(ci?.method, 'bootstrap');
    assert.ok(ci && ci.lower < (done.body.result.overall.estimate?.total ?? 0) && (ci.upper ?? 0) > ci.lower);

    const rerun = await analyst.post<Estimate>(`/api/v1/estimates/${created.body.id}/rerun`);
    assert.equal(rerun.status, 202);
    await runDueJobs(server.store, jobHandlers);
    const again = await analyst.get<Estimate>(`/api/v1/estimates/${rerun.body.id}`);
    assert.equal(again.body.reproduces, true);
    assert.deepEqual(again.body.result.overall.estimate, done.body.result.overall.estimate);
  });
});
