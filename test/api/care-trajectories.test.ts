import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { verifyAuditChain } from '../../src/access/audit.ts';
import { dutchDate } from '../../src/domain/validate/date.ts';
import { type ApiClient, loginAs, startTestServer, type TestServer } from '../helpers/server.ts';
import { databaseLabel } from '../helpers/store.ts';

type ErrorBody = { error: { code: string; field?: string; message: string } };
type Phase = { id: string; phase: string; state: string; startedOn: string | null; endedOn: string | null };
type Trajectory = {
  id: string;
  outcome: string | null;
  phases: Phase[];
  handovers: { id: string; state: string; fields: string[]; reason: string | null }[];
};
type Handover = {
  id: string;
  phase?: string;
  fields?: string[];
  payload?: Record<string, unknown>;
  state?: string;
};

/**
 * Care trajectories (issue 16, item 4) over real HTTP: phases with a provider each, a handover that carries only
 * what the client's consent covers and that the receiving provider confirms or refuses, the outcome; and every
 * refusal (wrong provider, second open trajectory, missing consent, wrong party, closing too early).
 */
describe(`care: trajectories and handovers on ${databaseLabel}`, () => {
  let server: TestServer;
  let coordinator: ApiClient;
  let firstShelter: ApiClient;
  let receiver: ApiClient;
  let police: ApiClient;
  let client = '';
  let trajectory = '';
  let phases: Phase[] = [];
  let receiverOrg = '';
  const today = dutchDate(new Date());

  before(async () => {
    server = await startTestServer();
    const db = server.store.db;
    // A second provider for the aftercare, with its own intake worker (same demo password).
    const org = await db
      .insertInto('organisations')
      .values({ name: 'Nazorg Noord (test)', type: 'shelter', cbs_code: null, region: 'Groningen' })
      .returning('id')
      .executeTakeFirstOrThrow();
    receiverOrg = org.id;
    const intake = await db
      .selectFrom('users')
      .select('password_hash')
      .where('email', '=', 'intake@opvang.example')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('users')
      .values({
        org_id: org.id,
        email: 'intake@nazorg-noord.example',
        name: 'Intake Nazorg',
        roles: ['provider_intake'],
        password_hash: intake.password_hash,
      })
      .execute();
    coordinator = await loginAs(server, 'zorgcoordinator@zorg-amsterdam.example', 'care_coordination');
    firstShelter = await loginAs(server, 'intake@opvang.example', 'care_coordination');
    receiver = await loginAs(server, 'intake@nazorg-noord.example', 'care_coordination');
    police = await loginAs(server, 'rechercheur@politie-amsterdam.example', 'criminal_investigation');
    const created = await coordinator.post<{ id: string }>('/api/v1/care/clients', {
      source: 'direct',
      givenNames: 'Grace',
      surname: 'Okonkwo',
      gender: 'female',
      nationality: 'NGA',
      languages: ['en'],
      needs: ['psychiatric'],
      safety: {
        factors: ['exploiter_at_large'],
        level: 'high',
        assessedOn: today,
        assessedBy: 'Zorgcoördinator',
      },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    client = created.body.id;
  });
  after(() => server.close());

  async function rows(table: 'care_trajectories' | 'care_handovers') {
    const row = await server.store.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
  async function load() {
    const response = await coordinator.get<Trajectory[]>(`/api/v1/care/clients/${client}/trajectories`);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    const [current] = response.body;
    assert.ok(current);
    phases = current.phases;
    return current;
  }

  test('a plan in phases with a provider each; a non-provider or a second open trajectory is refused', async () => {
    const orgs = await server.store.db.selectFrom('organisations').select(['id', 'type', 'name']).execute();
    const opvang = orgs.find((o) => o.type === 'shelter' && o.id !== receiverOrg);
    const municipality = orgs.find((o) => o.type === 'municipality');
    assert.ok(opvang && municipality);
    const wrong = await coordinator.post<ErrorBody>(`/api/v1/care/clients/${client}/trajectories`, {
      phases: [
        { phase: 'acute', providerOrgId: opvang.id },
        { phase: 'aftercare', providerOrgId: municipality.id },
      ],
    });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.error.field, 'phases[1].providerOrgId');
    assert.equal(await rows('care_trajectories'), 0);
    const made = await coordinator.post<{ id: string }>(`/api/v1/care/clients/${client}/trajectories`, {
      phases: [
        { phase: 'acute', providerOrgId: opvang.id },
        { phase: 'aftercare', providerOrgId: receiverOrg },
      ],
    });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    trajectory = made.body.id;
    const second = await coordinator.post<ErrorBody>(`/api/v1/care/clients/${client}/trajectories`, {
      phases: [{ phase: 'acute', providerOrgId: opvang.id }],
    });
    assert.equal(second.status, 409);
    assert.equal(second.body.error.code, 'trajectory_open');
    const current = await load();
    assert.deepEqual(
      current.phases.map((p) => [p.phase, p.state]),
      [
        ['acute', 'planned'],
        ['aftercare', 'planned'],
      ],
    );
    assert.equal((await police.get(`/api/v1/care/clients/${client}/trajectories`)).status, 403);
  });

  test('a handover carries only what the consent covers; without it nothing is written', async () => {
    const start = await coordinator.post(`/api/v1/care/trajectory-phases/${phases[0]?.id}/steps`, {
      action: 'start',
      startedOn: today,
    });
    assert.equal(start.status, 200, JSON.stringify(start.body));
    const path = `/api/v1/care/trajectory-phases/${phases[0]?.id}/steps`;
    const noConsent = await coordinator.post<ErrorBody>(path, {
      action: 'propose_handover',
      fields: ['needs'],
    });
    assert.equal(noConsent.status, 409);
    assert.equal(noConsent.body.error.code, 'consent_missing');
    assert.equal(noConsent.body.error.field, 'fields[0]');
    // A consent names what it covers; only a handover consent does.
    const vague = await coordinator.post<ErrorBody>(`/api/v1/care/clients/${client}/consents`, {
      scope: 'handover',
      givenOn: today,
      how: 'written',
    });
    assert.equal(vague.status, 400);
    assert.equal(vague.body.error.field, 'covers');
    const misplaced = await coordinator.post<ErrorBody>(`/api/v1/care/clients/${client}/consents`, {
      scope: 'placement',
      givenOn: today,
      how: 'written',
      covers: ['needs'],
    });
    assert.equal(misplaced.status, 400);
    assert.equal(misplaced.body.error.field, 'covers');
    const consent = await coordinator.post(`/api/v1/care/clients/${client}/consents`, {
      scope: 'handover',
      givenOn: today,
      how: 'written',
      covers: ['needs', 'languages'],
    });
    assert.equal(consent.status, 201, JSON.stringify(consent.body));
    const tooMuch = await coordinator.post<ErrorBody>(path, {
      action: 'propose_handover',
      fields: ['needs', 'safety'],
    });
    assert.equal(tooMuch.status, 409);
    assert.equal(tooMuch.body.error.field, 'fields[1]');
    assert.match(tooMuch.body.error.message, /safety/);
    assert.equal(await rows('care_handovers'), 0, 'nothing partial');
    assert.equal((await load()).phases[0]?.state, 'active');
    const proposed = await coordinator.post<{ state: string }>(path, {
      action: 'propose_handover',
      fields: ['needs', 'languages'],
    });
    assert.equal(proposed.status, 200, JSON.stringify(proposed.body));
    assert.equal(proposed.body.state, 'handover_proposed');
  });

  test('the receiver sees only what travels and refuses or confirms; others cannot', async () => {
    const incoming = await receiver.get<Handover[]>('/api/v1/care/handovers');
    assert.equal(incoming.status, 200);
    assert.equal(incoming.body.length, 1);
    const [handover] = incoming.body;
    assert.ok(handover);
    assert.deepEqual(handover.payload, { needs: ['psychiatric'], languages: ['en'] });
    const text = JSON.stringify(incoming.body);
    for (const hidden of ['Grace', 'Okonkwo', 'exploiter_at_large', client]) {
      assert.ok(!text.includes(hidden), `the receiver does not see ${hidden}`);
    }
    assert.deepEqual((await firstShelter.get<Handover[]>('/api/v1/care/handovers')).body, []);
    const decision = `/api/v1/care/handovers/${handover.id}/decision`;
    assert.equal((await firstShelter.post(decision, { action: 'confirm_handover' })).status, 404);
    assert.equal((await police.post(decision, { action: 'confirm_handover' })).status, 403);
    assert.equal((await coordinator.post(decision, { action: 'confirm_handover' })).status, 403);

    const early = await coordinator.post<ErrorBody>(`/api/v1/care/trajectories/${trajectory}/close`, {
      outcome: 'independent_living',
      closedOn: today,
    });
    assert.equal(early.status, 409);
    assert.equal(early.body.error.code, 'phase_open');

    const refused = await receiver.post(decision, {
      action: 'refuse_handover',
      reason: 'Geen plek voor psychiatrische zorg',
    });
    assert.equal(refused.status, 200, JSON.stringify(refused.body));
    let current = await load();
    assert.equal(current.phases[0]?.state, 'active');
    assert.equal(current.handovers[0]?.reason, 'Geen plek voor psychiatrische zorg');
    assert.equal((await receiver.post(decision, { action: 'confirm_handover' })).status, 409);

    const again = await coordinator.post<{ id: string }>(
      `/api/v1/care/trajectory-phases/${phases[0]?.id}/steps`,
      {
        action: 'propose_handover',
        fields: ['needs'],
      },
    );
    assert.equal(again.status, 200);
    const confirmed = await receiver.post(`/api/v1/care/handovers/${again.body.id}/decision`, {
      action: 'confirm_handover',
    });
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    current = await load();
    assert.deepEqual(
      current.phases.map((p) => [p.phase, p.state, p.startedOn]),
      [
        ['acute', 'handed_over', today],
        ['aftercare', 'active', today],
      ],
    );
  });

  test('the last phase completes and the trajectory closes with its outcome, once', async () => {
    const wrongStep = await coordinator.post<ErrorBody>(
      `/api/v1/care/trajectory-phases/${phases[0]?.id}/steps`,
      {
        action: 'start',
        startedOn: today,
      },
    );
    assert.equal(wrongStep.status, 409);
    assert.equal(wrongStep.body.error.code, 'invalid_transition');
    const done = await coordinator.post(`/api/v1/care/trajectory-phases/${phases[1]?.id}/steps`, {
      action: 'complete',
      endedOn: today,
    });
    assert.equal(done.status, 200);
    const closed = await coordinator.post(`/api/v1/care/trajectories/${trajectory}/close`, {
      outcome: 'independent_living',
      closedOn: today,
    });
    assert.equal(closed.status, 200, JSON.stringify(closed.body));
    assert.equal((await load()).outcome, 'independent_living');
    const twice = await coordinator.post(`/api/v1/care/trajectories/${trajectory}/close`, {
      outcome: 'other',
      closedOn: today,
    });
    assert.equal(twice.status, 409);
    const audited = await server.store.db
      .selectFrom('audit_log')
      .select(['resource', 'action', 'result'])
      .where('resource', 'in', ['care_trajectory', 'care_handover'])
      .execute();
    assert.ok(audited.some((row) => row.resource === 'care_handover' && row.action === 'transition'));
    assert.ok(audited.some((row) => row.result === 'denied'));
    assert.ok((await verifyAuditChain(server.store.db)).ok);
  });
});
