import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { newestMtime, withBuildLock } from '../../scripts/build-app.mjs';
import type { Actor } from '../../src/access/policy.ts';
import type { Role } from '../../src/access/roles.ts';
import { allMigrations } from '../../src/capabilities.ts';
import { openStore, type Store } from '../../src/store/connect.ts';
import { seedDemo } from '../../src/store/demo.ts';
import { migrate } from '../../src/store/migrate.ts';

/**
 * A fresh database per test file: in-memory PGlite by default, or with DATABASE_URL a new
 * schema on the PostgreSQL server (dropped again on close) so runs never collide.
 *
 * On PGlite, starting a database and migrating it costs ~1.5 s, and every test file needs one: the migrated
 * (and the migrated and seeded) database is made once, kept as a file image beside the build, and each test
 * file loads it (~0.3 s). The image is remade when any source file is newer than it, or after an hour.
 */
export async function openTestStore(options: { seed?: boolean; migrate?: boolean } = {}): Promise<Store> {
  const url = process.env.DATABASE_URL;
  if (!url && options.migrate !== false) {
    return openStore({ dataDir: 'memory', snapshot: await pgliteSnapshot(options.seed === true) });
  }
  const schema = url ? `kp_test_${randomBytes(6).toString('hex')}` : undefined;
  const store = await openStore(url ? { databaseUrl: url, schema, poolSize: 5 } : { dataDir: 'memory' });
  if (options.migrate !== false) await migrate(store, await allMigrations());
  if (options.seed) await seedDemo(store, {});
  if (!url) return store;
  return {
    ...store,
    close: async () => {
      await store.close();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

const ROOT = resolve(import.meta.dirname, '..', '..');
const SNAPSHOT_DIR = join(ROOT, 'dist', 'test-db');
const snapshots = new Map<boolean, Promise<Blob>>();

/** The image of a migrated (and, with `seeded`, demo-seeded) PGlite database; made once per source state. */
function pgliteSnapshot(seeded: boolean): Promise<Blob> {
  let made = snapshots.get(seeded);
  if (!made) {
    made = loadOrMakeSnapshot(seeded);
    snapshots.set(seeded, made);
  }
  return made;
}

async function loadOrMakeSnapshot(seeded: boolean): Promise<Blob> {
  const file = join(SNAPSHOT_DIR, seeded ? 'migrated-seeded.tar' : 'migrated.tar');
  const sources = Math.max(
    newestMtime(join(ROOT, 'src'), (name) => name.endsWith('.test.ts')),
    newestMtime(join(ROOT, 'package-lock.json')),
  );
  // The demo world dates things relative to the day it was seeded: an image older than an hour is remade.
  const current = () => {
    const made = statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0;
    return made >= sources && Date.now() - made < 3_600_000;
  };
  if (!current()) {
    // Parallel test files wait for the one that makes it instead of all making their own.
    await withBuildLock(join(SNAPSHOT_DIR, '.lock'), async () => {
      if (current()) return;
      const store = await openStore({ dataDir: 'memory' });
      try {
        await migrate(store, await allMigrations());
        if (seeded) await seedDemo(store, {});
        const image = Buffer.from(await (await (store.dump as () => Promise<Blob>)()).arrayBuffer());
        mkdirSync(SNAPSHOT_DIR, { recursive: true });
        const next = `${file}.${process.pid}`;
        writeFileSync(next, image);
        renameSync(next, file); // whole or not at all, for readers that do not take the lock
      } finally {
        await store.close();
      }
    });
  }
  return new Blob([readFileSync(file)]);
}

export const databaseLabel = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';

/** A seeded user as the access layer sees it, for tests that call a capability on the store directly. */
export async function actorOf(store: Store, email: string): Promise<Actor> {
  const row = await store.db
    .selectFrom('users')
    .innerJoin('organisations', 'organisations.id', 'users.org_id')
    .select(['users.id', 'users.org_id', 'organisations.type', 'users.roles'])
    .where('users.email', '=', email)
    .executeTakeFirstOrThrow();
  return { userId: row.id, orgId: row.org_id, orgType: row.type, roles: row.roles as Role[] };
}
