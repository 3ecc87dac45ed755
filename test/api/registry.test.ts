import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import {
  allCommands,
  allJobHandlers,
  allMigrations,
  capabilities,
  installCapabilities,
} from '../../src/capabilities.ts';
import { defineCapability, type PersonalData } from '../../src/capability.ts';
import type { CliIO } from '../../src/cli/io.ts';
import { runCli } from '../../src/cli/main.ts';
import { runRetention } from '../../src/privacy/retention.ts';
import { enqueueJob, runDueJobs } from '../../src/store/jobs.ts';
import { migrate } from '../../src/store/migrate.ts';
import { type ApiClient, loginAs, startTestServer, type TestServer } from '../helpers/server.ts';
import { databaseLabel } from '../helpers/store.ts';

// A capability made in the test, registered like a real one (one manifest, one line in the list): its
// migration, route, job, command and personal data must be picked up by the server, the worker, the CLI,
// the migrations and privacy without any of them naming it.
const migrations = mkdtempSync(join(tmpdir(), 'kp-testcap-'));
writeFileSync(
  join(migrations, '9900_testcap.sql'),
  `CREATE TABLE testcap_persons (id uuid PRIMARY KEY, org_id uuid NOT NULL, bsn_fingerprint text,
     surname text, erased boolean NOT NULL DEFAULT false);
   GRANT SELECT, UPDATE ON testcap_persons TO ketenplein_app;`,
);

const ran: string[] = [];
const retained: string[] = [];

const personalData: PersonalData = {
  async find(tx, { cipher }, query) {
    if (!('bsn' in query)) return { persons: [], otherHolders: [] };
    const rows = await sql<{ id: string; surname: string }>`
      SELECT id, surname FROM testcap_persons WHERE NOT erased AND org_id = ${tx.actor.orgId}
        AND bsn_fingerprint = ${cipher.fingerprint(query.bsn)}`.execute(tx.db);
    return {
      persons: rows.rows.map((row) => ({
        personId: row.id,
        holding: 'testcap',
        data: { surname: row.surname },
      })),
      otherHolders: [],
    };
  },
  async held(tx, ids) {
    const rows = await sql<{ id: string }>`
      SELECT id FROM testcap_persons WHERE org_id = ${tx.actor.orgId} AND id = ANY (${[...ids]}::uuid[])`.execute(
      tx.db,
    );
    return rows.rows.map((row) => row.id);
  },
  async report(_tx, _context, ids) {
    // Fields outside privacy's subject_record grant (src/privacy/grants.ts) are stripped: `secret` goes.
    return ids.map((id) => ({ personId: id, holding: 'testcap', fields: ['surname'], secret: 'x' }));
  },
  async restrict(_tx, _context, ids) {
    return { done: [...ids], refused: [] };
  },
  async erase(tx, { decision, requestId }, ids) {
    await sql`UPDATE testcap_persons SET erased = true, surname = NULL WHERE id = ANY (${[...ids]}::uuid[])`.execute(
      tx.db,
    );
    tx.record(decision, [requestId, ...ids], ['surname'], 'art_17');
    return { done: [...ids], refused: [] };
  },
  async rectify() {
    return { fields: [] };
  },
  async retention() {
    retained.push('testcap');
    return { records: ['r1'] };
  },
};

const pingRoutes = (): FastifyPluginAsyncZod => async (app) => {
  app.get('/ping', async () => ({ pong: true }));
};

const testCapability = defineCapability({
  name: 'testcap',
  label: { nl: 'Testcapability', en: 'Test capability' },
  migrations: { dir: pathToFileURL(`${migrations}/`), range: [9900, 9999] },
  routes: [{ prefix: '/api/v1/testcap', load: async () => pingRoutes }],
  cli: {
    testcap: {
      summary: { nl: 'Testcommando', en: 'Test command' },
      load: async () => ({
        name: 'testcap',
        usage: 'testcap',
        run: async (_args, io) => {
          io.stdout('testcap ran\n');
          return 0;
        },
      }),
    },
  },
  jobs: {
    kinds: ['testcap.job'],
    load: async () => ({
      'testcap.job': async (job) => {
        ran.push(JSON.stringify(job.payload));
      },
    }),
  },
  personalData: async () => personalData,
});

// Before the server starts: the one line a new capability adds to src/capabilities.ts.
installCapabilities([...capabilities, testCapability]);

