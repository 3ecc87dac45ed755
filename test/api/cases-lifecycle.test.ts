import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { acceptedSignal, addDays, MUNICIPALITY, orgIds, POLICE, policeCase } from '../helpers/cases.ts';
import { loginAs, startTestServer, type TestServer } from '../helpers/server.ts';
import { databaseLabel } from '../helpers/store.ts';

type Problem = { error: { code: string; field?: string; message: string } };
type CaseFile = {
  reference: string;
  state: string;
  outcome?: string;
  close_reason?: string;
  forms: string[];
  signals: string[];
  persons: { role: string; surname: string | null; source_signal_id: string | null }[];
  companies: { name: string }[];
  addresses: { kind: string; street: string }[];
  identifiers: { kind: string; value: string }[];
  events: { kind: string; event_date: string; place: string }[];
  tasks: { id: string; state: string; due_on: string | null; owner_org_id: string }[];
  history: { action: string; from_state: string | null; to_state: string | null }[];
};

describe(`cases: opening, parts, timeline, tasks and lifecycle on ${databaseLabel}`, () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  test('a case opened from an accepted signal takes over its persons, company, address and identifiers', async () => {
    const { id, police } = await policeCase(server, 'Open');
    const file = await police.get<CaseFile>(`/api/v1/cases/${id}`);
    assert.equal(file.status, 200, JSON.stringify(file.body));
    assert.match(file.body.reference, /^ZK-\d{4}-\d{5}$/);
    assert.equal(file.body.state, 'open');
    assert.deepEqual(file.body.forms, ['labour']);
    assert.equal(file.body.signals.length, 1);
    assert.deepEqual(file.body.persons.map((p) => [p.role, p.surname]).sort(), [
      ['possible_victim', 'VictimOpen'],
      ['suspect', 'SuspectOpen'],
      ['witness', 'WitnessOpen'],
    ]);
    assert.ok(file.body.persons.find((p) => p.role === 'possible_victim')?.source_signal_id);
    assert.deepEqual(
      file.body.companies.map((c) => c.name),
      ['Uitzendbureau Open BV'],
    );
    assert.deepEqual(file.body.addresses.map((a) => a.kind).sort(), ['premises', 'residence']);
    assert.ok(file.body.identifiers.some((i) => i.kind === 'phone' && i.value === '+31612345678'));
    assert.ok(file.body.identifiers.some((i) => i.kind === 'kvk' && i.value === '12345678'));
    // A DATE comes back as the same calendar day, whatever the process's time zone (TZ=Europe/Amsterdam).
    assert.deepEqual(
      file.body.events.map((e) => [e.kind, e.event_date, e.place]),
      [['recruitment', '2026-03-29', 'Wervingsplaats Open']],
    );
    assert.deepEqual(
      file.body.history.map((h) => h.action),
      ['opened', 'event_added'],
    );
  });

  test('a signal not accepted by one’s organisation, or already in a case, is refused and nothing is written', async () => {
    const police = await loginAs(server, POLICE, 'criminal_investigation');
    const before = await police.get<{ total: number }>('/api/v1/cases');
    const municipal = await loginAs(server, 'melder@gemeente-amsterdam.example', 'signal_intake');
    const fresh = await municipal.post<{ id: string }>('/api/v1/signals', {
      forms: ['sexual'],
      narrative: 'Niet doorgezet.',
    });
    const notRouted = await police.post<Problem>('/api/v1/cases', {
      title: 'Niet van ons',
      approaches: ['criminal'],
      signalIds: [fresh.body.id],
    });
    assert.equal(notRouted.status, 404, JSON.stringify(notRouted.body));
    const signal = await acceptedSignal(server, 'Twice');
    const first = await police.post('/api/v1/cases', {
      title: 'Eerste',
      approaches: ['criminal'],
      signalIds: [signal],
    });
    assert.equal(first.status, 201);
    const second = await police.post<Problem>('/api/v1/cases', {
      title: 'Tweede',
      approaches: ['criminal'],
      signalIds: [signal],
    });
    assert.equal(second.status, 409);
    assert.equal(second.body.error.code, 'signal_in_case');
    const after = await police.get<{ total: number }>('/api/v1/cases');
    assert.equal(after.body.total, before.body.total + 1);
  });

  test('bad input names the field; an unknown approach or form, an impossible date', async () => {
    const police = await loginAs(server, POLICE, 'criminal_investigation');
    const bad = await police.post<Problem>('/api/v1/cases', { title: 'x', approaches: ['magic'] });
    assert.equal(bad.status, 400);
    assert.match(JSON.stringify(bad.body), /approaches/);
    const { id } = await policeCase(server, 'Bad');
    const date = await police.post<Problem>(`/api/v1/cases/${id}/events`, {
      kind: 'exit',
      date: '2026-02-31',
    });
    assert.equal(date.status, 400);
    assert.match(JSON.stringify(date.body), /date/);
    const role = await police.post<Problem>(`/api/v1/cases/${id}/persons`, { role: 'villain' });
    assert.equal(role.status, 400);
  });

  test('direct case, paging and filters', async () => {
    const police = await loginAs(server, POLICE, 'criminal_investigation');
    for (const n of [1, 2, 3]) {
      const created = await police.post('/api/v1/cases', {
        title: `Direct ${n}`,
        approaches: ['administrative'],
        forms: ['sexual'],
      });
      assert.equal(created.status, 201);
    }
    const page = await police.get<{ total: number; items: { title: string }[] }>(
      '/api/v1/cases?form=sexual&limit=2&offset=0',
    );
    assert.equal(page.body.total, 3);
    assert.equal(page.body.items.length, 2);
    const next = await police.get<{ items: { title: string }[] }>(
      '/api/v1/cases?form=sexual&limit=2&offset=2',
    );
    assert.equal(next.body.items.length, 1);
    const search = await police.get<{ total: number }>('/api/v1/cases?q=Direct%202');
    assert.equal(search.body.total, 1);
    const approach = await police.get<{ items: { title: string }[] }>(
      '/api/v1/cases?approach=administrative&state=open',
    );
    assert.equal(approach.body.items.length, 3);
  });

  test('open → on_hold → open → closed; tasks; closing with open tasks needs a reason', async () => {
    const { id, police } = await policeCase(server, 'Life');
    const orgs = await orgIds(server);
    const step = (body: unknown) =>
      police.post<Problem & { state: string }>(`/api/v1/cases/${id}/transitions`, body);
    assert.equal((await step({ action: 'resume' })).status, 409);
    assert.equal((await step({ action: 'hold', reason: 'Wachten op OM' })).body.state, 'on_hold');
    assert.equal((await step({ action: 'hold' })).status, 409);
    assert.equal((await step({ action: 'resume' })).body.state, 'open');

    const own = await police.post<{ id: string }>(`/api/v1/cases/${id}/tasks`, {
      title: 'Verhoor getuige',
      dueOn: addDays(-1),
    });
    assert.equal(own.status, 201, JSON.stringify(own.body));
    const theirs = await police.post<{ id: string }>(`/api/v1/cases/${id}/tasks`, {
      title: 'Controle pand',
      ownerOrgId: orgs.get('Gemeente Amsterdam'),
      dueOn: addDays(7),
    });
    assert.equal(theirs.status, 201);
    const unknown = await police.post<Problem>(`/api/v1/cases/${id}/tasks`, {
      title: 'x',
      ownerOrgId: '00000000-0000-4000-8000-000000000000',
    });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.error.field, 'ownerOrgId');

    // The owning organisation sees its task in its list (overdue flags follow the due date) and closes it.
    const municipality = await loginAs(server, MUNICIPALITY, 'administrative_enforcement');
    const theirList = await municipality.get<{ id: string; title: string; case_reference: string }[]>(
      '/api/v1/case-tasks?mine=false',
    );
    assert.deepEqual(
      theirList.body.map((t) => t.title),
      ['Controle pand'],
    );
    const mine = await police.get<{ id: string; overdue: boolean }[]>('/api/v1/case-tasks');
    assert.equal(mine.body.find((t) => t.id === own.body.id)?.overdue, true);
    // ...but the case file itself stays closed to it.
    assert.equal((await municipality.get(`/api/v1/cases/${id}`)).status, 404);
    const done = await municipality.patch<{ state: string }>(`/api/v1/case-tasks/${theirs.body.id}`, {
      state: 'done',
    });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.equal(
      (await municipality.patch<Problem>(`/api/v1/case-tasks/${theirs.body.id}`, { state: 'done' })).status,
      409,
    );

    const noReason = await step({ action: 'close', outcome: 'referred_to_prosecution' });
    assert.equal(noReason.status, 400);
    assert.equal(noReason.body.error.field, 'reason');
    assert.match(noReason.body.error.message, /open/);
    const noOutcome = await step({ action: 'close', reason: 'klaar' });
    assert.equal(noOutcome.status, 400);
    const closed = await step({
      action: 'close',
      outcome: 'referred_to_prosecution',
      reason: 'Taak loopt bij OM door',
    });
    assert.equal(closed.status, 200, JSON.stringify(closed.body));
    assert.equal((await step({ action: 'resume' })).status, 409);
    const addAfter = await police.post<Problem>(`/api/v1/cases/${id}/persons`, { role: 'other' });
    assert.equal(addAfter.status, 409);
    const file = await police.get<CaseFile>(`/api/v1/cases/${id}`);
    assert.equal(file.body.state, 'closed');
    assert.equal(file.body.outcome, 'referred_to_prosecution');
    assert.equal(file.body.close_reason, 'Taak loopt bij OM door');
    assert.deepEqual(
      file.body.history.filter((h) => h.from_state).map((h) => `${h.from_state}>${h.to_state}`),
      ['open>on_hold', 'on_hold>open', 'open>done', 'open>closed'],
    );
  });
});
