import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { seedDemo } from '../../src/store/demo.ts';
import { ApiClient, loginAs, startTestServer, type TestServer } from '../helpers/server.ts';
import { databaseLabel, openTestStore } from '../helpers/store.ts';

type ErrorBody = { error: { code: string; message: string; field?: string } };

describe(`bad input on ${databaseLabel}`, () => {
  let server: TestServer;
  let admin: ApiClient;
  const userCount = async () => (await server.store.db.selectFrom('users').select('id').execute()).length;
  before(async () => {
    server = await startTestServer();
    admin = await loginAs(server, 'beheer@gemeente-amsterdam.example', 'administration');
  });
  after(() => server.close());

  test('malformed JSON, unknown fields, wrong types and oversize bodies get a 4xx naming the problem', async () => {
    const before = await userCount();
    const malformed = await admin.request<ErrorBody>('POST', '/api/v1/users', '{"email": "a@b.example",');
    assert.equal(malformed.status, 400);
    assert.equal(malformed.body.error.code, 'malformed_json');

    const unknown = await admin.post<ErrorBody>('/api/v1/users', {
      email: 'x@gemeente-amsterdam.example',
      name: 'X Y',
      roles: ['intake'],
      is_superuser: true,
    });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.error.field, 'is_superuser');

    const wrongType = await admin.post<ErrorBody>('/api/v1/users', {
      email: 'x@gemeente-amsterdam.example',
      name: 'X Y',
      roles: 'admin',
    });
    assert.equal(wrongType.status, 400);
    assert.equal(wrongType.body.error.field, 'roles');

    const badRole = await admin.post<ErrorBody>('/api/v1/users', {
      email: 'x@gemeente-amsterdam.example',
      name: 'X Y',
      roles: ['root'],
    });
    assert.equal(badRole.status, 400);
    assert.equal(badRole.body.error.field, 'roles.0');

    const badEmail = await admin.post<ErrorBody>('/api/v1/users', {
      email: 'not-an-email',
      name: 'X Y',
      roles: ['intake'],
    });
    assert.equal(badEmail.status, 400);
    assert.equal(badEmail.body.error.field, 'email');

    const shortPassword = await admin.post<ErrorBody>('/api/v1/users', {
      email: 'x@gemeente-amsterdam.example',
      name: 'X Y',
      roles: ['intake'],
      password: 'short',
    });
    assert.equal(shortPassword.status, 400);
    assert.equal(shortPassword.body.error.field, 'password');

    const huge = await admin.post<ErrorBody>('/api/v1/users', {
      email: 'x@y.example',
      name: 'x'.repeat(2 * 1024 * 1024),
      roles: ['intake'],
    });
    assert.equal(huge.status, 413);
    assert.equal(huge.body.error.code, 'payload_too_large');

    assert.equal(await userCount(), before, 'nothing partial was written');
    assert.equal((await admin.get('/api/v1/users')).status, 200, 'the server keeps serving');
  });

  test('a duplicate e-mail is a 409 naming the field, in the chosen language', async () => {
    const english = await admin.request<ErrorBody>(
      'POST',
      '/api/v1/users',
      { email: 'melder@gemeente-amsterdam.example', name: 'Dubbel', roles: ['intake'] },
      { 'accept-language': 'en' },
    );
    assert.equal(english.status, 409);
    assert.equal(english.body.error.field, 'email');
    assert.match(english.body.error.message, /already in use/);
    const dutch = await admin.post<ErrorBody>('/api/v1/users', {
      email: 'MELDER@gemeente-amsterdam.example',
      name: 'Dubbel',
      roles: ['intake'],
    });
    assert.equal(dutch.status, 409);
    assert.match(dutch.body.error.message, /al in gebruik/);
  });

  test('an unknown API path is a JSON 404; health reports the database and migration', async () => {
    const missing = await admin.get<ErrorBody>('/api/v1/nothing-here');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'not_found');
    const health = await new ApiClient(server.url).get<{ status: string; migration: string; kind: string }>(
      '/health',
    );
    assert.equal(health.status, 200);
    assert.equal(health.body.status, 'ok');
    assert.match(health.body.migration, /^\d{4}_/);
  });

  test('the OpenAPI document is served at /api/docs', async () => {
    const client = new ApiClient(server.url);
    const doc = await client.get<{ openapi: string; paths: Record<string, unknown> }>('/api/docs/json');
    assert.equal(doc.status, 200);
    assert.match(doc.body.openapi, /^3\./);
    assert.ok(doc.body.paths['/api/v1/users']);
    assert.ok(doc.body.paths['/api/v1/auth/login']);
    const page = await client.get<string>('/api/docs/');
    assert.equal(page.status, 200);
  });

  test('production refuses to seed demo users', async () => {
    const store = await openTestStore();
    try {
      await assert.rejects(seedDemo(store, { NODE_ENV: 'production' }), /production/);
      assert.equal((await store.db.selectFrom('users').select('id').execute()).length, 0);
    } finally {
      await store.close();
    }
  });
});
