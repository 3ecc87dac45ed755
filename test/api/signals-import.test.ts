import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { importFile } from '../../bench/signals/import-file.ts';
import { type ApiClient, loginAs, startTestServer, type TestServer } from '../helpers/server.ts';
import { databaseLabel } from '../helpers/store.ts';

type ImportAnswer = { imported: { line: number; id: string }[]; rejected: { line: number; code: string }[] };
type Link = { id: string; kind: string; status: string; linkedSignalId: string };
type View = { score: number; triage: { reasons: { code: string; points: number }[] } };

/**
 * Imports that scale (issue 12, item 5): rows that share numbers are linked through the identifier, so
 * the stored rows grow with the file, not with the square of it; rows are written in batches, a row
 * that cannot be written leaves nothing, and the rows acknowledged stay when the file is sent again.
 */
describe(`bulk import at scale on ${databaseLabel}`, () => {
  let server: TestServer;
  let reporter: ApiClient;
  let triage: ApiClient;
  const count = async (table: 'signals' | 'signal_links' | 'signal_identifiers') =>
    Number(
      (
        await server.store.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const upload = (csv: string) =>
    reporter.request<ImportAnswer>('POST', '/api/v1/signals/import?filename=bestand.csv', csv, {
      'content-type': 'text/csv',
    });

  before(async () => {
    server = await startTestServer();
    reporter = await loginAs(server, 'melder@gemeente-amsterdam.example', 'signal_intake');
    triage = await loginAs(server, 'triage@politie-le.example', 'signal_assessment');
  });
  after(() => server.close());

  let ids: string[] = [];

  test('120 rows sharing one phone number and KvK store O(rows) link rows, not one per pair', async () => {
    const before = { links: await count('signal_links'), identifiers: await count('signal_identifiers') };
    const csv = importFile({ rows: 120, shareRate: 1, sharedNumbers: 1, seed: 7 });
    const answer = await upload(csv);
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    assert.equal(answer.body.imported.length, 120);
    ids = answer.body.imported.map((row) => row.id);
    // Pairwise this was 120 × 119 / 2 = 7,140 rows per shared kind; now at most a few per row.
    const links = (await count('signal_links')) - before.links;
    const identifiers = (await count('signal_identifiers')) - before.identifiers;
    assert.ok(links <= 120 * 3, `link rows: ${links}`);
    assert.ok(identifiers <= 120 * 10, `identifier rows: ${identifiers}`);
    // The links are still there for triage, derived from the shared identifiers.
    const listed = await triage.get<Link[]>(`/api/v1/signals/${ids[5]}/links`);
    assert.equal(listed.status, 200);
    const byKind = (kind: string) =>
      new Set(listed.body.filter((l) => l.kind === kind).map((l) => l.linkedSignalId));
    assert.equal(byKind('phone').size, 119);
    assert.equal(byKind('kvk').size, 119);
    // And they count in the score of the later rows, as at intake of one signal.
    const last = await triage.get<View>(`/api/v1/signals/${ids[119]}`);
    assert.ok(last.body.triage.reasons.some((r) => r.code === 'link.phone' && r.points > 0));
  });

  test('a derived link is confirmed and rejected like a stored one, from either side', async () => {
    const listed = await triage.get<Link[]>(`/api/v1/signals/${ids[0]}/links`);
    const phone = listed.body.find((l) => l.kind === 'phone' && l.linkedSignalId === ids[1])!;
    const fromOther = await triage.get<Link[]>(`/api/v1/signals/${ids[1]}/links`);
    assert.equal(fromOther.body.find((l) => l.kind === 'phone' && l.linkedSignalId === ids[0])?.id, phone.id);
    const rejected = await triage.post<{ status: string; rescored: unknown[] }>(
      `/api/v1/signals/${ids[1]}/links/${phone.id}`,
      { status: 'rejected' },
    );
    assert.equal(rejected.status, 200, JSON.stringify(rejected.body));
    assert.equal(rejected.body.rescored.length, 2);
    const again = await triage.get<Link[]>(`/api/v1/signals/${ids[0]}/links`);
    const same = again.body.filter((l) => l.kind === 'phone' && l.linkedSignalId === ids[1]);
    assert.deepEqual(
      same.map((l) => [l.id, l.status]),
      [[phone.id, 'rejected']],
    );
    const confirmed = await triage.post<{ status: string }>(`/api/v1/signals/${ids[0]}/links/${phone.id}`, {
      status: 'confirmed',
    });
    assert.equal(confirmed.body.status, 'confirmed');
    const network = await triage.get<{ links: { link: { kind: string } }[] }>(
      `/api/v1/signals/${ids[0]}/network`,
    );
    assert.deepEqual(
      network.body.links.map((l) => l.link.kind),
      ['phone'],
    );
  });

  test('sending the same file again keeps the acknowledged rows and doubles none', async () => {
    const signals = await count('signals');
    const csv = importFile({ rows: 120, shareRate: 1, sharedNumbers: 1, seed: 7 });
    const answer = await upload(csv);
    assert.equal(answer.status, 201);
    assert.deepEqual(
      answer.body.imported.map((row) => row.id),
      ids,
    );
    assert.equal(await count('signals'), signals);
  });

  test('a row the database refuses is reported and leaves nothing; the other rows are stored', async () => {
    // A real refusal from the database (no mock): a trigger that refuses one company's row.
    await sql`CREATE FUNCTION refuse_test_company() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.name = 'Uitzendbureau 1 BV' THEN RAISE EXCEPTION 'refused for the test'; END IF; RETURN NEW; END $$`.execute(
      server.store.db,
    );
    await sql`CREATE TRIGGER refuse_test_company BEFORE INSERT ON signal_companies
      FOR EACH ROW EXECUTE FUNCTION refuse_test_company()`.execute(server.store.db);
    try {
      const signals = await count('signals');
      const csv = importFile({ rows: 60, shareRate: 0.5, sharedNumbers: 3, seed: 8, tag: 'Geweigerd' });
      const refusedLines = csv
        .split('\n')
        .map((line, index) => ({ line, number: index + 1 }))
        .filter(({ line }) => line.includes('Uitzendbureau 1 BV'))
        .map(({ number }) => number);
      assert.ok(refusedLines.length > 0);
      const answer = await upload(csv);
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      assert.deepEqual(
        answer.body.rejected.map((r) => r.line).sort((a, b) => a - b),
        refusedLines,
      );
      assert.ok(answer.body.rejected.every((r) => r.code === 'not_stored'));
      assert.equal(answer.body.imported.length, 60 - refusedLines.length);
      assert.equal(await count('signals'), signals + 60 - refusedLines.length);
      // Nothing of a refused row: no signal with its text, and no orphan persons or identifiers.
      const texts = refusedLines.map((line) => `Geweigerd ${line - 1} uit het bestand`);
      const orphans = await server.store.db
        .selectFrom('signals')
        .select('id')
        .where('narrative', 'in', texts)
        .execute();
      assert.deepEqual(orphans, []);
      const dangling = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM signal_persons p WHERE NOT EXISTS (SELECT 1 FROM signals s WHERE s.id = p.signal_id)`.execute(
        server.store.db,
      );
      assert.equal(dangling.rows[0].n, 0);
    } finally {
      await sql`DROP TRIGGER refuse_test_company ON signal_companies`.execute(server.store.db);
      await sql`DROP FUNCTION refuse_test_company()`.execute(server.store.db);
    }
  });
});
