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
  { resource: 'monitor_indicator', table: 'monitor_indicators', id: 'id', orgColumns: ['org_id'] },
  { resource: 'monitor_figure', table: 'monitor_figures', id: 'id', orgColumns: ['org_id'] },
  { resource: 'monitor_period', table: 'monitor_closed_periods', id: 'period', orgColumns: ['org_id'] },
  { resource: 'municipal_assessment', table: 'municipal_assessments', id: 'id', orgColumns: ['org_id'] },
];

describe(`grants inside row-level security on ${databaseLabel}`, () => {
  let store: Store;
  before(async () => {
    store = await openTestStore({ seed: true });
    // Monitor rows of three organisations, so the monitor resources are checked on rows, not on empty tables.
    const db = store.db as unknown as import('kysely').Kysely<Record<string, Record<string, unknown>>>;
    const programme = await actorOf(store, 'programma@jenv.example');
    const analyst = await actorOf(store, 'analist@comensha.example');
    await db
      .insertInto('monitor_indicators')
      .values({
        id: 'rls_partner_figure',
        org_id: programme.orgId,
        action_line: 3,
        name_nl: 'Registraties',
        name_en: 'Registrations',
        definition: JSON.stringify({ kind: 'partner' }),
        unit: 'count',
        period: 'year',
        breakdowns: [],
        source: 'partner',
        created_by: programme.userId,
      })
      .execute();
    await db
      .insertInto('monitor_figures')
      .values([
        {
          indicator_id: 'rls_partner_figure',
          period: '2025',
          value: 120,
          org_id: analyst.orgId,
          submitted_by: analyst.userId,
        },
        {
          indicator_id: 'rls_partner_figure',
          period: '2024',
          value: 100,
          org_id: programme.orgId,
          submitted_by: programme.userId,
        },
      ])
      .execute();
    await db
      .insertInto('monitor_closed_periods')
      .values({ period: '2023', org_id: programme.orgId, closed_by: programme.userId })
      .execute();
    const amsterdam = await actorOf(store, 'coordinator@gemeente-amsterdam.example');
    const utrecht = await db
      .selectFrom('organisations')
      .select('id')
      .where('cbs_code', '=', 'GM0344')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('municipal_assessments')
      .values([
        {
          org_id: amsterdam.orgId,
          municipality: 'GM0363',
          version: 1,
          answers: '{}',
          submitted_by: amsterdam.userId,
        },
        {
          org_id: String(utrecht.id),
          municipality: 'GM0344',
          version: 1,
          answers: '{}',
          submitted_by: programme.userId,
        },
      ])
      .execute();
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
