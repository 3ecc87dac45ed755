import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import * as OTPAuth from 'otpauth';
import { SMTPServer } from 'smtp-server';
import { withAccess } from '../../src/access/context.ts';
import { TOTP_REQUIRED_BY_DEFAULT } from '../../src/access/two-step.ts';
import { DEMO_PASSWORD } from '../../src/store/demo.ts';
import type { ErrorBody } from '../helpers/analysts.ts';
import { ApiClient, loginAs, startTestServer, type TestServer } from '../helpers/server.ts';
import { actorOf, databaseLabel } from '../helpers/store.ts';

interface Mail {
  to: string[];
  data: string;
}
interface LinkView {
  link?: string;
  mailed: boolean;
  expiresAt: string;
}
interface UserView {
  id: string;
  email: string;
  name: string;
  disabled: boolean;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
}
interface Me {
  user: { mustChangePassword: boolean; totpRequired: boolean; totpEnrolmentRequired: boolean };
}

const ADMIN = 'beheer@gemeente-amsterdam.example';
const OTHER_ADMIN = 'beheer@politie-amsterdam.example';
const NEW_PASSWORD = 'Een-eigen-wachtwoord-19';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const tokenOf = (link: string) => new URL(link).hash.replace(/^#token=/, '');

/**
 * Account security (issue 19, item 12) over real HTTP with a real SMTP server started here: the first
 * password through a one-time link (mailed, or shown once without SMTP), stored hashed, single use, expiring,
 * bound to its user; forced password change; "wachtwoord vergeten" without account enumeration; two-step
 * verification required per role; the admin's edits, reset, deactivation and organisation contact points.
 */
describe(`account security on ${databaseLabel}`, () => {
  let server: TestServer;
  let smtp: SMTPServer;
  let smtpUrl = '';
  const mails: Mail[] = [];
  let admin: ApiClient;

  /** The mail to `to` that arrives (the forgotten-password mail is sent after the answer). */
  async function mailTo(to: string, since = 0, timeoutMs = 10_000): Promise<Mail> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const found = mails.slice(since).find((mail) => mail.to.includes(to));
      if (found) return found;
      if (Date.now() > until) throw new Error(`no mail to ${to}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  /** The set-password link in a mail (quoted-printable may wrap long lines). */
  function linkIn(mail: Mail): string {
    const body = mail.data.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    const match = body.match(/https?:\/\/\S+\/wachtwoord-instellen#token=[A-Za-z0-9_-]+/);
    assert.ok(match, 'the mail holds a set-password link');
    return match[0];
  }
  async function createUser(email: string, roles: string[], extra: Record<string, unknown> = {}) {
    const created = await admin.post<{ user: UserView; setPassword: LinkView }>('/api/v1/users', {
      email,
      name: 'Nieuwe Collega',
      roles,
      ...extra,
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return created.body;
  }

  before(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          mails.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            data: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}?ignoreTLS=true`;
    server = await startTestServer({
      // Production's default: the roles that see personal data need a second factor.
      totpRequiredRoles: [...TOTP_REQUIRED_BY_DEFAULT],
      passwordResetAccountLimit: 3,
    });
    server.config.mail = { smtpUrl, from: 'ketenplein@test.example', publicUrl: 'https://ketenplein.test' };
    // The admins of the demo world have no second factor; these tests are about others.
    server.config.totpRequiredRoles = server.config.totpRequiredRoles.filter((role) => role !== 'admin');
    admin = await loginAs(server, ADMIN, 'administration');
  });
  after(async () => {
    await server.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  test('a new user gets a mailed one-time link (stored hashed); sets a password; must then enrol TOTP', async () => {
    const since = mails.length;
    const { user, setPassword } = await createUser('kim.nieuw@gemeente-amsterdam.example', ['intake']);
    assert.equal(setPassword.mailed, true);
    assert.equal(setPassword.link, undefined, 'a mailed link is not shown on screen as well');
    const hours = (Date.parse(setPassword.expiresAt) - Date.now()) / 3600_000;
    assert.ok(hours > 71 && hours <= 72, `a new account's link lasts 72 h, got ${hours}`);
    const mail = await mailTo('kim.nieuw@gemeente-amsterdam.example', since);
    const link = linkIn(mail);
    assert.match(link, /^https:\/\/ketenplein\.test\/wachtwoord-instellen#token=/);
    assert.doesNotMatch(mail.data, /Wachtwoord:\s*\S{8,}/, 'no password travels by mail');
    const token = tokenOf(link);

    // Only the SHA-256 of the token is kept.
    const { rows } = await sql<{ token_hash: string; kind: string }>`SELECT token_hash, kind
      FROM account_tokens`.execute(server.store.db);
    assert.ok(rows.some((row) => row.token_hash === sha256(token) && row.kind === 'invite'));
    assert.ok(!rows.some((row) => row.token_hash === token), 'the token itself is not stored');

    // Before the password is set, no password logs in.
    const anon = new ApiClient(server.url);
    assert.equal((await anon.login('kim.nieuw@gemeente-amsterdam.example', '!invite')).status, 401);

    const peek = await anon.post<{ email: string; kind: string }>('/api/v1/auth/password-link', { token });
    assert.equal(peek.status, 200);
    assert.deepEqual(peek.body, {
      email: 'kim.nieuw@gemeente-amsterdam.example',
      name: 'Nieuwe Collega',
      kind: 'invite',
    });
    // A weak password is refused naming the field, and does not use the link up.
    const weak = await anon.post<ErrorBody>('/api/v1/auth/password-link/use', { token, password: 'kort' });
    assert.equal(weak.status, 400);
    assert.equal(weak.body.error.field, 'password');
    assert.equal(
      (await anon.post('/api/v1/auth/password-link/use', { token, password: NEW_PASSWORD })).status,
      204,
    );
    // Single use.
    const reused = await anon.post<ErrorBody>('/api/v1/auth/password-link/use', {
      token,
      password: NEW_PASSWORD,
    });
    assert.equal(reused.status, 410);
    assert.equal(reused.body.error.code, 'link_invalid');
    assert.equal((await anon.post('/api/v1/auth/password-link', { token })).status, 410);

    // Logged in, an intake officer without a second factor can only enrol one.
    const kim = new ApiClient(server.url);
    kim.purpose = 'signal_intake';
    assert.equal((await kim.login('kim.nieuw@gemeente-amsterdam.example', NEW_PASSWORD)).status, 200);
    const me = await kim.get<Me>('/api/v1/auth/me');
    assert.equal(me.body.user.totpRequired, true);
    assert.equal(me.body.user.totpEnrolmentRequired, true);
    const blocked = await kim.get<ErrorBody>('/api/v1/organisations');
    assert.equal(blocked.status, 403);
    assert.equal(blocked.body.error.code, 'totp_enrolment_required');
    const setup = await kim.post<{ secret: string }>('/api/v1/auth/totp/setup');
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(setup.body.secret) });
    const enabled = await kim.post('/api/v1/auth/totp/enable', {
      secret: setup.body.secret,
      code: totp.generate(),
      password: NEW_PASSWORD,
    });
    assert.equal(enabled.status, 204);
    assert.equal((await kim.get('/api/v1/organisations')).status, 200, 'enrolled: the app opens');

    // The admin sees the last login; the link was issued and used under the login machinery's actor.
    const seen = await admin.get<UserView>(`/api/v1/users/${user.id}`);
    assert.ok(seen.body.lastLoginAt, 'the last login is shown');
    const audit = await server.store.db
      .selectFrom('audit_log')
      .select(['action', 'role', 'user_id'])
      .where(sql<boolean>`record_ids @> ARRAY[${user.id}]::text[]`)
      .where('action', 'in', ['issue_invite_link', 'set_password_by_link'])
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      audit.map((entry) => [entry.action, entry.role]),
      [
        ['issue_invite_link', 'system:auth'],
        ['set_password_by_link', 'system:auth'],
      ],
    );
  });

  test('without SMTP the link is shown once to the admin, and never again', async () => {
    const mail = server.config.mail;
    server.config.mail = { ...mail, smtpUrl: undefined };
    try {
      const since = mails.length;
      const { user, setPassword } = await createUser('zonder.smtp@gemeente-amsterdam.example', ['analyst']);
      assert.equal(setPassword.mailed, false);
      assert.match(setPassword.link ?? '', /#token=/);
      const again = await admin.get<Record<string, unknown>>(`/api/v1/users/${user.id}`);
      assert.doesNotMatch(JSON.stringify(again.body), /token|link/i);
      assert.equal(mails.length, since, 'nothing was mailed');
      // An analyst needs no second factor by default: the app opens right after the password is set.
      const anon = new ApiClient(server.url);
      const token = tokenOf(setPassword.link ?? '');
      assert.equal(
        (await anon.post('/api/v1/auth/password-link/use', { token, password: NEW_PASSWORD })).status,
        204,
      );
      const analyst = new ApiClient(server.url);
      analyst.purpose = 'statistics';
      const login = await analyst.login('zonder.smtp@gemeente-amsterdam.example', NEW_PASSWORD);
      assert.equal(login.status, 200);
      assert.equal((await analyst.get<Me>('/api/v1/auth/me')).body.user.totpEnrolmentRequired, false);
      assert.equal((await analyst.get('/api/v1/organisations')).status, 200);
    } finally {
      server.config.mail = mail;
    }
  });

  test('refusals: an expired link, a link bound to its user, a disabled account', async () => {
    server.config.mail = { ...server.config.mail, smtpUrl: undefined };
    try {
      const a = await createUser('link.a@gemeente-amsterdam.example', ['analyst']);
      const b = await createUser('link.b@gemeente-amsterdam.example', ['analyst']);
      const tokenA = tokenOf(a.setPassword.link ?? '');
      const tokenB = tokenOf(b.setPassword.link ?? '');
      const anon = new ApiClient(server.url);

      // Expired (moved into the past as the owner would see it).
      await sql`UPDATE account_tokens SET expires_at = now() - interval '1 minute'
        WHERE token_hash = ${sha256(tokenA)}`.execute(server.store.db);
      const expired = await anon.post<ErrorBody>('/api/v1/auth/password-link/use', {
        token: tokenA,
        password: NEW_PASSWORD,
      });
      assert.equal(expired.status, 410);
      assert.equal((await anon.login('link.a@gemeente-amsterdam.example', NEW_PASSWORD)).status, 401);

      // B's link sets B's password, never A's.
      assert.equal(
        (await anon.post('/api/v1/auth/password-link/use', { token: tokenB, password: NEW_PASSWORD })).status,
        204,
      );
      assert.equal(
        (await new ApiClient(server.url).login('link.a@gemeente-amsterdam.example', NEW_PASSWORD)).status,
        401,
      );
      assert.equal(
        (await new ApiClient(server.url).login('link.b@gemeente-amsterdam.example', NEW_PASSWORD)).status,
        200,
      );

      // A new link replaces the old one; a disabled account's link does not work.
      const reset = await admin.post<LinkView>(`/api/v1/users/${a.user.id}/reset`);
      assert.equal(reset.status, 200);
      const tokenA2 = tokenOf(reset.body.link ?? '');
      assert.equal((await admin.patch(`/api/v1/users/${a.user.id}`, { disabled: true })).status, 200);
      assert.equal(
        (await anon.post('/api/v1/auth/password-link/use', { token: tokenA2, password: NEW_PASSWORD }))
          .status,
        410,
      );
      // A malformed token is refused by the schema, naming the field.
      const malformed = await anon.post<ErrorBody>('/api/v1/auth/password-link/use', {
        token: 'x',
        password: NEW_PASSWORD,
      });
      assert.equal(malformed.status, 400);
      assert.equal(malformed.body.error.field, 'token');
    } finally {
      server.config.mail = { ...server.config.mail, smtpUrl };
    }
  });

  test('refusals: a non-admin edits no user; an admin of another organisation reaches none', async () => {
    const users = await admin.get<UserView[]>('/api/v1/users');
    const intake = users.body.find((u) => u.email === 'melder@gemeente-amsterdam.example')!;
    const coordinator = await loginAs(server, 'coordinator@gemeente-amsterdam.example', 'administration');
    // The coordinator's role requires a second factor: first the enrolment, then still no user management.
    server.config.totpRequiredRoles = [];
    try {
      for (const [method, path, body] of [
        ['PATCH', `/api/v1/users/${intake.id}`, { name: 'Gekaapt' }],
        ['POST', `/api/v1/users/${intake.id}/reset`, {}],
        ['POST', '/api/v1/users', { email: 'x@gemeente-amsterdam.example', name: 'X Y', roles: ['intake'] }],
      ] as const) {
        const refused = await coordinator.request(method, path, body);
        assert.equal(refused.status, 403, `${method} ${path}`);
      }
      const other = await loginAs(server, OTHER_ADMIN, 'administration');
      assert.equal((await other.patch(`/api/v1/users/${intake.id}`, { name: 'Gekaapt' })).status, 404);
      assert.equal((await other.post(`/api/v1/users/${intake.id}/reset`)).status, 404);
      const me = await admin.get<{ user: { id: string; organisation: { id: string } } }>('/api/v1/auth/me');
      assert.equal(
        (
          await other.patch(`/api/v1/organisations/${me.body.user.organisation.id}`, {
            contactPhone: '020 1234567',
          })
        ).status,
        404,
      );
      assert.equal((await other.post(`/api/v1/users/${me.body.user.id}/reset`)).status, 404);
      const unchanged = await admin.get<UserView>(`/api/v1/users/${intake.id}`);
      assert.notEqual(unchanged.body.name, 'Gekaapt');
      // An admin resets nobody's password of its own by this route, and changes no own e-mail address.
      assert.equal((await admin.post(`/api/v1/users/${me.body.user.id}/reset`)).status, 400);
      const ownEmail = await admin.patch<ErrorBody>(`/api/v1/users/${me.body.user.id}`, {
        email: 'ander@gemeente-amsterdam.example',
      });
      assert.equal(ownEmail.status, 400);
      assert.equal(ownEmail.body.error.field, 'email');
    } finally {
      server.config.totpRequiredRoles = TOTP_REQUIRED_BY_DEFAULT.filter((role) => role !== 'admin');
    }
  });

  test('the credential functions answer only in the signed authentication scope, as in 0097', async () => {
    const actor = await actorOf(server.store, ADMIN);
    await assert.rejects(
      withAccess(server.store, { actor, purpose: 'administration' }, async (tx) => {
        await sql`SELECT ketenplein_auth_issue_token(${actor.userId}::uuid, 'reset', 'x', now(), now())`.execute(
          tx.db,
        );
      }),
      /authentication scope|permission denied/,
    );
    await assert.rejects(
      withAccess(server.store, { actor, purpose: 'administration' }, async (tx) => {
        await sql`SELECT * FROM account_tokens`.execute(tx.db);
      }),
      /permission denied/,
    );
  });

  test('wachtwoord vergeten: always 202, a mailed 24-hour link for an account, nothing for none; limited', async () => {
    const email = 'melder@opvang.example';
    const anon = new ApiClient(server.url);
    const session = await loginAs(server, 'analist@opvang.example');
    const since = mails.length;
    const known = await anon.post('/api/v1/auth/password-forgotten', { email: email.toUpperCase() });
    const unknown = await anon.post('/api/v1/auth/password-forgotten', { email: 'niemand@nergens.example' });
    assert.deepEqual([known.status, known.body], [202, { accepted: true }]);
    assert.deepEqual(
      [unknown.status, unknown.body],
      [202, { accepted: true }],
      'the same answer: no enumeration',
    );
    const mail = await mailTo(email, since);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.ok(!mails.slice(since).some((m) => m.to.includes('niemand@nergens.example')));
    const token = tokenOf(linkIn(mail));
    const row = await sql<{ hours: number; kind: string }>`SELECT kind,
      extract(epoch FROM expires_at - created_at) / 3600 AS hours FROM account_tokens
      WHERE token_hash = ${sha256(token)}`.execute(server.store.db);
    assert.deepEqual(
      { kind: row.rows[0]?.kind, hours: Math.round(Number(row.rows[0]?.hours)) },
      { kind: 'reset', hours: 24 },
    );

    const melder = await loginAs(server, email);
    assert.equal(
      (await anon.post('/api/v1/auth/password-link/use', { token, password: NEW_PASSWORD })).status,
      204,
    );
    assert.equal((await melder.get('/api/v1/auth/me')).status, 401, "the user's sessions ended");
    assert.equal((await new ApiClient(server.url).login(email)).status, 401, 'the old password is gone');
    assert.equal((await new ApiClient(server.url).login(email, NEW_PASSWORD)).status, 200);
    assert.equal((await session.get('/api/v1/auth/me')).status, 200, "another user's session is untouched");

    // Per account: past the limit (3 an hour) the answer is the same, but no more mail goes out.
    const target = 'intake@opvang.example';
    const before = mails.length;
    for (let i = 0; i < 5; i++) {
      assert.equal((await anon.post('/api/v1/auth/password-forgotten', { email: target })).status, 202);
    }
    await mailTo(target, before);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(mails.slice(before).filter((m) => m.to.includes(target)).length, 3);
  });

  test("an admin's reset: the old password stops at once, sessions end, a new link is mailed", async () => {
    const users = await admin.get<UserView[]>('/api/v1/users');
    const target = users.body.find((u) => u.email === 'privacy@gemeente-amsterdam.example')!;
    const victim = await loginAs(server, target.email);
    const since = mails.length;
    const reset = await admin.post<LinkView>(`/api/v1/users/${target.id}/reset`);
    assert.equal(reset.status, 200);
    assert.equal(reset.body.mailed, true);
    assert.equal(reset.body.link, undefined);
    assert.equal((await victim.get('/api/v1/auth/me')).status, 401);
    assert.equal((await new ApiClient(server.url).login(target.email)).status, 401);
    const listed = await admin.get<UserView>(`/api/v1/users/${target.id}`);
    assert.equal(listed.body.mustChangePassword, true, 'the admin sees the change is pending');
    const token = tokenOf(linkIn(await mailTo(target.email, since)));
    assert.equal(
      (
        await new ApiClient(server.url).post('/api/v1/auth/password-link/use', {
          token,
          password: NEW_PASSWORD,
        })
      ).status,
      204,
    );
    assert.equal((await admin.get<UserView>(`/api/v1/users/${target.id}`)).body.mustChangePassword, false);
  });

  test('a password the admin chose must be changed at the first login', async () => {
    const { setPassword } = await createUser('gekozen@gemeente-amsterdam.example', ['analyst'], {
      password: DEMO_PASSWORD,
    });
    assert.equal(setPassword.mailed, true);
    const user = new ApiClient(server.url);
    user.purpose = 'statistics';
    const login = await user.login('gekozen@gemeente-amsterdam.example');
    assert.equal(login.status, 200);
    assert.equal((await user.get<Me>('/api/v1/auth/me')).body.user.mustChangePassword, true);
    const blocked = await user.get<ErrorBody>('/api/v1/organisations');
    assert.equal(blocked.status, 403);
    assert.equal(blocked.body.error.code, 'password_change_required');
    const same = await user.post<ErrorBody>('/api/v1/auth/password', {
      current: DEMO_PASSWORD,
      next: DEMO_PASSWORD,
    });
    assert.equal(same.status, 400);
    assert.equal(same.body.error.field, 'next');
    assert.equal(
      (await user.post('/api/v1/auth/password', { current: DEMO_PASSWORD, next: NEW_PASSWORD })).status,
      204,
    );
    assert.equal((await user.get('/api/v1/organisations')).status, 200);
  });

  test('an admin edits name and e-mail, deactivates and reactivates; contact points of the organisation', async () => {
    server.config.mail = { ...server.config.mail, smtpUrl: undefined };
    const { user, setPassword } = await createUser('oud.adres@gemeente-amsterdam.example', ['analyst']);
    server.config.mail = { ...server.config.mail, smtpUrl };
    const token = tokenOf(setPassword.link ?? '');
    await new ApiClient(server.url).post('/api/v1/auth/password-link/use', { token, password: NEW_PASSWORD });
    const colleague = new ApiClient(server.url);
    assert.equal((await colleague.login('oud.adres@gemeente-amsterdam.example', NEW_PASSWORD)).status, 200);

    const taken = await admin.patch<ErrorBody>(`/api/v1/users/${user.id}`, {
      email: 'melder@opvang.example',
    });
    assert.equal(taken.status, 409, 'an address of another organisation is taken too');
    const edited = await admin.patch<UserView>(`/api/v1/users/${user.id}`, {
      name: 'Nieuwe Naam',
      email: 'nieuw.adres@gemeente-amsterdam.example',
    });
    assert.equal(edited.status, 200);
    assert.equal(edited.body.name, 'Nieuwe Naam');
    assert.equal(edited.body.email, 'nieuw.adres@gemeente-amsterdam.example');
    assert.equal(
      (await colleague.get('/api/v1/auth/me')).status,
      401,
      'a new login address ends the sessions',
    );
    assert.equal(
      (await new ApiClient(server.url).login('nieuw.adres@gemeente-amsterdam.example', NEW_PASSWORD)).status,
      200,
    );

    assert.equal((await admin.patch(`/api/v1/users/${user.id}`, { disabled: true })).status, 200);
    const off = await new ApiClient(server.url).login('nieuw.adres@gemeente-amsterdam.example', NEW_PASSWORD);
    assert.equal(off.status, 403);
    const since = mails.length;
    assert.equal(
      (
        await new ApiClient(server.url).post('/api/v1/auth/password-forgotten', {
          email: 'nieuw.adres@gemeente-amsterdam.example',
        })
      ).status,
      202,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(mails.length, since, 'a disabled account gets no link');
    assert.equal((await admin.patch(`/api/v1/users/${user.id}`, { disabled: false })).status, 200);
    assert.equal(
      (await new ApiClient(server.url).login('nieuw.adres@gemeente-amsterdam.example', NEW_PASSWORD)).status,
      200,
    );

    const me = await admin.get<{ user: { organisation: { id: string } } }>('/api/v1/auth/me');
    const orgId = me.body.user.organisation.id;
    const bad = await admin.patch<ErrorBody>(`/api/v1/organisations/${orgId}`, { contactPhone: 'bel ons' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.field, 'contactPhone');
    const saved = await admin.patch<{ contactMailbox: string; contactPhone: string }>(
      `/api/v1/organisations/${orgId}`,
      { contactMailbox: 'mensenhandel@gemeente-amsterdam.example', contactPhone: '020 555 0100' },
    );
    assert.equal(saved.status, 200);
    const seenByOther = await (await loginAs(server, OTHER_ADMIN, 'administration')).get<{
      contactMailbox: string;
      contactPhone: string;
    }>(`/api/v1/organisations/${orgId}`);
    assert.deepEqual(
      { mailbox: seenByOther.body.contactMailbox, phone: seenByOther.body.contactPhone },
      { mailbox: 'mensenhandel@gemeente-amsterdam.example', phone: '020 555 0100' },
    );
  });
});
