import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ROLE_PURPOSES } from '../../src/access/roles.ts';
import { DEMO_USERS } from '../../src/store/demo.ts';
import { loginAs, startTestServer, type TestServer } from '../helpers/server.ts';
import { databaseLabel } from '../helpers/store.ts';

type Row = { id: string; orgId?: string; email?: string };

/**
 * The matrix: every demo user, under every purpose their roles allow and one they do not,
 * tries every other organisation's users and the organisation records themselves. No response
 * may carry another organisation's personal data, and no write may land.
 */
describe(`organisation isolation through the API on ${databaseLabel}`, () => {
  let server: TestServer;
  let users: { id: string; org_id: string; email: string }[];
  let orgs: { id: string; name: string }[];
  before(async () => {
    server = await startTestServer();
    users = await server.store.db.selectFrom('users').select(['id', 'org_id', 'email']).execute();
    orgs = await server.store.db.selectFrom('organisations').select(['id', 'name']).execute();
  });
  after(() => server.close());

  test('no role of any organisation reads or changes another organisation’s records', async () => {
    let attempts = 0;
    for (const demo of DEMO_USERS) {
      const me = users.find((u) => u.email === demo.email)!;
      const purposes = [
        ...new Set(demo.roles.flatMap((role) => ROLE_PURPOSES[role])),
        'administration',
        'audit_control',
      ];
      const client = await loginAs(server, demo.email);
      for (const purpose of purposes) {
        client.purpose = purpose;
        const list = await client.get<Row[]>('/api/v1/users');
        assert.ok([200, 403].includes(list.status), `list users: ${list.status}`);
        if (list.status === 200) {
          assert.ok(
            list.body.every((row) => row.orgId === me.org_id),
            `${demo.email}/${purpose} listed users of another organisation`,
          );
        }
        const audit = await client.get<{ orgId: string }[]>('/api/v1/audit?limit=500');
        assert.ok([200, 403].includes(audit.status), `list audit: ${audit.status}`);
        if (audit.status === 200) {
          assert.ok(
            audit.body.every((row) => row.orgId === me.org_id),
            `${demo.email}/${purpose} saw foreign audit`,
          );
        }
        for (const other of users.filter((u) => u.org_id !== me.org_id)) {
          attempts++;
          const read = await client.get(`/api/v1/users/${other.id}`);
          assert.ok(
            [403, 404].includes(read.status),
            `${demo.email}/${purpose} read ${other.email}: ${read.status}`,
          );
          assert.ok(!JSON.stringify(read.body).includes(other.email), 'leaked the e-mail address');
          const write = await client.patch(`/api/v1/users/${other.id}`, {
            name: 'Overgenomen',
            disabled: true,
          });
          assert.ok(
            [403, 404].includes(write.status),
            `${demo.email}/${purpose} changed ${other.email}: ${write.status}`,
          );
          const audited = await client.get(`/api/v1/audit?record=${other.id}`);
          assert.ok([200, 403].includes(audited.status), `audit by record: ${audited.status}`);
          if (audited.status === 200) {
            // Nothing of the other organisation; only this organisation's own record of its probes (a 404 on a
            // foreign id is audited as denied/not_found, issue 10).
            const rows = audited.body as { orgId: string; result: string; reason: string | null }[];
            assert.ok(
              rows.every(
                (row) => row.orgId === me.org_id && row.result === 'denied' && row.reason === 'not_found',
              ),
              `${demo.email}/${purpose} audit of ${other.email}: ${JSON.stringify(rows)}`,
            );
          }
        }
        for (const org of orgs.filter((o) => o.id !== me.org_id)) {
          const write = await client.patch(`/api/v1/organisations/${org.id}`, { name: 'Overgenomen' });
          assert.ok([403, 404].includes(write.status), `${demo.email}/${purpose} renamed ${org.name}`);
        }
      }
    }
    assert.ok(attempts > 300, `matrix too small: ${attempts}`);
    const changed = await server.store.db
      .selectFrom('users')
      .select('id')
      .where((eb) => eb.or([eb('name', '=', 'Overgenomen'), eb('disabled', '=', true)]))
      .execute();
    assert.deepEqual(changed, []);
    const renamed = await server.store.db
      .selectFrom('organisations')
      .select('id')
      .where('name', '=', 'Overgenomen')
      .execute();
    assert.deepEqual(renamed, []);
  });

  test('a request without a purpose, or with one the role lacks, is refused with 403 and a reason', async () => {
    const admin = await loginAs(server, 'beheer@politie-amsterdam.example');
    const none = await admin.get<{ error: { code: string; message: string } }>('/api/v1/users');
    assert.equal(none.status, 403);
    assert.equal(none.body.error.code, 'purpose_required');
    admin.purpose = 'criminal_investigation';
    const wrong = await admin.get<{ error: { code: string; message: string } }>('/api/v1/users');
    assert.equal(wrong.status, 403);
    assert.equal(wrong.body.error.code, 'purpose_not_allowed');
    assert.match(wrong.body.error.message, /criminal_investigation/);
    admin.purpose = 'administration';
    assert.equal((await admin.get('/api/v1/users')).status, 200);
  });

  test('a role without a rule for the resource is refused even with its own purpose', async () => {
    const intake = await loginAs(server, 'melder@gemeente-amsterdam.example', 'signal_intake');
    const response = await intake.get<{ error: { code: string } }>('/api/v1/users');
    assert.equal(response.status, 403);
    assert.equal(response.body.error.code, 'not_permitted');
  });

  test('forged ids: malformed is 400, another organisation’s is 404 like a missing one', async () => {
    const admin = await loginAs(server, 'beheer@gemeente-amsterdam.example', 'administration');
    const malformed = await admin.get<{ error: { field: string } }>('/api/v1/users/1%27%20OR%201=1');
    assert.equal(malformed.status, 400);
    assert.equal(malformed.body.error.field, 'id');
    const foreign = users.find((u) => u.email === 'beheer@politie-amsterdam.example')!;
    const missing = await admin.get(
      `/api/v1/users/${foreign.id.replace(/.$/, (c) => (c === '0' ? '1' : '0'))}`,
    );
    const other = await admin.get(`/api/v1/users/${foreign.id}`);
    assert.equal(other.status, 404);
    assert.equal(missing.status, 404);
  });

  test('refusals are themselves audited', async () => {
    const intake = await loginAs(server, 'melder@opvang.example', 'administration');
    await intake.get('/api/v1/users');
    const denied = await server.store.db
      .selectFrom('audit_log')
      .select(['result', 'reason', 'purpose'])
      .where('result', '=', 'denied')
      .where('purpose', '=', 'administration')
      .execute();
    assert.ok(denied.some((row) => row.reason === 'purpose_not_allowed'));
  });
});
