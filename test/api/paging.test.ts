import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type ApiClient, loginAs, startTestServer, type TestServer } from '../helpers/server.ts';
import { databaseLabel } from '../helpers/store.ts';

type Page<T> = { items: T[]; total: number; page: number; pageSize: number };
type Row = {
  id: string;
  receivedAt: string;
  state: string;
  score?: number | null;
  assignedTo?: string | null;
};
type ErrorBody = { error: { code: string; field?: string; message: string } };

const TAG = 'pagineertest';

/**
 * The one paging contract (issue 19, item 10) on every list: search, filters, sorting and paging on the
 * server, totals counted under the grants and row-level security, bad input refused naming the field.
 */
describe(`paged lists through the API on ${databaseLabel}`, () => {
  let server: TestServer;
  let triage: ApiClient;
  let reporter: ApiClient;
  let investigator: ApiClient;
  const ids: string[] = [];
  let amsterdam = '';

  before(async () => {
    server = await startTestServer();
    const orgs = await server.store.db.selectFrom('organisations').select(['id', 'name']).execute();
    amsterdam = orgs.find((org) => org.name === 'Politie Eenheid Amsterdam')!.id;
    reporter = await loginAs(server, 'melder@gemeente-amsterdam.example', 'signal_intake');
    triage = await loginAs(server, 'triage@politie-le.example', 'signal_assessment');
    investigator = await loginAs(server, 'rechercheur@politie-amsterdam.example', 'criminal_investigation');
    for (let i = 0; i < 7; i++) {
      const response = await reporter.post<{ id: string }>('/api/v1/signals', {
        forms: ['labour'],
        indicators: [{ code: 'ilo.retention_of_documents' }],
        // Two of them mention the bakery: the search must find exactly those two.
        narrative: `${TAG} ${i}: werknemers slapen op het terrein${i % 3 === 0 ? ' van de bakkerij' : ''}.`,
        receivedAt: new Date(Date.UTC(2026, 10, 2 + i, 9)).toISOString(),
      });
      assert.equal(response.status, 201, JSON.stringify(response.body));
      ids.push(response.body.id);
    }
    // Two of them routed to the Amsterdam police: they leave the triage queue and enter its team queue.
    for (const id of ids.slice(0, 2)) {
      await triage.post(`/api/v1/signals/${id}/transitions`, { action: 'start_triage' });
      const routed = await triage.post(`/api/v1/signals/${id}/transitions`, {
        action: 'route',
        route: 'police_avim',
        team: amsterdam,
      });
      assert.equal(routed.status, 200, JSON.stringify(routed.body));
    }
  });
  after(() => server.close());

  /** Every page of a list, one after the other, with the totals each page reported. */
  async function allPages(client: ApiClient, path: string, pageSize: number) {
    const first = await client.get<Page<Row>>(`${path}&pageSize=${pageSize}&page=1`);
    assert.equal(first.status, 200, JSON.stringify(first.body));
    const rows = [...first.body.items];
    const pages = Math.ceil(first.body.total / pageSize);
    for (let page = 2; page <= pages; page++) {
      const next = await client.get<Page<Row>>(`${path}&pageSize=${pageSize}&page=${page}`);
      assert.equal(next.status, 200);
      assert.equal(next.body.total, first.body.total, 'the total is the same on every page');
      assert.equal(next.body.page, page);
      rows.push(...next.body.items);
    }
    return { rows, total: first.body.total };
  }

  test('the triage queue pages, counts and sorts in SQL: the pages together are the whole queue', async () => {
    const inQueue = await server.store.db
      .selectFrom('signals')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('state', 'in', ['received', 'in_triage', 'declined'])
      .executeTakeFirstOrThrow();
    const { rows, total } = await allPages(
      triage,
      '/api/v1/signals/list?queue=triage&sort=received&dir=asc',
      2,
    );
    assert.equal(total, Number(inQueue.n));
    assert.equal(rows.length, total);
    assert.equal(new Set(rows.map((row) => row.id)).size, total, 'no row on two pages');
    const times = rows.map((row) => Date.parse(row.receivedAt));
    assert.deepEqual(
      times,
      [...times].sort((a, b) => a - b),
      'oldest first',
    );
    for (const id of ids.slice(2)) assert.ok(rows.some((row) => row.id === id));
    for (const id of ids.slice(0, 2)) assert.ok(!rows.some((row) => row.id === id), 'routed: not in triage');

    const desc = await triage.get<Page<Row>>('/api/v1/signals/list?queue=triage&sort=received&dir=desc');
    const descTimes = desc.body.items.map((row) => Date.parse(row.receivedAt));
    assert.deepEqual(
      descTimes,
      [...descTimes].sort((a, b) => b - a),
    );
    assert.equal(desc.body.pageSize, 25, 'the default page size');
  });

  test('search finds exactly the matching signals, and the total counts only them', async () => {
    const found = await triage.get<Page<Row>>('/api/v1/signals/list?queue=triage&q=BAKKERIJ&pageSize=1');
    assert.equal(found.status, 200);
    // Signals 0, 3 and 6 mention the bakery; 0 was routed away.
    assert.equal(found.body.total, 2);
    assert.equal(found.body.items.length, 1);
    const both = await triage.get<Page<Row>>(`/api/v1/signals/list?queue=triage&q=${TAG}%20`);
    assert.equal(both.body.total, 5);
    const byState = await triage.get<Page<Row>>(`/api/v1/signals/list?queue=triage&q=${TAG}&state=received`);
    assert.ok(byState.body.items.every((row) => row.state === 'received'));
    // A % in the search is a character, not a wildcard.
    const literal = await triage.get<Page<Row>>('/api/v1/signals/list?queue=triage&q=%25');
    assert.equal(literal.body.total, 0);
    const byId = await triage.get<Page<Row>>(`/api/v1/signals/list?queue=triage&q=${ids[4].slice(0, 8)}`);
    assert.ok(byId.body.items.some((row) => row.id === ids[4]));
  });

  test('the team queue counts only what was routed to one’s own organisation', async () => {
    const team = await investigator.get<Page<Row>>('/api/v1/signals/list?queue=team');
    assert.equal(team.status, 200);
    assert.deepEqual(team.body.items.map((row) => row.id).sort(), ids.slice(0, 2).sort());
    assert.equal(team.body.total, 2);
    // Another investigating organisation's team queue does not see them, and does not count them.
    const kmar = await loginAs(server, 'melder@kmar.example', 'criminal_investigation');
    const other = await kmar.get<Page<Row>>(`/api/v1/signals/list?queue=team&q=${TAG}`);
    assert.equal(other.status, 200);
    assert.equal(other.body.total, 0);
    assert.deepEqual(other.body.items, []);
  });

  test('my reports: the reporter pages its own signals, never sorted by what it may not see', async () => {
    const mine = await allPages(
      reporter,
      `/api/v1/signals/list?queue=mine&q=${TAG}&sort=received&dir=desc`,
      3,
    );
    assert.equal(mine.total, 7);
    assert.deepEqual(
      mine.rows.map((row) => row.id),
      [...ids].reverse(),
    );
    assert.ok(mine.rows.every((row) => row.score === undefined && row.assignedTo === undefined));
    const byScore = await reporter.get<ErrorBody>('/api/v1/signals/list?queue=mine&sort=score');
    assert.equal(byScore.status, 400);
    assert.equal(byScore.body.error.field, 'sort');
    assert.match(byScore.body.error.message, /score/);
  });

  test('bad paging input is refused naming the field; anonymous is refused', async () => {
    const badSort = await triage.get<ErrorBody>('/api/v1/signals/list?queue=triage&sort=bsn');
    assert.equal(badSort.status, 400);
    assert.equal(badSort.body.error.code, 'invalid_input');
    assert.equal(badSort.body.error.field, 'sort');
    assert.match(badSort.body.error.message, /received/, 'names the fields there are');
    for (const path of [
      '/api/v1/signals/list?pageSize=101',
      '/api/v1/signals/list?pageSize=0',
      '/api/v1/signals/list?page=0',
      '/api/v1/signals/list?dir=up',
      `/api/v1/signals/list?q=${'x'.repeat(101)}`,
    ]) {
      const response = await triage.get<ErrorBody>(path);
      assert.equal(response.status, 400, path);
      assert.equal(
        response.body.error.field,
        new URL(path, 'http://x').searchParams.keys().next().value,
        `${path}: ${JSON.stringify(response.body)}`,
      );
    }
    const anonymous = await fetch(`${server.url}/api/v1/signals/list?queue=triage`);
    assert.equal(anonymous.status, 401);
    for (const path of ['/api/v1/audit/list', '/api/v1/users/list', '/api/v1/estimates/list']) {
      assert.equal((await fetch(server.url + path)).status, 401, path);
    }
    const badAuditSort = await (
      await loginAs(server, 'privacy@politie-amsterdam.example', 'audit_control')
    ).get<ErrorBody>('/api/v1/audit/list?sort=user_id');
    assert.equal(badAuditSort.status, 400);
    assert.equal(badAuditSort.body.error.field, 'sort');
  });

  test('the audit log pages in SQL with the total of the filtered entries of one’s own organisation', async () => {
    const privacy = await loginAs(server, 'privacy@politie-amsterdam.example', 'audit_control');
    const own = await server.store.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('org_id', '=', amsterdam)
      .where('user_id', 'is not', null)
      .executeTakeFirstOrThrow();
    type Entry = { seq: string; resource: string; userName: string | null };
    const first = await privacy.get<Page<Entry>>('/api/v1/audit/list?pageSize=5&q=Eva');
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.ok(first.body.total > 0);
    assert.ok(first.body.total <= Number(own.n));
    assert.ok(first.body.items.every((entry) => entry.userName === 'Eva Jansen'));
    const seqs = first.body.items.map((entry) => Number(entry.seq));
    assert.deepEqual(
      seqs,
      [...seqs].sort((a, b) => b - a),
      'newest first',
    );
    const second = await privacy.get<Page<Entry>>('/api/v1/audit/list?pageSize=5&page=2');
    assert.equal(second.status, 200);
    const byResource = await privacy.get<Page<Entry>>(
      '/api/v1/audit/list?sort=resource&dir=asc&pageSize=100',
    );
    const resources = byResource.body.items.map((entry) => entry.resource);
    assert.deepEqual(resources, [...resources].sort());
    const nobody = await privacy.get<Page<Entry>>('/api/v1/audit/list?q=niemand-bestaat');
    assert.deepEqual(nobody.body, { items: [], total: 0, page: 1, pageSize: 25 });
  });

  test('users and estimates page, search and count within one’s own organisation', async () => {
    const admin = await loginAs(server, 'beheer@politie-amsterdam.example', 'administration');
    type User = { id: string; name: string; email: string; roles: string[] };
    const all = await admin.get<Page<User>>('/api/v1/users/list?sort=email&dir=desc&pageSize=2');
    assert.equal(all.status, 200, JSON.stringify(all.body));
    const own = await server.store.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('org_id', '=', amsterdam)
      .executeTakeFirstOrThrow();
    assert.equal(all.body.total, Number(own.n));
    assert.equal(all.body.items.length, 2);
    const emails = all.body.items.map((user) => user.email);
    assert.deepEqual(emails, [...emails].sort().reverse());
    const eva = await admin.get<Page<User>>('/api/v1/users/list?q=JANSEN');
    assert.deepEqual(
      eva.body.items.map((user) => user.name),
      ['Eva Jansen'],
    );
    const investigators = await admin.get<Page<User>>('/api/v1/users/list?role=investigator');
    assert.ok(investigators.body.items.every((user) => user.roles.includes('investigator')));
    // Another organisation's people are not found, and not counted.
    const melder = await admin.get<Page<User>>('/api/v1/users/list?q=Sanne');
    assert.equal(melder.body.total, 0);

    const analyst = await loginAs(server, 'analist@comensha.example', 'statistics');
    const table = 'A,B,C,count\n1,0,0,40\n0,1,0,30\n0,0,1,20\n1,1,0,6\n1,0,1,5\n0,1,1,4\n1,1,1,1\n';
    for (const name of ['Ronde 2024', 'Ronde 2025', 'Proef']) {
      const created = await analyst.post('/api/v1/estimates', {
        name,
        input: { format: 'table-csv', text: table },
      });
      assert.ok([201, 202].includes(created.status), JSON.stringify(created.body));
    }
    type Estimate = { id: string; name: string };
    const rounds = await analyst.get<Page<Estimate>>('/api/v1/estimates/list?q=ronde&sort=name&dir=asc');
    assert.equal(rounds.status, 200, JSON.stringify(rounds.body));
    assert.equal(rounds.body.total, 2);
    assert.deepEqual(
      rounds.body.items.map((estimate) => estimate.name),
      ['Ronde 2024', 'Ronde 2025'],
    );
    const paged = await analyst.get<Page<Estimate>>('/api/v1/estimates/list?pageSize=1&page=3&sort=name');
    assert.equal(paged.body.total, 3);
    assert.deepEqual(
      paged.body.items.map((estimate) => estimate.name),
      ['Proef'],
    );
    const other = await loginAs(server, 'analist@inspectie-szw.example', 'statistics');
    assert.equal((await other.get<Page<Estimate>>('/api/v1/estimates/list')).body.total, 0);
  });
});
