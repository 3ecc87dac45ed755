import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { addMonths } from '../../src/care/reflection-clock.ts';
import { dutchDate } from '../../src/domain/validate/date.ts';
import { type ApiClient, loginAs, startTestServer, type TestServer } from '../helpers/server.ts';
import { databaseLabel } from '../helpers/store.ts';

type ErrorBody = { error: { code: string; field?: string; message: string } };
type Period = {
  clientId: string;
  offeredOn: string;
  startedOn: string | null;
  endsOn: string | null;
  endedOn: string | null;
  decision: string | null;
  permitAppliedOn: string | null;
  permitDecision: string | null;
  clock: { status: string; daysLeft: number | null };
};

/** The reflection period and B8/3 over HTTP: offer, start, deadline clock, decision, permit dates, refusals. */
describe(`care: reflection period (B8/3) through the API on ${databaseLabel}`, () => {
  let server: TestServer;
  let coordinator: ApiClient;
  let client = '';
  const today = dutchDate(new Date());
  const daysAgo = (n: number) => dutchDate(new Date(Date.now() - n * 86_400_000));

  before(async () => {
    server = await startTestServer();
    coordinator = await loginAs(server, 'zorgcoordinator@zorg-amsterdam.example', 'care_coordination');
    const created = await coordinator.post<{ id: string }>('/api/v1/care/clients', {
      source: 'direct',
      alias: 'Joy',
      gender: 'female',
      estimatedAge: 22,
      nationality: 'NGA',
      immigrationStatus: 'third_country',
    });
    assert.equal(created.status, 201);
    client = created.body.id;
  });
  after(() => server.close());

  const step = (body: Record<string, unknown>) =>
    coordinator.post<ErrorBody & { clock?: { status: string } }>(
      `/api/v1/care/clients/${client}/reflection`,
      body,
    );

  test('no step before the offer; an EU citizen gets no reflection period', async () => {
    const early = await step({ action: 'start', startedOn: today });
    assert.equal(early.status, 409);
    assert.equal(early.body.error.code, 'not_offered');
    const eu = await coordinator.post<{ id: string }>('/api/v1/care/clients', {
      source: 'direct',
      alias: 'Ana',
      immigrationStatus: 'eu',
    });
    const refused = await coordinator.post<ErrorBody>(`/api/v1/care/clients/${eu.body.id}/reflection`, {
      action: 'offer',
      offeredOn: today,
    });
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error.field, 'immigrationStatus');
  });

  test('offer, start with the deadline at three months; started twice and longer than three months are refused', async () => {
    assert.equal((await step({ action: 'offer', offeredOn: daysAgo(80) })).status, 200);
    assert.equal(
      (await step({ action: 'offer', offeredOn: daysAgo(80) })).body.error.code,
      'already_offered',
    );
    const before = await step({ action: 'start', startedOn: daysAgo(81) });
    assert.equal(before.status, 400);
    assert.equal(before.body.error.field, 'startedOn');
    const tooLong = await step({
      action: 'start',
      startedOn: daysAgo(78),
      endsOn: addMonths(daysAgo(78), 4),
    });
    assert.equal(tooLong.status, 400);
    assert.equal(tooLong.body.error.field, 'endsOn');
    const started = await step({ action: 'start', startedOn: daysAgo(78) });
    assert.equal(started.status, 200, JSON.stringify(started.body));
    // 78 days into at most ~91: inside the last fourteen days, so the clock warns.
    assert.equal(started.body.clock?.status, 'warning');
    const twice = await step({ action: 'start', startedOn: daysAgo(70) });
    assert.equal(twice.status, 409);
    assert.equal(twice.body.error.code, 'already_started');
    assert.equal(twice.body.error.field, 'startedOn');
  });

  test('the dates are DATE columns that round-trip unchanged (TZ=Europe/Amsterdam on the server)', async () => {
    const clocks = await coordinator.get<Period[]>('/api/v1/care/reflection-clocks');
    assert.equal(clocks.status, 200);
    const period = clocks.body.find((row) => row.clientId === client);
    assert.equal(period?.offeredOn, daysAgo(80));
    assert.equal(period?.startedOn, daysAgo(78));
    assert.equal(period?.endsOn, addMonths(daysAgo(78), 3));
    const types = await sql<{ column_name: string; data_type: string }>`
      SELECT column_name, data_type FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name = 'reflection_periods' AND column_name ~ '_on$'`.execute(
      server.store.db,
    );
    assert.ok(types.rows.length >= 7);
    assert.ok(types.rows.every((row) => row.data_type === 'date'));
  });

  test('the decision, the permit application and its decision follow in order; ended before it began is refused', async () => {
    const noReport = await step({ action: 'apply_permit', appliedOn: today });
    assert.equal(noReport.body.error.code, 'no_report');
    const earlyDecision = await step({ action: 'decide', decision: 'report', decisionOn: daysAgo(79) });
    assert.equal(earlyDecision.body.error.field, 'decisionOn');
    assert.equal((await step({ action: 'decide', decision: 'report', decisionOn: daysAgo(30) })).status, 200);
    assert.equal(
      (await step({ action: 'permit_decision', decision: 'granted', decidedOn: today })).body.error.code,
      'no_application',
    );
    assert.equal((await step({ action: 'apply_permit', appliedOn: daysAgo(29) })).status, 200);
    const backwards = await step({ action: 'permit_decision', decision: 'granted', decidedOn: daysAgo(40) });
    assert.equal(backwards.body.error.field, 'decidedOn');
    assert.equal(
      (await step({ action: 'permit_decision', decision: 'granted', decidedOn: daysAgo(2) })).status,
      200,
    );

    const endedBefore = await step({ action: 'end', endedOn: daysAgo(90) });
    assert.equal(endedBefore.status, 400);
    assert.equal(endedBefore.body.error.field, 'endedOn');
    const ended = await step({ action: 'end', endedOn: daysAgo(1) });
    assert.equal(ended.status, 200);
    assert.equal(ended.body.clock?.status, 'ended');
    const file = await coordinator.get<{ reflectionPeriod: Period }>(`/api/v1/care/clients/${client}`);
    assert.equal(file.body.reflectionPeriod.permitDecision, 'granted');
    assert.equal(file.body.reflectionPeriod.endedOn, daysAgo(1));
  });

  test('only the care coordinator of the own organisation acts on it', async () => {
    const provider = await loginAs(server, 'intake@opvang.example', 'care_coordination');
    assert.equal(
      (await provider.post(`/api/v1/care/clients/${client}/reflection`, { action: 'end', endedOn: today }))
        .status,
      403,
    );
    const police = await loginAs(server, 'rechercheur@politie-amsterdam.example', 'criminal_investigation');
    assert.equal((await police.get('/api/v1/care/reflection-clocks')).status, 403);
  });
});
