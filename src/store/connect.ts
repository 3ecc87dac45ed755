import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { CompiledQuery, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import type { Database } from './schema.ts';
import { installScopeKey, loadScopeKey } from './scope-key.ts';
import { scopedClientClass } from './scoped-client.ts';

export type StoreKind = 'pglite' | 'postgres';

/** One database, embedded or server, behind the same Kysely API and the same migrations. */
export interface Store {
  kind: StoreKind;
  db: Kysely<Database>;
  /**
   * The database for request transactions (`withAccess`): on PostgreSQL a pool of the login role
   * `ketenplein_login`, which owns nothing and may only become `ketenplein_app`; on PGlite (one user) the
   * same connection as `db`, where every request transaction switches to `ketenplein_app` with SET ROLE.
   */
  requestDb: Kysely<Database>;
  /** Signs the request scope (src/store/scope-key.ts); the database holds it too. */
  scopeKey: Buffer;
  /** The schema every table lives in (a fresh one per test run on a shared server). */
  schema: string;
  /** Runs a multi-statement SQL script as the owner (migrations, maintenance). */
  exec(script: string): Promise<void>;
  close(): Promise<void>;
  /** Connections of a server pool, for /metrics (PGlite has one connection and no pool). */
  poolStats?(): { total: number; idle: number; waiting: number };
  /** PGlite only: the whole database as a file image, to start another in-memory database from (tests). */
  dump?(): Promise<Blob>;
}

export interface StoreOptions {
  /** postgres://… ; without it the embedded PGlite is used. */
  databaseUrl?: string;
  /** Folder for PGlite's files; `memory` keeps everything in memory (tests). */
  dataDir?: string;
  /** An in-memory PGlite starts from this image (made by `dump`) instead of an empty database. */
  snapshot?: Blob;
  /** Schema on a PostgreSQL server; created when missing. Default `public`. */
  schema?: string;
  /** Pool size on a PostgreSQL server. */
  poolSize?: number;
  /**
   * PostgreSQL: the URL of the request connections (login role that owns nothing). Default
   * KETENPLEIN_APP_DATABASE_URL, else `databaseUrl` with the user `ketenplein_login` and no password.
   */
  requestDatabaseUrl?: string;
}

// Bigint columns (sequences, counts) arrive as strings; keep them exact rather than lossy numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => value);
// A DATE is a calendar day, not an instant: both drivers would turn it into a Date at local midnight,
// which toISOString() shifts to the day before east of UTC (2026-01-09 became 2026-01-08 on Dutch
// time). Keep it as the 'YYYY-MM-DD' text PostgreSQL sends; see DateColumn in schema.ts.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
const pgliteParsers = { [pg.types.builtins.DATE]: (value: string) => value };

export async function openStore(options: StoreOptions = {}): Promise<Store> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options) : openPGlite(options);
}

async function openPGlite(options: StoreOptions): Promise<Store> {
  const dir = options.dataDir ?? 'memory';
  let pglite: PGlite;
  let unlock = () => {};
  if (dir === 'memory') {
    pglite = new PGlite({ parsers: pgliteParsers, loadDataDir: options.snapshot });
  } else {
    const path = resolve(dir, 'pgdata');
    mkdirSync(path, { recursive: true });
    // One process per folder (server or CLI): a second PGlite on the same files corrupts them.
    unlock = lockDataDir(resolve(dir));
    pglite = new PGlite(path, { parsers: pgliteParsers });
  }
  await pglite.waitReady.catch((error) => {
    unlock();
    throw error;
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  const store: Store = {
    kind: 'pglite',
    db,
    requestDb: db,
    scopeKey: loadScopeKey(process.env, 'pglite'),
    schema: 'public',
    // Goes through Kysely's connection so it queues behind running transactions.
    exec: (script) =>
      db.connection().execute(async () => {
        await pglite.exec(script);
      }),
    close: async () => {
      await db.destroy();
      await pglite.close();
      unlock();
    },
    dump: () => db.connection().execute(() => pglite.dumpDataDir('none')),
  };
  // One process per database: this process's key goes in (a snapshot or data folder may hold another's).
  await installScopeKey(store);
  return store;
}

async function openPostgres(url: string, options: StoreOptions): Promise<Store> {
  const schema = options.schema ?? 'public';
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name: ${schema}`);
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } finally {
    await admin.end();
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    options: `-c search_path=${schema}`,
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const scopeKey = loadScopeKey(process.env, 'postgres');
  const requestPool = new pg.Pool({
    // Folds BEGIN and the scope's nonce into one round trip and signs the scope (src/access/db-scope.ts).
    Client: scopedClientClass(scopeKey),
    connectionString: options.requestDatabaseUrl ?? process.env.KETENPLEIN_APP_DATABASE_URL ?? loginUrl(url),
    max: options.poolSize ?? 10,
    options: `-c search_path=${schema}`,
  });
  const requestDb = new Kysely<Database>({
    dialect: new PostgresDialect({
      pool: requestPool,
      // Each request connection becomes the request role once, so a lone statement (the session lookup of
      // every request, logout) runs as ketenplein_app too; RESET ROLE still falls back to the login role,
      // which has no privilege. Request transactions switch again with SET LOCAL ROLE (db-scope.ts).
      onCreateConnection: async (connection) => {
        await connection.executeQuery(CompiledQuery.raw('SET ROLE ketenplein_app'));
      },
    }),
  });
  return {
    kind: 'postgres',
    db,
    requestDb,
    scopeKey,
    schema,
    exec: async (script) => {
      const client = await pool.connect();
      try {
        await client.query(script);
      } finally {
        client.release();
      }
    },
    close: async () => {
      await requestDb.destroy();
      await db.destroy();
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
  };
}

/** The owner's URL with the login role `ketenplein_login` instead of its user and no password (trust or .pgpass). */
function loginUrl(ownerUrl: string): string {
  const url = new URL(ownerUrl);
  url.username = 'ketenplein_login';
  url.password = '';
  return url.toString();
}
