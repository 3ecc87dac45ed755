import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { dutchDate } from '../../src/domain/validate/date.ts';
import { type ApiClient, loginAs, startTestServer, type TestServer } from '../helpers/server.ts';
import { databaseLabel } from '../helpers/store.ts';

type Found = { persons: { personId: string; holding: string; match?: { by: string } }[] };
type Report = {
  records: {
    personId: string;
    holding: string;
    fields: string[];
    data: Record<string, unknown>;
    legalBasis: string;
    erased: boolean;
  }[];
};
type Erasure = { erased: string[]; refused: { personId: string; legalGround: string }[] };

/** Every care table, to look for what an erasure must leave nowhere. */
const CARE_TABLES = [
  'care_clients',
  'care_consents',
  'placement_requests',
  'care_safe_addresses',
  'reflection_periods',
  'victim_registrations',
  'care_trajectories',
  'care_trajectory_phases',
  'care_handovers',
  'missing_minors',
  'missing_minor_events',
] as const;

/**
 * Data-subject rights over all of care (issue 16, open items): inzage finds and lists the client file with its
 * placements, reflection period, trajectories and handovers, the receiving provider's handover copy, the CoMensha
 * registration (through the keyed encoding of the searched identity) and missing-minor reports; erasure leaves no
 * personal data in the care tables, tells the receiving provider (art. 19) instead of deleting its copy, and
 * refuses a missing minor's report while the minor is missing, naming the ground.
 */
