import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { WAV_CSV } from '../../src/feeds/fixtures.ts';
import { loginAs, startTestServer, type TestServer } from '../helpers/server.ts';
import { databaseLabel } from '../helpers/store.ts';

const CONTACT = 'Inspectie SZW, team Wav-signalen, wav-signalen@inspectie-szw.example';

interface Problem {
  error: {
    code: string;
    field?: string;
    message: string;
    details?: { line: number; column: string; code: string; message: string }[];
  };
}

describe(`feeds: publishing the Wav dataset on ${databaseLabel}`, () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    await server.close();
  });

  const countEntries = async () =>
    Number(
      (await sql<{ n: string }>`SELECT count(*) AS n FROM wav_entries`.execute(server.store.db)).rows[0].n,
    );

  test("a CSV upload becomes version 1, kept with its publisher; the rows are the Inspectie's to read", async () => {
    const wav = await loginAs(server, 'wav@inspectie-szw.example', 'administrative_enforcement');
    const published = await wav.request<{
      id: string;
      version: number;
      rowCount: number;
      publishedBy: string;
      contactPoint: string;
    }>(
      'POST',
      `/api/v1/feeds/wav/versions/upload?contactPoint=${encodeURIComponent(CONTACT)}&retentionMonths=36`,
      WAV_CSV,
      { 'content-type': 'text/csv' },
    );
    assert.equal(published.status, 201, JSON.stringify(published.body));
    assert.equal(published.body.version, 1);
    assert.equal(published.body.rowCount, 2);
    const second = await wav.post<{ version: number }>('/api/v1/feeds/wav/versions', {
      contactPoint: CONTACT,
      rows: [
        {
          id: 'WAV-3',
          kvk: '34567890',
          name: 'Kaya Uitzend B.V.',
          postcode: '9711AB',
          houseNumber: '1',
          finedOn: '2025-05-01',
          irrevocableOn: '2025-09-01',
        },
      ],
    });
    assert.equal(second.status, 201);
    assert.equal(second.body.version, 2);
    const versions = await wav.get<{ version: number; publishedBy: string; source: string }[]>(
      '/api/v1/feeds/wav/versions',
    );
    assert.deepEqual(
      versions.body.map((v) => [v.version, v.source]),
      [
        [2, 'api'],
        [1, 'csv'],
      ],
    );
    assert.ok(versions.body.every((v) => v.publishedBy === published.body.publishedBy));
    const entries = await wav.get<{ reference: string; postcode: string; expiresOn: string }[]>(
      `/api/v1/feeds/wav/versions/${published.body.id}/entries`,
    );
    assert.deepEqual(
      entries.body.map((e) => e.reference),
      ['WAV-1', 'WAV-2'],
    );
    assert.equal(entries.body[0].postcode, '1234AB');
    assert.equal(entries.body[0].expiresOn, '2029-03-01');
  });

  test('bad rows: a problem per row and field, and nothing written', async () => {
    const wav = await loginAs(server, 'wav@inspectie-szw.example', 'administrative_enforcement');
    const before = await countEntries();
    const future = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
    const csv = `id,kvk,name,postcode,house_number,fined_on,irrevocable_on
OK-1,45678901,Goed Bedrijf BV,1234AB,1,2025-01-01,2025-03-01
BAD-1,1234567,Fout KvK BV,1234AB,2,2025-01-01,2025-03-01
BAD-2,56789012,Nog Niet Onherroepelijk BV,1234AB,3,2025-01-01,
BAD-3,67890123,Toekomst BV,12AB,4,${future},${future}
`;
    const refused = await wav.request<Problem>(
      'POST',
      `/api/v1/feeds/wav/versions/upload?contactPoint=${encodeURIComponent(CONTACT)}`,
      csv,
      { 'content-type': 'text/csv', 'accept-language': 'en' },
    );
    assert.equal(refused.status, 422);
    assert.equal(refused.body.error.code, 'invalid_rows');
    const details = refused.body.error.details ?? [];
    const at = (line: number) => details.filter((d) => d.line === line).map((d) => `${d.column}:${d.code}`);
    assert.deepEqual(at(2), []);
    assert.deepEqual(at(3), ['kvk:invalid_kvk']);
    assert.deepEqual(at(4), ['irrevocable_on:not_irrevocable']);
    assert.deepEqual(at(5), [
      'postcode:invalid_postcode',
      'fined_on:future_date',
      'irrevocable_on:not_irrevocable',
    ]);
    assert.match(details[0].message, /8 digits/);
    assert.equal(await countEntries(), before);
    const versions = await wav.get<unknown[]>('/api/v1/feeds/wav/versions');
    assert.ok(versions.body.every((v) => (v as { rowCount: number }).rowCount !== 4));
  });

  test("only the Inspectie's publisher publishes; the visa desk and the FIU get 403 with the reason", async () => {
    const desk = await loginAs(server, 'visum@bz.example', 'visa_screening');
    const refused = await desk.post<Problem>('/api/v1/feeds/wav/versions', {
      contactPoint: CONTACT,
      rows: [{ id: 'X', kvk: '12345678', name: 'X', finedOn: '2025-01-01', irrevocableOn: '2025-02-01' }],
    });
    assert.equal(refused.status, 403);
    assert.ok(refused.body.error.message.length > 0);
    assert.equal((await desk.get('/api/v1/feeds/wav/versions')).status, 403);
    const fiu = await loginAs(server, 'aanlevering@fiu.example', 'administrative_enforcement');
    assert.equal((await fiu.get('/api/v1/feeds/wav/versions')).status, 403);
  });
});
