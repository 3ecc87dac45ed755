import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import * as OTPAuth from 'otpauth';
import { importFile } from '../../bench/signals/import-file.ts';
import { CHAIN_WIDE_ROLES } from '../../src/access/role-grants.ts';
import { runCli } from '../../src/cli/main.ts';
import { signalRules } from '../../src/signals/grants.ts';
import { DEMO_PASSWORD } from '../../src/store/demo.ts';
import { ApiClient, loginAs, startTestServer, type TestServer } from '../helpers/server.ts';
import { databaseLabel } from '../helpers/store.ts';
import { postJson, sibling } from './helpers.ts';

type ErrorBody = { error: { code: string; message: string; field?: string } };

/** Attacks over HTTP from issue 10 (findings 1–3), each asserting the refusal. */
describe(`security: attacks over HTTP on ${databaseLabel}`, () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  async function userId(email: string): Promise<string> {
    const row = await server.store.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    return row.id;
  }

  describe('1. role escalation', () => {
    test('an admin cannot give itself triage, nor change its own roles at all', async () => {
      const admin = await loginAs(server, 'beheer@gemeente-amsterdam.example', 'administration');
      const self = await userId('beheer@gemeente-amsterdam.example');
      const escalate = await admin.patch<ErrorBody>(`/api/v1/users/${self}`, { roles: ['admin', 'triage'] });
      assert.equal(escalate.status, 403);
      assert.equal(escalate.body.error.code, 'role_grant_refused');
      assert.equal(escalate.body.error.field, 'roles');
      const add = await admin.patch<ErrorBody>(`/api/v1/users/${self}`, { roles: ['admin', 'intake'] });
      assert.equal(add.status, 403, 'even a harmless role: an admin never changes its own roles');
      // The attack's goal, all signals of the chain, stays out of reach.
      const triage = new ApiClient(server.url);
      await triage.login('beheer@gemeente-amsterdam.example');
      triage.purpose = 'signal_assessment';
      assert.equal((await triage.get('/api/v1/signals?queue=triage')).status, 403);
    });

    test('an admin cannot give a colleague a chain-wide role, or one that does not fit the organisation', async () => {
      const admin = await loginAs(server, 'beheer@gemeente-amsterdam.example', 'administration');
      const colleague = await userId('melder@gemeente-amsterdam.example');
      const triage = await admin.patch<ErrorBody>(`/api/v1/users/${colleague}`, {
        roles: ['intake', 'triage'],
      });
      assert.equal(triage.status, 403);
      assert.match(triage.body.error.message, /triage/);
      const investigator = await admin.patch<ErrorBody>(`/api/v1/users/${colleague}`, {
        roles: ['investigator'],
      });
      assert.equal(investigator.status, 403);
      assert.match(investigator.body.error.message, /investigator.*municipality/);
      const created = await admin.post<ErrorBody>('/api/v1/users', {
        email: 'nieuw-triage@gemeente-amsterdam.example',
        name: 'Nieuwe Triagist',
        roles: ['triage'],
        password: DEMO_PASSWORD,
      });
      assert.equal(created.status, 403);
      // A police unit's own admin cannot hand out chain-wide triage either.
      const police = await loginAs(server, 'beheer@politie-amsterdam.example', 'administration');
      const detective = await userId('rechercheur@politie-amsterdam.example');
      assert.equal(
        (await police.patch(`/api/v1/users/${detective}`, { roles: ['investigator', 'triage'] })).status,
        403,
      );
    });

    test('an allowed role change is audited with before and after', async () => {
      const admin = await loginAs(server, 'beheer@gemeente-amsterdam.example', 'administration');
      const colleague = await userId('coordinator@gemeente-amsterdam.example');
      const changed = await admin.patch(`/api/v1/users/${colleague}`, {
        roles: ['municipal_coordinator', 'intake'],
      });
      assert.equal(changed.status, 200);
      const entry = await server.store.db
        .selectFrom('audit_log')
        .select(['action', 'fields', 'reason'])
        .where(sql<boolean>`record_ids @> ARRAY[${colleague}]::text[]`)
        .where('action', '=', 'update')
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow();
      assert.ok(entry.fields.includes('roles'));
      assert.equal(entry.reason, 'roles: municipal_coordinator -> intake,municipal_coordinator');
    });

    test('the platform administrator (CLI) grants a chain-wide role where it fits, audited before/after', async () => {
      const lines: string[] = [];
      const io = {
        stdout: (t: string) => lines.push(t),
        stderr: (t: string) => lines.push(t),
        lang: 'en' as const,
        interactive: false,
      };
      const unfit = ['user', 'roles', '--email', 'melder@gemeente-amsterdam.example', '--roles', 'triage'];
      assert.notEqual(await runCli(unfit, io, server.store), 0, 'triage does not fit a municipality');
      assert.match(lines.join(''), /does not fit an organisation of type municipality/);
      const fits = [
        'user',
        'roles',
        '--email',
        'inspecteur@inspectie-szw.example',
        '--roles',
        'investigator,triage',
      ];
      assert.equal(await runCli(fits, io, server.store), 0, lines.join(''));
      const id = await userId('inspecteur@inspectie-szw.example');
      const entry = await server.store.db
        .selectFrom('audit_log')
        .select(['role', 'reason'])
        .where(sql<boolean>`record_ids @> ARRAY[${id}]::text[]`)
        .where('action', '=', 'update')
        .executeTakeFirstOrThrow();
      assert.deepEqual(entry, {
        role: 'cli:user roles',
        reason: 'roles: investigator -> investigator,triage',
      });
    });

    test('every role with a chain-wide rule that discloses personal fields is a chain-wide role', () => {
      const chainWide = signalRules
        .filter((rule) => rule.rows.chain === true && rule.resource === 'signal')
        .flatMap((rule) => rule.roles);
      for (const role of chainWide) assert.ok((CHAIN_WIDE_ROLES as readonly string[]).includes(role), role);
    });
  });

  describe('2. anonymous resource exhaustion', () => {
    test('an anonymous signal is refused without validation details', async () => {
      const response = await postJson(`${server.url}/api/v1/signals`, { bogus: true });
      assert.equal(response.status, 401);
      assert.equal(response.body.error?.code, 'unauthenticated');
      assert.equal(response.body.error?.field, undefined);
    });

    test('an anonymous 90 MB upload is refused before its body is sent', async () => {
      const round = '00000000-0000-4000-8000-000000000000';
      const status = await new Promise<number>((resolve, reject) => {
        const url = new URL(`${server.url}/api/v1/estimation-rounds/${round}/lists/a`);
        const req = httpRequest(
          {
            method: 'PUT',
            host: url.hostname,
            port: url.port,
            path: url.pathname,
            headers: { 'content-type': 'application/x-ndjson', 'content-length': String(90 * 1024 * 1024) },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
            req.destroy();
          },
        );
        req.on('error', (error) => {
          if (!(error as NodeJS.ErrnoException).code?.startsWith('ECONNRESET')) reject(error);
        });
        // Only the first 64 KB: a server that reads the body before refusing never answers.
        req.write(Buffer.alloc(64 * 1024, 0x61));
        setTimeout(() => {
          req.destroy();
          reject(new Error('no answer before the body was complete'));
        }, 5000).unref();
      });
      assert.equal(status, 401);
    });

    test('an anonymous XLSX import is refused unread, and /health keeps answering', async () => {
      const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      const upload = fetch(`${server.url}/api/v1/signals/import`, {
        method: 'POST',
        headers: { 'content-type': xlsx },
        body: Buffer.alloc(1024 * 1024, 0x50),
      });
      const health = await fetch(`${server.url}/health`, { signal: AbortSignal.timeout(2000) });
      assert.equal(health.status, 200);
      const refused = await upload;
      assert.equal(refused.status, 401);
      assert.equal(((await refused.json()) as ErrorBody).error.code, 'unauthenticated');
    });

    test('a long import does not hold the only connection: another user is served while it writes', async () => {
      const reporter = await loginAs(server, 'melder@opvang.example', 'signal_intake');
      const other = await loginAs(server, 'analist@comensha.example');
      const csv = importFile({ rows: 150, shareRate: 0.2, sharedNumbers: 3, seed: 11, tag: 'Lang' });
      const signalsNow = async () =>
        Number(
          (await sql<{ n: string }>`SELECT count(*) AS n FROM signals`.execute(server.store.db)).rows[0]?.n,
        );
      const start = await signalsNow();
      let importDone = false;
      const importing = reporter
        .request<{ imported: unknown[] }>('POST', '/api/v1/signals/import?filename=lang.csv', csv, {
          'content-type': 'text/csv',
        })
        .finally(() => {
          importDone = true;
        });
      // Once the first rows are stored (committed), the import is writing: another request gets through.
      while (!importDone && (await signalsNow()) === start) await new Promise((r) => setTimeout(r, 5));
      const me = await other.get('/api/v1/auth/me');
      // Served between two batches, not after the last: the import had not written every row yet.
      const storedWhenServed = (await signalsNow()) - start;
      const answer = await importing;
      assert.equal(answer.status, 201, JSON.stringify(answer.body).slice(0, 300));
      assert.equal(answer.body.imported.length, 150);
      assert.equal(me.status, 200);
      assert.ok(
        storedWhenServed < 150,
        `the other user waited for the whole import (${storedWhenServed} rows)`,
      );
    });

    test('a logged-in body is limited per route: JSON 1 MB, a bulk import 10 MB', async () => {
      const reporter = await loginAs(server, 'melder@gemeente-amsterdam.example', 'signal_intake');
      const json = await reporter.post<ErrorBody>('/api/v1/signals', { narrative: 'x'.repeat(1024 * 1024) });
      assert.equal(json.status, 413);
      assert.equal(json.body.error.code, 'payload_too_large');
      const csv = await reporter.request<ErrorBody>(
        'POST',
        '/api/v1/signals/import',
        `a\n${'x'.repeat(10 * 1024 * 1024)}`,
        { 'content-type': 'text/csv' },
      );
      assert.equal(csv.status, 413);
    });
  });

  describe('3. password guessing', () => {
    test('40 parallel wrong logins check at most five passwords and lock the account', async () => {
      const email = 'melder@kmar.example';
      const id = await userId(email);
      const answers = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          postJson(`${server.url}/api/v1/auth/login`, { email, password: `wrong-guess-${i}` }),
        ),
      );
      // The same answer for all 40, whether checked or refused by the lock.
      assert.ok(answers.every((a) => a.status === 401 && a.body.error?.code === 'invalid_credentials'));
      const denials = await server.store.db
        .selectFrom('audit_log')
        .select('reason')
        .where('action', '=', 'login')
        .where('result', '=', 'denied')
        .where(sql<boolean>`record_ids @> ARRAY[${id}]::text[]`)
        .execute();
      const checked = denials.filter((d) => d.reason !== 'locked');
      assert.equal(checked.length, 5, 'passwords actually checked');
      assert.equal(denials.length, 40);
      const row = await server.store.db
        .selectFrom('users')
        .select('locked_until')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      assert.ok(row.locked_until && row.locked_until > new Date());
      // The right password is refused too while locked, with the same answer.
      const right = await postJson(`${server.url}/api/v1/auth/login`, { email, password: DEMO_PASSWORD });
      assert.equal(right.status, 401);
      // Same code and message (only the request id differs per answer).
      const withoutId = (body: unknown) => {
        const { requestId: _, ...rest } = (body as { error: Record<string, unknown> }).error;
        return rest;
      };
      assert.deepEqual(withoutId(right.body), withoutId(answers[0].body));
    });

    test('X-Forwarded-For is ignored unless the proxy is configured', async () => {
      // In production, where the attack was found: before, NODE_ENV=production alone trusted any proxy.
      const strict = await sibling(server, { loginRateLimit: 3, production: true });
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 5; i++) {
          const answer = await postJson(
            `${strict.url}/api/v1/auth/login`,
            { email: `nobody${i}@nowhere.example`, password: 'x' },
            { 'x-forwarded-for': `203.0.113.${i}` },
          );
          statuses.push(answer.status);
        }
        assert.deepEqual(statuses, [401, 401, 401, 429, 429]);
      } finally {
        await strict.close();
      }
    });

    test('behind a configured proxy, one account is limited whatever address the tries come from', async () => {
      const proxied = await sibling(server, {
        loginRateLimit: 100,
        loginAccountRateLimit: 3,
        trustedProxies: ['127.0.0.1'],
      });
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 5; i++) {
          const answer = await postJson(
            `${proxied.url}/api/v1/auth/login`,
            { email: 'Nobody@Nowhere.example', password: 'x' },
            { 'x-forwarded-for': `198.51.100.${i}` },
          );
          statuses.push(answer.status);
        }
        assert.deepEqual(statuses, [401, 401, 401, 429, 429]);
        // Another account from the same addresses is not held back by that.
        const other = await postJson(`${proxied.url}/api/v1/auth/login`, {
          email: 'x@y.example',
          password: 'x',
        });
        assert.equal(other.status, 401);
      } finally {
        await proxied.close();
      }
    });
  });

  describe('9. sessions after a password change', () => {
    test('a password change ends the other sessions; "log out everywhere" ends them all', async () => {
      const email = 'zorgcoordinator@zorg-amsterdam.example';
      const mine = await loginAs(server, email);
      const stolen = await loginAs(server, email);
      assert.equal((await stolen.get('/api/v1/auth/me')).status, 200);
      const next = 'Een-heel-nieuw-wachtwoord-2026';
      const changed = await mine.post('/api/v1/auth/password', { current: DEMO_PASSWORD, next });
      assert.equal(changed.status, 204);
      assert.equal((await stolen.get('/api/v1/auth/me')).status, 401, 'the other session is gone');
      assert.equal((await mine.get('/api/v1/auth/me')).status, 200, 'this one stays');
      const other = new ApiClient(server.url);
      assert.equal((await other.login(email, next)).status, 200);
      assert.equal((await mine.post('/api/v1/auth/logout-everywhere')).status, 204);
      assert.equal((await mine.get('/api/v1/auth/me')).status, 401);
      assert.equal((await other.get('/api/v1/auth/me')).status, 401);
    });

    test('a session alone cannot set up TOTP: the password is asked again', async () => {
      const session = await loginAs(server, 'analist@comensha.example');
      const setup = await session.post<{ secret: string }>('/api/v1/auth/totp/setup');
      const secret = new OTPAuth.Secret({ buffer: OTPAuth.Secret.fromBase32(setup.body.secret).buffer });
      const code = new OTPAuth.TOTP({ secret, digits: 6, period: 30 }).generate();
      const without = await session.post<ErrorBody>('/api/v1/auth/totp/enable', {
        secret: setup.body.secret,
        code,
      });
      assert.equal(without.status, 400);
      assert.equal(without.body.error.field, 'password');
      const wrong = await session.post<ErrorBody>('/api/v1/auth/totp/enable', {
        secret: setup.body.secret,
        code,
        password: 'not-the-password',
      });
      assert.equal(wrong.status, 400);
      assert.equal(wrong.body.error.field, 'password');
      const row = await server.store.db
        .selectFrom('users')
        .select('totp_secret')
        .where('email', '=', 'analist@comensha.example')
        .executeTakeFirstOrThrow();
      assert.equal(row.totp_secret, null);
    });

    test('a session cannot change the e-mail address it logs in with (there is no such request)', async () => {
      const admin = await loginAs(server, 'beheer@politie-amsterdam.example', 'administration');
      const self = await userId('beheer@politie-amsterdam.example');
      const changed = await admin.patch<ErrorBody>(`/api/v1/users/${self}`, {
        email: 'attacker@evil.example',
      });
      assert.equal(changed.status, 400);
      assert.equal(await userId('beheer@politie-amsterdam.example'), self, 'the address is unchanged');
    });
  });
});
