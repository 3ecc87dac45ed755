import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import * as OTPAuth from 'otpauth';
import { type AccessTx, withAccess } from '../../src/access/context.ts';
import { FieldCipher } from '../../src/access/secrets.ts';
import {
  authenticate,
  DEFAULT_SESSION_SETTINGS,
  endSessions,
  login,
  logout,
} from '../../src/access/sessions.ts';
import { changePassword, confirmTotp } from '../../src/server/account.ts';
import type { Store } from '../../src/store/connect.ts';
import { DEMO_PASSWORD } from '../../src/store/demo.ts';
import { actorOf, databaseLabel, openTestStore } from '../helpers/store.ts';

/**
 * Finding 10 of issue 10, the remainder: login and sessions no longer use the owner connection. They run
 * as the request role through SECURITY DEFINER functions (migration 0097); the credential ones answer only
 * in the signed authentication scope, so SQL injected into a request cannot reach them.
 */
describe(`security: login and sessions as the request role on ${databaseLabel}`, () => {
  let store: Store;
  /** The same database with an owner connection that fails on any use. */
  let withoutOwner: Store;
  const cipher = new FieldCipher(randomBytes(32));
  const victim = 'melder@kmar.example';
  let victimId = '';

  function asIntake<T>(work: (tx: AccessTx) => Promise<T>): Promise<T> {
    return actorOf(store, 'melder@gemeente-amsterdam.example').then((actor) =>
      withAccess(store, { actor, purpose: 'signal_intake' }, work),
    );
  }

  before(async () => {
    store = await openTestStore({ seed: true });
    victimId = (await actorOf(store, victim)).userId;
    const refuse = () => {
      throw new Error('the owner connection was used');
    };
    withoutOwner = { ...store, db: new Proxy(store.db, { get: refuse }) };
  });
  after(() => store.close());

  const injected = () => ({
    'reading a password hash by e-mail': sql`SELECT password_hash FROM ketenplein_auth_user(${victim})`,
    'reading a password hash by id': sql`SELECT ketenplein_auth_password_hash(${victimId}::uuid)`,
    'setting a password': sql`SELECT ketenplein_auth_set_password(${victimId}::uuid, 'x')`,
    'enrolling a second factor': sql`SELECT ketenplein_auth_set_totp(${victimId}::uuid, 'x', 1)`,
    'locking an account': sql`SELECT ketenplein_auth_reserve(${victimId}::uuid, 1, now() + interval '1 day', now())`,
    'starting a session': sql`SELECT ketenplein_auth_start_session(${victimId}::uuid, NULL, 'h', 'c', now(), now() + interval '1 day')`,
    'ending every session of a user': sql`SELECT ketenplein_auth_end_sessions(${victimId}::uuid, NULL)`,
  });
  for (const what of Object.keys(injected())) {
    test(`from a request, ${what} is refused`, async () => {
      const statement = injected()[what as keyof ReturnType<typeof injected>];
      await assert.rejects(
        asIntake((tx) => statement.execute(tx.db)),
        /reachable only from a signed authentication scope/,
      );
      // Forging the authentication purpose does not help: the signature does not fit it.
      await assert.rejects(
        asIntake(async (tx) => {
          await sql`SELECT set_config('ketenplein.purpose', 'ketenplein:authentication', true)`.execute(
            tx.db,
          );
          return statement.execute(tx.db);
        }),
        /reachable only from a signed authentication scope/,
      );
    });
  }

  test('from a request, the session token hashes (the right to a session) are not readable', async () => {
    await assert.rejects(
      asIntake((tx) => sql`SELECT token_hash FROM sessions`.execute(tx.db)),
      /permission denied/,
    );
    await assert.rejects(
      asIntake((tx) => sql`SELECT csrf_token FROM sessions`.execute(tx.db)),
      /permission denied/,
    );
  });

  test('nobody can ask for the authentication purpose in a request', async () => {
    const actor = await actorOf(store, 'melder@gemeente-amsterdam.example');
    await assert.rejects(
      withAccess(store, { actor, purpose: 'ketenplein:authentication' }, async () => 1),
      (error: Error & { statusCode?: number }) => error.statusCode === 403 || error.statusCode === 400,
    );
  });

  test('login, session lookup, password change, TOTP enrolment and logout never touch the owner connection', async () => {
    const email = 'zorgcoordinator@zorg-amsterdam.example';
    const wrong = login(withoutOwner, cipher, { email, password: 'wrong' });
    await assert.rejects(wrong, (error: Error & { code?: string }) => error.code === 'invalid_credentials');
    const first = await login(withoutOwner, cipher, { email, password: DEMO_PASSWORD });
    const second = await login(withoutOwner, cipher, { email, password: DEMO_PASSWORD });
    const seen = await authenticate(withoutOwner, first.token);
    assert.equal(seen?.user.email, email);
    assert.equal(seen?.csrfToken, first.csrfToken);
    const next = 'Een-ander-sterk-wachtwoord-2026';
    await changePassword(withoutOwner, first.user, { current: DEMO_PASSWORD, next }, first.token);
    assert.equal(await authenticate(withoutOwner, second.token), null, 'the other session ended');
    const secret = new OTPAuth.Secret({ size: 20 });
    const code = new OTPAuth.TOTP({ secret, digits: 6, period: 30 }).generate();
    await confirmTotp(withoutOwner, cipher, first.user.userId, {
      secret: secret.base32,
      code,
      password: next,
    });
    assert.equal((await authenticate(withoutOwner, first.token))?.user.totpEnabled, true);
    await logout(withoutOwner, first.token);
    assert.equal(await authenticate(withoutOwner, first.token), null);
    const third = await login(withoutOwner, cipher, {
      email,
      password: next,
      totp: new OTPAuth.TOTP({ secret, digits: 6, period: 30 }).generate({ timestamp: Date.now() + 30_000 }),
    });
    assert.equal(await endSessions(withoutOwner, third.user.userId), 1);
    // What the functions did is real: the owner sees the audit of it.
    const audited = await store.db
      .selectFrom('audit_log')
      .select(['action', 'result'])
      .where(sql<boolean>`record_ids @> ARRAY[${first.user.userId}]::text[]`)
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      audited.map((a) => `${a.action}:${a.result}`),
      [
        'login:denied',
        'login:allowed',
        'login:allowed',
        'change_password:allowed',
        'enable_totp:allowed',
        'login:allowed',
      ],
    );
  });

  test('Low: a session in steady use under a short idle limit is slid before it expires', async () => {
    const settings = { ...DEFAULT_SESSION_SETTINGS, idleMinutes: 1 };
    const session = await login(store, cipher, {
      email: 'analist@comensha.example',
      password: DEMO_PASSWORD,
    });
    const userId = session.user.userId;
    // As if logged in 20 s ago with a 1-minute idle limit and used every 10 s since.
    const now = Date.now();
    await store.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(now - 20_000), expires_at: new Date(now + 40_000) })
      .where('user_id', '=', userId)
      .execute();
    const used = await authenticate(store, session.token, settings);
    assert.ok(used);
    const row = await store.db
      .selectFrom('sessions')
      .select('expires_at')
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    assert.ok(
      row.expires_at.getTime() > now + 55_000,
      `slid to a full minute, not ${row.expires_at.toISOString()}`,
    );
    // Under the default 30 minutes, a use 20 s after the last slide writes nothing (not every read a write).
    const before = row.expires_at.getTime();
    await store.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - 20_000) })
      .where('user_id', '=', userId)
      .execute();
    await authenticate(store, session.token);
    const after = await store.db
      .selectFrom('sessions')
      .select('expires_at')
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    assert.equal(after.expires_at.getTime(), before);
  });
});
