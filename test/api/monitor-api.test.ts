import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { familyOf, keyOf } from '../../src/domain/suppress.ts';
import { refreshAggregates } from '../../src/monitor/jobs.ts';
import { MEASURE_VIEWS } from '../../src/monitor/service.ts';
import { attack } from '../helpers/attacker.ts';
import { syntheticFacts } from '../helpers/monitor-facts.ts';
import { type ApiClient, loginAs, startTestServer, type TestServer } from '../helpers/server.ts';
import { databaseLabel } from '../helpers/store.ts';

interface Cell {
  dimensions: Record<string, string>;
  value: number | null;
  suppressed: boolean;
}
interface Table {
  scope: string;
  available: boolean;
  cells: Cell[];
  totals: Cell[];
  counts: { cells: Cell[]; totals: Cell[] } | null;
  rule: { threshold: number };
  note: { nl: string } | null;
}
interface Problem {
  error: { code: string; field?: string; message: string };
}

describe(`monitor API on ${databaseLabel}`, () => {
  let server: TestServer;
  let programme: ApiClient;
  let analyst: ApiClient;
  let coordinator: ApiClient;
  let facts: Record<string, unknown>[];
  before(async () => {
    server = await startTestServer();
    programme = await loginAs(server, 'programma@jenv.example', 'statistics');
    analyst = await loginAs(server, 'analist@comensha.example', 'statistics');
    coordinator = await loginAs(server, 'coordinator@gemeente-amsterdam.example', 'statistics');
  });
  after(async () => {
    await server.close();
  });

  test('the daily job counts every signal once, without any person, from the signals interface', async () => {
    const { facts: rows } = await refreshAggregates(server.store);
    const signals = await sql<{ n: string }>`SELECT count(*) AS n FROM signals`.execute(server.store.db);
    const summed = await sql<{
      n: string | null;
    }>`SELECT sum(signals) AS n FROM monitor_signal_facts`.execute(server.store.db);
    assert.equal(Number(summed.rows[0]?.n ?? 0), Number(signals.rows[0]?.n));
    assert.ok(rows >= 0);
    // Then replace them by a known synthetic year with many small cells.
    facts = syntheticFacts(17, 2026);
    await server.store.db.deleteFrom('monitor_signal_facts').execute();
    for (let i = 0; i < facts.length; i += 500) {
      await server.store.db
        .insertInto('monitor_signal_facts')
        .values(facts.slice(i, i + 500) as never)
        .execute();
    }
  });

  test('indicators per action line; tables in the one shape, small cells suppressed', async () => {
    const list = await programme.get<{ id: string; actionLine: number }[]>('/api/v1/monitor/indicators');
    assert.equal(list.status, 200);
    for (const id of [
      'signals_received',
      'routing_time',
      'routed_within_sla',
      'crawler_clusters_to_triage',
      'size_estimate',
    ]) {
      assert.ok(
        list.body.some((i) => i.id === id),
        id,
      );
    }
    const table = await analyst.get<Table>(
      '/api/v1/monitor/indicators/signals_received/table?year=2026&breakdown=region',
    );
    assert.equal(table.status, 200);
    assert.equal(table.body.scope, 'national');
    assert.equal(table.body.rule.threshold, 10);
    assert.ok(table.body.cells.length > 0);
    for (const cell of [...table.body.cells, ...table.body.totals]) {
      assert.deepEqual(Object.keys(cell).sort(), ['dimensions', 'suppressed', 'value']);
      if (!cell.suppressed) assert.ok((cell.value as number) === 0 || (cell.value as number) >= 10);
      else assert.equal(cell.value, null);
    }
    assert.ok(
      table.body.cells.some((c) => c.suppressed),
      'some small cells are suppressed',
    );
    const pending = await programme.get<Table>(
      '/api/v1/monitor/indicators/cases_by_approach/table?year=2026',
    );
    assert.equal(pending.body.available, false);
    assert.match(pending.body.note?.nl ?? '', /nog niet beschikbaar/);
    const share = await programme.get<Table>('/api/v1/monitor/indicators/routed_within_sla/table?year=2026');
    assert.ok(
      share.body.cells.every((c) => c.suppressed || ((c.value as number) >= 0 && (c.value as number) <= 100)),
    );
  });

  test('the attacker recovers no suppressed count from every view and total the API offers', async () => {
    const views: Record<string, string[]> = {
      signals_received: ['', 'channel', 'form', 'region', 'municipality', 'minor'],
      crawler_clusters_to_triage: ['', 'form', 'region'],
      routing_time: ['', 'channel', 'form', 'region'],
      acceptance_time: ['', 'channel', 'form', 'region'],
      routed_within_sla: ['', 'channel', 'form', 'region'],
    };
    const measureOf: Record<string, 'signals' | 'routed' | 'accepted'> = {
      signals_received: 'signals',
      crawler_clusters_to_triage: 'signals',
      routing_time: 'routed',
      routed_within_sla: 'routed',
      acceptance_time: 'accepted',
    };
    const published: Record<string, Map<string, Cell>> = {
      signals: new Map(),
      routed: new Map(),
      accepted: new Map(),
    };
    for (const client of [programme, analyst]) {
      for (const [id, breakdowns] of Object.entries(views)) {
        for (const b of breakdowns) {
          const response = await client.get<Table>(
            `/api/v1/monitor/indicators/${id}/table?year=2026${b ? `&breakdown=${b}` : ''}`,
          );
          assert.equal(response.status, 200, `${id} ${b}`);
          const counts = response.body.counts ?? response.body;
          const into = published[measureOf[id] as string] as Map<string, Cell>;
          for (const cell of [...counts.cells, ...counts.totals]) {
            const key = keyOf(cell.dimensions);
            const earlier = into.get(key);
            // Consistent across views: the same cell is suppressed, or has the same value, everywhere.
            if (earlier) assert.deepEqual(earlier, cell, `${id} ${b}: ${key} differs between views`);
            into.set(key, cell);
          }
        }
      }
    }
    // The maps publish cells of the signals family too: the attacker takes every level.
    for (const client of [programme, analyst]) {
      for (const level of ['municipality', 'province', 'safety_region', 'police_unit']) {
        const map = await client.get<Table>(`/api/v1/monitor/map?level=${level}&year=2026`);
        assert.equal(map.status, 200, level);
        for (const cell of [...map.body.cells, ...map.body.totals]) {
          const key = keyOf(cell.dimensions);
          const earlier = published.signals?.get(key);
          if (earlier) assert.deepEqual(earlier, cell, `map ${level}: ${key} differs from the tables`);
          published.signals?.set(key, cell);
        }
      }
    }
    const { findMunicipality } = await import('../../src/domain/municipalities.ts');
    const { policeUnitForMunicipality } = await import('../../src/domain/police-units.ts');
    const { PROVINCE_OF } = await import('../../src/monitor/geo-areas.ts');
    let pinnedChecked = 0;
    for (const measure of ['signals', 'routed', 'accepted'] as const) {
      const records = facts.flatMap((f) => {
        const dims = {
          month: String(f.month),
          channel: String(f.channel),
          form: String(f.form),
          region: findMunicipality(String(f.municipality))?.safetyRegion ?? 'unknown',
          municipality: String(f.municipality),
          minor: f.minor ? 'yes' : 'no',
          province: PROVINCE_OF[String(f.municipality)] ?? 'unknown',
          police_unit: policeUnitForMunicipality(String(f.municipality))?.code ?? 'unknown',
        };
        if (measure !== 'routed') return [{ dimensions: dims, count: Number(f[measure]) }];
        const within = Number(f.routed_within_sla);
        return [
          { dimensions: { ...dims, outcome: 'within_sla' }, count: within },
          { dimensions: { ...dims, outcome: 'late' }, count: Number(f.routed) - within },
        ];
      });
      // The structure (which totals add up to what) is public; the attacker knows it, not the values.
      const family = familyOf(records, MEASURE_VIEWS[measure]);
      const seen = [...(published[measure] as Map<string, Cell>).values()];
      const bounds = attack(family, { cells: seen, totals: [] });
      const truth = new Map(family.cells.map((c) => [keyOf(c.dimensions), c.value]));
      for (const cell of seen) {
        const v = truth.get(keyOf(cell.dimensions)) as number;
        if (!cell.suppressed) assert.equal(cell.value, v, 'published values are true');
      }
      for (const [key, [lo, hi]] of bounds) {
        const v = truth.get(key) as number;
        assert.ok(lo <= v && v <= hi, `${measure}: unsound bound for ${key}`);
        if (v > 0 && v < 10) {
          pinnedChecked++;
          assert.ok(hi > lo, `${measure}: attacker pins ${key} = ${v}`);
        }
      }
    }
    assert.ok(pinnedChecked > 50, `small cells attacked: ${pinnedChecked}`);
  });

  test('a municipal coordinator sees its own municipality only, suppressed the same way', async () => {
    const own = await coordinator.get<Table>(
      '/api/v1/monitor/indicators/signals_received/table?year=2026&breakdown=channel',
    );
    assert.equal(own.status, 200);
    assert.equal(own.body.scope, 'GM0363');
    const grand = own.body.totals.find((t) => Object.keys(t.dimensions).length === 0);
    const expected = facts
      .filter((f) => f.municipality === 'GM0363')
      .reduce((s, f) => s + Number(f.signals), 0);
    assert.equal(grand?.value, expected);
  });

  test('exports are audited; an unsuppressed table and the wrong purpose are refused', async () => {
    const csv = await analyst.get<string>(
      '/api/v1/monitor/indicators/signals_received/export.csv?year=2026&breakdown=form',
    );
    assert.equal(csv.status, 200);
    assert.match(String(csv.body), /^form,month,value,suppressed/);
    const audit = await sql<{ n: string }>`
      SELECT count(*) AS n FROM audit_log WHERE action = 'export' AND resource = 'monitor_aggregate'`.execute(
      server.store.db,
    );
    assert.ok(Number(audit.rows[0]?.n) >= 1);
    const raw = await programme.get<Problem>(
      '/api/v1/monitor/indicators/signals_received/table?year=2026&suppressed=false',
    );
    assert.equal(raw.status, 403);
    assert.match(raw.body.error.message, /onderdrukking/);
    const intake = await loginAs(server, 'melder@gemeente-amsterdam.example', 'signal_intake');
    assert.equal((await intake.get('/api/v1/monitor/indicators')).status, 403);
    const badBreakdown = await programme.get<Problem>(
      '/api/v1/monitor/indicators/routing_time/table?breakdown=municipality',
    );
    assert.equal(badBreakdown.status, 400);
    assert.equal(badBreakdown.body.error.field, 'breakdown');
  });

  test('indicator definitions: unknown field, unknown numerator, target outside the unit: refused, nothing written', async () => {
    const before = (await programme.get<unknown[]>('/api/v1/monitor/indicators')).body.length;
    const base = {
      id: 'comensha_registrations',
      actionLine: 3,
      name: { nl: 'Registraties CoMensha', en: 'CoMensha registrations' },
      unit: 'count',
      period: 'year',
      source: 'partner',
      definition: { kind: 'partner' },
    };
    const unknownField = await programme.post<Problem>('/api/v1/monitor/indicators', {
      ...base,
      definition: { kind: 'partner', colour: 'red' },
    });
    assert.equal(unknownField.status, 400);
    assert.equal(unknownField.body.error.field, 'definition.colour');
    const unknownNumerator = await programme.post<Problem>('/api/v1/monitor/indicators', {
      ...base,
      id: 'x_share',
      source: 'computed',
      unit: 'percent',
      definition: { kind: 'share', numerator: 'victims', denominator: 'routed' },
    });
    assert.equal(unknownNumerator.status, 400);
    assert.equal(unknownNumerator.body.error.field, 'definition.numerator');
    const target = await programme.post<Problem>('/api/v1/monitor/indicators', {
      ...base,
      id: 'x_percent',
      unit: 'percent',
      target: 120,
    });
    assert.equal(target.status, 400);
    assert.equal(target.body.error.field, 'target');
    assert.equal((await programme.get<unknown[]>('/api/v1/monitor/indicators')).body.length, before);
    assert.equal((await analyst.post('/api/v1/monitor/indicators', base)).status, 403);
    assert.equal((await programme.post('/api/v1/monitor/indicators', base)).status, 201);
  });

  test('partner figures with provenance; a correction keeps the earlier value; a closed period is refused', async () => {
    const first = await analyst.post<{ id: string }>(
      '/api/v1/monitor/indicators/comensha_registrations/figures',
      {
        period: '2025',
        value: 950,
      },
    );
    assert.equal(first.status, 201);
    const fixed = await analyst.post<{ id: string }>(
      '/api/v1/monitor/indicators/comensha_registrations/figures',
      {
        period: '2025',
        value: 958,
        supersedes: first.body.id,
        note: 'late registrations',
      },
    );
    assert.equal(fixed.status, 201);
    const small = await analyst.post('/api/v1/monitor/indicators/comensha_registrations/figures', {
      period: '2024',
      value: 4,
    });
    assert.equal(small.status, 201);
    const figures = await programme.get<
      {
        id: string;
        value: number | null;
        suppressed: boolean;
        supersededBy: string | null;
        orgName: string;
        submittedBy: string;
        period: string;
      }[]
    >('/api/v1/monitor/indicators/comensha_registrations/figures');
    assert.equal(figures.status, 200, JSON.stringify(figures.body));
    const earlier = figures.body.find((f) => f.id === first.body.id);
    assert.equal(earlier?.value, 950);
    assert.equal(earlier?.supersededBy, fixed.body.id);
    assert.equal(earlier?.orgName, 'CoMensha');
    assert.equal(earlier?.submittedBy, 'Noor Smit');
    const four = figures.body.find((f) => f.period === '2024');
    assert.equal(four?.suppressed, true);
    assert.equal(four?.value, null);
    assert.equal((await programme.post('/api/v1/monitor/periods', { period: '2023' })).status, 201);
    const closed = await analyst.post<Problem>('/api/v1/monitor/indicators/comensha_registrations/figures', {
      period: '2023',
      value: 900,
    });
    assert.equal(closed.status, 409);
    assert.equal(closed.body.error.code, 'period_closed');
    assert.equal(closed.body.error.field, 'period');
    const wrongPeriod = await analyst.post<Problem>(
      '/api/v1/monitor/indicators/comensha_registrations/figures',
      {
        period: '2025-03',
        value: 1,
      },
    );
    assert.equal(wrongPeriod.body.error.field, 'period');
    const count = await sql<{ n: string }>`SELECT count(*) AS n FROM monitor_figures`.execute(
      server.store.db,
    );
    assert.equal(Number(count.rows[0]?.n), 3);
    assert.equal((await analyst.post('/api/v1/monitor/periods', { period: '2022' })).status, 403);
  });

  test('self-assessment: own municipality only, versioned, with evidence; the national status follows', async () => {
    const answers = {
      policy_adopted: 'yes',
      contact_person: 'yes',
      reporting_route: 'yes',
      care_coordination: 'partly',
      frontline_training: 'no',
      barrier_model: 'unknown',
      riec_participation: 'yes',
      insight_nature_size: 'partly',
    };
    const before = await programme.get<{ cells: Cell[] }>('/api/v1/monitor/policy-status');
    const clear = (body: { cells: Cell[] }) =>
      body.cells.find((c) => c.dimensions.status === 'clear_policy')?.value;
    const first = await coordinator.post<{ version: number }>(
      '/api/v1/monitor/municipalities/GM0363/assessment',
      {
        answers: { ...answers, policy_adopted: 'partly' },
      },
    );
    assert.equal(first.status, 201);
    assert.equal(first.body.version, 1);
    const second = await coordinator.post<{ version: number }>(
      '/api/v1/monitor/municipalities/GM0363/assessment',
      {
        answers,
        evidence: [
          {
            item: 'policy_adopted',
            url: 'https://amsterdam.example/beleid-mensenhandel',
            title: 'Raadsbesluit',
          },
        ],
      },
    );
    assert.equal(second.body.version, 2);
    const other = await coordinator.post<Problem>('/api/v1/monitor/municipalities/GM0344/assessment', {
      answers,
    });
    assert.equal(other.status, 403);
    assert.match(other.body.error.message, /eigen gemeente/);
    assert.equal((await coordinator.get('/api/v1/monitor/municipalities/GM0344/assessment')).status, 403);
    const badLink = await coordinator.post<Problem>('/api/v1/monitor/municipalities/GM0363/assessment', {
      answers,
      evidence: [{ item: 'policy_adopted', url: 'javascript:alert(1)', title: 'x' }],
    });
    assert.equal(badLink.body.error.field, 'evidence.0.url');
    const missing = await coordinator.post<Problem>('/api/v1/monitor/municipalities/GM0363/assessment', {
      answers: { policy_adopted: 'yes' },
    });
    assert.equal(missing.body.error.field, 'answers.contact_person');
    const history = await coordinator.get<{ version: number; evidence: unknown[] }[]>(
      '/api/v1/monitor/municipalities/GM0363/assessment',
    );
    assert.deepEqual(
      history.body.map((h) => h.version),
      [2, 1],
    );
    const after = await programme.get<{
      cells: Cell[];
      byMunicipality: { municipality: string; status: string }[];
    }>('/api/v1/monitor/policy-status');
    assert.equal(clear(after.body), (clear(before.body) ?? 0) + 1);
    assert.equal(after.body.byMunicipality.find((m) => m.municipality === 'GM0363')?.status, 'clear_policy');
    assert.equal(
      (await programme.post('/api/v1/monitor/municipalities/GM0363/assessment', { answers })).status,
      403,
    );
  });
});
