import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { encodeList, generateDutchLists, type PersonInput } from '../../src/linkage/index.ts';
import type { Hardening } from '../../src/linkage/pprl/clk.ts';
import { jobHandlers } from '../../src/server/jobs.ts';
import { runDueJobs } from '../../src/store/jobs.ts';
import { type ErrorBody, orgIdOf, partnerAnalyst } from '../helpers/analysts.ts';
import { type ApiClient, loginAs, startTestServer, type TestServer } from '../helpers/server.ts';
import { databaseLabel } from '../helpers/store.ts';

const SECRET = new TextEncoder().encode('gedeeld-geheim-van-de-partners-2026-ronde-1');
const OTHER_SECRET = new TextEncoder().encode('een-ander-geheim-dat-niet-past-bij-de-ronde');

// 170 persons; P holds 0–99, G holds 50–149, C holds 0–24 and 120–169. Odd persons were seen in 2017.
const persons = generateDutchLists(170, { seed: 11 }).a.map((r) => r.person);
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
const MEMBERS = { P: range(0, 100), G: range(50, 150), C: [...range(0, 25), ...range(120, 170)] };

function truth(): Map<string, number> {
  const table = new Map<string, number>();
  for (let i = 0; i < persons.length; i++) {
    const pattern = (['P', 'G', 'C'] as const).map((l) => (MEMBERS[l].includes(i) ? '1' : '0')).join('');
    const key = `${i % 2 ? 2017 : 2016}:${pattern}`;
    table.set(key, (table.get(key) ?? 0) + 1);
  }
  return table;
}

