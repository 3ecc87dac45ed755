import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ApiClient, loginAs, startTestServer, type TestServer } from '../helpers/server.ts';
import { databaseLabel } from '../helpers/store.ts';

type Card = { kind: string; queue: string; purpose: string; count: number; link: string };
type Work = { cards: Card[]; notifications: { id: string; kind: string; link: string; read: boolean }[] };
type ErrorBody = { error: { code: string; field?: string; message: string } };

/**
 * The start page's work (issue 19, item 9): counts per role with links, assigning a signal to a colleague
 * (same organisation, a role that may handle it) with an in-app notification, "assigned to me" in the
 * team queue, and the refusals.
 */
describe(`work counts and assignment through the API on ${databaseLabel}`, () => {
  let server: TestServer;
  let triage: ApiClient;
  let investigator: ApiClient;
  let colleague: ApiClient;
  let colleagueId = '';
  let privacyId = '';
  let kmarUserId = '';
  const ids: string[] = [];

  before(async () => {
    server = await startTestServer();
    const orgs = await server.store.db.selectFrom('organisations').select(['id', 'name']).execute();
    const amsterdam = orgs.find((org) => org.name === 'Politie Eenheid Amsterdam')!.id;
    const users = await server.store.db.selectFrom('users').select(['id', 'email']).execute();
    privacyId = users.find((u) => u.email === 'privacy@politie-amsterdam.example')!.id;
    kmarUserId = users.find((u) => u.email === 'melder@kmar.example')!.id;
    // A second investigator in Amsterdam, made by the organisation's admin.
    const admin = await loginAs(server, 'beheer@politie-amsterdam.example', 'administration');
    const created = await admin.post<{ user: { id: string } }>('/api/v1/users', {
      email: 'tweede.rechercheur@politie-amsterdam.example',
      name: 'Kim Bakker',
      roles: ['investigator'],
      password: 'Een-lang-genoeg-wachtwoord-2026',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    colleagueId = created.body.user.id;
    const reporter = await loginAs(server, 'melder@gemeente-amsterdam.example', 'signal_intake');
    triage = await loginAs(server, 'triage@politie-le.example', 'signal_assessment');
    investigator = await loginAs(server, 'rechercheur@politie-amsterdam.example', 'criminal_investigation');
    colleague = new ApiClient(server.url);
    assert.equal(
      (
        await colleague.login(
          'tweede.rechercheur@politie-amsterdam.example',
          'Een-lang-genoeg-wachtwoord-2026',
        )
      ).status,
      200,
    );
    // A password the admin chose must be changed at first login before anything else answers.
    const changed = await colleague.post('/api/v1/auth/password', {
      current: 'Een-lang-genoeg-wachtwoord-2026',
      next: 'Een-ander-lang-wachtwoord-2026',
    });
    assert.equal(changed.status, 204, JSON.stringify(changed.body));
    colleague.purpose = 'criminal_investigation';
    for (let i = 0; i < 3; i++) {
      const response = await reporter.post<{ id: string }>('/api/v1/signals', {
        forms: ['labour'],
        indicators: [{ code: 'ilo.retention_of_documents' }],
        narrative: `werktest ${i}: werknemers slapen op het terrein.`,
      });
      assert.equal(response.status, 201);
      ids.push(response.body.id);
      await triage.post(`/api/v1/signals/${response.body.id}/transitions`, { action: 'start_triage' });
      const routed = await triage.post(`/api/v1/signals/${response.body.id}/transitions`, {
        action: 'route',
        route: 'police_avim',
        team: amsterdam,
      });
      assert.equal(routed.status, 200);
    }
  });
  after(() => server.close());

  const card = (work: Work, kind: string, queue: string) =>
    work.cards.find((c) => c.kind === kind && c.queue === queue);

  test('the start page counts per role, with links, counted like the lists', async () => {
    const triageWork = await triage.get<Work>('/api/v1/work');
    assert.equal(triageWork.status, 200, JSON.stringify(triageWork.body));
    const triageList = await triage.get<{ total: number }>(
      '/api/v1/signals/list?queue=triage&state=received',
    );
    assert.equal(card(triageWork.body, 'new', 'triage')?.count, triageList.body.total);
    assert.equal(card(triageWork.body, 'new', 'triage')?.link, '/triage?state=received');
    // The demo world holds signals received weeks ago: overdue by the SLA.
    assert.ok((card(triageWork.body, 'overdue', 'triage')?.count ?? 0) >= 0);

    const work = await investigator.get<Work>('/api/v1/work');
    assert.equal(card(work.body, 'new', 'team')?.count, 3);
    assert.equal(card(work.body, 'assigned_to_me', 'team')?.count, 0);
    assert.equal(card(work.body, 'assigned_to_me', 'team')?.link, '/team?assigned=me');

    // A reporter handles no queue: no queue cards; anonymous is refused.
    const reporter = await loginAs(server, 'melder@gemeente-amsterdam.example');
    const reporterWork = await reporter.get<Work>('/api/v1/work');
    assert.equal(reporterWork.status, 200);
    assert.ok(!reporterWork.body.cards.some((c) => c.queue === 'team' || c.queue === 'triage'));
    assert.equal((await fetch(`${server.url}/api/v1/work`)).status, 401);
    // Another organisation's team does not count Amsterdam's signals.
    const kmar = await loginAs(server, 'melder@kmar.example');
    const kmarWork = await kmar.get<Work>('/api/v1/work');
    assert.equal(card(kmarWork.body, 'new', 'team')?.count, 0);
  });

  test('assigning to a colleague: audited, notified in the app, counted and filtered as "assigned to me"', async () => {
    const assignees = await investigator.get<{ id: string; name: string }[]>('/api/v1/signals/assignees');
    assert.ok(assignees.body.some((user) => user.id === colleagueId));
    assert.ok(!assignees.body.some((user) => user.id === privacyId), 'no one without the role');

    const assigned = await investigator.post<{ assignedTo: string; assigneeName: string }>(
      `/api/v1/signals/${ids[0]}/assignment`,
      { userId: colleagueId },
    );
    assert.equal(assigned.status, 200, JSON.stringify(assigned.body));
    assert.equal(assigned.body.assigneeName, 'Kim Bakker');
    const audit = await server.store.db
      .selectFrom('audit_log')
      .select(['reason', 'record_ids'])
      .where('resource', '=', 'signal')
      .where('reason', '=', `assigned:${colleagueId}`)
      .execute();
    assert.equal(audit.length, 1);
    assert.deepEqual(audit[0].record_ids, [ids[0]]);

    const mine = await colleague.get<{ total: number; items: { id: string; assignedTo: string }[] }>(
      '/api/v1/signals/list?queue=team&assigned=me',
    );
    assert.equal(mine.body.total, 1);
    assert.equal(mine.body.items[0].id, ids[0]);
    const work = await colleague.get<Work>('/api/v1/work');
    assert.equal(card(work.body, 'assigned_to_me', 'team')?.count, 1);
    assert.equal(work.body.notifications.length, 1);
    assert.equal(work.body.notifications[0].kind, 'signal_assigned');
    assert.equal(work.body.notifications[0].link, `/melding/${ids[0]}?als=team`);
    // The assigner is not notified, and the one who assigned sees it assigned in the list.
    assert.equal((await investigator.get<Work>('/api/v1/work')).body.notifications.length, 0);

    // Taking the assignment away: the colleague's "assigned to me" is empty again.
    const unassigned = await investigator.post(`/api/v1/signals/${ids[0]}/assignment`, { userId: null });
    assert.equal(unassigned.status, 200, JSON.stringify(unassigned.body));
    const after = await colleague.get<{ total: number }>('/api/v1/signals/list?queue=team&assigned=me');
    assert.equal(after.body.total, 0);
  });

  test('refusals: another organisation, a person without the role, another organisation’s signal, anonymous', async () => {
    const otherOrg = await investigator.post<ErrorBody>(`/api/v1/signals/${ids[1]}/assignment`, {
      userId: kmarUserId,
    });
    assert.equal(otherOrg.status, 400);
    assert.equal(otherOrg.body.error.field, 'userId');
    assert.match(otherOrg.body.error.message, /geen collega/);
    const noRole = await investigator.post<ErrorBody>(`/api/v1/signals/${ids[1]}/assignment`, {
      userId: privacyId,
    });
    assert.equal(noRole.status, 400);
    assert.equal(noRole.body.error.field, 'userId');
    assert.match(noRole.body.error.message, /niet de rol/);
    // Kmar cannot assign (nor learn of) Amsterdam's signal.
    const kmar = await loginAs(server, 'melder@kmar.example', 'criminal_investigation');
    const foreign = await kmar.post<ErrorBody>(`/api/v1/signals/${ids[1]}/assignment`, {
      userId: kmarUserId,
    });
    assert.equal(foreign.status, 404);
    const anonymous = await fetch(`${server.url}/api/v1/signals/${ids[1]}/assignment`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: colleagueId }),
    });
    assert.ok([401, 403].includes(anonymous.status), String(anonymous.status));
    // Nothing was assigned by the refusals.
    const row = await server.store.db
      .selectFrom('signals')
      .select('assigned_to')
      .where('id', '=', ids[1])
      .executeTakeFirstOrThrow();
    assert.equal(row.assigned_to, null);
  });
});
