import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, beforeEach, describe, test } from 'node:test';
import { sql } from 'kysely';
import { appendAudit, GENESIS_HASH, plainEntryHash, verifyAuditChain } from '../../src/access/audit.ts';
import { auditCheckpointJob } from '../../src/access/audit-job.ts';
import { configureAuditTrust, loadAuditKey } from '../../src/access/audit-trust.ts';
import { runCli } from '../../src/cli/main.ts';
import type { Store } from '../../src/store/connect.ts';
import { databaseLabel, openTestStore } from '../helpers/store.ts';

/**
 * Finding 8: whoever owns the database switches the append-only trigger off and rewrites the chain.
 * Before the fix `audit verify` said "intact" after both attacks below (plain SHA-256 chain, no checkpoints).
 */
describe(`audit chain against its database owner on ${databaseLabel}`, () => {
  const folders: string[] = [];
  let store: Store;
  let dir: string;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'audit-checkpoints-'));
    folders.push(dir);
    configureAuditTrust({ key: randomBytes(32), checkpointDir: dir });
    store = await openTestStore();
    const entries = Array.from({ length: 20 }, (_, i) => ({
      userId: null,
      orgId: null,
      role: 'system',
      purpose: null,
      action: 'read',
      resource: 'signal',
      recordIds: [`r${i}`],
      fields: ['narrative'],
      result: 'allowed' as const,
    }));
    await store.db.transaction().execute((trx) => appendAudit(trx, entries));
  });
  afterEach(() => store.close());
  after(() => {
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  async function cliVerify(): Promise<{ code: number; out: string }> {
    const lines: string[] = [];
    const io = {
      lang: 'en' as const,
      stdout: (t: string) => lines.push(t),
      stderr: (t: string) => lines.push(t),
      interactive: false,
    };
    const code = await runCli(['audit', 'verify'], io, store);
    return { code, out: lines.join('') };
  }

  async function asOwner(script: (db: Store['db']) => Promise<void>): Promise<void> {
    await store.exec('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
    await script(store.db);
    await store.exec('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
  }

  async function lastSeq(): Promise<number> {
    const head = await store.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow();
    return Number(head.seq);
  }

  test('audit verify writes a signed checkpoint of the head and shows it', async () => {
    const first = await cliVerify();
    assert.equal(first.code, 0, first.out);
    const last = await lastSeq();
    assert.match(first.out, new RegExp(`written: entry ${last} [0-9a-f]{64}`));
    const second = await cliVerify();
    assert.equal(second.code, 0, second.out);
    assert.match(second.out, /compared: 1/);
    assert.match(second.out, new RegExp(`latest: entry ${last} `));
  });

  test('deleting the last entries and resetting the head is seen against the checkpoint', async () => {
    assert.equal((await cliVerify()).code, 0);
    const last = await lastSeq();
    await asOwner(async (db) => {
      await sql`DELETE FROM audit_log WHERE seq > ${last - 3}`.execute(db);
      const tail = await db
        .selectFrom('audit_log')
        .select(['seq', 'hash'])
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();
      await db
        .updateTable('audit_head')
        .set({ seq: tail.seq, hash: tail.hash })
        .where('id', '=', 1)
        .execute();
    });
    const result = await verifyAuditChain(store.db);
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.reason : '', /entries were removed/);
    const cli = await cliVerify();
    assert.equal(cli.code, 1);
    assert.match(
      cli.out,
      new RegExp(`chain ends at entry ${last - 3} but a signed checkpoint .* saw entry ${last}`),
    );
  });

  async function rewritePlainFrom(from: number): Promise<void> {
    await asOwner(async (db) => {
      const rows = await db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
      let prev = GENESIS_HASH;
      for (const row of rows) {
        const seq = Number(row.seq);
        if (seq >= from) {
          const hash = plainEntryHash({
            ...row,
            purpose: 'statistics',
            seq: String(row.seq),
            at: new Date(row.at).toISOString(),
            prev_hash: prev,
          });
          await db
            .updateTable('audit_log')
            .set({ prev_hash: prev, hash, purpose: 'statistics' })
            .where('seq', '=', row.seq)
            .execute();
          prev = hash;
        } else {
          prev = row.hash;
        }
      }
      await db.updateTable('audit_head').set({ hash: prev }).where('id', '=', 1).execute();
    });
  }

  test('recomputing every hash after entry 10 with plain SHA-256 is seen, with or without a checkpoint', async () => {
    await rewritePlainFrom(11);
    const result = await verifyAuditChain(store.db);
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.brokenAt, '11');
    assert.match(!result.ok ? result.reason : '', /unkeyed hash after keyed entries/);
    assert.equal((await cliVerify()).code, 1);
  });

  test('rewriting the whole chain (every entry plain) is seen at the checkpoint', async () => {
    assert.equal((await cliVerify()).code, 0);
    const last = await lastSeq();
    await rewritePlainFrom(1);
    const result = await verifyAuditChain(store.db);
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.brokenAt, String(last));
    assert.match(!result.ok ? result.reason : '', /differs from the signed checkpoint/);
  });

  test('a checkpoint edited to fit a rewritten chain fails its signature, and so does another key', async () => {
    assert.equal((await cliVerify()).code, 0);
    await rewritePlainFrom(1);
    const file = join(dir, 'checkpoints.jsonl');
    const head = await store.db.selectFrom('audit_head').select(['seq', 'hash']).executeTakeFirstOrThrow();
    const point = JSON.parse(readFileSync(file, 'utf8').trim());
    writeFileSync(file, `${JSON.stringify({ ...point, seq: String(head.seq), hash: head.hash })}\n`);
    const result = await verifyAuditChain(store.db);
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.reason : '', /not signed with this audit key/);
  });

  test('migration: entries hashed before the key existed stay plain and are accepted before the first keyed one', async () => {
    // Turn the chain from the beforeEach into an old, unkeyed one (what a database from before the key holds)…
    await rewritePlainFrom(1);
    const legacy = await verifyAuditChain(store.db);
    assert.equal(legacy.ok, true);
    assert.equal(legacy.ok && legacy.legacyEntries, 20);
    // …then the upgraded server appends keyed entries after it, and the first check checkpoints the lot.
    await store.db.transaction().execute((trx) =>
      appendAudit(trx, [
        {
          userId: null,
          orgId: null,
          role: 'system',
          purpose: null,
          action: 'read',
          resource: 'signal',
          recordIds: [],
          fields: [],
          result: 'allowed',
        },
      ]),
    );
    const cli = await cliVerify();
    assert.equal(cli.code, 0, cli.out);
    assert.match(cli.out, /written: entry 21 /);
  });

  test('the daily job verifies and writes a checkpoint, and fails on a broken chain', async () => {
    await auditCheckpointJob.run(store);
    const lines = readFileSync(join(dir, 'checkpoints.jsonl'), 'utf8').trim().split('\n');
    assert.equal(lines.length, 1);
    assert.equal(JSON.parse(lines[0]!).seq, String(await lastSeq()));
    await rewritePlainFrom(11);
    await assert.rejects(auditCheckpointJob.run(store), /audit chain broken at entry 11/);
  });

  test('the audit key: required in production, at least 32 bytes, made once in the data folder otherwise', () => {
    assert.throws(() => loadAuditKey({ NODE_ENV: 'production' }, dir), /KETENPLEIN_AUDIT_KEY is required/);
    assert.throws(() => loadAuditKey({ KETENPLEIN_AUDIT_KEY: 'c2hvcnQ=' }, dir), /at least 32/);
    const key = randomBytes(32);
    assert.deepEqual(loadAuditKey({ KETENPLEIN_AUDIT_KEY: key.toString('base64') }, dir), key);
    const made = loadAuditKey({}, dir);
    assert.equal(made.length, 32);
    assert.deepEqual(loadAuditKey({}, dir), made);
  });
});
