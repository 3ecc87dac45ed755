import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
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

  test('the CSRF token is stored only as a hash; the stored value is no CSRF token', async () => {
    const admin = await loginAs(server, 'beheer@gemeente-amsterdam.example', 'administration');
    assert.ok(admin.csrf.length >= 32);
    const user = await server.store.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'beheer@gemeente-amsterdam.example')
      .executeTakeFirstOrThrow();
    const stored = await server.store.db
      .selectFrom('sessions')
      .select('csrf_token')
      .where('user_id', '=', user.id)
      .execute();
    assert.ok(stored.length >= 1);
    const hash = createHash('sha256').update(admin.csrf).digest('hex');
    assert.ok(stored.every((row) => row.csrf_token !== admin.csrf));
    assert.ok(stored.some((row) => row.csrf_token === hash));
    // Someone who read the sessions table cannot use what is there as the CSRF token.
    const real = admin.csrf;
    admin.csrf = stored.find((row) => row.csrf_token === hash)!.csrf_token;
    const forged = await admin.post<ErrorBody>('/api/v1/auth/logout-everywhere', {});
    assert.equal(forged.status, 403);
    assert.equal(forged.body.error.code, 'csrf');
    admin.csrf = real;
    const me = await admin.get<{ csrfToken: string }>('/api/v1/auth/me');
    assert.equal(me.status, 200);
    assert.equal(me.body.csrfToken, real, 'the page still gets its token after a reload');
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
