import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CARE, orgIds, policeCase, referAndAccept, uploadCaseDocument } from '../helpers/cases.ts';
import { type ApiClient, loginAs, startTestServer, type TestServer } from '../helpers/server.ts';
import { databaseLabel } from '../helpers/store.ts';

type Result = { total: number; items: { id: string; reference: string; access_profile: string }[] };
type Problem = { error: { code: string; field?: string } };

const EML =
  'From: wijkagent@politie.example\r\nSubject: Verklaring\r\nDate: Mon, 30 Nov 2026 10:00:00 +0100\r\n\r\nDe getuige zag paspoorten in een kluis liggen.\r\n';

describe(`cases: full-text search within one's grants on ${databaseLabel}`, () => {
  let server: TestServer;
  let police: ApiClient;
  let care: ApiClient;
  let kmar: ApiClient;
  let a: string;
  let b: string;
  const search = (client: ApiClient, query: string) =>
    client.get<Result & Problem>(`/api/v1/case-search?${query}`);

  before(async () => {
    server = await startTestServer();
    const orgs = await orgIds(server);
    const first = await policeCase(server, 'Zoek');
    police = first.police;
    a = first.id;
    b = (await policeCase(server, 'Ander')).id;
    await police.post(`/api/v1/cases/${a}/tasks`, { title: 'Controle bij de nagelstudio' });
    assert.equal((await uploadCaseDocument(police, a, 'verklaring.eml', EML)).status, 201);
    care = await loginAs(server, CARE, 'care_coordination');
    await referAndAccept(
      police,
      a,
      orgs.get('Zorgcoördinatie Amsterdam-Amstelland')!,
      'care',
      'care_coordination',
      care,
    );
    kmar = await loginAs(server, 'melder@kmar.example', 'criminal_investigation');
  });
  after(() => server.close());

  test('Dutch stemming finds a case by title, summary, person, task and document text', async () => {
    // Stemmed with the Dutch configuration on both sides.
    const byTitle = await search(police, 'q=LOODS');
    assert.equal(byTitle.status, 200, JSON.stringify(byTitle.body));
    assert.ok(byTitle.body.items.some((c) => c.id === a));
    assert.ok(byTitle.body.items.some((c) => c.id === b));
    for (const q of [
      'opsporingsinformatie Zoek',
      'SuspectZoek',
      'nagelstudio',
      'paspoort kluis',
      'verklaring',
    ]) {
      const found = await search(police, `q=${encodeURIComponent(q)}`);
      assert.deepEqual(
        found.body.items.map((c) => c.id),
        [a],
        `"${q}" finds exactly the one case`,
      );
      assert.equal(found.body.total, 1);
    }
    const paged = await search(police, 'q=loods&limit=1&sort=oldest');
    assert.equal(paged.body.total, 2);
    assert.equal(paged.body.items.length, 1);
    assert.equal(paged.body.items[0].id, a);
    const page2 = await search(police, 'q=loods&limit=1&offset=1&sort=oldest');
    assert.equal(page2.body.items[0].id, b);
    assert.equal((await search(police, 'state=closed')).body.total, 0);
    assert.equal((await search(police, 'approach=care&q=loods')).body.total, 2);
    assert.equal((await search(police, 'approach=administrative')).body.total, 0);
    assert.equal((await search(police, 'from=2000-01-01&to=2000-12-31')).body.total, 0);
  });

  test('another organisation never finds the case; a recipient finds it only through the parts of its profile', async () => {
    const none = await search(kmar, 'q=loods');
    assert.equal(none.status, 200);
    assert.equal(none.body.total, 0, 'not even as a count');
    assert.deepEqual(none.body.items, []);
    // Care sees case A under the care profile: its title and the possible victim, not the suspect, the
    // summary, tasks or documents.
    assert.deepEqual(
      (await search(care, 'q=loods')).body.items.map((c) => c.id),
      [a],
    );
    assert.equal((await search(care, 'q=VictimZoek')).body.total, 1);
    for (const hidden of ['SuspectZoek', 'opsporingsinformatie', 'nagelstudio', 'kluis', 'VictimAnder']) {
      assert.equal(
        (await search(care, `q=${hidden}`)).body.total,
        0,
        `care finds the case through ${hidden}`,
      );
    }
  });

  test('a query without words, or a malformed filter, is refused naming the field', async () => {
    const empty = await search(police, `q=${encodeURIComponent('"" - ! de')}`);
    assert.equal(empty.status, 400);
    assert.equal(empty.body.error.field, 'q');
    const bad = await search(police, 'from=gisteren');
    assert.equal(bad.status, 400);
    assert.match(JSON.stringify(bad.body), /from/);
    // Quotes, OR and minus are query syntax, never an error.
    assert.equal((await search(police, `q=${encodeURIComponent('"loods" OR -kluis (')}`)).status, 200);
  });
});
