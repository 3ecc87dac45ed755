import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { WAV_CSV } from '../../src/feeds/fixtures.ts';
import { loginAs, startTestServer, type TestServer } from '../helpers/server.ts';
import { databaseLabel } from '../helpers/store.ts';

const CONTACT = 'Inspectie SZW, team Wav-signalen, wav-signalen@inspectie-szw.example';

interface DeskResult {
  applicationRef: string;
  verdict: 'hit' | 'possible' | 'none';
  score: number | null;
  reasons: string[];
  contact: { organisation: string; contactPoint: string; reference: string } | null;
}

describe(`feeds: the visa desk screens referents on ${databaseLabel}`, () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
    const wav = await loginAs(server, 'wav@inspectie-szw.example', 'administrative_enforcement');
    const published = await wav.request(
      'POST',
      `/api/v1/feeds/wav/versions/upload?contactPoint=${encodeURIComponent(CONTACT)}`,
      WAV_CSV,
      { 'content-type': 'text/csv' },
    );
    assert.equal(published.status, 201);
  });
  after(async () => {
    await server.close();
  });

  test('a CSV batch: De Vries hits with only the contact point, Vries Bouwmaterialen does not; in input order', async () => {
    const desk = await loginAs(server, 'visum@bz.example', 'visa_screening');
    const csv = `id,referent_name,referent_kvk,street,house_number,postcode,city
V-1,Bouwbedrijf De Vries B.V.,,Dorpsstraat,12,1234AB,Utrecht
V-2,Vries Bouwmaterialen VOF,,Industrieweg,4,1234AC,Utrecht
V-3,Iets Heel Anders,23456789,,,,
`;
    const res = await desk.request<{ results: DeskResult[] }>('POST', '/api/v1/feeds/screenings/batch', csv, {
      'content-type': 'text/csv',
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const [a, b, c] = res.body.results;
    assert.deepEqual(
      res.body.results.map((r) => [r.applicationRef, r.verdict]),
      [
        ['V-1', 'hit'],
        ['V-2', 'none'],
        ['V-3', 'hit'],
      ],
    );
    assert.deepEqual(a.contact, {
      organisation: a.contact?.organisation,
      contactPoint: CONTACT,
      reference: 'WAV-1',
    });
    assert.match(a.contact?.organisation ?? '', /Inspectie|Arbeidsinspectie/i);
    assert.equal(b.contact, null);
    assert.equal(c.contact?.reference, 'WAV-2');
    // Never the dataset: no name, KvK number, address or date of an entry anywhere in the answer.
    const text = JSON.stringify(res.body);
    for (const secret of [
      'De Vries Bouw',
      'Schoonmaakbedrijf',
      '12345678',
      'Dorpsstraat',
      'Kerkweg',
      '2026-03-01',
      'Jansen Clean',
    ]) {
      assert.ok(!text.includes(secret), `answer reveals ${secret}`);
    }
    // The desk sees its own screenings, the audit chain has each screening and each disclosed reference.
    const mine =
      await desk.get<{ applicationRef: string; verdict: string; reference: string | null }[]>(
        '/api/v1/feeds/screenings',
      );
    assert.deepEqual(mine.body.map((s) => s.applicationRef).sort(), ['V-1', 'V-2', 'V-3']);
    const audited = await sql<{ resource: string; action: string; record_ids: string[] }>`
      SELECT resource, action, record_ids FROM audit_log WHERE resource IN ('visa_screening', 'wav_entry') AND action IN ('create', 'search')`.execute(
      server.store.db,
    );
    const searched = audited.rows.filter((r) => r.resource === 'wav_entry' && r.action === 'search');
    assert.deepEqual(searched.flatMap((r) => r.record_ids).sort(), ['WAV-1', 'WAV-2']);
    assert.equal(
      audited.rows.filter((r) => r.resource === 'visa_screening').flatMap((r) => r.record_ids).length,
      3,
    );
  });

  test('one application as JSON; the desk cannot read the dataset itself', async () => {
    const desk = await loginAs(server, 'visum@bz.example', 'visa_screening');
    const one = await desk.post<{ results: DeskResult[] }>('/api/v1/feeds/screenings', {
      applications: [
        {
          id: 'J-1',
          referentName: 'Jansen Cleen',
          postcode: '3511 AA',
          houseNumber: '3',
          contactPerson: 'M. Jansen',
        },
      ],
    });
    assert.equal(one.status, 200);
    assert.equal(one.body.results[0].verdict, 'hit');
    assert.equal(one.body.results[0].contact?.reference, 'WAV-2');
    assert.ok(one.body.results[0].reasons.some((r) => r.includes('postcode')));
    assert.equal((await desk.get('/api/v1/feeds/wav/versions')).status, 403);
  });

  test('refusals: screening without the visa purpose or role is 403 with the reason; bad input 400', async () => {
    const body = { applications: [{ id: 'R-1', referentName: 'Bouwbedrijf De Vries' }] };
    const wav = await loginAs(server, 'wav@inspectie-szw.example', 'administrative_enforcement');
    const byPublisher = await wav.post<{ error: { code: string; message: string } }>(
      '/api/v1/feeds/screenings',
      body,
    );
    assert.equal(byPublisher.status, 403);
    const noPurpose = await loginAs(server, 'visum@bz.example');
    const refused = await noPurpose.post<{ error: { code: string; message: string } }>(
      '/api/v1/feeds/screenings',
      body,
    );
    assert.equal(refused.status, 403);
    assert.ok(refused.body.error.message.length > 0);
    const investigator = await loginAs(
      server,
      'rechercheur@politie-amsterdam.example',
      'criminal_investigation',
    );
    assert.equal((await investigator.post('/api/v1/feeds/screenings', body)).status, 403);
    const desk = await loginAs(server, 'visum@bz.example', 'visa_screening');
    const bad = await desk.post<{ error: { field: string } }>('/api/v1/feeds/screenings', {
      applications: [{ id: 'X' }],
    });
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.field, /referentName/);
    const before = await sql<{
      n: string;
    }>`SELECT count(*) AS n FROM visa_screenings WHERE application_ref = 'R-1'`.execute(server.store.db);
    assert.equal(Number(before.rows[0].n), 0);
  });

  test('a referent whose earlier visas were misused reaches triage as a labour signal with the company', async () => {
    const desk = await loginAs(server, 'visum@bz.example', 'visa_screening');
    const made = await desk.post<{ id: string; state: string }>('/api/v1/feeds/referent-reports', {
      referentName: 'Kaya Uitzend B.V.',
      referentKvk: '34567890',
      postcode: '9711AB',
      houseNumber: '1',
      city: 'Groningen',
      account: 'Drie visa voor seizoenswerk; de werknemers werkten elders in de vleesverwerking.',
      applicationRefs: ['V-2025-17'],
    });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    const triage = await loginAs(server, 'triage@politie-le.example', 'signal_assessment');
    const queue = await triage.get<{ id: string }[]>('/api/v1/signals?queue=triage');
    assert.equal(queue.status, 200);
    assert.ok(
      queue.body.some((s) => s.id === made.body.id),
      'in the triage queue',
    );
    const stored = await sql<{ forms: string[]; narrative: string; name: string }>`
      SELECT s.forms, s.narrative, c.name FROM signals s JOIN signal_companies c ON c.signal_id = s.id
      WHERE s.id = ${made.body.id}`.execute(server.store.db);
    assert.deepEqual(stored.rows[0].forms, ['labour']);
    assert.match(stored.rows[0].narrative, /vleesverwerking/);
    assert.equal(stored.rows[0].name, 'Kaya Uitzend B.V.');
    const wav = await loginAs(server, 'wav@inspectie-szw.example', 'administrative_enforcement');
    assert.equal(
      (
        await wav.post('/api/v1/feeds/referent-reports', {
          referentName: 'X',
          account: 'te kort maar genoeg',
        })
      ).status,
      403,
    );
  });
});
