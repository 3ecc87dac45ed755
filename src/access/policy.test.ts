import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { actorOf, openTestStore } from '../../test/helpers/store.ts';
import type { Store } from '../store/connect.ts';
import { withAccess } from './context.ts';
import { type Actor, type Grant, ownOrganisation } from './grant.ts';
import { AccessDenied, decide, useGrants } from './policy.ts';

/** The policy engine itself: table-driven over the registry's grants, then the three defects of issue 11. */

const ORG = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-000000000002';
const actor = (roles: Actor['roles'], orgType = 'police_unit'): Actor => ({
  userId: '00000000-0000-4000-8000-0000000000aa',
  orgId: ORG,
  orgType,
  roles,
});

describe('decide() over the registered grants', () => {
  const cases: Array<{
    name: string;
    who: Actor;
    purpose: Parameters<typeof decide>[1];
    resource: Parameters<typeof decide>[2];
    action: Parameters<typeof decide>[3];
    allowed: boolean;
    chain?: boolean;
  }> = [
    {
      name: 'intake reports a signal',
      who: actor(['intake'], 'municipality'),
      purpose: 'signal_intake',
      resource: 'signal',
      action: 'create',
      allowed: true,
      chain: false,
    },
    {
      name: 'intake may not assess',
      who: actor(['intake'], 'municipality'),
      purpose: 'signal_intake',
      resource: 'signal',
      action: 'transition',
      allowed: false,
    },
    {
      name: 'triage reads chain-wide',
      who: actor(['triage']),
      purpose: 'signal_assessment',
      resource: 'signal',
      action: 'read',
      allowed: true,
      chain: true,
    },
    {
      name: 'an investigator of a shelter may not read routed signals',
      who: actor(['investigator'], 'shelter'),
      purpose: 'criminal_investigation',
      resource: 'signal',
      action: 'read',
      allowed: false,
    },
    {
      name: 'an investigator reads what is routed to the police',
      who: actor(['investigator']),
      purpose: 'criminal_investigation',
      resource: 'signal',
      action: 'read',
      allowed: true,
      chain: false,
    },
    {
      name: 'the analyst aggregates registrations chain-wide',
      who: actor(['analyst'], 'comensha'),
      purpose: 'statistics',
      resource: 'signal_registrations',
      action: 'aggregate',
      allowed: true,
      chain: true,
    },
    {
      name: 'the analyst may not read a signal',
      who: actor(['analyst'], 'comensha'),
      purpose: 'statistics',
      resource: 'signal',
      action: 'read',
      allowed: false,
    },
    {
      name: 'the admin administers users of its own organisation',
      who: actor(['admin']),
      purpose: 'administration',
      resource: 'user',
      action: 'update',
      allowed: true,
      chain: false,
    },
    {
      name: 'the privacy officer reads its own audit log',
      who: actor(['privacy_officer']),
      purpose: 'audit_control',
      resource: 'audit_log',
      action: 'read',
      allowed: true,
      chain: false,
    },
    {
      name: 'the privacy officer may not crawl',
      who: actor(['privacy_officer']),
      purpose: 'audit_control',
      resource: 'crawl',
      action: 'create',
      allowed: false,
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      if (!c.allowed) {
        assert.throws(() => decide(c.who, c.purpose, c.resource, c.action), AccessDenied);
        return;
      }
      const decision = decide(c.who, c.purpose, c.resource, c.action);
      assert.equal(decision.chain, c.chain);
      assert.ok(decision.fields.length > 0 || decision.resource === 'signal_registrations');
    });
  }

  test('a receiving team gets the fields of what is routed to it, and nothing of a row it only reported', () => {
    const decision = decide(actor(['investigator']), 'criminal_investigation', 'signal', 'read');
    assert.ok(decision.fieldsFor({ routed_org_id: ORG }).includes('triage'));
    assert.ok(decision.fieldsFor({ routed_org_id: ORG }).includes('history'));
  });

  test('check() tests the record itself: another organisation is refused even by a single grant', () => {
    const decision = decide(actor(['admin']), 'administration', 'organisation', 'update');
    assert.equal(decision.check({ id: ORG }), null);
    assert.ok(decision.check({ id: OTHER }));
  });

  test('deny: a restricted person is not read for any purpose but the data-subject request', () => {
    const triage = decide(actor(['triage']), 'signal_assessment', 'signal_person', 'read');
    assert.equal(triage.denies.length, 1);
    assert.deepEqual(triage.fieldsFor({ restricted_at: new Date() }), []);
    assert.ok(triage.check({ restricted_at: new Date() })?.nl.includes('beperking'));
    assert.ok(triage.fieldsFor({ restricted_at: null }).includes('surname'));
    assert.equal(triage.check({ restricted_at: null }), null);
  });
});

