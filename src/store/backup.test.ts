import assert from 'node:assert/strict';
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, describe, test } from 'node:test';
import pg from 'pg';
import { databaseLabel, openTestStore } from '../../test/helpers/store.ts';
import { appendAudit, verifyAuditChain } from '../access/audit.ts';
import { allMigrations } from '../capabilities.ts';
import { BackupError, backup, restore } from './backup.ts';
import { openStore, type Store } from './connect.ts';
import { seedDemo } from './demo.ts';
import { migrate } from './migrate.ts';

const url = process.env.DATABASE_URL;
const work = resolve(`.tmp/backup-${process.pid}`);

async function someHistory(store: Store) {
  const entry = {
    userId: null,
    orgId: null,
    role: null,
    purpose: 'administration',
    resource: 'backup_test',
    recordIds: [],
    fields: [],
    result: 'allowed' as const,
  };
  await appendAudit(store.db, [
    { ...entry, action: 'read' },
    { ...entry, action: 'update' },
  ]);
}

async function snapshot(store: Store) {
  const chain = await verifyAuditChain(store.db);
  const users = await store.db.selectFrom('users').select('email').orderBy('email').execute();
  return { chain, users: users.map((u) => u.email) };
}

describe(`backup and restore on ${databaseLabel}`, () => {
  mkdirSync(work, { recursive: true });
  after(() => rmSync(work, { recursive: true, force: true }));

  test('backup → restore into an empty target → the audit chain verifies and the data is back', async () => {
    const file = join(work, url ? 'ketenplein.dump' : 'ketenplein.tar.gz');
    let before: Awaited<ReturnType<typeof snapshot>>;
    let restored: Store;
    let cleanup = async () => {};
    if (url) {
      const original = await openTestStore({ seed: true });
      await someHistory(original);
      before = await snapshot(original);
      const schema = original.schema;
      await backup({ databaseUrl: url, schema }, file);
      await assert.rejects(
        restore({ databaseUrl: url, schema }, file),
        BackupError,
        'refused over live data',
      );
      await original.close(); // drops the schema: the disaster
      await restore({ databaseUrl: url, schema }, file);
      restored = await openStore({ databaseUrl: url, schema, poolSize: 2 });
      cleanup = async () => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await client.end();
      };
    } else {
      const original = await openStore({ dataDir: join(work, 'a') });
      await migrate(original, await allMigrations());
      await seedDemo(original, {});
      await someHistory(original);
      before = await snapshot(original);
      await original.close();
      await backup({ dataDir: join(work, 'a') }, file);
      await assert.rejects(
        restore({ dataDir: join(work, 'a') }, file),
        BackupError,
        'refused over live data',
      );
      await restore({ dataDir: join(work, 'b') }, file);
      restored = await openStore({ dataDir: join(work, 'b') });
    }
    try {
      assert.equal(before.chain.ok, true);
      assert.ok(before.chain.checked >= 2);
      assert.deepEqual(await snapshot(restored), before);
      // The restored system is a working one: migrations are current and the chain grows on.
      assert.deepEqual((await migrate(restored, await allMigrations())).applied, []);
      await someHistory(restored);
      assert.equal((await verifyAuditChain(restored.db)).ok, true);
    } finally {
      await restored.close();
      await cleanup();
    }
  });
});
