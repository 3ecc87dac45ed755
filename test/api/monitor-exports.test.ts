// Issue 17 items 4–6: maps per region level, the municipality page, the progress report (PDF read back,
// HTML), open data (CSV, JSON with metadata, XLSX) and the XLSX of a table; every export audited, refusals
// with the field or the reason.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { sql } from 'kysely';
import { extractText } from 'unpdf';
import { syntheticFacts } from '../helpers/monitor-facts.ts';
import { type ApiClient, loginAs, startTestServer, type TestServer } from '../helpers/server.ts';
import { databaseLabel } from '../helpers/store.ts';

interface Cell {
  dimensions: Record<string, string>;
  value: number | null;
  suppressed: boolean;
}
interface Problem {
  error: { code: string; field?: string; message: string };
}

describe(`monitor maps, reports and exports on ${databaseLabel}`, () => {
  let server: TestServer;
  let programme: ApiClient;
  let coordinator: ApiClient;
  before(async () => {
    server = await startTestServer();
    programme = await loginAs(server, 'programma@jenv.example', 'statistics');
    coordinator = await loginAs(server, 'coordinator@gemeente-amsterdam.example', 'statistics');
    const facts = syntheticFacts(17, 2026);
    await server.store.db.deleteFrom('monitor_signal_facts').execute();
    for (let i = 0; i < facts.length; i += 500) {
      await server.store.db
        .insertInto('monitor_signal_facts')
        .values(facts.slice(i, i + 500) as never)
        .execute();
    }
  });
  after(async () => {
    await server.close();
  });
  const raw = (client: ApiClient, path: string) =>
    fetch(server.url + path, {
      headers: { cookie: client.cookie, 'x-ketenplein-purpose': 'statistics' },
    });
  const exports = async () =>
    Number(
      (
        await sql<{
          n: string;
        }>`SELECT count(*) AS n FROM audit_log WHERE action = 'export' AND resource = 'monitor_aggregate'`.execute(
          server.store.db,
        )
      ).rows[0]?.n,
    );

  test('maps per level: every area in the one shape, small ones suppressed, levels agree on the total', async () => {
    const grand: number[] = [];
    for (const level of ['municipality', 'province', 'safety_region', 'police_unit']) {
      const map = await programme.get<{ cells: Cell[]; totals: Cell[]; dimension: string }>(
        `/api/v1/monitor/map?level=${level}&year=2026`,
      );
      assert.equal(map.status, 200, JSON.stringify(map.body));
      assert.ok(map.body.cells.length > 0, level);
      for (const c of map.body.cells) {
        assert.ok(map.body.dimension in c.dimensions);
        if (c.suppressed) assert.equal(c.value, null);
        else assert.ok((c.value as number) === 0 || (c.value as number) >= 10, `${level} ${c.value}`);
      }
      grand.push(map.body.totals[0]?.value as number);
    }
    assert.equal(new Set(grand).size, 1, 'one national total on every level');
    const municipalities = await programme.get<{ cells: Cell[] }>(
      '/api/v1/monitor/map?level=municipality&year=2026',
    );
    assert.equal(municipalities.body.cells.length, 8, 'the eight municipalities with signals');
    const provinces = await programme.get<{ cells: Cell[] }>('/api/v1/monitor/map?level=province&year=2026');
    assert.ok(provinces.body.cells.some((c) => c.dimensions.province === 'PV27'));
    const bad = await programme.get<Problem>('/api/v1/monitor/map?level=wijk&year=2026');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.field, 'level');
    const notCount = await programme.get<Problem>(
      '/api/v1/monitor/map?level=province&indicator=routing_time',
    );
    assert.equal(notCount.status, 400);
    assert.equal(notCount.body.error.field, 'indicator');
  });

  test('the municipality page: own detail for the municipality, national cells for the programme, 403 for another', async () => {
    const own = await coordinator.get<{
      scope: string;
      trend: { cells: Cell[] } | null;
      cells: Cell[];
      policy: { status: string };
    }>('/api/v1/monitor/municipalities/GM0363/figures?year=2026');
    assert.equal(own.status, 200, JSON.stringify(own.body));
    assert.equal(own.body.scope, 'GM0363');
    assert.ok(own.body.trend && own.body.trend.cells.length > 0);
    const other = await coordinator.get<Problem>('/api/v1/monitor/municipalities/GM0599/figures?year=2026');
    assert.equal(other.status, 403);
    assert.match(other.body.error.message, /eigen gemeente/);
    const national = await programme.get<{ cells: Cell[]; trend: unknown; name: string; province: string }>(
      '/api/v1/monitor/municipalities/GM0599/figures?year=2026',
    );
    assert.equal(national.status, 200);
    assert.equal(national.body.name, 'Rotterdam');
    assert.equal(national.body.province, 'PV28');
    assert.equal(national.body.trend, null);
    const map = await programme.get<{ cells: Cell[] }>('/api/v1/monitor/map?level=municipality&year=2026');
    const onMap = map.body.cells.find((c) => c.dimensions.municipality === 'GM0599');
    assert.deepEqual(national.body.cells[0], onMap, 'the page shows the cell the map shows');
  });

  test('the progress report as PDF (text read back) and as HTML, audited', async () => {
    await programme.request('PUT', '/api/v1/monitor/report/texts', {
      year: 2026,
      actionLine: 2,
      body: 'Het aantal signalen steeg in alle regio’s.',
      basedOn: 0,
    });
    const before = await exports();
    const pdf = await raw(programme, '/api/v1/monitor/report.pdf?year=2026');
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    const { text } = await extractText(new Uint8Array(await pdf.arrayBuffer()), { mergePages: true });
    assert.match(text, /Voortgangsrapportage programma mensenhandel 2026/);
    assert.match(text, /Actielijn 2: Meer en betere signalen/);
    assert.match(text, /Het aantal signalen steeg/);
    assert.match(text, /onderdrukt/);
    assert.ok((await exports()) > before, 'the report is an audited export');
    const html = await raw(programme, '/api/v1/monitor/report.html?year=2026');
    const page = await html.text();
    assert.match(page, /<html lang="nl">/);
    assert.match(page, /<caption>[^<]+, 2026<\/caption>/);
    assert.match(page, /<th scope="row">2026-01<\/th>/);
    assert.match(page, /Het aantal signalen steeg/);
    const refused = await raw(programme, '/api/v1/monitor/report.pdf?year=2026&suppressed=false');
    assert.equal(refused.status, 403);
  });

  test('open data as CSV, JSON with metadata and XLSX; an indicator table as XLSX; unsuppressed refused', async () => {
    const before = await exports();
    const json = await raw(programme, '/api/v1/monitor/open-data.json?year=2026');
    assert.equal(json.status, 200);
    const data = (await json.json()) as {
      metadata: {
        suppression: { threshold: number };
        indicators: { id: string; definition: unknown }[];
        licence: string;
      };
      tables: { indicatorId: string; cells: Cell[] }[];
    };
    assert.equal(data.metadata.suppression.threshold, 10);
    assert.equal(data.metadata.licence, 'CC BY 4.0');
    assert.ok(data.metadata.indicators.some((i) => i.id === 'signals_received'));
    for (const t of data.tables) {
      for (const c of t.cells) {
        if (
          !c.suppressed &&
          typeof c.value === 'number' &&
          t.indicatorId !== 'size_estimate' &&
          t.indicatorId !== 'routing_time' &&
          t.indicatorId !== 'acceptance_time' &&
          t.indicatorId !== 'routed_within_sla'
        ) {
          assert.ok(c.value === 0 || c.value >= 10, `${t.indicatorId} ${c.value}`);
        }
      }
    }
    const csv = await (await raw(programme, '/api/v1/monitor/open-data.csv?year=2026')).text();
    assert.match(
      csv,
      /^indicator,breakdown,year,month,channel,form,region,municipality,minor,outcome,period,value,suppressed,is_total/,
    );
    assert.match(csv, /^# Cells from 1 to 9 are suppressed/m);
    const book = await raw(programme, '/api/v1/monitor/open-data.xlsx?year=2026');
    assert.equal(book.status, 200);
    const files = unzipSync(new Uint8Array(await book.arrayBuffer()));
    assert.ok(files['xl/workbook.xml']);
    assert.match(strFromU8(files['xl/worksheets/sheet1.xml'] as Uint8Array), /signals_received/);
    const one = await raw(
      programme,
      '/api/v1/monitor/indicators/signals_received/export.xlsx?year=2026&breakdown=form',
    );
    assert.equal(one.status, 200);
    const sheet = strFromU8(
      unzipSync(new Uint8Array(await one.arrayBuffer()))['xl/worksheets/sheet1.xml'] as Uint8Array,
    );
    assert.match(sheet, /<t xml:space="preserve">form<\/t>/);
    assert.ok((await exports()) >= before + 4, 'every export audited');
    for (const path of [
      'open-data.csv',
      'open-data.json',
      'open-data.xlsx',
      'indicators/signals_received/export.xlsx',
    ]) {
      const refused = await raw(programme, `/api/v1/monitor/${path}?year=2026&suppressed=false`);
      assert.equal(refused.status, 403, path);
    }
  });
});
