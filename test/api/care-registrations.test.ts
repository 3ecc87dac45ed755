import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { verifyAuditChain } from '../../src/access/audit.ts';
import { dutchDate } from '../../src/domain/validate/date.ts';
import { type ApiClient, loginAs, startTestServer, type TestServer } from '../helpers/server.ts';
import { databaseLabel } from '../helpers/store.ts';

type ErrorBody = { error: { code: string; field?: string; message: string } };
type Registration = Record<string, unknown> & { id: string; person?: string };
type Cell = { dimensions: Record<string, string>; value: number | null; suppressed: boolean };
type Figures = { year: number; registrations: number | null; cells: Cell[]; totals: Cell[] };

/** Twelve other possible victims CoMensha records from police reports: distinct persons. */
const OTHERS = [
  ['Maria', 'Popescu', '1990-02-11'],
  ['Ioana', 'Ionescu', '1988-07-23'],
  ['Blessing', 'Okafor', '1999-05-02'],
  ['Precious', 'Adeyemi', '2001-10-30'],
  ['Katarzyna', 'Nowak', '1985-12-12'],
  ['Agnieszka', 'Kowalski', '1993-04-17'],
  ['Thi', 'Nguyen', '2006-08-08'],
  ['Lan', 'Tran', '1997-01-19'],
  ['Desislava', 'Petrova', '1992-06-25'],
  ['Elena', 'Dimitrova', '1987-03-03'],
  ['Abeba', 'Tesfay', '2000-09-14'],
  ['Natalia', 'Bondarenko', '1995-11-21'],
] as const;

/**
 * Registration with CoMensha (issue 16, item 5) over real HTTP: a care coordinator registers a client from the
 * file (only with consent), a shelter registers the same woman with a misspelt name and an estimated age,
 * CoMensha records police reports; the registrar sees the monitor variables and a pseudonymous person, never a
 * name; the yearly table counts the woman once, with small cells suppressed; refusals are 403 or name the field.
 */
