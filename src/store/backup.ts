import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/**
 * Backup and restore of the whole database, with the database's own tools: PGlite's data-folder dump
 * (a gzipped tarball of the folder) for the embedded database, pg_dump/pg_restore (custom format, one
 * schema) for a PostgreSQL server. A restore goes only into an empty target, so it can never mix two
 * histories; the audit chain comes back as it was, and `audit verify` checks it.
 */
export class BackupError extends Error {}

export interface BackupTarget {
  /** postgres://… ; without it the PGlite data folder is meant. */
  databaseUrl?: string;
  /** KETENPLEIN_DATA_DIR (PGlite). */
  dataDir?: string;
  /** Schema on the server (default public). */
  schema?: string;
}

const pgdataOf = (dataDir: string) => resolve(dataDir, 'pgdata');

export async function backup(target: BackupTarget, file: string): Promise<void> {
  if (target.databaseUrl) {
    await run('pg_dump', [
      '--format=custom',
      `--schema=${target.schema ?? 'public'}`,
      `--file=${file}`,
      `--dbname=${target.databaseUrl}`,
    ]);
    return;
  }
  const path = pgdataOf(target.dataDir ?? './data');
  if (!existsSync(path)) throw new BackupError(`no database in ${path}`);
  // PGlite serves one process: a backup of a data folder in use by a running server is refused by the
  // folder lock (store/data-dir-lock.ts), so stop the server first.
  const pglite = new PGlite(path);
  try {
    await pglite.waitReady;
    const dump = await pglite.dumpDataDir('gzip');
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await pglite.close();
  }
}

export async function restore(target: BackupTarget, file: string): Promise<void> {
  if (!existsSync(file)) throw new BackupError(`no backup file ${file}`);
  if (target.databaseUrl) {
    await prepareServer(target.databaseUrl, target.schema ?? 'public');
    await run('pg_restore', ['--exit-on-error', '--no-owner', `--dbname=${target.databaseUrl}`, file]);
    return;
  }
  const path = pgdataOf(target.dataDir ?? './data');
  if (existsSync(path) && readdirSync(path).length > 0) {
    throw new BackupError(`${path} is not empty: restore into an empty data folder (KETENPLEIN_DATA_DIR)`);
  }
  mkdirSync(path, { recursive: true });
  const pglite = new PGlite(path, { loadDataDir: new Blob([readFileSync(file)]) });
  try {
    await pglite.waitReady;
    await pglite.query('select 1');
  } finally {
    await pglite.close();
  }
}

/**
 * The restore target must hold no Ketenplein yet; an empty schema of another name is dropped so the
 * dump can create it. The request role is per cluster, so a new server gets it first.
 */
async function prepareServer(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query('SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = $1', [
      schema,
    ]);
    if (tables.rows[0].n > 0) {
      throw new BackupError(`schema ${schema} is not empty: restore into an empty database or schema`);
    }
    if (schema !== 'public') await client.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)}`);
    await client.query(`DO $$ BEGIN CREATE ROLE ketenplein_app NOLOGIN;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
  } finally {
    await client.end();
  }
}

/** Runs pg_dump/pg_restore; the password stays in the URL argument, never in a message. */
function run(command: string, args: string[]): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', (error) => fail(new BackupError(`${command}: ${error.message}`)));
    child.on('close', (code) => {
      if (code === 0) done();
      else
        fail(
          new BackupError(
            `${command} failed (exit ${code}): ${stderr.trim().split('\n').slice(-3).join(' ')}`,
          ),
        );
    });
  });
}
