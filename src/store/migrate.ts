import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Store } from './connect.ts';
import { installScopeKey } from './scope-key.ts';

export interface Migration {
  name: string;
  script: string;
  checksum: string;
}

/**
 * The versioned SQL files `NNNN_name.sql` of one folder. Each capability has its own folder and number range
 * (its manifest); `allMigrations()` in src/capabilities.ts collects them all for `migrate`.
 */
export function loadMigrations(dir: URL | string): Migration[] {
  const path = typeof dir === 'string' ? dir : fileURLToPath(dir);
  return readdirSync(path)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => {
      const script = readFileSync(join(path, file), 'utf8');
      return {
        name: file.replace(/\.sql$/, ''),
        script,
        checksum: createHash('sha256').update(script).digest('hex'),
      };
    });
}

export class MigrationError extends Error {}

export interface MigrationResult {
  applied: string[];
  current: string;
}

/**
 * Applies the migrations the database lacks, each in its own transaction, under an advisory
 * lock so two processes starting together do not race. Refuses a database that knows a
 * migration this code does not (it is newer) or whose applied script was changed since.
 */
export async function migrate(store: Store, migrations: readonly Migration[]): Promise<MigrationResult> {
  await store.exec(`CREATE TABLE IF NOT EXISTS ketenplein_migrations (
    name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  const result = await store.db.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(hashtext(current_schema() || '.ketenplein_migrate'))`.execute(conn);
    try {
      const rows = await conn.selectFrom('ketenplein_migrations').select(['name', 'checksum']).execute();
      const known = new Map(migrations.map((m) => [m.name, m]));
      const unknown = rows.filter((row) => !known.has(row.name)).map((row) => row.name);
      if (unknown.length > 0) {
        throw new MigrationError(
          `De database is nieuwer dan deze code (onbekende migraties: ${unknown.join(', ')}). Werk de code bij. / ` +
            `The database is newer than this code (unknown migrations: ${unknown.join(', ')}). Update the code.`,
        );
      }
      const done = new Map(rows.map((row) => [row.name, row.checksum]));
      for (const [name, checksum] of done) {
        if (known.get(name)?.checksum !== checksum) {
          throw new MigrationError(
            `Migratie ${name} is gewijzigd na toepassing / was changed after it was applied`,
          );
        }
      }
      const applied: string[] = [];
      for (const migration of migrations) {
        if (done.has(migration.name)) continue;
        await runInTransaction(conn, migration);
        applied.push(migration.name);
      }
      return { applied, current: migrations.at(-1)?.name ?? '' };
    } finally {
      await sql`SELECT pg_advisory_unlock(hashtext(current_schema() || '.ketenplein_migrate'))`.execute(conn);
    }
  });
  // The owner writes the scope key the request connections sign with (migration 0095).
  await installScopeKey(store);
  return result;
}

async function runInTransaction(conn: Store['db'], migration: Migration): Promise<void> {
  await sql`BEGIN`.execute(conn);
  try {
    // Each statement separately: the extended protocol (PGlite, parameters) runs one at a time.
    for (const statement of splitSql(migration.script)) await sql.raw(statement).execute(conn);
    await conn
      .insertInto('ketenplein_migrations')
      .values({ name: migration.name, checksum: migration.checksum })
      .execute();
    await sql`COMMIT`.execute(conn);
  } catch (error) {
    await sql`ROLLBACK`.execute(conn);
    throw new MigrationError(`Migratie ${migration.name} mislukt / failed: ${(error as Error).message}`);
  }
}

/** Splits a script on top-level semicolons, keeping dollar-quoted bodies, strings and comments intact. */
export function splitSql(script: string): string[] {
  const statements: string[] = [];
  let current = '';
  let i = 0;
  while (i < script.length) {
    const ch = script[i];
    if (ch === '-' && script[i + 1] === '-') {
      const end = script.indexOf('\n', i);
      i = end === -1 ? script.length : end;
      continue;
    }
    if (ch === "'") {
      const end = script.indexOf("'", i + 1);
      current += script.slice(i, end + 1);
      i = end + 1;
      continue;
    }
    if (ch === '$') {
      const tag = /^\$[A-Za-z_]*\$/.exec(script.slice(i))?.[0];
      if (tag) {
        const end = script.indexOf(tag, i + tag.length);
        current += script.slice(i, end + tag.length);
        i = end + tag.length;
        continue;
      }
    }
    if (ch === ';') {
      if (current.trim()) statements.push(current.trim());
      current = '';
      i++;
      continue;
    }
    current += ch;
    i++;
  }
  if (current.trim()) statements.push(current.trim());
  return statements;
}

export async function currentMigration(store: Store): Promise<string | null> {
  const row = await store.db
    .selectFrom('ketenplein_migrations')
    .select('name')
    .orderBy('name', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.name ?? null;
}
