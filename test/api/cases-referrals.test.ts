import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { addDays, CARE, MUNICIPALITY, orgIds, policeCase, referAndAccept } from '../helpers/cases.ts';
import { type ApiClient, loginAs, startTestServer, type TestServer } from '../helpers/server.ts';
import { databaseLabel } from '../helpers/store.ts';

type Problem = { error: { code: string; field?: string; message: string } };
type Shared = {
  summary?: string;
  access_profile: string;
  persons: { role: string; surname: string | null; care_needs?: string; phones?: string[] }[];
  companies: { name: string }[];
  addresses: { kind: string; street: string }[];
  identifiers: unknown[];
  events: unknown[];
  tasks: unknown[];
  history: unknown[];
  referrals: unknown[];
  signals?: unknown;
};

describe(`cases: referrals under a profile on ${databaseLabel}`, () => {
  let server: TestServer;
  let orgs: Map<string, string>;
  const org = (name: string) => orgs.get(name) as string;
  const CARE_ORG = 'Zorgcoördinatie Amsterdam-Amstelland';
  const CITY = 'Gemeente Amsterdam';
  let care: ApiClient;
  let city: ApiClient;

  before(async () => {
    server = await startTestServer();
    orgs = await orgIds(server);
    care = await loginAs(server, CARE, 'care_coordination');
    city = await loginAs(server, MUNICIPALITY, 'administrative_enforcement');
  });
  after(() => server.close());

  const refer = (from: ApiClient, caseId: string, body: Record<string, unknown>) =>
    from.post<Problem & { id: string; state: string }>(`/api/v1/cases/${caseId}/referrals`, {
      legalBasis: 'public_task',
      endsOn: addDays(30),
      ...body,
    });
  const step = (client: ApiClient, id: string, body: Record<string, unknown>) =>
    client.post<Problem & { state: string }>(`/api/v1/case-referrals/${id}/transitions`, body);

  test('care profile: the recipient sees the possible victim and care needs, nothing of suspects, companies or addresses', async () => {
    const { id, police } = await policeCase(server, 'Care');
    const victim = (await police.get<Shared>(`/api/v1/cases/${id}`)).body.persons.find(
      (p) => p.role === 'possible_victim',
    );
    assert.ok(victim);
    // Before the referral is accepted the case stays closed to the recipient.
    const referral = await refer(police, id, {
      toOrgId: org(CARE_ORG),
      profile: 'care',
      purpose: 'care_coordination',
    });
    assert.equal(referral.status, 201, JSON.stringify(referral.body));
    assert.equal((await care.get(`/api/v1/cases/${id}`)).status, 404);
    const inbox = await care.get<{
      counts: { pending: number };
      items: { id: string; case_reference: string }[];
    }>('/api/v1/case-referrals?direction=in');
    assert.equal(inbox.body.counts.pending, 1);
    assert.match(inbox.body.items[0].case_reference, /^ZK-/);
    assert.equal((await step(care, referral.body.id, { action: 'accept' })).body.state, 'accepted');

    const seen = await care.get<Shared>(`/api/v1/cases/${id}`);
    assert.equal(seen.status, 200, JSON.stringify(seen.body));
    assert.equal(seen.body.access_profile, 'care');
    assert.deepEqual(
      seen.body.persons.map((p) => [p.role, p.surname]),
      [['possible_victim', 'VictimCare']],
    );
    assert.deepEqual(seen.body.companies, []);
    assert.deepEqual(seen.body.addresses, []);
    assert.deepEqual(seen.body.identifiers, []);
    assert.deepEqual(seen.body.events, []);
    assert.deepEqual(seen.body.history, []);
    assert.equal(seen.body.summary, undefined, 'the investigation summary is not in the care profile');
    const text = JSON.stringify(seen.body);
    for (const secret of [
      'SuspectCare',
      'WitnessCare',
      'Uitzendbureau Care',
      'Woonstraat Care',
      'Wervingsplaats Care',
      'opsporingsinformatie',
    ]) {
      assert.ok(!text.includes(secret), `care profile leaks ${secret}`);
    }
    // Under another purpose than the referral's, nothing is shared.
    const other = await loginAs(server, CARE, 'case_consultation');
    assert.equal((await other.get(`/api/v1/cases/${id}`)).status, 404);
    // The published interface for care: the referral and exactly the same parts.
    const shared = await care.get<{ referral: { state: string }; case: Shared }>(
      `/api/v1/case-referrals/${referral.body.id}/shared`,
    );
    assert.equal(shared.body.referral.state, 'accepted');
    assert.deepEqual(
      shared.body.case.persons.map((p) => p.surname),
      ['VictimCare'],
    );
    // A recipient changes nothing in the case.
    const write = await care.post<Problem>(`/api/v1/cases/${id}/persons`, { role: 'other', surname: 'X' });
    assert.equal(write.status, 403);
    assert.equal(write.body.error.code, 'not_case_lead');
    // Complete: access ends.
    assert.equal((await step(care, referral.body.id, { action: 'complete' })).body.state, 'completed');
    assert.equal((await care.get(`/api/v1/cases/${id}`)).status, 404);
    assert.equal((await step(care, referral.body.id, { action: 'complete' })).status, 409);
  });

  test('administrative profile: companies, premises and suspects, never the victim or a residence', async () => {
    const { id, police } = await policeCase(server, 'Adm');
    await referAndAccept(police, id, org(CITY), 'administrative', 'administrative_enforcement', city);
    const seen = await city.get<Shared>(`/api/v1/cases/${id}`);
    assert.equal(seen.status, 200, JSON.stringify(seen.body));
    assert.deepEqual(
      seen.body.persons.map((p) => [p.role, p.surname]),
      [['suspect', 'SuspectAdm']],
    );
    assert.deepEqual(
      seen.body.companies.map((c) => c.name),
      ['Uitzendbureau Adm BV'],
    );
    assert.deepEqual(
      seen.body.addresses.map((a) => a.kind),
      ['premises'],
    );
    const text = JSON.stringify(seen.body);
    for (const secret of ['VictimAdm', 'SlachtofferAdm', 'Woonstraat Adm', '+31612345678', 'WitnessAdm']) {
      assert.ok(!text.includes(secret), `administrative profile leaks ${secret}`);
    }
    // The list shows it as shared, with the profile.
    const list = await city.get<{ items: { id: string; access_profile: string }[] }>(
      '/api/v1/cases?scope=shared',
    );
    assert.deepEqual(
      list.body.items.map((c) => [c.id, c.access_profile]),
      [[id, 'administrative']],
    );
  });

  test('criminal profile: everything, for another investigation service', async () => {
    const { id, police } = await policeCase(server, 'Crim');
    const kmar = await loginAs(server, 'melder@kmar.example', 'criminal_investigation');
    await referAndAccept(
      police,
      id,
      org('Koninklijke Marechaussee'),
      'criminal',
      'criminal_investigation',
      kmar,
    );
    const seen = await kmar.get<Shared>(`/api/v1/cases/${id}`);
    assert.equal(seen.body.persons.length, 3);
    assert.equal(seen.body.events.length, 1);
    assert.ok(seen.body.identifiers.length > 0);
    assert.match(seen.body.summary ?? '', /opsporingsinformatie/);
    // A criminal recipient may pass on a narrower profile; a care recipient may not widen it.
    const onward = await refer(kmar, id, {
      toOrgId: org(CARE_ORG),
      profile: 'care',
      purpose: 'care_coordination',
    });
    assert.equal(onward.status, 201, JSON.stringify(onward.body));
  });

  test('decline needs a reason; an answered, revoked or lapsed referral cannot be accepted', async () => {
    const { id, police } = await policeCase(server, 'Steps');
    const a = await refer(police, id, {
      toOrgId: org(CARE_ORG),
      profile: 'care',
      purpose: 'care_coordination',
    });
    assert.equal((await step(care, a.body.id, { action: 'decline', reason: '' })).status, 400);
    const declined = await step(care, a.body.id, { action: 'decline', reason: 'Geen capaciteit' });
    assert.equal(declined.body.state, 'declined');
    assert.equal((await step(care, a.body.id, { action: 'accept' })).status, 409);

    const b = await refer(police, id, {
      toOrgId: org(CARE_ORG),
      profile: 'care',
      purpose: 'care_coordination',
    });
    assert.equal(b.status, 201, 'a declined referral does not block a new one');
    // Only the recipient answers; only the sender revokes.
    const senderAccepts = await step(police, b.body.id, { action: 'accept' });
    assert.equal(senderAccepts.status, 403);
    assert.equal(senderAccepts.body.error.code, 'wrong_side');
    assert.equal((await step(care, b.body.id, { action: 'accept' })).body.state, 'accepted');
    const twice = await step(care, b.body.id, { action: 'accept' });
    assert.equal(twice.status, 409);
    assert.equal(twice.body.error.code, 'transition_not_allowed');
    assert.equal((await step(care, b.body.id, { action: 'revoke' })).status, 403);
    assert.equal((await care.get(`/api/v1/cases/${id}`)).status, 200);
    assert.equal(
      (await step(police, b.body.id, { action: 'revoke', reason: 'Onjuist gedeeld' })).body.state,
      'revoked',
    );
    // Revocation ends access at once.
    assert.equal((await care.get(`/api/v1/cases/${id}`)).status, 404);
    assert.equal((await step(care, b.body.id, { action: 'accept' })).status, 409);
    assert.equal((await step(police, b.body.id, { action: 'revoke' })).status, 409);

    // An end date in the past: access lapses by itself, and the overviews say so.
    const c = await referAndAccept(police, id, org(CARE_ORG), 'care', 'care_coordination', care);
    assert.equal((await care.get(`/api/v1/cases/${id}`)).status, 200);
    await sql`UPDATE case_referrals SET ends_on = current_date - 1 WHERE id = ${c}`.execute(server.store.db);
    assert.equal((await care.get(`/api/v1/cases/${id}`)).status, 404);
    const out = await police.get<{ items: { id: string; lapsed: boolean }[] }>(
      '/api/v1/case-referrals?direction=out',
    );
    assert.equal(out.body.items.find((r) => r.id === c)?.lapsed, true);
    // Lapsing soon and overdue answers are flagged.
    const d = await refer(police, id, {
      toOrgId: org(CITY),
      profile: 'administrative',
      purpose: 'administrative_enforcement',
      endsOn: addDays(3),
    });
    await sql`UPDATE case_referrals SET created_at = now() - interval '10 days' WHERE id = ${d.body.id}`.execute(
      server.store.db,
    );
    const cityIn = await city.get<{
      counts: { overdue: number; pending: number };
      items: { id: string; overdue: boolean }[];
    }>('/api/v1/case-referrals?direction=in&state=pending');
    assert.equal(cityIn.body.items.find((r) => r.id === d.body.id)?.overdue, true);
    assert.ok(cityIn.body.counts.overdue >= 1);
    await step(city, d.body.id, { action: 'accept' });
    const lapsing = await police.get<{ counts: { lapsing: number } }>('/api/v1/case-referrals?direction=out');
    assert.ok(lapsing.body.counts.lapsing >= 1);
  });

  test('refusals: own or unknown organisation, wrong purpose, missing or future consent, beyond one’s profile', async () => {
    const { id, police } = await policeCase(server, 'Refuse');
    const before = await police.get<{ items: unknown[] }>('/api/v1/case-referrals?direction=out');
    const own = await refer(police, id, {
      toOrgId: org('Politie Eenheid Amsterdam'),
      profile: 'care',
      purpose: 'care_coordination',
    });
    assert.equal(own.status, 400);
    assert.equal(own.body.error.field, 'toOrgId');
    const none = await refer(police, id, {
      toOrgId: '00000000-0000-4000-8000-000000000000',
      profile: 'care',
      purpose: 'care_coordination',
    });
    assert.equal(none.status, 400);
    assert.equal(none.body.error.field, 'toOrgId');
    assert.match(none.body.error.message, /bestaat niet|does not exist/);
    const purpose = await refer(police, id, {
      toOrgId: org(CARE_ORG),
      profile: 'care',
      purpose: 'criminal_investigation',
    });
    assert.equal(purpose.status, 400);
    assert.equal(purpose.body.error.field, 'purpose');
    const noConsent = await refer(police, id, {
      toOrgId: org(CARE_ORG),
      profile: 'care',
      purpose: 'care_coordination',
      legalBasis: 'consent',
    });
    assert.equal(noConsent.status, 400);
    assert.equal(noConsent.body.error.field, 'consent');
    const consent = {
      givenBy: 'data_subject',
      name: 'Betrokkene',
      scope: 'Zorg en opvang',
      recordedHow: 'written',
    };
    const future = await refer(police, id, {
      toOrgId: org(CARE_ORG),
      profile: 'care',
      purpose: 'care_coordination',
      legalBasis: 'consent',
      consent: { ...consent, givenOn: addDays(2) },
    });
    assert.equal(future.status, 400);
    assert.equal(future.body.error.field, 'consent.givenOn');
    const past = await refer(police, id, {
      toOrgId: org(CARE_ORG),
      profile: 'care',
      purpose: 'care_coordination',
      endsOn: addDays(0),
    });
    assert.equal(past.status, 400);
    assert.equal(past.body.error.field, 'endsOn');
    assert.equal(
      (await police.get<{ items: unknown[] }>('/api/v1/case-referrals?direction=out')).body.items.length,
      before.body.items.length,
      'nothing written',
    );

    const withConsent = await refer(police, id, {
      toOrgId: org(CARE_ORG),
      profile: 'care',
      purpose: 'care_coordination',
      legalBasis: 'consent',
      consent: { ...consent, givenOn: addDays(-1) },
    });
    assert.equal(withConsent.status, 201, JSON.stringify(withConsent.body));
    const duplicate = await refer(police, id, {
      toOrgId: org(CARE_ORG),
      profile: 'care',
      purpose: 'care_coordination',
    });
    assert.equal(duplicate.status, 409);
    await step(care, withConsent.body.id, { action: 'accept' });
    const inbox = await care.get<{ items: { id: string; consent: { recordedHow: string } }[] }>(
      '/api/v1/case-referrals?direction=in',
    );
    assert.equal(inbox.body.items.find((r) => r.id === withConsent.body.id)?.consent.recordedHow, 'written');

    // The care recipient may not re-share beyond its profile (nor may it refer to the lead).
    const wider = await refer(care, id, {
      toOrgId: org(CITY),
      profile: 'administrative',
      purpose: 'administrative_enforcement',
    });
    assert.equal(wider.status, 403);
    assert.equal(wider.body.error.code, 'beyond_profile');
    const toLead = await refer(care, id, {
      toOrgId: org('Politie Eenheid Amsterdam'),
      profile: 'care',
      purpose: 'care_coordination',
    });
    assert.equal(toLead.status, 400);
    // A municipality that never received the case cannot refer it at all.
    const stranger = await refer(city, id, {
      toOrgId: org(CARE_ORG),
      profile: 'care',
      purpose: 'care_coordination',
    });
    assert.equal(stranger.status, 404);
    // A closed case is not shared any more.
    await police.post(`/api/v1/cases/${id}/transitions`, {
      action: 'close',
      outcome: 'care_only',
      reason: 'Zorg loopt',
    });
    const closed = await refer(police, id, {
      toOrgId: org(CITY),
      profile: 'administrative',
      purpose: 'administrative_enforcement',
    });
    assert.equal(closed.status, 409);
  });
});
