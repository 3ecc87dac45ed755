import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { verifyAuditChain } from '../../src/access/audit.ts';
import { withAccess } from '../../src/access/context.ts';
import { runCli } from '../../src/cli/main.ts';
import { loginAs, startTestServer, type TestServer } from '../helpers/server.ts';
import { actorOf, databaseLabel } from '../helpers/store.ts';

describe(`audit chain on ${databaseLabel}`, () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  test('every read of personal data and every change is recorded with who, purpose, what and result', async () => {
    const admin = await loginAs(server, 'beheer@gemeente-amsterdam.example', 'administration');
    const created = await admin.post<{ user: { id: string } }>('/api/v1/users', {
      email: 'collega@gemeente-amsterdam.example',
      name: 'Nieuwe Collega',
      roles: ['intake'],
    });
    assert.equal(created.status, 201);
    await admin.get(`/api/v1/users/${created.body.user.id}`);
    const entries = await server.store.db
      .selectFrom('audit_log')
      .selectAll()
      .where(sql<boolean>`record_ids @> ARRAY[${created.body.user.id}]::text[]`)
      .orderBy('seq')
      .execute();
    const create = entries.find((e) => e.action === 'create')!;
    assert.equal(create.purpose, 'administration');
    assert.equal(create.role, 'admin');
    assert.equal(create.resource, 'user');
    assert.equal(create.result, 'allowed');
    assert.ok(create.fields.includes('email'));
    const read = entries.filter((e) => e.action === 'read');
    assert.ok(read.length >= 2, 'the read after create and the explicit read are both recorded');
    assert.ok(read.every((e) => e.fields.includes('email') && !e.fields.includes('password_hash')));
  });

  test('verify passes, then names the first altered entry after a direct SQL change', async () => {
    const privacy = await loginAs(server, 'privacy@gemeente-amsterdam.example', 'audit_control');
    const good = await privacy.get<{ ok: boolean; checked: number }>('/api/v1/audit/verify');
    assert.equal(good.status, 200);
    assert.equal(good.body.ok, true);
    assert.ok(good.body.checked > 3);

    const lines: string[] = [];
    const io = {
      lang: 'en' as const,
      stdout: (t: string) => lines.push(t),
      stderr: (t: string) => lines.push(t),
      interactive: false,
    };
    assert.equal(await runCli(['audit', 'verify'], io, server.store), 0, lines.join(''));

    const victim = await server.store.db
      .selectFrom('audit_log')
      .select('seq')
      .orderBy('seq')
      .offset(2)
      .limit(1)
      .executeTakeFirstOrThrow();
    // Tampering needs the owner to switch the append-only trigger off first: exactly what an attacker with DBA rights does.
    await server.store.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
    await sql`UPDATE audit_log SET purpose = 'statistics' WHERE seq = ${victim.seq}`.execute(server.store.db);
    await server.store.exec('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');

    const result = await verifyAuditChain(server.store.db);
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.brokenAt, String(victim.seq));
    const bad = await privacy.get<{ ok: boolean; brokenAt: string }>('/api/v1/audit/verify');
    assert.equal(bad.body.ok, false);
    assert.equal(bad.body.brokenAt, String(victim.seq));
    lines.length = 0;
    assert.equal(await runCli(['audit', 'verify'], io, server.store), 1);
    assert.match(lines.join(''), new RegExp(`entry ${victim.seq}`));
  });

  test('the log is append-only for the owner and for the application role', async () => {
    await assert.rejects(sql`UPDATE audit_log SET reason = 'x'`.execute(server.store.db), /append-only/);
    await assert.rejects(sql`DELETE FROM audit_log`.execute(server.store.db), /append-only/);
    const actor = await actorOf(server.store, 'beheer@politie-amsterdam.example');
    await assert.rejects(
      withAccess(server.store, { actor, purpose: 'administration' }, (tx) =>
        sql`DELETE FROM audit_log`.execute(tx.db),
      ),
      /permission denied|append-only/,
    );
  });

  test('row-level security holds even when a query forgets the organisation filter', async () => {
    const actor = await actorOf(server.store, 'beheer@politie-amsterdam.example');
    const rows = await withAccess(server.store, { actor, purpose: 'administration' }, (tx) =>
      tx.db.selectFrom('users').select(['org_id']).execute(),
    );
    assert.ok(rows.length > 0);
    assert.ok(rows.every((row) => row.org_id === actor.orgId));
    const total = await server.store.db.selectFrom('users').select('id').execute();
    assert.ok(total.length > rows.length);
  });
});
