import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { verifyAuditChain } from '../../src/access/audit.ts';
import { allJobHandlers, scheduleAll } from '../../src/capabilities.ts';
import { RETENTION_JOB, runRetention } from '../../src/privacy/retention.ts';
import { exampleSubmission } from '../../src/signals/fixtures.ts';
import { retentionMonths } from '../../src/signals/privacy/retention.ts';
import type { SignalSubmission } from '../../src/signals/schema.ts';
import { enqueueJob, runDueJobs } from '../../src/store/jobs.ts';
import { type ApiClient, loginAs, startTestServer, type TestServer } from '../helpers/server.ts';
import { databaseLabel } from '../helpers/store.ts';

type ErrorBody = { error: { code: string; field?: string; message: string } };
type RequestView = {
  id: string;
  kind: string;
  deadline: string;
  extendedUntil: string | null;
  status: string;
  personIds: string[];
  overdue: boolean;
};
type Found = {
  persons: {
    personId: string;
    signalId: string;
    holding: string;
    role: string;
    data: { bsn: string | null; surname: string | null };
  }[];
  otherOrganisations: { organisation: string; matchedOn: string; contacts: string[] }[];
};
type Report = {
  records: {
    personId: string;
    signalId: string;
    role: string;
    fields: string[];
    data: { bsn: string | null; surname: string | null };
    legalBasis: string;
    retention: { until: string | null; rule: string };
    accesses: { organisation: string | null; user: string | null; role: string | null; action: string }[];
  }[];
};

