import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { databaseLabel, openTestStore } from '../../test/helpers/store.ts';
import type { Store } from '../store/connect.ts';
import { appendAudit, entryHash, verifyAuditChain } from './audit.ts';

const entry = {
  userId: null,
  orgId: null,
  role: null,
  purpose: 'administration',
  resource: 'append_test',
  recordIds: ['r1'],
  fields: ['f'],
  result: 'allowed' as const,
};

const head = async (store: Store) =>
  (
    await sql<{
      seq: string;
      hash: string;
    }>`SELECT seq::text AS seq, hash FROM ketenplein_audit_head_now()`.execute(store.db)
  ).rows[0];

/** What another process does: append one entry from the head it read itself, through the same function. */
async function appendElsewhere(store: Store, expected: { seq: string; hash: string }, action: string) {
  const fields = {
    seq: String(BigInt(expected.seq) + 1n),
    at: new Date().toISOString(),
    user_id: null,
    org_id: null,
    role: null,
    purpose: 'administration',
    action,
    resource: 'append_test',
    record_ids: [],
    fields: [],
    result: 'allowed',
    reason: null,
    prev_hash: expected.hash,
  };
  const row = { ...fields, hash: entryHash(fields) };
  return (
    await sql<{
      appended: boolean;
    }>`SELECT appended FROM ketenplein_audit_append(${expected.seq}::bigint, ${expected.hash}, ${JSON.stringify([row])}::jsonb)`.execute(
      store.db,
    )
  ).rows[0].appended;
}

describe(`audit append in one statement (migration 0098) on ${databaseLabel}`, () => {
  let store: Store;
  before(async () => {
    store = await openTestStore({ seed: false });
  });
  after(() => store.close());

  test('a head moved by another process costs a retry, never a broken chain; a stale head writes nothing', async () => {
    await appendAudit(store.db, [{ ...entry, action: 'read' }]);
    const first = await head(store);
    // Another process appends: this process's idea of the head is now stale.
    assert.equal(await appendElsewhere(store, first, 'elsewhere'), true);
    await appendAudit(store.db, [
      { ...entry, action: 'update' },
      { ...entry, action: 'read' },
    ]);
    const count = async () =>
      Number(
        (
          await store.db
            .selectFrom('audit_log')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    // An appender that still believes the old head: refused, nothing written, the head unchanged.
    const last = await head(store);
    assert.equal(await appendElsewhere(store, first, 'stale'), false);
    assert.equal(await count(), before);
    assert.deepEqual(await head(store), last);
    const verified = await verifyAuditChain(store.db);
    assert.equal(verified.ok, true, JSON.stringify(verified));
    assert.equal(verified.checked, before);
    assert.equal(BigInt(last.seq), BigInt(first.seq) + 3n);
  });
});
