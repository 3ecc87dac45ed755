import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { verifyAuditChain } from '../../src/access/audit.ts';
import { type SystemActor, withSystem } from '../../src/access/context.ts';
import { runCli } from '../../src/cli/main.ts';
import { DEMO_PASSWORD } from '../../src/store/demo.ts';
import { loginAs, startTestServer, type TestServer } from '../helpers/server.ts';
import { databaseLabel } from '../helpers/store.ts';

/**
 * Work the system does on its own runs through one `withSystem` under a named actor (issue 11 item 6), and
 * the CLI's organisation and user creation goes through the same service as the API, audited.
 */
describe(`system actors and CLI administration on ${databaseLabel}`, () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  const cli = async (args: string[], env: Record<string, string> = {}) => {
    const lines: string[] = [];
    const io = {
      stdout: (t: string) => lines.push(t),
      stderr: (t: string) => lines.push(t),
      lang: 'en' as const,
      interactive: false,
    };
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      return { code: await runCli(args, io, server.store), out: lines.join('') };
    } finally {
      process.env = saved;
    }
  };
  const entriesFor = (id: string) =>
    server.store.db
      .selectFrom('audit_log')
      .select(['user_id', 'org_id', 'role', 'purpose', 'action', 'resource', 'result', 'reason'])
      .where(sql<boolean>`record_ids @> ARRAY[${id}]::text[]`)
      .orderBy('seq')
      .execute();

  test('user org: creates the organisation, audited as cli:user org; a second one of that name is refused', async () => {
    const created = await cli([
      'user',
      'org',
      '--name',
      'Gemeente Zwolle',
      '--type',
      'municipality',
      '--cbs',
      'GM0193',
    ]);
    assert.equal(created.code, 0, created.out);
    const org = await server.store.db
      .selectFrom('organisations')
      .select(['id', 'type', 'cbs_code'])
      .where('name', '=', 'Gemeente Zwolle')
      .executeTakeFirstOrThrow();
    assert.deepEqual({ type: org.type, cbs: org.cbs_code }, { type: 'municipality', cbs: 'GM0193' });
    assert.deepEqual(await entriesFor(org.id), [
      {
        user_id: null,
        org_id: org.id,
        role: 'cli:user org',
        purpose: 'administration',
        action: 'create',
        resource: 'organisation',
        result: 'allowed',
        reason: null,
      },
    ]);
    const again = await cli(['user', 'org', '--name', 'Gemeente Zwolle', '--type', 'municipality']);
    assert.equal(again.code, 2);
    assert.match(again.out, /--name: Organisation already exists/);
    const count = await server.store.db
      .selectFrom('organisations')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('name', '=', 'Gemeente Zwolle')
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 1);
  });

  test('user create: the API service (password rule, unique e-mail, fitting roles), audited; the user logs in', async () => {
    const args = ['user', 'create', '--org', 'Gemeente Zwolle', '--email', 'beheer@zwolle.example'];
    const weak = await cli([...args, '--name', 'Beheer Zwolle', '--roles', 'admin'], {
      KETENPLEIN_NEW_PASSWORD: 'kort',
    });
    assert.equal(weak.code, 2);
    assert.match(weak.out, /KETENPLEIN_NEW_PASSWORD/);
    const unfit = await cli([...args, '--name', 'Beheer Zwolle', '--roles', 'admin,investigator'], {
      KETENPLEIN_NEW_PASSWORD: DEMO_PASSWORD,
    });
    assert.equal(unfit.code, 2);
    assert.match(
      unfit.out,
      /--roles: The role investigator does not fit an organisation of type municipality/,
    );
    const noOrg = await cli(
      [
        'user',
        'create',
        '--org',
        'Gemeente Nergens',
        '--email',
        'x@nergens.example',
        '--name',
        'X',
        '--roles',
        'admin',
      ],
      { KETENPLEIN_NEW_PASSWORD: DEMO_PASSWORD },
    );
    assert.equal(noOrg.code, 2);
    assert.match(noOrg.out, /--org: No organisation "Gemeente Nergens"/);
    const none = await server.store.db
      .selectFrom('users')
      .select('id')
      .where('email', 'in', ['beheer@zwolle.example', 'x@nergens.example'])
      .execute();
    assert.equal(none.length, 0, 'nothing is left behind by a refusal');

    const made = await cli([...args, '--name', 'Beheer Zwolle', '--roles', 'admin'], {
      KETENPLEIN_NEW_PASSWORD: DEMO_PASSWORD,
    });
    assert.equal(made.code, 0, made.out);
    const user = await server.store.db
      .selectFrom('users')
      .select(['id', 'org_id', 'roles'])
      .where('email', '=', 'beheer@zwolle.example')
      .executeTakeFirstOrThrow();
    assert.deepEqual(user.roles, ['admin']);
    assert.deepEqual(await entriesFor(user.id), [
      {
        user_id: null,
        org_id: user.org_id,
        role: 'cli:user create',
        purpose: 'administration',
        action: 'create',
        resource: 'user',
        result: 'allowed',
        reason: 'roles: - -> admin',
      },
    ]);
    // The same e-mail address again (in any case) is a conflict, as through the API.
    const twice = await cli(
      [...args.slice(0, 4), '--email', 'BEHEER@zwolle.example', '--name', 'Nog een', '--roles', 'admin'],
      { KETENPLEIN_NEW_PASSWORD: DEMO_PASSWORD },
    );
    assert.equal(twice.code, 2);
    assert.match(twice.out, /--email: E-mail address already in use/);

    // The new admin works through the API, and the login is audited under the login machinery's actor.
    const admin = await loginAs(server, 'beheer@zwolle.example', 'administration');
    const users = await admin.get<{ email: string }[]>('/api/v1/users');
    assert.equal(users.status, 200);
    assert.deepEqual(
      users.body.map((u) => u.email),
      ['beheer@zwolle.example'],
    );
    const login = (await entriesFor(user.id)).find((e) => e.action === 'login');
    assert.deepEqual(
      { role: login?.role, user: login?.user_id, resource: login?.resource },
      { role: 'system:auth', user: user.id, resource: 'session' },
    );
    assert.equal((await verifyAuditChain(server.store.db)).ok, true);
  });

  test('withSystem refuses an unnamed actor and writes nothing', async () => {
    const before = await server.store.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirstOrThrow();
    for (const name of ['system', 'root', 'system:', 'Cli:x']) {
      await assert.rejects(
        withSystem(server.store, name as SystemActor, async (_db, audit) =>
          audit({
            userId: null,
            orgId: null,
            purpose: null,
            action: 'x',
            resource: 'y',
            recordIds: [],
            fields: [],
          }),
        ),
        /not a system actor name/,
      );
    }
    const afterwards = await server.store.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .executeTakeFirstOrThrow();
    assert.equal(String(afterwards.seq), String(before.seq));
  });
});
