import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import { sql } from 'kysely';
import writeXlsxFile from 'write-excel-file/node';
import { readCsvRecords } from '../../src/feeds/csv.ts';
import { FIU_CSV, FIU_HEADER } from '../../src/feeds/fixtures.ts';
import { loginAs, startTestServer, type TestServer } from '../helpers/server.ts';
import { databaseLabel } from '../helpers/store.ts';

const FIU = 'aanlevering@fiu.example';
const INVESTIGATOR = 'rechercheur@politie-amsterdam.example';
const TRIAGE = 'triage@politie-le.example';
const MARIUS = 'NL91ABNA0417164300';
const DANA = 'NL93RABO0987654321';

interface Upload {
  batch: { id: string; reference: string; rowCount: number; rulesVersion: number };
  signals: {
    signalId: string;
    account: string;
    holder: string;
    reasons: { rule: string; indicator: string; label: { nl: string; en: string } }[];
  }[];
}
interface Flows {
  accounts: string[];
  nodes: { id: string; name: string; iban: string | null; focus: boolean }[];
  edges: {
    from: string;
    to: string;
    currency: string;
    total: number;
    count: number;
    first: string;
    last: string;
  }[];
  transactions: { reference: string; amount: number }[];
}
interface ProblemBody {
  error: { code: string; message: string; details?: { line?: number; column?: string; code: string }[] };
}

const csv = { 'content-type': 'text/csv' };
const count = async (server: TestServer, table: 'fiu_batches' | 'fiu_transactions' | 'fiu_signals') =>
  Number(
    (await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(server.store.db)).rows[0]
      .n,
  );