function csvOf(indices: number[]): string {
  const q = (v: string | undefined) => `"${(v ?? '').replace(/"/g, '""')}"`;
  const lines = ['id,given_name,prefix,family_name,date_of_birth,gender,year'];
  for (const i of indices) {
    const p: PersonInput = persons[i];
    lines.push(
      [i, q(p.givenName), q(p.prefix), q(p.familyName), p.dateOfBirth, p.gender, i % 2 ? 2017 : 2016].join(
        ',',
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}

function encoded(
  list: string,
  indices: number[],
  options: { secret?: Uint8Array; strata?: string[]; hardening?: Hardening } = {},
) {
  return encodeList(csvOf(indices), options.secret ?? SECRET, {
    list,
    strata: options.strata ?? ['year'],
    ...(options.hardening ? { settings: { hardening: options.hardening } } : {}),
  }).join('\n');
}

interface Round {
  id: string;
  status: string;
  owner: boolean;
  lists: Array<{ list: string; uploaded: boolean; records?: number; mine: boolean }>;
  captureTable?: {
    lists: string[];
    strata: string[];
    rows: Array<{ pattern: string; count: number; stratum: { year: string } }>;
  };
  estimateId?: string;
  clusters?: number;
}

describe(`PPRL estimation rounds over HTTP on ${databaseLabel}`, () => {
  let server: TestServer;
  let analyst: ApiClient;
  let police: ApiClient;
  let municipality: ApiClient;
  let roundId: string;
  const upload = (client: ApiClient, list: string, body: string, id = roundId) =>
    client.request<ErrorBody & { complete: boolean; records: number }>(
      'PUT',
      `/api/v1/estimation-rounds/${id}/lists/${list}`,
      body,
      { 'content-type': 'application/x-ndjson' },
    );
  const encodingRows = async () =>
    (await server.store.db.selectFrom('estimation_round_encodings').select('list').execute()).length;

  before(async () => {
    server = await startTestServer();
    analyst = await loginAs(server, 'analist@comensha.example', 'statistics');
    police = await partnerAnalyst(
      server,
      'beheer@politie-amsterdam.example',
      'analist@politie-amsterdam.example',
    );
    municipality = await partnerAnalyst(
      server,
      'beheer@gemeente-amsterdam.example',
      'analist@gemeente-amsterdam.example',
    );
    const opened = await analyst.post<Round>('/api/v1/estimation-rounds', {
      name: 'Ronde 2016–2017',
      lists: [
        { name: 'P', organisationId: await orgIdOf(server, 'Politie Eenheid Amsterdam') },
        { name: 'G', organisationId: await orgIdOf(server, 'Gemeente Amsterdam') },
        { name: 'C', organisationId: await orgIdOf(server, 'CoMensha') },
      ],
      strata: ['year'],
      // Every list holds exact copies, so a strict threshold makes the true table the only right answer.
      threshold: 0.95,
    });
    assert.equal(opened.status, 201, JSON.stringify(opened.body));
    roundId = opened.body.id;
  });
  after(() => server.close());

  test('opening a round refuses strata the statistics purpose does not allow, and non-analysts', async () => {
    const orgId = await orgIdOf(server, 'CoMensha');
    const lists = [
      { name: 'A', organisationId: orgId },
      { name: 'B', organisationId: orgId },
    ];
    const strata = await analyst.post<ErrorBody>('/api/v1/estimation-rounds', {
      name: 'x',
      lists,
      strata: ['nationality'],
    });
    assert.equal(strata.status, 400);
    assert.equal(strata.body.error.field, 'strata');
    assert.match(strata.body.error.message, /nationality.*niet toegestaan/);
    const twice = await analyst.post<ErrorBody>('/api/v1/estimation-rounds', {
      name: 'x',
      lists: [lists[0], lists[0]],
    });
    assert.equal(twice.status, 400);
    const investigator = await loginAs(
      server,
      'rechercheur@politie-amsterdam.example',
      'criminal_investigation',
    );
    assert.equal((await investigator.post('/api/v1/estimation-rounds', { name: 'x', lists })).status, 403);
    assert.equal((await investigator.get(`/api/v1/estimation-rounds/${roundId}`)).status, 403);
  });

  test('partners see the round they supply to; uploads are refused whole when anything is wrong', async () => {
    const seen = await police.get<Round>(`/api/v1/estimation-rounds/${roundId}`);
    assert.equal(seen.status, 200);
    assert.equal(seen.body.owner, false);
    assert.deepEqual(
      seen.body.lists.map((l) => [l.list, l.mine]),
      [
        ['P', true],
        ['G', false],
        ['C', false],
      ],
    );
    const first = await upload(police, 'P', encoded('P', MEMBERS.P));
    assert.equal(first.status, 201, JSON.stringify(first.body));
    assert.deepEqual([first.body.records, first.body.complete], [100, false]);

    const refusals: Array<[ApiClient, string, string, number, RegExp]> = [
      [police, 'P', encoded('P', MEMBERS.P), 409, /al aangeleverd/],
      [police, 'G', encoded('G', MEMBERS.G), 400, /andere organisatie/],
      [municipality, 'G', '', 400, /empty file/],
      [municipality, 'G', encoded('G', MEMBERS.G).split('\n').slice(0, 1).join('\n'), 400, /no records/],
      [municipality, 'G', encoded('G', MEMBERS.G).split('\n').slice(0, 30).join('\n'), 400, /truncated/],
      [municipality, 'G', 'naam,geboortedatum\nJan,1990-01-01\n', 400, /not JSON/],
      [municipality, 'G', encoded('X', MEMBERS.G), 400, /lijst "X".*--list G/],
      [municipality, 'G', encoded('G', MEMBERS.G, { strata: [] }), 400, /strata \[\]/],
      [municipality, 'G', encoded('G', MEMBERS.G, { secret: OTHER_SECRET }), 400, /ander geheim/],
      [municipality, 'G', encoded('G', MEMBERS.G, { hardening: 'xor-fold' }), 400, /andere instellingen/],
      [municipality, 'G', encoded('G', MEMBERS.P), 409, /dezelfde personen als lijst "P"/],
      [municipality, 'Q', encoded('Q', MEMBERS.G), 404, /hoort niet bij/],
    ];
    for (const [client, list, body, status, message] of refusals) {
      const response = await upload(client, list, body);
      assert.equal(response.status, status, `${message}: ${JSON.stringify(response.body)}`);
      assert.match(response.body.error.message, message);
    }
    assert.equal(await encodingRows(), 1, 'a refused upload stores nothing');
    const state = await analyst.get<Round>(`/api/v1/estimation-rounds/${roundId}`);
    assert.deepEqual(
      state.body.lists.map((l) => [l.list, l.uploaded]),
      [
        ['P', true],
        ['G', false],
        ['C', false],
      ],
    );
    assert.equal(state.body.status, 'open');
  });

  test('no request reads encodings back, not even the uploader’s', async () => {
    await assert.rejects(
      server.store.db.transaction().execute(async (trx) => {
        await sql`SET LOCAL ROLE ketenplein_app`.execute(trx);
        await sql`SELECT data FROM estimation_round_encodings`.execute(trx);
      }),
      /permission denied/,
    );
  });

  test('when all lists are in, Ketenplein links them: the analyst sees the table and estimate, nothing else', async () => {
    assert.equal((await upload(municipality, 'G', encoded('G', MEMBERS.G))).body.complete, false);
    const last = await upload(analyst, 'C', encoded('C', MEMBERS.C));
    assert.equal(last.status, 201);
    assert.equal(last.body.complete, true);
    assert.equal(await runDueJobs(server.store, jobHandlers), 1);

    const round = await analyst.get<Round>(`/api/v1/estimation-rounds/${roundId}`);
    assert.equal(round.body.status, 'linked', JSON.stringify(round.body));
    const table = round.body.captureTable;
    assert.ok(table);
    assert.deepEqual(table.lists, ['P', 'G', 'C']);
    const linked = new Map(table.rows.map((r) => [`${r.stratum.year}:${r.pattern}`, r.count]));
    assert.deepEqual(linked, truth());
    assert.equal(round.body.clusters, persons.length);
    const text = JSON.stringify(round.body);
    for (const secretish of ['similarity', 'clk', 'qc', 'fingerprint', 'rowA'])
      assert.ok(!text.includes(secretish));
    assert.equal(await encodingRows(), 0, 'encodings are deleted once linked');

    assert.ok(round.body.estimateId);
    const estimate = await analyst.get<{
      status: string;
      source: string;
      result: { overall: { estimate: { total: number } }; years: unknown[] };
    }>(`/api/v1/estimates/${round.body.estimateId}`);
    assert.equal(estimate.body.status, 'done');
    assert.equal(estimate.body.source, 'round');
    assert.ok(estimate.body.result.overall.estimate.total >= persons.length);
    assert.equal(estimate.body.result.years.length, 2);

    // The analyst can try other methods on the round's table.
    const other = await analyst.post<{ result: { overall: { observed: number } } }>('/api/v1/estimates', {
      input: { format: 'round', roundId },
      settings: { model: 'P:G', ci: 'wald' },
    });
    assert.equal(other.status, 201);
    assert.equal(other.body.result.overall.observed, persons.length);

    // Partners see the status only; the estimate is not theirs.
    const partner = await police.get<Round>(`/api/v1/estimation-rounds/${roundId}`);
    assert.equal(partner.body.status, 'linked');
    assert.equal(partner.body.captureTable, undefined);
    assert.equal(partner.body.estimateId, undefined);
    assert.equal(partner.body.lists.find((l) => l.list === 'G')?.records, undefined);
    assert.equal((await police.get(`/api/v1/estimates/${round.body.estimateId}`)).status, 404);
    assert.equal((await upload(municipality, 'G', encoded('G', MEMBERS.G))).status, 409);
  });

  test('an organisation that takes no part does not see the round', async () => {
    const round = await analyst.post<Round>('/api/v1/estimation-rounds', {
      name: 'Zonder gemeente',
      lists: [
        { name: 'P', organisationId: await orgIdOf(server, 'Politie Eenheid Amsterdam') },
        { name: 'C', organisationId: await orgIdOf(server, 'CoMensha') },
      ],
    });
    assert.equal(round.status, 201);
    assert.equal((await municipality.get(`/api/v1/estimation-rounds/${round.body.id}`)).status, 404);
    const listed = await municipality.get<Array<{ id: string }>>('/api/v1/estimation-rounds');
    assert.deepEqual(
      listed.body.map((r) => r.id),
      [roundId],
    );
    const upload404 = await upload(municipality, 'P', encoded('P', MEMBERS.P), round.body.id);
    assert.equal(upload404.status, 404);
  });
});
