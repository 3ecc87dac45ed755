import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { withAccess } from '../../src/access/context.ts';
import type { Resource } from '../../src/access/grant.ts';
import { AccessDenied, allowedPurposes, decide } from '../../src/access/policy.ts';
import { DEMO_USERS } from '../../src/store/demo.ts';
import {
  addDays,
  CARE,
  CHAIR,
  MUNICIPALITY,
  orgIds,
  POLICE,
  policeCase,
  referAndAccept,
  TINY_PDF,
  uploadCaseDocument,
} from '../helpers/cases.ts';
import { loginAs, startTestServer, type TestServer } from '../helpers/server.ts';
import { actorOf, databaseLabel } from '../helpers/store.ts';

type Row = Record<string, unknown>;
const RANK = ['criminal', 'administrative', 'care'];

/**
 * The grants and row-level security of the case tables agree with one model of who sees what: the lead
 * organisation everything; a recipient, under the purpose of a live referral (accepted, not lapsed), the
 * parts of its profile. For every demo user × purpose it may act under × case resource: the grant's query
 * returns exactly the model's rows, and a query under RLS that forgets the grant sees nothing outside it.
 */
describe(`cases: grants and row-level security agree with the referral model on ${databaseLabel}`, () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
    const orgs = await orgIds(server);
    const care = await loginAs(server, CARE, 'care_coordination');
    const city = await loginAs(server, MUNICIPALITY, 'administrative_enforcement');
    const kmar = await loginAs(server, 'melder@kmar.example', 'criminal_investigation');
    const a = await policeCase(server, 'RlsA');
    await referAndAccept(
      a.police,
      a.id,
      orgs.get('Zorgcoördinatie Amsterdam-Amstelland')!,
      'care',
      'care_coordination',
      care,
    );
    await referAndAccept(
      a.police,
      a.id,
      orgs.get('Gemeente Amsterdam')!,
      'administrative',
      'administrative_enforcement',
      city,
    );
    await a.police.post(`/api/v1/cases/${a.id}/tasks`, {
      title: 'Taak gemeente',
      ownerOrgId: orgs.get('Gemeente Amsterdam'),
    });
    // Documents (item 4): one on A (shared care and administrative), one on B (shared criminal with KMar).
    assert.equal((await uploadCaseDocument(a.police, a.id, 'a.pdf', TINY_PDF)).status, 201);
    const b = await policeCase(server, 'RlsB');
    assert.equal((await uploadCaseDocument(b.police, b.id, 'b.pdf', TINY_PDF)).status, 201);
    await referAndAccept(
      b.police,
      b.id,
      orgs.get('Koninklijke Marechaussee')!,
      'criminal',
      'criminal_investigation',
      kmar,
    );
    // A pending, a revoked and a lapsed referral share nothing.
    await b.police.post(`/api/v1/cases/${b.id}/referrals`, {
      toOrgId: orgs.get('Gemeente Amsterdam'),
      profile: 'administrative',
      purpose: 'administrative_enforcement',
      legalBasis: 'public_task',
      endsOn: addDays(10),
    });
    const revoked = await referAndAccept(
      b.police,
      b.id,
      orgs.get('Zorgcoördinatie Amsterdam-Amstelland')!,
      'care',
      'care_coordination',
      care,
    );
    await b.police.post(`/api/v1/case-referrals/${revoked}/transitions`, { action: 'revoke' });
    const c = await policeCase(server, 'RlsC');
    const lapsed = await referAndAccept(
      c.police,
      c.id,
      orgs.get('Zorgcoördinatie Amsterdam-Amstelland')!,
      'care',
      'care_coordination',
      care,
    );
    await sql`UPDATE case_referrals SET ends_on = current_date - 1 WHERE id = ${lapsed}`.execute(
      server.store.db,
    );
    // A casusoverleg (item 3): case A shared for the consultation with the municipality and the chair, case B
    // on the agenda by its lead only; a contribution, a decision and an action on A.
    const chair = await loginAs(server, CHAIR, 'case_consultation');
    const cityC = await loginAs(server, MUNICIPALITY, 'case_consultation');
    await referAndAccept(a.police, a.id, orgs.get('Gemeente Amsterdam')!, 'care', 'case_consultation', cityC);
    await referAndAccept(
      a.police,
      a.id,
      orgs.get('RIEC Amsterdam-Amstelland')!,
      'administrative',
      'case_consultation',
      chair,
    );
    const planned = await chair.post<{ id: string }>('/api/v1/consultations', {
      title: 'Overleg RLS',
      startsAt: '2026-12-10T10:00:00+01:00',
      endsAt: '2026-12-10T11:00:00+01:00',
      orgIds: [
        orgs.get('Politie Eenheid Amsterdam'),
        orgs.get('Gemeente Amsterdam'),
        orgs.get('Zorgcoördinatie Amsterdam-Amstelland'),
      ],
      caseIds: [a.id],
    });
    assert.equal(planned.status, 201, JSON.stringify(planned.body));
    const policeC = await loginAs(server, POLICE, 'case_consultation');
    assert.equal(
      (await policeC.post(`/api/v1/consultations/${planned.body.id}/items`, { caseId: b.id })).status,
      201,
    );
    const meeting = await chair.get<{ agenda: { id: string; shared: boolean }[] }>(
      `/api/v1/consultations/${planned.body.id}`,
    );
    const item = meeting.body.agenda.find((i) => i.shared)!;
    assert.equal(
      (
        await cityC.post(`/api/v1/consultation-items/${item.id}/notes`, {
          kind: 'contribution',
          text: 'Inbreng',
        })
      ).status,
      201,
    );
    assert.equal(
      (await chair.post(`/api/v1/consultation-items/${item.id}/notes`, { kind: 'decision', text: 'Besluit' }))
        .status,
      201,
    );
    const action = await chair.post(`/api/v1/consultation-items/${item.id}/actions`, {
      title: 'Actie gemeente',
      ownerOrgId: orgs.get('Gemeente Amsterdam'),
      dueOn: addDays(7),
    });
    assert.equal(action.status, 201, JSON.stringify(action.body));
  });
  after(() => server.close());

  test('every demo user × purpose × case resource', async () => {
    const db = server.store.db as unknown as import('kysely').Kysely<Record<string, Row>>;
    const all = async (table: string) => (await db.selectFrom(table).selectAll().execute()) as Row[];
    const cases = await all('cases');
    const referrals = await all('case_referrals');
    const today = (await sql<{ d: string }>`SELECT current_date::text AS d`.execute(server.store.db)).rows[0]
      .d;
    const profile = (caseId: unknown, org: string, purpose: string): string | null => {
      const found = cases.find((c) => c.id === caseId);
      if (found?.lead_org_id === org) return 'lead';
      const live = referrals
        .filter(
          (r) =>
            r.case_id === caseId &&
            r.to_org_id === org &&
            r.state === 'accepted' &&
            String(r.ends_on) >= today &&
            r.purpose === purpose,
        )
        .map((r) => String(r.profile))
        .sort((x, y) => RANK.indexOf(x) - RANK.indexOf(y));
      return live[0] ?? null;
    };
    const model: Array<{
      resource: Resource;
      table: string;
      sees: (row: Row, org: string, p: string | null) => boolean;
      caseColumn: string;
    }> = [
      { resource: 'case', table: 'cases', caseColumn: 'id', sees: (_r, _o, p) => p !== null },
      {
        resource: 'case_person',
        table: 'case_persons',
        caseColumn: 'case_id',
        sees: (r, _o, p) =>
          r.restricted_at === null &&
          (p === 'lead' ||
            p === 'criminal' ||
            (p === 'care' && r.role === 'possible_victim') ||
            (p === 'administrative' && (r.role === 'suspect' || r.role === 'facilitator'))),
      },
      {
        resource: 'case_company',
        table: 'case_companies',
        caseColumn: 'case_id',
        sees: (_r, _o, p) => p === 'lead' || p === 'criminal' || p === 'administrative',
      },
      {
        resource: 'case_address',
        table: 'case_addresses',
        caseColumn: 'case_id',
        sees: (r, _o, p) =>
          p === 'lead' ||
          p === 'criminal' ||
          (p === 'administrative' && (r.kind === 'premises' || r.kind === 'workplace')),
      },
      {
        resource: 'case_identifier',
        table: 'case_identifiers',
        caseColumn: 'case_id',
        sees: (_r, _o, p) => p === 'lead' || p === 'criminal',
      },
      {
        resource: 'case_event',
        table: 'case_events',
        caseColumn: 'case_id',
        sees: (_r, _o, p) => p === 'lead' || p === 'criminal',
      },
      {
        resource: 'case_task',
        table: 'case_tasks',
        caseColumn: 'case_id',
        sees: (r, o, p) =>
          p === 'lead' ||
          p === 'criminal' ||
          r.owner_org_id === o ||
          (r.consultation_id !== null && p !== null && inConsultation(r.consultation_id, o)),
      },
      {
        resource: 'case_referral',
        table: 'case_referrals',
        caseColumn: 'case_id',
        sees: (r, o) => r.from_org_id === o || r.to_org_id === o,
      },
      {
        resource: 'case_document',
        table: 'case_documents',
        caseColumn: 'case_id',
        sees: (_r, _o, p) => p === 'lead' || p === 'criminal',
      },
      {
        resource: 'case_history',
        table: 'case_history',
        caseColumn: 'case_id',
        sees: (_r, _o, p) => p === 'lead',
      },
      {
        resource: 'consultation',
        table: 'consultations',
        caseColumn: 'id',
        sees: (r, o) => inConsultation(r.id, o),
      },
      {
        resource: 'consultation_item',
        table: 'consultation_items',
        caseColumn: 'case_id',
        sees: (r, o) => inConsultation(r.consultation_id, o),
      },
      {
        resource: 'consultation_note',
        table: 'consultation_notes',
        caseColumn: 'case_id',
        sees: (r, o, p) => p !== null && inConsultation(r.consultation_id, o),
      },
    ];
    const consultations = await all('consultations');
    let currentPurpose = '';
    // A consultation is its organisations', under the consultation purpose only.
    function inConsultation(id: unknown, org: string): boolean {
      const found = consultations.find((c) => c.id === id);
      return currentPurpose === 'case_consultation' && !!found && (found.org_ids as string[]).includes(org);
    }
    let checked = 0;
    let shared = 0;
    for (const user of DEMO_USERS) {
      const actor = await actorOf(server.store, user.email);
      for (const purpose of allowedPurposes(actor)) {
        currentPurpose = purpose;
        for (const { resource, table, sees, caseColumn } of model) {
          const rows = await all(table);
          const expected = new Set(
            rows
              .filter((r) => sees(r, actor.orgId, profile(r[caseColumn], actor.orgId, purpose)))
              .map((r) => String(r.id)),
          );
          let decision: ReturnType<typeof decide> | null = null;
          try {
            decision = decide(actor, purpose, resource, 'read');
          } catch (error) {
            if (!(error instanceof AccessDenied)) throw error;
          }
          const seen = await withAccess(server.store, { actor, purpose }, async (tx) => {
            const raw = tx.db as unknown as typeof db;
            const underRls = (await raw.selectFrom(table).select('id').execute()).map((r) => String(r.id));
            if (!decision) return { underRls, granted: null };
            await tx.authorize('read', resource);
            const granted = (
              await raw
                .selectFrom(table)
                .select('id')
                .where((eb) => decision.where(eb))
                .execute()
            ).map((r) => String(r.id));
            return { underRls, granted };
          });
          const label = `${user.email} ${purpose} ${resource}`;
          for (const id of seen.underRls)
            assert.ok(expected.has(id), `${label}: RLS lets through ${id} outside the model`);
          if (seen.granted) {
            assert.deepEqual(
              new Set(seen.granted),
              expected,
              `${label}: the grant's rows differ from the model`,
            );
            if (expected.size > 0 && !cases.some((c) => c.lead_org_id === actor.orgId)) shared++;
          }
          checked++;
        }
      }
    }
    assert.ok(checked > 100, `checked ${checked}`);
    assert.ok(shared >= 5, `recipients saw shared rows in ${shared} combinations`);
  });
});