describe(`feeds: FIU-Nederland's suspicious transactions on ${databaseLabel}`, () => {
  let server: TestServer;
  let upload: Upload;
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server.close();
  });

  test('a bad batch: a problem per row and field, 422, nothing stored', async () => {
    const fiu = await loginAs(server, FIU, 'criminal_investigation');
    const bad = `${FIU_HEADER}
B-1,2026-10-02,transfer,100.00,EUR,x,,A B,NL91ABNA0417164301,,,C D,NL20INGB0001234567,,,bank,
B-2,2026-10-02,transfer,-50,EUR,x,,A B,NL91ABNA0417164300,,,C D,NL20INGB000123456,,,bank,
B-3,2026-10-02,transfer,100.00,XYZ,x,,A B,NL91ABNA0417164300,,,C D,NL20INGB0001234567,,,bank,
B-4,2026-10-02,transfer,100.00,EUR,x,,A B,NL91ABNA0417164300,,,C D,NL20INGB0001234567,,,bank,
`;
    const res = await fiu.request<ProblemBody>('POST', '/api/v1/feeds/fiu/batches?reference=BAD-1', bad, csv);
    assert.equal(res.status, 422, JSON.stringify(res.body));
    assert.deepEqual(
      res.body.error.details?.map((d) => [d.line, d.column, d.code]),
      [
        [2, 'ordering_iban', 'iban_checksum'],
        [3, 'amount', 'negative_amount'],
        [3, 'beneficiary_iban', 'iban_length'],
        [4, 'currency', 'unknown_currency'],
      ],
    );
    assert.equal(await count(server, 'fiu_batches'), 0);
    assert.equal(await count(server, 'fiu_transactions'), 0);
  });

  test('a file above 20 MB is refused with 413 before it is read', async () => {
    const fiu = await loginAs(server, FIU, 'criminal_investigation');
    const huge = `${FIU_HEADER}\n${'x'.repeat(21 * 1024 * 1024)}`;
    const res = await fiu.request<ProblemBody>('POST', '/api/v1/feeds/fiu/batches?reference=HUGE', huge, csv);
    assert.equal(res.status, 413);
    assert.ok(res.body.error.message, JSON.stringify(res.body));
    assert.equal(await count(server, 'fiu_transactions'), 0);
  });

  test('an XLSX that unpacks far beyond its size (zip bomb) is refused with 413 while unpacking', async () => {
    const sheetXml = `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${'<row><c t="inlineStr"><is><t>x</t></is></c></row>'.repeat(10)}${' '.repeat(80 * 1024 * 1024)}</sheetData></worksheet>`;
    const bomb = zipSync({ 'xl/worksheets/sheet1.xml': strToU8(sheetXml) }, { level: 9 });
    assert.ok(bomb.length < 1024 * 1024);
    const fiu = await loginAs(server, FIU, 'criminal_investigation');
    const response = await fetch(`${server.url}/api/v1/feeds/fiu/batches?reference=BOMB`, {
      method: 'POST',
      headers: {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        cookie: fiu.cookie,
        'x-csrf-token': fiu.csrf,
        'x-ketenplein-purpose': 'criminal_investigation',
      },
      body: bomb,
    });
    assert.equal(response.status, 413);
    assert.equal(((await response.json()) as ProblemBody).error.code, 'xlsx_unpacked_too_large');
    assert.equal(await count(server, 'fiu_batches'), 0);
  });

  test('refusals: without the criminal-investigation purpose, or not an investigation service, 403 with the reason', async () => {
    const fiuWrongPurpose = await loginAs(server, FIU, 'administrative_enforcement');
    const refused = await fiuWrongPurpose.request<ProblemBody>(
      'POST',
      '/api/v1/feeds/fiu/batches?reference=R-1',
      FIU_CSV,
      csv,
    );
    assert.equal(refused.status, 403);
    assert.ok(refused.body.error.message.length > 10);
    const wav = await loginAs(server, 'wav@inspectie-szw.example', 'administrative_enforcement');
    assert.equal(
      (await wav.request('POST', '/api/v1/feeds/fiu/batches?reference=R-2', FIU_CSV, csv)).status,
      403,
    );
    assert.equal(await count(server, 'fiu_batches'), 0);
  });

  test('a valid batch becomes signals with reasons; triage scores them with the FIU indicators', async () => {
    const fiu = await loginAs(server, FIU, 'criminal_investigation');
    const res = await fiu.request<Upload>(
      'POST',
      '/api/v1/feeds/fiu/batches?reference=FIU-2026-0042',
      FIU_CSV,
      csv,
    );
    assert.equal(res.status, 201, JSON.stringify(res.body));
    upload = res.body;
    assert.equal(upload.batch.rowCount, 14);
    assert.equal(upload.batch.rulesVersion, 1);
    assert.deepEqual(upload.signals.map((s) => s.account).sort(), [MARIUS, DANA]);
    const marius = upload.signals.find((s) => s.account === MARIUS);
    assert.deepEqual(
      marius?.reasons.map((r) => r.rule),
      ['wages_pooled', 'rent_transport_for_others'],
    );
    assert.match(marius?.reasons[0].label.nl ?? '', /5 loonbetalingen .* van 3 werkgever/);
    // The same reference twice is refused.
    const again = await fiu.request<ProblemBody>(
      'POST',
      '/api/v1/feeds/fiu/batches?reference=FIU-2026-0042',
      FIU_CSV,
      csv,
    );
    assert.equal(again.status, 409);
    // Triage sees the signal with its indicators weighed (channel fiu) and the reasons in the narrative.
    const triage = await loginAs(server, TRIAGE, 'signal_assessment');
    const signal = await triage.get<Record<string, unknown>>(`/api/v1/signals/${marius?.signalId}`);
    assert.equal(signal.status, 200, JSON.stringify(signal.body));
    const text = JSON.stringify(signal.body);
    assert.match(text, /"channel":"fiu"/);
    assert.match(text, /om\.2c\.no_control_earnings/);
    assert.match(text, /om\.1a\.exploiter_arranges_housing/);
    assert.match(text, /loonbetalingen/);
    assert.ok(Number((signal.body as { score?: number }).score) >= 20, text.slice(0, 500));
    // FIU's batch list shows the signal count.
    const batches = await fiu.get<{ reference: string; signalCount: number }[]>('/api/v1/feeds/fiu/batches');
    assert.deepEqual(
      batches.body.map((b) => [b.reference, b.signalCount]),
      [['FIU-2026-0042', 2]],
    );
  });

  test('an XLSX batch is read like the CSV (dates and numbers as cells)', async () => {
    const records = readCsvRecords(FIU_CSV);
    const header = Object.keys(records[0]);
    // Amounts as number cells and dates as date cells, as Excel makes them.
    const data = [
      header,
      ...records.map((r) =>
        header.map((h) =>
          h === 'amount'
            ? Number(r[h])
            : h === 'date'
              ? { value: new Date(`${r[h]}T00:00:00Z`), format: 'yyyy-mm-dd' }
              : r[h] === ''
                ? null
                : `${h === 'reference' ? 'X' : ''}${r[h]}`,
        ),
      ),
    ];
    const file = await writeXlsxFile(data as never).toBuffer();
    const fiu = await loginAs(server, FIU, 'criminal_investigation');
    const response = await fetch(`${server.url}/api/v1/feeds/fiu/batches?reference=FIU-XLSX-1`, {
      method: 'POST',
      headers: {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        cookie: fiu.cookie,
        'x-csrf-token': fiu.csrf,
        'x-ketenplein-purpose': 'criminal_investigation',
      },
      body: new Uint8Array(file),
    });
    const body = (await response.json()) as Upload;
    assert.equal(response.status, 201, JSON.stringify(body));
    assert.equal(body.batch.rowCount, 14);
    assert.equal(body.signals.length, 2);
  });

  test('money flows for a signal and for a case: totals per edge, filters, CSV; each transaction an audited read', async () => {
    const police = await loginAs(server, INVESTIGATOR, 'criminal_investigation');
    const marius = upload.signals.find((s) => s.account === MARIUS)?.signalId;
    const flows = await police.get<Flows>(`/api/v1/feeds/fiu/flows?signalId=${marius}`);
    assert.equal(flows.status, 200, JSON.stringify(flows.body));
    const wages = flows.body.edges.find((e) => e.from === 'NL20INGB0001234567' && e.to === MARIUS);
    // Both batches hold the Agro Flex wages (CSV and XLSX): 2 × (1450 + 1380 + 1395.50).
    assert.deepEqual(
      [wages?.total, wages?.count, wages?.first, wages?.last],
      [8451, 6, '2026-10-02', '2026-10-16'],
    );
    assert.ok(flows.body.nodes.find((n) => n.id === MARIUS)?.focus);
    const filtered = await police.get<Flows>(
      `/api/v1/feeds/fiu/flows?signalId=${marius}&from=2026-10-10&to=2026-10-31&minAmount=1400`,
    );
    assert.deepEqual(
      [...new Set(filtered.body.transactions.map((t) => t.reference.replace(/^X/, '')))].sort(),
      ['T-04', 'T-07'],
    );
    const exported = await police.get<string>(`/api/v1/feeds/fiu/flows.csv?signalId=${marius}`);
    assert.equal(exported.status, 200);
    assert.match(exported.headers.get('content-type') ?? '', /text\/csv/);
    assert.match(
      String(exported.body),
      /^from_name,from_iban,to_name,to_iban,currency,total,count,first,last\r\n/,
    );
    assert.match(
      String(exported.body),
      /Agro Flex BV,NL20INGB0001234567,Marius Ionescu,NL91ABNA0417164300,EUR,8451\.00,6,2026-10-02,2026-10-16/,
    );

    // A case the police leads, holding Dana's IBAN: her cash deposits in three places are drawn.
    const opened = await police.post<{ id: string }>('/api/v1/cases', {
      title: 'Geldstromen Petrova',
      approaches: ['criminal'],
      identifiers: [{ kind: 'iban', value: 'NL93 RABO 0987 6543 21' }],
    });
    assert.equal(opened.status, 201, JSON.stringify(opened.body));
    const ofCase = await police.get<Flows>(`/api/v1/feeds/fiu/flows?caseId=${opened.body.id}`);
    assert.equal(ofCase.status, 200, JSON.stringify(ofCase.body));
    assert.deepEqual(ofCase.body.accounts, [DANA]);
    assert.deepEqual(
      ofCase.body.nodes
        .filter((n) => n.iban === null)
        .map((n) => n.name)
        .sort(),
      ['Contant (Den Haag)', 'Contant (Eindhoven)', 'Contant (Utrecht)'],
    );

    const audited = await sql<{ n: string }>`
      SELECT count(*) AS n FROM audit_log WHERE resource = 'fiu_transaction' AND action = 'read'`.execute(
      server.store.db,
    );
    assert.ok(Number(audited.rows[0].n) >= 4);
    const ids = await sql<{ ids: string[] }>`
      SELECT record_ids AS ids FROM audit_log WHERE resource = 'fiu_transaction' AND action = 'read' AND cardinality(record_ids) > 0 ORDER BY seq LIMIT 1`.execute(
      server.store.db,
    );
    assert.equal(ids.rows[0].ids.length, flows.body.transactions.length);
  });

  test('an IBAN links to the FIU signals it is in and the persons and companies that held it', async () => {
    const police = await loginAs(server, INVESTIGATOR, 'criminal_investigation');
    const res = await police.get<{
      iban: string;
      signals: { signalId: string; batch: string }[];
      holders: { name: string; birthDate: string | null; kvk: string | null }[];
      transactions: number;
      incoming: number;
      outgoing: number;
    }>('/api/v1/feeds/fiu/accounts/nl91%20abna%200417%201643%2000');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.iban, MARIUS);
    assert.deepEqual(res.body.signals.map((s) => s.batch).sort(), ['FIU-2026-0042', 'FIU-XLSX-1']);
    assert.deepEqual(res.body.holders, [{ name: 'Marius Ionescu', birthDate: '1985-04-12', kvk: null }]);
    assert.deepEqual([res.body.transactions, res.body.incoming, res.body.outgoing], [16, 10, 6]);
    const employer = await police.get<{ holders: { kvk: string | null }[]; signals: unknown[] }>(
      '/api/v1/feeds/fiu/accounts/NL20INGB0001234567',
    );
    assert.deepEqual(
      employer.body.holders.map((h) => h.kvk),
      ['34123456'],
    );
    const invalid = await police.get<ProblemBody>('/api/v1/feeds/fiu/accounts/NL91ABNA0417164301');
    assert.equal(invalid.status, 400);
    assert.equal(invalid.body.error.code, 'iban_checksum');
  });

  test('refusals for the flows: a triage analyst, an investigator under another purpose, the visa desk', async () => {
    const marius = upload.signals.find((s) => s.account === MARIUS)?.signalId;
    for (const [email, purpose] of [
      [TRIAGE, 'signal_assessment'],
      [INVESTIGATOR, 'case_consultation'],
      ['visum@bz.example', 'visa_screening'],
      [FIU, 'administrative_enforcement'],
    ] as const) {
      const client = await loginAs(server, email, purpose);
      const res = await client.get<ProblemBody>(`/api/v1/feeds/fiu/flows?signalId=${marius}`);
      assert.equal(res.status, 403, `${email} under ${purpose}: ${res.status}`);
      const account = await client.get<ProblemBody>(`/api/v1/feeds/fiu/accounts/${MARIUS}`);
      assert.equal(account.status, 403, `${email} under ${purpose}: ${account.status}`);
    }
    // Under RLS alone (no chain decision), an investigator's organisation sees no FIU row.
    const police = await loginAs(server, INVESTIGATOR, 'criminal_investigation');
    const none = await police.get<ProblemBody>('/api/v1/feeds/fiu/flows');
    assert.equal(none.status, 400);
  });
});