/** Data-subject requests over real HTTP: register, search, inzage report, restriction, erasure, retention. */
describe(`data-subject requests through the API on ${databaseLabel}`, () => {
  let server: TestServer;
  let reporter: ApiClient;
  let shelter: ApiClient;
  let triage: ApiClient;
  let officer: ApiClient;
  let policeOfficer: ApiClient;
  let orgs: Map<string, string>;
  let signalA = '';
  let request = '';
  let bergId = '';

  async function report(client: ApiClient, submission: SignalSubmission): Promise<string> {
    const response = await client.post<{ id: string }>('/api/v1/signals', submission);
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return response.body.id;
  }

  async function step(id: string, body: Record<string, unknown>) {
    const response = await triage.post(`/api/v1/signals/${id}/transitions`, body);
    assert.equal(response.status, 200, JSON.stringify(response.body));
  }

  async function newRequest(client: ApiClient, kind = 'access'): Promise<string> {
    const response = await client.post<RequestView>('/api/v1/privacy/requests', {
      kind,
      reference: `AVG-${kind}-${Math.random().toString(36).slice(2, 8)}`,
      receivedOn: '2026-01-31',
    });
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return response.body.id;
  }

  before(async () => {
    server = await startTestServer();
    reporter = await loginAs(server, 'melder@gemeente-amsterdam.example', 'signal_intake');
    shelter = await loginAs(server, 'melder@opvang.example', 'signal_intake');
    triage = await loginAs(server, 'triage@politie-le.example', 'signal_assessment');
    officer = await loginAs(server, 'privacy@gemeente-amsterdam.example', 'data_subject_request');
    policeOfficer = await loginAs(server, 'privacy@politie-amsterdam.example', 'data_subject_request');
    const rows = await server.store.db.selectFrom('organisations').select(['id', 'name']).execute();
    orgs = new Map(rows.map((row) => [row.name, row.id]));

    const a = exampleSubmission();
    a.narrative = 'Jan van der Berg (06-87654321) haalt de mannen op; Ştefan Popescu werkt er.';
    a.indicators = [{ code: 'ilo.excessive_overtime', remark: 'Berg laat hen 14 uur werken' }];
    signalA = await report(reporter, a);
    // The same person, known at the shelter with a shorter name: "match, then talk".
    const b = exampleSubmission();
    b.persons = [
      {
        role: 'possible_suspect',
        givenNames: 'J.',
        surname: 'vd Berg',
        dateOfBirth: '03-02-1990',
        bsn: '123456782',
      },
    ];
    await report(shelter, b);
    // Central triage reads signal A: the inzage answer must name that access.
    assert.equal((await triage.get(`/api/v1/signals/${signalA}`)).status, 200);
    request = await newRequest(officer, 'erasure');
  });
  after(() => server.close());

  test('the register sets the deadline at one month (clamped) and extends it once with a reason', async () => {
    const view = await officer.get<RequestView>(`/api/v1/privacy/requests/${request}`);
    assert.equal(view.status, 200);
    assert.equal(view.body.deadline, '2026-02-28');
    assert.equal(view.body.status, 'open');
    const extended = await officer.post<RequestView>(`/api/v1/privacy/requests/${request}/extend`, {
      months: 2,
      reason: 'Gegevens bij drie ketenpartners; complex verzoek',
    });
    assert.equal(extended.status, 200, JSON.stringify(extended.body));
    assert.equal(extended.body.extendedUntil, '2026-04-28');
    assert.equal(extended.body.status, 'extended');
    const again = await officer.post<ErrorBody>(`/api/v1/privacy/requests/${request}/extend`, {
      months: 1,
      reason: 'nog een keer',
    });
    assert.equal(again.status, 409);
    const list = await officer.get<RequestView[]>('/api/v1/privacy/requests?open=true');
    assert.deepEqual(
      list.body.map((r) => r.id),
      [request],
    );
  });

  test('the OpenAPI document describes every privacy route', async () => {
    const response = await fetch(`${server.url}/api/docs/json`);
    const doc = (await response.json()) as { paths: Record<string, unknown> };
    const paths = Object.keys(doc.paths).filter((path) => path.startsWith('/api/v1/privacy/'));
    for (const action of [
      'search',
      'persons',
      'report',
      'restriction',
      'rectification',
      'erasure',
      'extend',
      'decision',
    ]) {
      assert.ok(paths.includes(`/api/v1/privacy/requests/{id}/${action}`), action);
    }
  });

  test('bad input names the field', async () => {
    const cases: [string, unknown, string][] = [
      ['/api/v1/privacy/requests', { kind: 'delete_all', reference: 'x', receivedOn: '2026-01-01' }, 'kind'],
      [
        '/api/v1/privacy/requests',
        { kind: 'access', reference: 'x', receivedOn: '2999-01-01' },
        'receivedOn',
      ],
      [
        '/api/v1/privacy/requests',
        { kind: 'access', reference: 'x', receivedOn: '2026-01-01', name: 'Jan' },
        'name',
      ],
      [`/api/v1/privacy/requests/${request}/search`, { bsn: '123456789' }, 'bsn'],
      [`/api/v1/privacy/requests/${request}/search`, { surname: 'Berg' }, 'dateOfBirth'],
      [
        `/api/v1/privacy/requests/${request}/search`,
        { surname: 'Berg', dateOfBirth: '3-2-1990' },
        'dateOfBirth',
      ],
      [`/api/v1/privacy/requests/${request}/persons`, { personIds: ['not-an-id'] }, 'personIds.0'],
    ];
    for (const [path, body, field] of cases) {
      const response = await officer.post<ErrorBody>(path, body);
      assert.equal(response.status, 400, `${path} ${JSON.stringify(body)}: ${JSON.stringify(response.body)}`);
      assert.equal(response.body.error.field, field, JSON.stringify(response.body));
    }
  });

  test('other roles, a missing purpose and the wrong purpose are refused with the reason', async () => {
    const intakeAsOfficer = await loginAs(
      server,
      'melder@gemeente-amsterdam.example',
      'data_subject_request',
    );
    const refused = await intakeAsOfficer.get<ErrorBody>('/api/v1/privacy/requests');
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.code, 'purpose_not_allowed');
    const wrongRole = await reporter.post<ErrorBody>(`/api/v1/privacy/requests/${request}/search`, {
      bsn: '123456782',
    });
    assert.equal(wrongRole.status, 403);
    assert.equal(wrongRole.body.error.code, 'not_permitted');
    const admin = await loginAs(server, 'beheer@gemeente-amsterdam.example', 'administration');
    assert.equal((await admin.get<ErrorBody>('/api/v1/privacy/requests')).status, 403);
    const noPurpose = await loginAs(server, 'privacy@gemeente-amsterdam.example');
    const missing = await noPurpose.get<ErrorBody>('/api/v1/privacy/requests');
    assert.equal(missing.status, 403);
    assert.equal(missing.body.error.code, 'purpose_required');
    const auditPurpose = await loginAs(server, 'privacy@gemeente-amsterdam.example', 'audit_control');
    const wrongPurpose = await auditPurpose.get<ErrorBody>('/api/v1/privacy/requests');
    assert.equal(wrongPurpose.status, 403);
    assert.equal(wrongPurpose.body.error.code, 'not_permitted');
  });

  test('search by BSN and by name finds the own organisation’s person; the shelter is named as contact only', async () => {
    const byBsn = await officer.post<Found>(`/api/v1/privacy/requests/${request}/search`, {
      bsn: '1234 56 782',
    });
    assert.equal(byBsn.status, 200, JSON.stringify(byBsn.body));
    assert.equal(byBsn.body.persons.length, 1);
    const [berg] = byBsn.body.persons;
    assert.equal(berg.signalId, signalA);
    assert.equal(berg.holding, 'reported');
    assert.equal(berg.data.bsn, '******782');
    assert.deepEqual(
      byBsn.body.otherOrganisations.map((o) => `${o.organisation}:${o.matchedOn}`),
      ['Stichting Veilige Opvang (demo):bsn'],
    );
    bergId = berg.personId;

    const byName = await officer.post<Found>(`/api/v1/privacy/requests/${request}/search`, {
      givenNames: 'Jan',
      prefix: 'vd',
      surname: 'Berg',
      dateOfBirth: '1990-03-02',
    });
    assert.equal(byName.status, 200, JSON.stringify(byName.body));
    assert.deepEqual(
      byName.body.persons.map((p) => p.personId),
      [bergId],
    );
    assert.ok(byName.body.otherOrganisations.some((o) => o.matchedOn === 'name_and_date_of_birth'));
    const nobody = await officer.post<Found>(`/api/v1/privacy/requests/${request}/search`, {
      surname: 'Jansen',
      dateOfBirth: '1971-07-07',
    });
    assert.deepEqual(nobody.body.persons, []);
  });

  test('another organisation’s privacy officer finds nothing and cannot reach this request or person', async () => {
    const own = await newRequest(policeOfficer);
    const found = await policeOfficer.post<Found>(`/api/v1/privacy/requests/${own}/search`, {
      bsn: '123456782',
    });
    assert.equal(found.status, 200);
    assert.deepEqual(found.body.persons, []);
    assert.ok(found.body.otherOrganisations.every((o) => o.contacts.every((c) => !c.includes('Berg'))));
    assert.equal((await policeOfficer.get(`/api/v1/privacy/requests/${request}`)).status, 404);
    assert.equal(
      (await policeOfficer.post(`/api/v1/privacy/requests/${request}/search`, { bsn: '123456782' })).status,
      404,
    );
    const forged = await policeOfficer.post<ErrorBody>(`/api/v1/privacy/requests/${own}/persons`, {
      personIds: [bergId],
    });
    assert.equal(forged.status, 404);
    assert.equal(forged.body.error.field, 'personIds.0');
    assert.equal(
      (await policeOfficer.get(`/api/v1/privacy/requests/${crypto.randomUUID()}/report`)).status,
      404,
    );
    assert.equal((await policeOfficer.post(`/api/v1/privacy/requests/${request}/erasure`, {})).status, 404);
  });

  test('the inzage report lists signal, role, fields, legal basis, retention and who accessed it', async () => {
    const attached = await officer.post<RequestView>(`/api/v1/privacy/requests/${request}/persons`, {
      personIds: [bergId],
    });
    assert.equal(attached.status, 200, JSON.stringify(attached.body));
    assert.deepEqual(attached.body.personIds, [bergId]);
    const response = await officer.get<Report>(`/api/v1/privacy/requests/${request}/report`);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.match(response.headers.get('content-disposition') ?? '', /attachment; filename="inzage-/);
    const [record] = response.body.records;
    assert.equal(response.body.records.length, 1);
    assert.equal(record.signalId, signalA);
    assert.equal(record.role, 'possible_suspect');
    assert.equal(record.data.bsn, '******782');
    assert.ok(!JSON.stringify(response.body).includes('123456782'));
    for (const field of ['givenNames', 'surname', 'dateOfBirth', 'phones', 'emails', 'bsn']) {
      assert.ok(record.fields.includes(field), field);
    }
    assert.match(record.legalBasis, /own reports/);
    assert.equal(record.retention.until, null);
    const byTriage = record.accesses.find((a) => a.organisation === 'Politie Landelijke Eenheid');
    assert.ok(byTriage, JSON.stringify(record.accesses));
    assert.equal(byTriage.role, 'triage');
    assert.equal(byTriage.user, null, 'staff of other organisations are named by role, not by name');
    assert.ok(record.accesses.some((a) => a.action === 'create' && a.user === 'Sanne de Vries'));
  });

  test('rectification corrects a person as intake would, and the audit names fields, not values', async () => {
    const path = `/api/v1/privacy/requests/${request}/rectification`;
    const bad = await officer.post<ErrorBody>(path, { personId: bergId, changes: { phones: ['06-12'] } });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.field, 'phones.0');
    const future = await officer.post<ErrorBody>(path, {
      personId: bergId,
      changes: { dateOfBirth: '2999-01-01' },
    });
    assert.equal(future.body.error.field, 'dateOfBirth');
    const other = await officer.post<ErrorBody>(path, {
      personId: crypto.randomUUID(),
      changes: { alias: 'x' },
    });
    assert.equal(other.status, 400);
    assert.equal(other.body.error.field, 'personId');
    const fixed = await officer.post<{ fields: string[] }>(path, {
      personId: bergId,
      changes: { phones: ['06 1111 2222', '+31 6 8765 4321'], alias: 'Jantje' },
    });
    assert.equal(fixed.status, 200, JSON.stringify(fixed.body));
    assert.deepEqual(fixed.body.fields.sort(), ['alias', 'phones']);
    const row = await server.store.db
      .selectFrom('signal_persons')
      .select(['phones', 'alias'])
      .where('id', '=', bergId)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row.phones, ['+31611112222', '+31687654321']);
    const phones = await server.store.db
      .selectFrom('signal_identifiers')
      .select('value')
      .where('signal_id', '=', signalA)
      .where('kind', '=', 'phone')
      .execute();
    assert.ok(
      phones.some((p) => p.value === '+31611112222'),
      'the new number is found by linking',
    );
    const audit = JSON.stringify(await server.store.db.selectFrom('audit_log').selectAll().execute());
    assert.ok(!audit.includes('Jantje') && !audit.includes('31611112222'));
  });

  test('restriction hides the person from triage and from linking until lifted', async () => {
    const restricted = await officer.post(`/api/v1/privacy/requests/${request}/restriction`, {});
    assert.equal(restricted.status, 200, JSON.stringify(restricted.body));
    const seen = await triage.get<{ persons: { surname: string | null }[] }>(`/api/v1/signals/${signalA}`);
    assert.deepEqual(
      seen.body.persons.map((p) => p.surname),
      ['Popescu'],
    );
    const bsnRows = await server.store.db
      .selectFrom('signal_identifiers')
      .select('value')
      .where('signal_id', '=', signalA)
      .where('kind', 'in', ['bsn', 'email'])
      .execute();
    assert.deepEqual(bsnRows, []);
    const lifted = await officer.post(`/api/v1/privacy/requests/${request}/restriction`, { lift: true });
    assert.equal(lifted.status, 200);
    const again = await triage.get<{ persons: { surname: string | null }[] }>(`/api/v1/signals/${signalA}`);
    assert.deepEqual(again.body.persons.map((p) => p.surname).sort(), ['Berg', 'Popescu']);
    await officer.post(`/api/v1/privacy/requests/${request}/restriction`, {});
  });

  test('erasure leaves none of the person’s data in the signal tables, and the audit chain verifies', async () => {
    const secrets = await server.store.db
      .selectFrom('signal_persons')
      .select(['bsn_fingerprint', 'bsn_encrypted'])
      .where('id', '=', bergId)
      .executeTakeFirstOrThrow();
    const erased = await officer.post<{ erased: string[]; refused: unknown[] }>(
      `/api/v1/privacy/requests/${request}/erasure`,
      {},
    );
    assert.equal(erased.status, 200, JSON.stringify(erased.body));
    assert.deepEqual(erased.body, { requestId: request, erased: [bergId], refused: [] });

    const db = server.store.db;
    const dump = JSON.stringify([
      await db.selectFrom('signals').selectAll().where('id', '=', signalA).execute(),
      await db.selectFrom('signal_persons').selectAll().where('signal_id', '=', signalA).execute(),
      await db.selectFrom('signal_identifiers').selectAll().where('signal_id', '=', signalA).execute(),
      await db.selectFrom('signal_transitions').selectAll().where('signal_id', '=', signalA).execute(),
      await db.selectFrom('signal_companies').selectAll().where('signal_id', '=', signalA).execute(),
    ]).toLowerCase();
    for (const trace of [
      'berg',
      '87654321',
      'vdberg@example',
      secrets.bsn_fingerprint,
      secrets.bsn_encrypted,
    ]) {
      assert.ok(!dump.includes(String(trace).toLowerCase()), `still holds ${trace}`);
    }
    assert.ok(dump.includes('popescu'), 'the other person stays');
    const audit = JSON.stringify(await db.selectFrom('audit_log').selectAll().execute()).toLowerCase();
    assert.ok(!audit.includes('berg') && !audit.includes('123456782'));
    assert.ok(audit.includes(bergId));
    const chain = await verifyAuditChain(db);
    assert.equal(chain.ok, true, JSON.stringify(chain));
    // The report still answers, now saying the record is erased.
    const after = await officer.get<Report & { records: { erased: boolean }[] }>(
      `/api/v1/privacy/requests/${request}/report`,
    );
    assert.equal(after.body.records[0].erased, true);
    assert.deepEqual(after.body.records[0].fields, []);
  });

  test('data in a criminal track is kept, and the refusal is decided with its legal ground', async () => {
    const c = exampleSubmission();
    c.persons = [
      { role: 'possible_victim', givenNames: 'Maria', surname: 'Ionescu', dateOfBirth: '1999-05-05' },
    ];
    const signalC = await report(reporter, c);
    await step(signalC, { action: 'start_triage' });
    await step(signalC, {
      action: 'route',
      route: 'police_avim',
      team: orgs.get('Politie Eenheid Amsterdam'),
    });
    const own = await newRequest(officer, 'erasure');
    const found = await officer.post<Found>(`/api/v1/privacy/requests/${own}/search`, {
      givenNames: 'Maria',
      surname: 'Ionescu',
      dateOfBirth: '1999-05-05',
    });
    assert.equal(found.body.persons.length, 1);
    await officer.post(`/api/v1/privacy/requests/${own}/persons`, {
      personIds: [found.body.persons[0].personId],
    });
    const erased = await officer.post<{ erased: string[]; refused: { legalGround: string }[] }>(
      `/api/v1/privacy/requests/${own}/erasure`,
      {},
    );
    assert.deepEqual(erased.body.erased, []);
    assert.equal(erased.body.refused[0].legalGround, 'avg_23_criminal_investigation');
    const noGround = await officer.post<ErrorBody>(`/api/v1/privacy/requests/${own}/decision`, {
      decision: 'refused',
      reason: 'Lopend strafrechtelijk onderzoek',
    });
    assert.equal(noGround.status, 400);
    assert.equal(noGround.body.error.field, 'legalGround');
    const decided = await officer.post<RequestView>(`/api/v1/privacy/requests/${own}/decision`, {
      decision: 'refused',
      reason: 'Lopend strafrechtelijk onderzoek',
      legalGround: 'avg_23_criminal_investigation',
    });
    assert.equal(decided.status, 200, JSON.stringify(decided.body));
    assert.equal(decided.body.status, 'decided');
    assert.equal(
      (
        await officer.post(`/api/v1/privacy/requests/${own}/decision`, {
          decision: 'granted',
          reason: 'toch wel',
        })
      ).status,
      409,
    );
  });

  test('retention removes the personal data of signals closed without follow-up, audited', async () => {
    const d = exampleSubmission();
    d.persons = [{ role: 'witness', givenNames: 'Oude', surname: 'Getuige', phones: ['0611112222'] }];
    const old = await report(reporter, d);
    const recent = await report(reporter, exampleSubmission());
    for (const id of [old, recent]) {
      await step(id, { action: 'start_triage' });
      await step(id, { action: 'close', outcome: 'no_indication', note: 'Geen aanwijzingen' });
    }
    const db = server.store.db;
    await db
      .updateTable('signals')
      .set({ state_changed_at: new Date(Date.now() - 61 * 31 * 86_400_000) })
      .where('id', '=', old)
      .execute();
    const result = await runRetention(server.store, { months: 60 });
    assert.deepEqual(result.signals, [old]);
    const persons = await db.selectFrom('signal_persons').selectAll().where('signal_id', '=', old).execute();
    assert.ok(persons.every((p) => p.surname === null && p.phones.length === 0 && p.erased_at !== null));
    const kept = await db.selectFrom('signals').selectAll().where('id', '=', old).executeTakeFirstOrThrow();
    assert.equal(kept.narrative, '');
    assert.deepEqual(kept.forms, ['labour']);
    const identifiers = await db
      .selectFrom('signal_identifiers')
      .select('kind')
      .where('signal_id', '=', old)
      .execute();
    assert.deepEqual(
      identifiers.map((i) => i.kind),
      ['kvk'],
    );
    const untouched = await db
      .selectFrom('signal_persons')
      .select('surname')
      .where('signal_id', '=', recent)
      .execute();
    assert.ok(untouched.some((p) => p.surname === 'Berg'));
    const entry = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'anonymise')
      .executeTakeFirstOrThrow();
    assert.deepEqual(entry.record_ids, [old]);
    // Work the system does on its own is audited under a named system actor, never as a user.
    assert.equal(entry.role, 'system:retention');
    assert.equal(entry.user_id, null);
    assert.equal((await runRetention(server.store, { months: 60 })).signals.length, 0);
    assert.equal((await verifyAuditChain(db)).ok, true);
    // The durable daily job: queued once at start, runs, and queues itself for the next day.
    // (the retention job loops over the registry: every capability's personalData.retention)
    await scheduleAll(server.store);
    await scheduleAll(server.store);
    const handlers = allJobHandlers();
    assert.equal(await runDueJobs(server.store, { [RETENTION_JOB]: handlers[RETENTION_JOB] }), 1);
    const jobs = await db
      .selectFrom('jobs')
      .select(['status', 'run_at'])
      .where('kind', '=', RETENTION_JOB)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      jobs.map((job) => job.status),
      ['done', 'queued'],
    );
    assert.ok(new Date(jobs[1].run_at).getTime() > Date.now() + 23 * 3_600_000);
    // A run still queued under the kind of before (privacy.signal_retention) runs once and is not re-queued.
    await enqueueJob(server.store, 'privacy.signal_retention', {});
    const legacy = { 'privacy.signal_retention': handlers['privacy.signal_retention'] };
    assert.equal(await runDueJobs(server.store, legacy), 1);
    assert.equal(await runDueJobs(server.store, legacy), 0);
    assert.equal(retentionMonths({}), 60);
    assert.throws(
      () => retentionMonths({ KETENPLEIN_SIGNAL_RETENTION_MONTHS: 'vijf' }),
      /KETENPLEIN_SIGNAL_RETENTION_MONTHS/,
    );
  });
});