describe(`care: registration with CoMensha on ${databaseLabel}`, () => {
  let server: TestServer;
  let coordinator: ApiClient;
  let shelter: ApiClient;
  let registrar: ApiClient;
  let police: ApiClient;
  let analyst: ApiClient;
  let otherAnalyst: ApiClient;
  let client = '';
  const today = dutchDate(new Date());
  const year = Number(today.slice(0, 4));

  before(async () => {
    server = await startTestServer();
    coordinator = await loginAs(server, 'zorgcoordinator@zorg-amsterdam.example', 'care_coordination');
    shelter = await loginAs(server, 'intake@opvang.example', 'victim_registration');
    registrar = await loginAs(server, 'registratie@comensha.example', 'victim_registration');
    police = await loginAs(server, 'rechercheur@politie-amsterdam.example', 'criminal_investigation');
    analyst = await loginAs(server, 'analist@comensha.example', 'statistics');
    otherAnalyst = await loginAs(server, 'analist@inspectie-szw.example', 'statistics');
  });
  after(() => server.close());

  async function count() {
    const row = await server.store.db
      .selectFrom('victim_registrations')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  test('a care coordinator registers a client from the file only with the client’s consent', async () => {
    const created = await coordinator.post<{ id: string }>('/api/v1/care/clients', {
      source: 'direct',
      givenNames: 'Olena',
      surname: 'Shevchenko',
      dateOfBirth: '1996-03-14',
      gender: 'female',
      nationality: 'UKR',
      immigrationStatus: 'third_country',
      forms: ['sexual'],
      exploitationPlaces: [{ municipalityCode: 'GM0363' }],
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    client = created.body.id;
    coordinator.purpose = 'victim_registration';
    const refused = await coordinator.post<ErrorBody>('/api/v1/care/registrations', {
      clientId: client,
      registeredOn: today,
    });
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error.code, 'consent_missing');
    assert.equal(await count(), 0, 'nothing written without consent');

    coordinator.purpose = 'care_coordination';
    const consent = await coordinator.post(`/api/v1/care/clients/${client}/consents`, {
      scope: 'comensha_registration',
      givenOn: today,
      how: 'with_interpreter',
    });
    assert.equal(consent.status, 201);
    coordinator.purpose = 'victim_registration';
    const ok = await coordinator.post<{ id: string }>('/api/v1/care/registrations', {
      clientId: client,
      registeredOn: today,
    });
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
    const again = await coordinator.post<ErrorBody>('/api/v1/care/registrations', {
      clientId: client,
      registeredOn: today,
    });
    assert.equal(again.status, 409);
    assert.equal(again.body.error.field, 'clientId');

    // What is stored: the variables from the file and an encoding; no name, no date of birth.
    const stored = await server.store.db
      .selectFrom('victim_registrations')
      .selectAll()
      .where('id', '=', ok.body.id)
      .executeTakeFirstOrThrow();
    assert.equal(stored.sex, 'female');
    assert.equal(stored.nationality, 'UKR');
    assert.equal(stored.exploited_in, 'netherlands');
    assert.equal(stored.minor, false);
    assert.equal(stored.reporting_org_type, 'care_coordination');
    assert.doesNotMatch(JSON.stringify(stored), /Olena|Shevchenko|1996-03-14/);

    const mine = await coordinator.get<Registration[]>(`/api/v1/care/registrations?year=${year}`);
    assert.equal(mine.status, 200);
    assert.equal(mine.body.length, 1);
    assert.equal(mine.body[0]?.sourceClientId, client);
    assert.equal(mine.body[0]?.person, undefined, 'the partner does not see the de-duplication');
  });

  test('a registration missing a monitor variable names the field and writes nothing', async () => {
    const before = await count();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ sex: 'female', age: 30, forms: ['labour'], exploitedIn: 'netherlands' }, 'nationality'],
      [{ sex: 'female', nationality: 'UKR', forms: ['labour'], exploitedIn: 'abroad' }, 'age'],
      [{ sex: 'female', age: 30, nationality: 'UKR', exploitedIn: 'abroad' }, 'forms'],
      [{ age: 30, nationality: 'UKR', forms: ['labour'], exploitedIn: 'abroad' }, 'sex'],
      [{ sex: 'female', age: 30, nationality: 'UKR', forms: ['labour'] }, 'exploitedIn'],
      [{ sex: 'female', age: 130, nationality: 'UKR', forms: ['labour'], exploitedIn: 'both' }, 'age'],
    ];
    for (const [body, field] of cases) {
      const response = await shelter.post<ErrorBody>('/api/v1/care/registrations', {
        registeredOn: today,
        identity: { givenNames: 'Anna', surname: 'Test' },
        ...body,
      });
      assert.equal(response.status, 400, field);
      assert.equal(response.body.error.field, field);
    }
    const noName = await shelter.post<ErrorBody>('/api/v1/care/registrations', {
      registeredOn: today,
      sex: 'female',
      age: 30,
      nationality: 'UKR',
      forms: ['sexual'],
      exploitedIn: 'netherlands',
    });
    assert.equal(noName.status, 400);
    assert.equal(noName.body.error.field, 'identity.surname');
    const noType = await registrar.post<ErrorBody>('/api/v1/care/registrations', {
      registeredOn: today,
      sex: 'female',
      age: 30,
      nationality: 'UKR',
      forms: ['sexual'],
      exploitedIn: 'netherlands',
      identity: { surname: 'Test' },
    });
    assert.equal(noType.status, 400);
    assert.equal(noType.body.error.field, 'reportingOrgType');
    assert.equal(await count(), before);
  });

  test('police, a municipality and other organisations cannot register or read registrations (403, audited)', async () => {
    const body = {
      registeredOn: today,
      sex: 'female',
      age: 30,
      nationality: 'UKR',
      forms: ['sexual'],
      exploitedIn: 'netherlands',
      identity: { surname: 'Test' },
    };
    police.purpose = 'victim_registration';
    const wrongPurpose = await police.post('/api/v1/care/registrations', body);
    assert.equal(wrongPurpose.status, 403, JSON.stringify(wrongPurpose.body));
    police.purpose = 'criminal_investigation';
    assert.equal((await police.post('/api/v1/care/registrations', body)).status, 403);
    assert.equal((await police.get('/api/v1/care/registrations')).status, 403);
    assert.equal((await otherAnalyst.get('/api/v1/care/registrations/figures')).status, 403);
    assert.equal((await coordinator.get('/api/v1/care/registrations/figures')).status, 403);
    const denied = await server.store.db
      .selectFrom('audit_log')
      .select('resource')
      .where('resource', '=', 'victim_registration')
      .where('result', '=', 'denied')
      .execute();
    assert.ok(denied.length >= 2);
  });

  test('the same woman registered by the shelter is one person in CoMensha’s list and yearly table', async () => {
    const shelterRegistration = await shelter.post<{ id: string }>('/api/v1/care/registrations', {
      registeredOn: today,
      sex: 'female',
      age: 30,
      ageEstimated: true,
      nationality: 'UKR',
      forms: ['sexual'],
      exploitedIn: 'netherlands',
      // Another spelling and only the year of birth (an estimated age).
      identity: { givenNames: 'Olena', surname: 'Shevcenko', birthYear: 1996 },
    });
    assert.equal(shelterRegistration.status, 201, JSON.stringify(shelterRegistration.body));
    for (const [given, surname, born] of OTHERS) {
      const response = await registrar.post('/api/v1/care/registrations', {
        reportingOrgType: 'police_unit',
        registeredOn: today,
        sex: 'female',
        age: year - Number(born.slice(0, 4)) - 1,
        nationality: 'ROU',
        forms: ['sexual'],
        exploitedIn: 'netherlands',
        identity: { givenNames: given, surname, dateOfBirth: born },
      });
      assert.equal(response.status, 201, JSON.stringify(response.body));
    }
    const list = await registrar.get<Registration[]>(`/api/v1/care/registrations?year=${year}`);
    assert.equal(list.status, 200);
    assert.equal(list.body.length, 14);
    const text = JSON.stringify(list.body);
    for (const clear of ['Olena', 'Shevchenko', 'Shevcenko', 'Popescu', '1996-03-14', client, 'encoding']) {
      assert.ok(!text.includes(clear), `CoMensha's list does not carry ${clear}`);
    }
    assert.equal(list.body[0]?.sourceClientId, undefined);
    const persons = new Set(list.body.map((row) => row.person));
    assert.equal(persons.size, 13, 'the woman registered twice is one person');
    const woman = list.body.filter((row) => row.nationality === 'UKR');
    assert.equal(woman.length, 2);
    assert.equal(woman[0]?.person, woman[1]?.person);

    // The registrar records a third report of the same woman from the police, with the names the other way round.
    const third = await registrar.post('/api/v1/care/registrations', {
      reportingOrgType: 'police_unit',
      registeredOn: today,
      sex: 'female',
      age: 30,
      nationality: 'UKR',
      forms: ['sexual'],
      exploitedIn: 'netherlands',
      identity: { givenNames: 'Shevchenko', surname: 'Olena', dateOfBirth: '1996-03-14' },
    });
    assert.equal(third.status, 201);

    const figures = await analyst.get<Figures>(`/api/v1/care/registrations/figures?year=${year}`);
    assert.equal(figures.status, 200, JSON.stringify(figures.body));
    assert.equal(figures.body.registrations, 15);
    const total = figures.body.totals.find((cell) => Object.keys(cell.dimensions).length === 0);
    assert.equal(total?.value, 13, 'persons, not registrations');
    // Small cells: one Ukrainian woman is not published; the twelve Romanian women are.
    const ukr = figures.body.cells.find((cell) => cell.dimensions.nationality === 'UKR');
    assert.equal(ukr?.suppressed, true);
    assert.equal(ukr?.value, null);
    const sexual = figures.body.cells.find((cell) => cell.dimensions.form === 'sexual');
    assert.equal(sexual?.value, 13);
    const registrarFigures = await registrar.get<Figures>(`/api/v1/care/registrations/figures?year=${year}`);
    assert.equal(registrarFigures.status, 200);
    assert.ok((await verifyAuditChain(server.store.db)).ok);
  });
});
