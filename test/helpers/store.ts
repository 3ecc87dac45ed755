import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Actor } from '../../src/access/policy.ts';
import type { Role } from '../../src/access/roles.ts';
import { allMigrations } from '../../src/capabilities.ts';
import { openStore, type Store } from '../../src/store/connect.ts';
import { seedDemo } from '../../src/store/demo.ts';
import { migrate } from '../../src/store/migrate.ts';

/**
 * A fresh database per test file: in-memory PGlite by default, or with DATABASE_URL a new
 * schema on the PostgreSQL server (dropped again on close) so runs never collide.
 */
export async function openTestStore(options: { seed?: boolean; migrate?: boolean } = {}): Promise<Store> {
  const url = process.env.DATABASE_URL;
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
