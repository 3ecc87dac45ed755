import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type ApiClient, loginAs, startTestServer, type TestServer } from '../helpers/server.ts';
import { databaseLabel } from '../helpers/store.ts';

type ErrorBody = { error: { code: string; message: string; field?: string } };

/** Issue 19 item 5: a refused request is answered in the user's language, with no zod text, type or code. */
describe(`validation errors in the user's language on ${databaseLabel}`, () => {
  let server: TestServer;
  let admin: ApiClient;
  before(async () => {
    server = await startTestServer();
    admin = await loginAs(server, 'beheer@gemeente-amsterdam.example', 'administration');
  });
  after(() => server.close());

  const RAW = /Invalid input|expected|Expected type|Verwacht type|string|number|array|roles|email|:/;

  test('a wrong type, a missing field and a bad format and a value outside the list each get a reason, the field apart', async () => {
    const cases: [body: unknown, field: string, nl: string, en: string][] = [
      [
        { email: 'x@gemeente-amsterdam.example', name: 'X Y', roles: 'admin' },
        'roles',
        'Verwacht een lijst',
        'Expected a list',
      ],
      [
        { email: 'x@gemeente-amsterdam.example', roles: ['intake'] },
        'name',
        'Verplicht veld ontbreekt',
        'Required field is missing',
      ],
      [
        { email: 'x@gemeente-amsterdam.example', name: 7, roles: ['intake'] },
        'name',
        'Verwacht tekst',
        'Expected text',
      ],
      [
        { email: 'x@gemeente-amsterdam.example', name: 'X Y', roles: ['root'] },
        'roles.0',
        'Kies een van de mogelijke waarden',
        'Choose one of the options',
      ],
    ];
    for (const [body, field, nl, en] of cases) {
      const dutch = await admin.post<ErrorBody>('/api/v1/users', body);
      assert.equal(dutch.status, 400);
      assert.equal(dutch.body.error.field, field);
      assert.equal(dutch.body.error.message, nl);
      assert.doesNotMatch(dutch.body.error.message, RAW);
      const english = await admin.request<ErrorBody>('POST', '/api/v1/users', body, {
        'accept-language': 'en',
      });
      assert.equal(english.body.error.message, en);
    }
  });
});