describe(`care: data-subject rights over all care records on ${databaseLabel}`, () => {
  let server: TestServer;
  let coordinator: ApiClient;
  let shelter: ApiClient;
  let youth: ApiClient;
  let officer: ApiClient;
  let shelterOfficer: ApiClient;
  let youthOfficer: ApiClient;
  let client = '';
  let registration = '';
  let typoRegistration = '';
  let otherRegistration = '';
  let handover = '';
  let missing = '';
  const today = dutchDate(new Date());
  const SECRETS = [/Diallo/i, /Amara/, /1995-03-09/, /Schuilpad 7/, /Mariam/, /Touré/];

  async function addOfficer(colleague: string, email: string) {
    const user = await server.store.db
      .selectFrom('users')
      .select(['org_id', 'password_hash'])
      .where('email', '=', colleague)
      .executeTakeFirstOrThrow();
    await server.store.db
      .insertInto('users')
      .values({
        org_id: user.org_id,
        email,
        name: 'Functionaris Gegevensbescherming',
        password_hash: user.password_hash,
        roles: ['privacy_officer'],
      })
      .execute();
    return loginAs(server, email, 'data_subject_request');
  }

  async function newRequest(by: ApiClient, kind: string): Promise<string> {
    const response = await by.post<{ id: string }>('/api/v1/privacy/requests', {
      kind,
      reference: `AVG-${kind}-${Math.random().toString(36).slice(2, 8)}`,
      receivedOn: today,
    });
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return response.body.id;
  }

  async function search(by: ApiClient, request: string, query: Record<string, string>) {
    const found = await by.post<Found>(`/api/v1/privacy/requests/${request}/search`, query);
    assert.equal(found.status, 200, JSON.stringify(found.body));
    return found.body.persons;
  }

  async function attach(by: ApiClient, request: string, ids: string[]) {
    const response = await by.post(`/api/v1/privacy/requests/${request}/persons`, { personIds: ids });
    assert.equal(response.status, 200, JSON.stringify(response.body));
  }

  /** Which care tables still hold one of the subject's values (as the database stores them). */
  async function leftovers(patterns: RegExp[]) {
    const found: string[] = [];
    for (const table of CARE_TABLES) {
      const rows = await server.store.db.selectFrom(table).selectAll().execute();
      for (const row of rows) {
        const text = JSON.stringify(row);
        for (const pattern of patterns) if (pattern.test(text)) found.push(`${table}: ${pattern}`);
      }
    }
    return [...new Set(found)];
  }

  before(async () => {
    server = await startTestServer();
    coordinator = await loginAs(server, 'zorgcoordinator@zorg-amsterdam.example', 'care_coordination');
    shelter = await loginAs(server, 'intake@opvang.example', 'care_coordination');
    youth = await loginAs(server, 'medewerker@jeugdzorg.example', 'care_coordination');
    officer = await addOfficer('zorgcoordinator@zorg-amsterdam.example', 'fg@zorg-amsterdam.example');
    shelterOfficer = await addOfficer('intake@opvang.example', 'fg@opvang.example');
    youthOfficer = await addOfficer('medewerker@jeugdzorg.example', 'fg@jeugdzorg.example');

    const created = await coordinator.post<{ id: string }>('/api/v1/care/clients', {
      source: 'direct',
      givenNames: 'Amara',
      surname: 'Diallo',
      dateOfBirth: '1995-03-09',
      gender: 'female',
      nationality: 'GIN',
      immigrationStatus: 'third_country',
      forms: ['sexual'],
      needs: ['psychiatric'],
      contactChannel: 'via_lawyer',
      exploitationPlaces: [{ municipalityCode: 'GM0363' }],
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    client = created.body.id;
    for (const consent of [
      { scope: 'placement' },
      { scope: 'comensha_registration' },
      { scope: 'handover', covers: ['identity', 'date_of_birth', 'needs'] },
    ]) {
      const given = await coordinator.post(`/api/v1/care/clients/${client}/consents`, {
        ...consent,
        givenOn: today,
        how: 'written',
      });
      assert.equal(given.status, 201, JSON.stringify(given.body));
    }
    // The reflection period, a placement from admission to discharge (with a safe address while placed).
    const reflection = `/api/v1/care/clients/${client}/reflection`;
    assert.equal((await coordinator.post(reflection, { action: 'offer', offeredOn: today })).status, 200);
    assert.equal((await coordinator.post(reflection, { action: 'start', startedOn: today })).status, 200);
    const location = await shelter.post<{ placeIds: string[] }>('/api/v1/care/locations', {
      name: 'Huis Zwolle',
      municipalityCode: 'GM0193',
      places: [
        {
          kind: 'multi_problem',
          capacity: 3,
          occupancy: 0,
          genders: ['female'],
          minAge: 18,
          maxAge: 120,
          needs: ['psychiatric'],
        },
      ],
    });
    assert.equal(location.status, 201, JSON.stringify(location.body));
    const placement = await coordinator.post<{ id: string }>(
      `/api/v1/care/clients/${client}/placement-requests`,
      {},
    );
    assert.equal(placement.status, 201, JSON.stringify(placement.body));
    const path = `/api/v1/care/placement-requests/${placement.body.id}/transitions`;
    for (const [by, body] of [
      [
        coordinator,
        {
          action: 'propose',
          placeId: location.body.placeIds[0],
          note: 'Mariam Touré (zus) mag niet weten waar',
        },
      ],
      [shelter, { action: 'accept' }],
      [shelter, { action: 'admit', admittedOn: today, safeAddress: 'Schuilpad 7, Zwolle' }],
      [shelter, { action: 'discharge', dischargedOn: today, destination: 'independent_living' }],
    ] as const) {
      const step = await by.post(path, body);
      assert.equal(step.status, 200, JSON.stringify(step.body));
    }
    // A trajectory whose aftercare provider confirmed the handover (its copy of name and date of birth).
    const orgs = await server.store.db.selectFrom('organisations').select(['id', 'type']).execute();
    const opvang = orgs.find((o) => o.type === 'shelter');
    assert.ok(opvang);
    await coordinator.post(`/api/v1/care/clients/${client}/trajectories`, {
      phases: [
        { phase: 'acute', providerOrgId: opvang.id },
        { phase: 'aftercare', providerOrgId: opvang.id },
      ],
    });
    const trajectories = await coordinator.get<{ phases: { id: string }[] }[]>(
      `/api/v1/care/clients/${client}/trajectories`,
    );
    const first = trajectories.body[0]?.phases[0]?.id;
    const steps = `/api/v1/care/trajectory-phases/${first}/steps`;
    assert.equal((await coordinator.post(steps, { action: 'start', startedOn: today })).status, 200);
    const proposed = await coordinator.post<{ id: string }>(steps, {
      action: 'propose_handover',
      fields: ['identity', 'date_of_birth', 'needs'],
    });
    assert.equal(proposed.status, 200, JSON.stringify(proposed.body));
    handover = proposed.body.id;
    const confirmed = await shelter.post(`/api/v1/care/handovers/${handover}/decision`, {
      action: 'confirm_handover',
    });
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    // CoMensha registrations: hers from the file, hers again typed by hand with a misspelt name, someone else.
    coordinator.purpose = 'victim_registration';
    const registered = await coordinator.post<{ id: string }>('/api/v1/care/registrations', {
      clientId: client,
      registeredOn: today,
    });
    assert.equal(registered.status, 201, JSON.stringify(registered.body));
    registration = registered.body.id;
    const variables = {
      sex: 'female',
      age: 31,
      nationality: 'GIN',
      forms: ['sexual'],
      exploitedIn: 'netherlands',
    };
    const typo = await coordinator.post<{ id: string }>('/api/v1/care/registrations', {
      ...variables,
      registeredOn: today,
      identity: { givenNames: 'Amara', surname: 'Dialo', dateOfBirth: '1995-03-09' },
    });
    assert.equal(typo.status, 201, JSON.stringify(typo.body));
    typoRegistration = typo.body.id;
    const other = await coordinator.post<{ id: string }>('/api/v1/care/registrations', {
      ...variables,
      registeredOn: today,
      identity: { givenNames: 'Joy', surname: 'Okeke', dateOfBirth: '1990-11-21' },
    });
    assert.equal(other.status, 201, JSON.stringify(other.body));
    otherRegistration = other.body.id;
    coordinator.purpose = 'care_coordination';
    // A youth care institution's missing-minor report.
    const reported = await youth.post<{ id: string }>('/api/v1/care/missing-minors', {
      givenNames: 'Mariam',
      surname: 'Touré',
      dateOfBirth: '2010-06-01',
      kind: 'ran_away',
      missingSince: new Date(Date.now() - 3_600_000).toISOString(),
      description: 'Blauwe jas; Mariam Touré belt soms haar tante',
      riskFactors: ['unknown_adults'],
    });
    assert.equal(reported.status, 201, JSON.stringify(reported.body));
    missing = reported.body.id;
    const note = await youth.post(`/api/v1/care/missing-minors/${missing}/events`, {
      kind: 'note',
      note: 'Mariam is gezien bij station Zwolle',
    });
    assert.equal(note.status, 200, JSON.stringify(note.body));
  });
  after(() => server.close());

  test('inzage finds the client file and her CoMensha registrations by keyed encoding, and lists what hangs on them', async () => {
    const request = await newRequest(officer, 'access');
    const persons = await search(officer, request, {
      givenNames: 'Amara',
      surname: 'Diallo',
      dateOfBirth: '1995-03-09',
    });
    const byHolding = (h: string) =>
      persons
        .filter((p) => p.holding === h)
        .map((p) => p.personId)
        .sort();
    assert.deepEqual(byHolding('client'), [client]);
    assert.deepEqual(byHolding('comensha_registration'), [registration, typoRegistration].sort());
    assert.ok(!persons.some((p) => p.personId === otherRegistration), 'another person is not found');
    assert.ok(
      persons
        .filter((p) => p.holding === 'comensha_registration')
        .every((p) => p.match?.by === 'keyed_encoding'),
    );
    // No name is stored to compare with: the registrations hold only the encoding.
    const stored = await server.store.db.selectFrom('victim_registrations').selectAll().execute();
    assert.doesNotMatch(JSON.stringify(stored), /Diallo|Dialo|Amara|1995-03-09/);
    await attach(
      officer,
      request,
      persons.map((p) => p.personId),
    );
    const report = await officer.get<Report>(`/api/v1/privacy/requests/${request}/report`);
    assert.equal(report.status, 200, JSON.stringify(report.body));
    const file = report.body.records.find((r) => r.personId === client);
    assert.ok(file);
    assert.equal(file.data.surname, 'Diallo');
    assert.equal((file.data.reflectionPeriod as { started_on?: string } | null) !== null, true);
    const placements = file.data.placements as { state: string; shelter: string }[];
    assert.equal(placements[0]?.state, 'discharged');
    const [trajectory] = file.data.trajectories as {
      phases: unknown[];
      handovers: { recipient: string; fields: string[]; state: string }[];
    }[];
    assert.equal(trajectory?.phases.length, 2);
    assert.deepEqual(trajectory?.handovers[0]?.fields, ['identity', 'date_of_birth', 'needs']);
    assert.equal(trajectory?.handovers[0]?.state, 'confirmed');
    assert.ok(trajectory?.handovers[0]?.recipient, 'the recipient is named (art. 15(1)(c))');
    assert.doesNotMatch(JSON.stringify(report.body), /Schuilpad/, 'never the safe address');
    const reg = report.body.records.find((r) => r.personId === registration);
    assert.equal(reg?.holding, 'comensha_registration');
    assert.equal(reg?.data.nationality, 'GIN');
    assert.match(reg?.legalBasis ?? '', /CoMensha/);
  });

  test('the receiving provider finds and reports its handover copy; the youth institution its missing report', async () => {
    const request = await newRequest(shelterOfficer, 'access');
    const persons = await search(shelterOfficer, request, { surname: 'DIALLO', dateOfBirth: '1995-03-09' });
    assert.deepEqual(
      persons.map((p) => [p.personId, p.holding]),
      [[handover, 'handover_copy']],
    );
    await attach(shelterOfficer, request, [handover]);
    const report = await shelterOfficer.get<Report>(`/api/v1/privacy/requests/${request}/report`);
    const copy = report.body.records[0];
    assert.equal(copy?.holding, 'handover_copy');
    assert.equal((copy?.data.identity as { surname?: string } | undefined)?.surname, 'Diallo');
    assert.deepEqual(copy?.data.needs, ['psychiatric']);

    const youthRequest = await newRequest(youthOfficer, 'access');
    const minors = await search(youthOfficer, youthRequest, { surname: 'touré', dateOfBirth: '2010-06-01' });
    assert.deepEqual(
      minors.map((p) => [p.personId, p.holding]),
      [[missing, 'missing_minor']],
    );
    await attach(youthOfficer, youthRequest, [missing]);
    const youthReport = await youthOfficer.get<Report>(`/api/v1/privacy/requests/${youthRequest}/report`);
    const record = youthReport.body.records[0];
    assert.equal(record?.data.surname, 'Touré');
    assert.ok(record?.data.sharedWith, 'the police unit it went to is named');
    assert.equal((record?.data.timeline as unknown[] | undefined)?.length, 2);
    // The coordinator's officer finds no copy and no report: each holder answers for its own.
    const own = await newRequest(officer, 'access');
    assert.deepEqual(await search(officer, own, { surname: 'Touré', dateOfBirth: '2010-06-01' }), []);
  });

  test('erasure leaves no personal data in care tables; the handover recipient is notified, then erases its copy', async () => {
    const request = await newRequest(officer, 'erasure');
    const persons = await search(officer, request, {
      givenNames: 'Amara',
      surname: 'Diallo',
      dateOfBirth: '1995-03-09',
    });
    await attach(
      officer,
      request,
      persons.map((p) => p.personId),
    );
    const erased = await officer.post<Erasure>(`/api/v1/privacy/requests/${request}/erasure`, {});
    assert.equal(erased.status, 200, JSON.stringify(erased.body));
    assert.deepEqual(erased.body.erased.sort(), [client, registration, typoRegistration].sort());
    assert.deepEqual(erased.body.refused, []);
    // Art. 19: the provider's confirmed copy is not deleted behind its back; it is told, on its handovers.
    const incoming =
      await shelter.get<{ id: string; sourceErasedAt?: string | null; payload?: object }[]>(
        '/api/v1/care/handovers',
      );
    const notice = incoming.body.find((h) => h.id === handover);
    assert.ok(notice?.sourceErasedAt, JSON.stringify(notice));
    assert.deepEqual(await leftovers([/Diallo/, /Amara/, /1995-03-09/]), [
      'care_handovers: /Diallo/',
      'care_handovers: /Amara/',
      'care_handovers: /1995-03-09/',
    ]);
    const audit = await server.store.db
      .selectFrom('audit_log')
      .select('reason')
      .where('reason', 'like', 'art_19%')
      .execute();
    assert.equal(audit.length, 1);
    // The registrations are anonymous counts now; a search no longer finds them.
    const again = await newRequest(officer, 'access');
    assert.deepEqual(
      await search(officer, again, { givenNames: 'Amara', surname: 'Diallo', dateOfBirth: '1995-03-09' }),
      [],
    );

    const copyRequest = await newRequest(shelterOfficer, 'erasure');
    await attach(shelterOfficer, copyRequest, [handover]);
    const copyErased = await shelterOfficer.post<Erasure>(
      `/api/v1/privacy/requests/${copyRequest}/erasure`,
      {},
    );
    assert.deepEqual(copyErased.body.erased, [handover]);
    assert.deepEqual(
      await leftovers([
        /Diallo/i,
        /Amara/,
        /1995-03-09/,
        /via_lawyer/,
        /Schuilpad 7/,
        /Mariam Touré \(zus\)/,
      ]),
      [],
    );
  });

  test('a missing minor’s report is refused while missing, naming the duty; after the return nothing is left', async () => {
    const request = await newRequest(youthOfficer, 'erasure');
    await attach(youthOfficer, request, [missing]);
    const refused = await youthOfficer.post<Erasure>(`/api/v1/privacy/requests/${request}/erasure`, {});
    assert.equal(refused.status, 200, JSON.stringify(refused.body));
    assert.deepEqual(refused.body.erased, []);
    assert.equal(refused.body.refused[0]?.personId, missing);
    assert.match(refused.body.refused[0]?.legalGround ?? '', /vitaal belang|vital interest/);
    assert.match(refused.body.refused[0]?.legalGround ?? '', /nog vermist|still missing/);
    const back = await youth.post(`/api/v1/care/missing-minors/${missing}/events`, { kind: 'returned' });
    assert.equal(back.status, 200, JSON.stringify(back.body));
    const done = await youthOfficer.post<Erasure>(`/api/v1/privacy/requests/${request}/erasure`, {});
    assert.deepEqual(done.body.erased, [missing]);
    assert.deepEqual(await leftovers(SECRETS), []);
    // The report stays as a shared, nameless timeline for the police unit.
    const police = await loginAs(server, 'rechercheur@politie-amsterdam.example', 'criminal_investigation');
    const seen = await police.get<{ id: string; surname?: string; state?: string }[]>(
      '/api/v1/care/missing-minors',
    );
    const row = seen.body.find((r) => r.id === missing);
    assert.equal(row?.state, 'returned');
    assert.doesNotMatch(row?.surname ?? '', /Touré/);
  });
});