describe(`the registry on ${databaseLabel}`, () => {
  let server: TestServer;
  let officer: ApiClient;
  const personId = '00000000-0000-4000-8000-00000000c0de';

  before(async () => {
    server = await startTestServer();
    // The test database may come from a migrated image made without this capability: migrating again applies
    // its migration (and nothing else: the others are there).
    await migrate(server.store, await allMigrations());
    officer = await loginAs(server, 'privacy@gemeente-amsterdam.example', 'data_subject_request');
    const org = await server.store.db
      .selectFrom('organisations')
      .select('id')
      .where('name', '=', 'Gemeente Amsterdam')
      .executeTakeFirstOrThrow();
    await sql`INSERT INTO testcap_persons (id, org_id, bsn_fingerprint, surname)
      VALUES (${personId}, ${org.id}, ${server.cipher.fingerprint('111222333')}, 'Testpersoon')`.execute(
      server.store.db,
    );
  });
  after(async () => {
    await server.close();
    rmSync(migrations, { recursive: true, force: true });
  });

  test('the migrations, the server’s routes, the worker and the CLI take a registered capability', async () => {
    const applied = await server.store.db
      .selectFrom('ketenplein_migrations')
      .select('name')
      .where('name', '=', '9900_testcap')
      .execute();
    assert.equal(applied.length, 1);
    const ping = await officer.get('/api/v1/testcap/ping');
    assert.equal(ping.status, 200);
    assert.deepEqual(ping.body, { pong: true });
    await enqueueJob(server.store, 'testcap.job', { n: 1 });
    const handlers = allJobHandlers();
    assert.equal(await runDueJobs(server.store, { 'testcap.job': handlers['testcap.job'] }), 1);
    assert.deepEqual(ran, ['{"n":1}']);
    assert.ok('testcap' in allCommands());
    const out: string[] = [];
    const io: CliIO = {
      lang: 'en',
      stdout: (t) => out.push(t),
      stderr: (t) => out.push(t),
      interactive: false,
    };
    assert.equal(await runCli(['testcap'], io, server.store), 0);
    assert.equal(out.join(''), 'testcap ran\n');
    const help: string[] = [];
    await runCli(['--help'], { ...io, stdout: (t) => help.push(t) });
    assert.match(help.join(''), /testcap\s+Test command/);
  });

  test('privacy finds, reports and erases the capability’s person through its personal-data interface', async () => {
    const created = await officer.post<{ id: string }>('/api/v1/privacy/requests', {
      kind: 'erasure',
      reference: 'AVG-testcap',
      receivedOn: '2026-01-31',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const request = created.body.id;
    const found = await officer.post<{ persons: { personId: string; holding: string }[] }>(
      `/api/v1/privacy/requests/${request}/search`,
      { bsn: '111222333' },
    );
    assert.equal(found.status, 200, JSON.stringify(found.body));
    assert.deepEqual(
      found.body.persons.map((p) => [p.personId, p.holding]),
      [[personId, 'testcap']],
    );
    const attached = await officer.post(`/api/v1/privacy/requests/${request}/persons`, {
      personIds: [personId],
    });
    assert.equal(attached.status, 200, JSON.stringify(attached.body));
    const report = await officer.get<{ records: unknown[] }>(`/api/v1/privacy/requests/${request}/report`);
    assert.equal(report.status, 200);
    assert.deepEqual(report.body.records, [{ personId, holding: 'testcap', fields: ['surname'] }]);
    const erased = await officer.post(`/api/v1/privacy/requests/${request}/erasure`, {});
    assert.equal(erased.status, 200, JSON.stringify(erased.body));
    assert.deepEqual(erased.body, { requestId: request, erased: [personId], refused: [] });
    const row = await sql<{ erased: boolean; surname: string | null }>`
      SELECT erased, surname FROM testcap_persons WHERE id = ${personId}`.execute(server.store.db);
    assert.deepEqual(row.rows, [{ erased: true, surname: null }]);
    // Another organisation's officer cannot name this person: no capability holds it for them.
    const other = await loginAs(server, 'privacy@politie-amsterdam.example', 'data_subject_request');
    const theirs = await other.post<{ id: string }>('/api/v1/privacy/requests', {
      kind: 'access',
      reference: 'AVG-testcap-2',
      receivedOn: '2026-01-31',
    });
    const refused = await other.post(`/api/v1/privacy/requests/${theirs.body.id}/persons`, {
      personIds: [personId],
    });
    assert.equal(refused.status, 404);
  });

  test('the retention job runs every capability’s retention', async () => {
    const removed = await runRetention(server.store, {});
    assert.deepEqual(Object.keys(removed).sort(), ['care', 'cases', 'signals', 'testcap']);
    assert.deepEqual(removed.testcap, ['r1']);
    assert.deepEqual(retained, ['testcap']);
  });
});