describe('the defects of issue 11 (each failed on the old engine)', () => {
  test('(a) a grant open to any role applies under every role of the user, not only the first', () => {
    // The demo KMar reporter has roles intake + investigator: the organisation directory (open to any role
    // and purpose) was refused under criminal_investigation because the old engine took roles[0] = intake.
    const both = actor(['intake', 'investigator'], 'kmar');
    const decision = decide(both, 'criminal_investigation', 'organisation', 'read');
    assert.equal(decision.role, 'investigator');
    assert.ok(decision.fields.includes('name'));
  });

  test('(b) several grants combine per row and per field: the owner keeps its fields beside a partner grant', () => {
    // An analyst's organisation that opened one round and takes part in another: the old engine let the
    // broadest scope win and replaced the fields, so the owner saw only the partner's fields.
    const analyst = actor(['analyst'], 'comensha');
    const decision = decide(analyst, 'statistics', 'estimation_round', 'read');
    const owned = decision.fieldsFor({ org_id: ORG, list_org_ids: [OTHER] });
    const joined = decision.fieldsFor({ org_id: OTHER, list_org_ids: [ORG] });
    const both = decision.fieldsFor({ org_id: ORG, list_org_ids: [ORG] });
    assert.ok(owned.includes('capture_table') && owned.includes('estimate_id'));
    assert.ok(!joined.includes('capture_table') && joined.includes('lists'));
    assert.ok(both.includes('capture_table') && both.includes('lists'));
    assert.deepEqual(decision.fieldsFor({ org_id: OTHER, list_org_ids: [OTHER] }), []);
  });

  test('(b) fields of two grants on the same rows are the union, never one replacing the other', () => {
    const rows = ownOrganisation('org_id');
    const grants: Grant[] = [
      {
        resource: 'estimate',
        actions: ['read'],
        roles: ['analyst'],
        purposes: ['statistics'],
        rows,
        fields: ['id', 'name'],
        legalBasis: 'a',
      },
      {
        resource: 'estimate',
        actions: ['read'],
        roles: ['analyst'],
        purposes: ['statistics'],
        rows: { ...rows, chain: true, test: () => true },
        fields: ['id', 'result'],
        legalBasis: 'b',
      },
    ];
    const restore = useGrants(grants);
    try {
      const decision = decide(actor(['analyst']), 'statistics', 'estimate', 'read');
      assert.deepEqual([...decision.fieldsFor({ org_id: ORG })].sort(), ['id', 'name', 'result']);
      assert.deepEqual([...decision.fieldsFor({ org_id: OTHER })].sort(), ['id', 'result']);
    } finally {
      restore();
    }
  });

  describe('(c) the RLS chain setting follows each decision', () => {
    let store: Store;
    before(async () => {
      store = await openTestStore({ seed: true });
    });
    after(async () => {
      await store.close();
    });

    test('a chain-wide decision does not widen the next query of an own-organisation decision', async () => {
      const officer = await actorOf(store, 'privacy@politie-amsterdam.example');
      // Entries of both organisations exist in the log.
      for (const who of [officer, await actorOf(store, 'privacy@gemeente-amsterdam.example')]) {
        await withAccess(store, { actor: who, purpose: 'audit_control' }, async (tx) =>
          tx.record(await tx.authorize('read', 'audit_log'), ['x'], []),
        );
      }
      const seen = await withAccess(store, { actor: officer, purpose: 'audit_control' }, async (tx) => {
        await tx.authorize('verify', 'audit_chain'); // chain-wide
        await tx.authorize('read', 'audit_log'); // own organisation
        // A query that forgets the grant's condition: RLS alone must keep it to the own organisation.
        const { rows } = await sql<{ org_id: string | null }>`SELECT DISTINCT org_id FROM audit_log`.execute(
          tx.db,
        );
        const setting = await sql<{
          on: string;
        }>`SELECT current_setting('ketenplein.chain_scope') AS on`.execute(tx.db);
        return { orgs: rows.map((row) => row.org_id), chain: setting.rows[0].on };
      });
      assert.equal(seen.chain, 'off');
      assert.deepEqual(seen.orgs, [officer.orgId]);
    });
  });
});
