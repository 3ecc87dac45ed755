import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as OTPAuth from 'otpauth';
import { DEMO_PASSWORD } from '../../src/store/demo.ts';
import { ApiClient, loginAs, startTestServer, type TestServer } from '../helpers/server.ts';
import { databaseLabel } from '../helpers/store.ts';

type ErrorBody = { error: { code: string; message: string; field?: string } };

describe(`login and sessions on ${databaseLabel}`, () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  test('a demo user logs in and sees who they are', async () => {
    const client = await loginAs(server, 'triage@politie-le.example');
    const me = await client.get<{
      user: { roles: string[]; organisation: { name: string } };
      purposes: string[];
    }>('/api/v1/auth/me');
    assert.equal(me.status, 200);
    assert.deepEqual(me.body.user.roles, ['triage']);
    assert.equal(me.body.user.organisation.name, 'Politie Landelijke Eenheid');
    assert.ok(me.body.purposes.includes('signal_assessment'));
  });

  test('the session cookie is httpOnly and SameSite=Strict', async () => {
    const client = new ApiClient(server.url);
    const response = await client.request('POST', '/api/v1/auth/login', {
      email: 'analist@comensha.example',
      password: 'Ketenplein-demo-2026',
    });
    const cookie = response.headers.get('set-cookie') ?? '';
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Strict/);
  });

  test('a wrong password and an unknown e-mail give the same answer', async () => {
    const client = new ApiClient(server.url);
    const wrong = await client.login('analist@comensha.example', 'not-the-password');
    const unknown = await client.login('nobody@nowhere.example', 'not-the-password');
    assert.equal(wrong.status, 401);
    assert.equal(unknown.status, 401);
    // Identical but for the request id, which names the request (server/metrics.ts), not the account.
    const withoutId = (body: unknown) => ({ ...(body as { error: object }).error, requestId: undefined });
    assert.deepEqual(withoutId(wrong.body), withoutId(unknown.body));
  });

  test('five failures lock the account, even for the right password', async () => {
    const client = new ApiClient(server.url);
    for (let i = 0; i < 5; i++) {
      assert.equal((await client.login('melder@opvang.example', `wrong-${i}`)).status, 401);
    }
    // Locked: the same answer as a wrong password, so the answer does not tell which accounts exist.
    const locked = await client.login('melder@opvang.example');
    assert.equal(locked.status, 401);
    assert.equal((locked.body as unknown as ErrorBody).error.code, 'invalid_credentials');
    const row = await server.store.db
      .selectFrom('users')
      .select('locked_until')
      .where('email', '=', 'melder@opvang.example')
      .executeTakeFirstOrThrow();
    assert.ok(row.locked_until && row.locked_until > new Date(), 'the account is locked');
    // An admin of another organisation cannot unlock it: the user is invisible to them.
    const admin = await loginAs(server, 'beheer@politie-amsterdam.example', 'administration');
    const users = await admin.get<{ id: string; email: string }[]>('/api/v1/users');
    assert.ok(!users.body.some((user) => user.email === 'melder@opvang.example'));
  });

  test('state-changing requests without the CSRF token are refused', async () => {
    const client = await loginAs(server, 'beheer@gemeente-amsterdam.example', 'administration');
    client.csrf = '';
    const response = await client.post('/api/v1/users', {
      email: 'nieuw@gemeente-amsterdam.example',
      name: 'Nieuwe Collega',
      roles: ['intake'],
    });
    assert.equal(response.status, 403);
    assert.equal((response.body as ErrorBody).error.code, 'csrf');
    client.csrf = 'forged-token-of-the-right-length-forged-token-xx';
    assert.equal((await client.post('/api/v1/auth/logout')).status, 403);
  });

  test('logout ends the session', async () => {
    const client = await loginAs(server, 'analist@comensha.example');
    assert.equal((await client.post('/api/v1/auth/logout')).status, 204);
    client.cookie = client.cookie || 'kp_session=stale';
    const me = await client.get<ErrorBody>('/api/v1/auth/me');
    assert.equal(me.status, 401);
    assert.equal(me.body.error.code, 'unauthenticated');
  });

  test('an expired session is refused', async () => {
    const client = await loginAs(server, 'zorgcoordinator@zorg-amsterdam.example');
    await server.store.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .execute();
    assert.equal((await client.get('/api/v1/auth/me')).status, 401);
  });

  test('TOTP as a second factor', async () => {
    const client = await loginAs(server, 'coordinator@gemeente-amsterdam.example');
    const setup = await client.post<{ secret: string; uri: string }>('/api/v1/auth/totp/setup');
    assert.equal(setup.status, 200);
    assert.match(setup.body.uri, /^otpauth:\/\/totp\/Ketenplein/);
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(setup.body.secret) });
    assert.equal(
      (
        await client.post('/api/v1/auth/totp/enable', {
          secret: setup.body.secret,
          code: '000000',
          password: DEMO_PASSWORD,
        })
      ).status,
      400,
    );
    assert.equal(
      (
        await client.post('/api/v1/auth/totp/enable', {
          secret: setup.body.secret,
          code: totp.generate(),
          password: DEMO_PASSWORD,
        })
      ).status,
      204,
    );

    const fresh = new ApiClient(server.url);
    const withoutCode = await fresh.login('coordinator@gemeente-amsterdam.example');
    assert.equal(withoutCode.status, 401);
    assert.equal((withoutCode.body as unknown as ErrorBody).error.code, 'totp_required');
    // The enrolment code is spent: it does not log in.
    const enrolmentCode = totp.generate();
    const spent = await fresh.login('coordinator@gemeente-amsterdam.example', undefined, enrolmentCode);
    assert.equal(spent.status, 401);
    assert.equal((spent.body as unknown as ErrorBody).error.code, 'totp_invalid');
    // The next step's code (within the one-step drift window) logs in, once.
    const next = totp.generate({ timestamp: Date.now() + 30_000 });
    const withCode = await fresh.login('coordinator@gemeente-amsterdam.example', undefined, next);
    assert.equal(withCode.status, 200);
    const replay = await new ApiClient(server.url).login(
      'coordinator@gemeente-amsterdam.example',
      undefined,
      next,
    );
    assert.equal(replay.status, 401, 'a code cannot be used twice');
    assert.equal((replay.body as unknown as ErrorBody).error.code, 'totp_invalid');
  });

  test('the login route is rate limited per address', async () => {
    const limited = await startTestServer({ loginRateLimit: 3 });
    try {
      const client = new ApiClient(limited.url);
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await client.login('x@y.example', 'nope')).status);
      assert.deepEqual(statuses, [401, 401, 401, 429, 429]);
    } finally {
      await limited.close();
    }
  });
});
