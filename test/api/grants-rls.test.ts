import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { withAccess } from '../../src/access/context.ts';
import type { Resource } from '../../src/access/grant.ts';
import { AccessDenied, allowedPurposes, decide } from '../../src/access/policy.ts';
import type { Store } from '../../src/store/connect.ts';
import { DEMO_USERS } from '../../src/store/demo.ts';
import { actorOf, databaseLabel, openTestStore } from '../helpers/store.ts';

/**
 * Row-level security is the second line under the grants. For every demo user, every purpose it may act
 * under and every readable resource with a table: what the grant's query returns (run as owner, so RLS does
 * not help) lies inside what RLS lets through; and a query under RLS that forgets the grant's condition sees
 * no row of another organisation unless the decision is chain-wide.
 */
const TABLES: Array<{ resource: Resource; table: string; id: string; orgColumns: string[] }> = [
  { resource: 'signal', table: 'signals', id: 'id', orgColumns: ['reporter_org_id', 'routed_org_id'] },
  { resource: 'user', table: 'users', id: 'id', orgColumns: ['org_id'] },
  { resource: 'audit_log', table: 'audit_log', id: 'seq', orgColumns: ['org_id'] },
  { resource: 'crawl_investigation', table: 'crawl_investigations', id: 'id', orgColumns: ['org_id'] },
  { resource: 'estimate', table: 'estimates', id: 'id', orgColumns: ['org_id'] },
  { resource: 'wav_version', table: 'wav_versions', id: 'id', orgColumns: ['org_id'] },
  { resource: 'wav_entry', table: 'wav_entries', id: 'id', orgColumns: ['org_id'] },
  { resource: 'visa_screening', table: 'visa_screenings', id: 'id', orgColumns: ['org_id'] },
];

describe(`grants inside row-level security on ${databaseLabel}`, () => {
  let store: Store;
  before(async () => {
    store = await openTestStore({ seed: true });
  });
  after(async () => {
    await store.close();
  });

  test('every demo user × purpose × readable resource', async () => {
    let checked = 0;
    for (const user of DEMO_USERS) {
      const actor = await actorOf(store, user.email);
      for (const purpose of allowedPurposes(actor)) {
        for (const { resource, table, id, orgColumns } of TABLES) {
          let decision: ReturnType<typeof decide>;
          try {
            decision = decide(actor, purpose, resource, 'read');
          } catch (error) {
            if (error instanceof AccessDenied) continue;
            throw error;
          }
          const db = store.db as unknown as import('kysely').Kysely<Record<string, Record<string, unknown>>>;
          const granted = (
            await db
              .selectFrom(table)
              .select(id)
              .where((eb) => decision.where(eb))
              .execute()
          ).map((row) => String(row[id]));
          const underRls = await withAccess(store, { actor, purpose }, async (tx) => {
            await tx.authorize('read', resource);
            const raw = tx.db as unknown as typeof db;
            // Deliberately without the grant's condition.
            return (await raw.selectFrom(table).select(id).execute()).map((row) => String(row[id]));
          });
          const visible = new Set(underRls);
          const label = `${user.email} ${purpose} ${resource}`;
          for (const row of granted)
            assert.ok(visible.has(row), `${label}: grant returns ${row} that RLS hides`);
          if (!decision.chain) {
            const own = new Set(
              (
                await db
                  .selectFrom(table)
                  .select(id)
                  .where((eb) => eb.or(orgColumns.map((column) => eb(column, '=', actor.orgId))))
                  .execute()
              ).map((row) => String(row[id])),
            );
            for (const row of underRls)
              assert.ok(own.has(row), `${label}: RLS lets through ${row} of another organisation`);
          }
          checked++;
        }
      }
    }
    assert.ok(checked >= 10, `checked ${checked} combinations`);
  });
});
