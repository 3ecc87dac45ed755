import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { loginAs, startTestServer, type TestServer } from '../helpers/server.ts';
import { databaseLabel } from '../helpers/store.ts';

type ErrorBody = { error: { code: string; message: string; field?: string } };

/** Low findings of issue 10 closed in the second round. Each test failed on the code before its fix. */
describe(`security: low findings (2) on ${databaseLabel}`, () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  test("a 404 on another organisation's id leaves a denied audit entry naming the id", async () => {
    const admin = await loginAs(server, 'beheer@gemeente-amsterdam.example', 'administration');
    const other = await server.store.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'privacy@politie-amsterdam.example')
      .executeTakeFirstOrThrow();
    const response = await admin.get<ErrorBody>(`/api/v1/users/${other.id}`);
    assert.equal(response.status, 404);
    const entries = await server.store.db
      .selectFrom('audit_log')
      .selectAll()
      .where(sql<boolean>`record_ids @> ARRAY[${other.id}]::text[]`)
      .where('result', '=', 'denied')
      .execute();
    assert.equal(entries.length, 1, 'the probe is recorded once');
    assert.equal(entries[0]!.reason, 'not_found');
    assert.equal(entries[0]!.resource, 'user');
    assert.equal(entries[0]!.purpose, 'administration');
  });

  test('min_cell of the registrations preview is a server setting: the request field is refused', async () => {
    const analyst = await loginAs(server, 'analist@comensha.example', 'statistics');
    const path = '/api/v1/estimates/from-registrations';
    const relaxed = await analyst.post<ErrorBody>(path, { preview: true, min_cell: 1 });
    assert.equal(relaxed.status, 400, JSON.stringify(relaxed.body));
    assert.match(`${relaxed.body.error.field} ${relaxed.body.error.message}`, /min_cell/);
    // Without the field the request passes validation (the seeded world has no registrations to count;
    // test/api/estimate-registrations.test.ts checks the server's threshold on real ones).
    const normal = await analyst.post<ErrorBody>(path, { preview: true });
    assert.notEqual(normal.body.error?.field, 'min_cell');
  });
});
