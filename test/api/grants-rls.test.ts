import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { withAccess } from '../../src/access/context.ts';
import type { Resource } from '../../src/access/grant.ts';
import { AccessDenied, allowedPurposes, decide } from '../../src/access/policy.ts';
import type { Store } from '../../src/store/connect.ts';
import { DEMO_USERS } from '../../src/store/demo.ts';
import '../../src/care/tables.ts';
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
  // Cases: the seed has none; test/api/cases-grants-rls.test.ts checks them with shared cases and referrals.
  { resource: 'case', table: 'cases', id: 'id', orgColumns: ['lead_org_id'] },
  { resource: 'case_referral', table: 'case_referrals', id: 'id', orgColumns: ['from_org_id', 'to_org_id'] },
  { resource: 'case_task', table: 'case_tasks', id: 'id', orgColumns: ['owner_org_id'] },
  // Care (src/care).
  { resource: 'care_client', table: 'care_clients', id: 'id', orgColumns: ['org_id'] },
  { resource: 'care_consent', table: 'care_consents', id: 'id', orgColumns: ['org_id'] },
  { resource: 'reflection_period', table: 'reflection_periods', id: 'id', orgColumns: ['org_id'] },
  { resource: 'shelter_place', table: 'shelter_places', id: 'id', orgColumns: ['org_id'] },
  {
    resource: 'placement_request',
    table: 'placement_requests',
    id: 'id',
    orgColumns: ['coordinator_org_id', 'shelter_org_id'],
  },
  {
    resource: 'care_safe_address',
    table: 'care_safe_addresses',
    id: 'placement_id',
    orgColumns: ['coordinator_org_id', 'shelter_org_id'],
  },
  { resource: 'victim_registration', table: 'victim_registrations', id: 'id', orgColumns: ['org_id'] },
  { resource: 'care_trajectory', table: 'care_trajectories', id: 'id', orgColumns: ['org_id'] },
  { resource: 'care_handover', table: 'care_handovers', id: 'id', orgColumns: ['org_id', 'to_org_id'] },
  { resource: 'missing_minor', table: 'missing_minors', id: 'id', orgColumns: ['org_id', 'police_org_id'] },
  { resource: 'wav_version', table: 'wav_versions', id: 'id', orgColumns: ['org_id'] },
  { resource: 'wav_entry', table: 'wav_entries', id: 'id', orgColumns: ['org_id'] },
  { resource: 'visa_screening', table: 'visa_screenings', id: 'id', orgColumns: ['org_id'] },
  { resource: 'fiu_batch', table: 'fiu_batches', id: 'id', orgColumns: ['org_id'] },
  { resource: 'fiu_transaction', table: 'fiu_transactions', id: 'id', orgColumns: ['org_id'] },
  { resource: 'monitor_indicator', table: 'monitor_indicators', id: 'id', orgColumns: ['org_id'] },
  { resource: 'monitor_figure', table: 'monitor_figures', id: 'id', orgColumns: ['org_id'] },
  { resource: 'monitor_period', table: 'monitor_closed_periods', id: 'period', orgColumns: ['org_id'] },
  { resource: 'municipal_assessment', table: 'municipal_assessments', id: 'id', orgColumns: ['org_id'] },
];

/** Care rows of two coordinations and two shelters (as owner), so the care resources are checked on real rows. */
async function seedCare(store: Store) {
  const orgs = await store.db.selectFrom('organisations').select(['id', 'type']).execute();
  const users = await store.db.selectFrom('users').select(['id', 'org_id']).execute();
  const care = orgs.find((o) => o.type === 'care_coordination');
  const shelter = orgs.find((o) => o.type === 'shelter');
  const other = orgs.find((o) => o.type === 'municipality');
  assert.ok(care && shelter && other);
  const [otherCare, otherShelter] = await store.db
    .insertInto('organisations')
    .values([
      { name: 'Zorgcoördinatie Elders (test)', type: 'care_coordination' },
      { name: 'Opvang Elders (test)', type: 'shelter' },
    ])
    .returning('id')
    .execute();
  const by = (org: string) => users.find((u) => u.org_id === org)?.id ?? users[0].id;
  for (const [coordination, home] of [
    [care.id, shelter.id],
    [otherCare.id, otherShelter.id],
  ]) {
    const client = await store.db
      .insertInto('care_clients')
      .values({ org_id: coordination, source: 'direct', alias: 'Test', created_by: by(coordination) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await store.db
      .insertInto('care_consents')
      .values({
        client_id: client.id,
        org_id: coordination,
        scope: 'placement',
        given_on: '2026-01-02',
        how: 'verbal',
        recorded_by: by(coordination),
      })
      .execute();
    await store.db
      .insertInto('reflection_periods')
      .values({ client_id: client.id, org_id: coordination, offered_on: '2026-01-02' })
      .execute();
    const location = await store.db
      .insertInto('shelter_locations')
      .values({ org_id: home, name: 'Locatie', municipality_code: 'GM0193', region: 'VR04' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const place = await store.db
      .insertInto('shelter_places')
      .values({
        location_id: location.id,
        org_id: home,
        kind: 'categorical',
        capacity: 3,
        occupancy: 1,
        genders: ['female'],
        min_age: 18,
        max_age: 120,
        needs: [],
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const request = await store.db
      .insertInto('placement_requests')
      .values({
        client_id: client.id,
        coordinator_org_id: coordination,
        gender: 'female',
        age: 30,
        state: 'admitted',
        place_id: place.id,
        shelter_org_id: home,
        history: '[]',
        created_by: by(coordination),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await store.db
      .insertInto('care_safe_addresses')
      .values({
        placement_id: request.id,
        client_id: client.id,
        coordinator_org_id: coordination,
        shelter_org_id: home,
        address: 'Veilig 1',
        recorded_by: by(coordination),
      })
      .execute();
  }
}

describe(`grants inside row-level security on ${databaseLabel}`, () => {
  let store: Store;
  before(async () => {
    store = await openTestStore({ seed: true });
    await seedCare(store);
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
