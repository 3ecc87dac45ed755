import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { extractText } from 'unpdf';
import {
  addDays,
  CARE,
  CHAIR,
  MUNICIPALITY,
  orgIds,
  POLICE,
  policeCase,
  referAndAccept,
} from '../helpers/cases.ts';
import {
  type ApiClient,
  ApiClient as Client,
  loginAs,
  startTestServer,
  type TestServer,
} from '../helpers/server.ts';
import { databaseLabel } from '../helpers/store.ts';

type Problem = { error: { code: string; field?: string; message: string } };
type Note = {
  kind: string;
  text: string;
  org_name: string;
  task_owner_org_name?: string;
  consultation_id: string;
};
type Item = {
  id: string;
  position: number;
  shared: boolean;
  case_id?: string;
  case_reference?: string;
  carried_over?: boolean;
  access_profile?: string;
  case?: {
    persons: { role: string; surname: string | null; care_needs?: string }[];
    companies: { name: string }[];
    summary?: string;
  };
  notes?: Note[];
  open_actions?: Note[];
};
type Meeting = Problem & { id: string; title: string; state: string; agenda: Item[] };

/** The casusoverleg (issue 15, item 3) over HTTP: every step, every refusal, what each participant sees. */
describe(`cases: the casusoverleg on ${databaseLabel}`, () => {
  let server: TestServer;
  let orgs: Map<string, string>;
  const org = (name: string) => orgs.get(name) as string;
  const CARE_ORG = 'Zorgcoördinatie Amsterdam-Amstelland';
  const CITY = 'Gemeente Amsterdam';
  const RIEC = 'RIEC Amsterdam-Amstelland';
  const POLICE_ORG = 'Politie Eenheid Amsterdam';
  let police: ApiClient; // under case_consultation
  let care: ApiClient;
  let city: ApiClient;
  let chair: ApiClient;
  let shared: { id: string; police: ApiClient };
  let secret: { id: string; police: ApiClient };
  let meetingId: string;
  const hour = (h: number) => `2026-12-10T${String(h).padStart(2, '0')}:00:00+01:00`;

  before(async () => {
    server = await startTestServer();
    orgs = await orgIds(server);
    police = await loginAs(server, POLICE, 'case_consultation');
    care = await loginAs(server, CARE, 'case_consultation');
    city = await loginAs(server, MUNICIPALITY, 'case_consultation');
    chair = await loginAs(server, CHAIR, 'case_consultation');
    shared = await policeCase(server, 'Overleg');
    secret = await policeCase(server, 'Geheim');
    // The case is shared for the consultation purpose: care, administrative (municipality and the chair).
    await referAndAccept(shared.police, shared.id, org(CARE_ORG), 'care', 'case_consultation', care);
    await referAndAccept(shared.police, shared.id, org(CITY), 'administrative', 'case_consultation', city);
    await referAndAccept(shared.police, shared.id, org(RIEC), 'administrative', 'case_consultation', chair);
    const victim = await shared.police.post(`/api/v1/cases/${shared.id}/persons`, {
      role: 'possible_victim',
      givenNames: 'Tweede',
      surname: 'VictimZorg',
      careNeeds: 'Opvang nodig',
    });
    assert.equal(victim.status, 201, JSON.stringify(victim.body));
  });
  after(() => server.close());

  const meeting = (client: ApiClient, id = meetingId) => client.get<Meeting>(`/api/v1/consultations/${id}`);

  test('planning: only a chair, with invited organisations that exist, a case the chair itself sees; nothing partial', async () => {
    const plan = (client: ApiClient, body: Record<string, unknown>) =>
      client.post<Problem & { id: string }>('/api/v1/consultations', {
        title: 'Casusoverleg december',
        startsAt: hour(10),
        endsAt: hour(12),
        location: 'RIEC-kantoor, Amsterdam',
        orgIds: [org(POLICE_ORG), org(CARE_ORG), org(CITY)],
        ...body,
      });
    const notChair = await plan(police, {});
    assert.equal(notChair.status, 403, JSON.stringify(notChair.body));
    const backwards = await plan(chair, { endsAt: hour(9) });
    assert.equal(backwards.status, 400);
    assert.equal(backwards.body.error.field, 'endsAt');
    const unknown = await plan(chair, { orgIds: ['00000000-0000-4000-8000-000000000000'] });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.error.field, 'orgIds');
    const onlyOwn = await plan(chair, { orgIds: [org(RIEC)] });
    assert.equal(onlyOwn.status, 400);
    // The chair cannot put a case on the agenda it has no grant on: refused, and no consultation is left behind.
    const widened = await plan(chair, { caseIds: [secret.id] });
    assert.equal(widened.status, 403, JSON.stringify(widened.body));
    assert.equal(widened.body.error.code, 'case_not_shared');
    assert.equal(widened.body.error.field, 'caseId');
    assert.equal((await chair.get<unknown[]>('/api/v1/consultations')).body.length, 0);

    const planned = await plan(chair, { caseIds: [shared.id] });
    assert.equal(planned.status, 201, JSON.stringify(planned.body));
    meetingId = planned.body.id;
    // The lead puts its other case on the agenda itself; twice is refused.
    const added = await police.post(`/api/v1/consultations/${meetingId}/items`, { caseId: secret.id });
    assert.equal(added.status, 201, JSON.stringify(added.body));
    const again = await police.post<Problem>(`/api/v1/consultations/${meetingId}/items`, {
      caseId: secret.id,
    });
    assert.equal(again.status, 409);
    // People: each organisation names its own users; another organisation's user is refused.
    const userId = async (email: string) =>
      (
        await server.store.db
          .selectFrom('users')
          .select('id')
          .where('email', '=', email)
          .executeTakeFirstOrThrow()
      ).id;
    const named = await chair.post<{ added: number }>(`/api/v1/consultations/${meetingId}/people`, {
      userId: await userId(CHAIR),
    });
    assert.equal(named.status, 200, JSON.stringify(named.body));
    assert.equal(named.body.added, 1);
    const foreign = await chair.post<Problem>(`/api/v1/consultations/${meetingId}/people`, {
      userId: await userId(POLICE),
    });
    assert.equal(foreign.status, 400);
    assert.equal(foreign.body.error.field, 'userId');
    const people = (await care.get<{ people: { orgName: string }[] }>(`/api/v1/consultations/${meetingId}`))
      .body.people;
    assert.deepEqual(
      people.map((p) => p.orgName),
      [RIEC],
    );
    // The municipality cannot put a case it does not see.
    const notSeen = await city.post<Problem>(`/api/v1/consultations/${meetingId}/items`, {
      caseId: secret.id,
    });
    assert.equal(notSeen.status, 403);
  });

  test('each participant sees only its own grant’s parts of each agenda case; an unshared case shows as not shared', async () => {
    const forPolice = (await meeting(police)).body;
    assert.equal(forPolice.agenda.length, 2);
    assert.ok(forPolice.agenda.every((item) => item.shared));

    const forCare = await meeting(care);
    assert.equal(forCare.status, 200, JSON.stringify(forCare.body));
    const [careA, careB] = forCare.body.agenda;
    assert.equal(careA.shared, true);
    assert.equal(careA.access_profile, 'care');
    assert.deepEqual(
      careA.case?.persons.map((p) => p.role),
      ['possible_victim', 'possible_victim'],
    );
    assert.ok(careA.case?.persons.some((p) => p.care_needs === 'Opvang nodig'));
    assert.deepEqual(careA.case?.companies, []);
    assert.equal(careA.case?.summary, undefined);
    // Not shared: the position only, nothing of the case, not even its reference.
    assert.deepEqual(Object.keys(careB).sort(), ['id', 'position', 'shared']);
    assert.equal(careB.shared, false);
    assert.doesNotMatch(JSON.stringify(forCare.body), /Geheim|SuspectOverleg/);

    const forCity = (await meeting(city)).body;
    const cityA = forCity.agenda[0];
    assert.equal(cityA.access_profile, 'administrative');
    assert.ok(cityA.case?.persons.every((p) => p.role !== 'possible_victim'));
    assert.ok((cityA.case?.companies.length ?? 0) > 0);
    assert.doesNotMatch(JSON.stringify(forCity), /VictimOverleg|VictimZorg|Geheim/);

    // The chair: its own administrative grant, not more, and the lead's other case is not shared with it.
    const forChair = (await meeting(chair)).body;
    assert.equal(forChair.agenda[0].access_profile, 'administrative');
    assert.equal(forChair.agenda[1].shared, false);
    assert.doesNotMatch(JSON.stringify(forChair), /VictimOverleg|Geheim/);
  });

  test('refusals: another purpose, an organisation not invited, anonymous, a forged id', async () => {
    const careOtherPurpose = await loginAs(server, CARE, 'care_coordination');
    assert.equal((await meeting(careOtherPurpose)).status, 403);
    const kmar = await loginAs(server, 'melder@kmar.example', 'case_consultation');
    assert.equal((await meeting(kmar)).status, 404);
    assert.equal((await kmar.get<unknown[]>('/api/v1/consultations')).body.length, 0);
    const anonymous = new Client(server.url);
    anonymous.purpose = 'case_consultation';
    assert.equal((await meeting(anonymous)).status, 401);
    assert.equal((await meeting(chair, '00000000-0000-4000-8000-000000000000')).status, 404);
  });

  test('contributions, decisions and actions: the actions land in the owner’s task list', async () => {
    const [itemA, itemB] = (await meeting(police)).body.agenda;
    const note = (client: ApiClient, item: Item, body: Record<string, unknown>) =>
      client.post<Problem & { id: string }>(`/api/v1/consultation-items/${item.id}/notes`, body);
    assert.equal(
      (await note(care, itemA, { kind: 'contribution', text: 'Zorg: opvangplek gevonden' })).status,
      201,
    );
    assert.equal(
      (await note(city, itemA, { kind: 'contribution', text: 'Gemeente: pandcontrole gepland' })).status,
      201,
    );
    const blind = await note(care, itemB, { kind: 'contribution', text: 'x' });
    assert.equal(blind.status, 403);
    assert.equal(blind.body.error.code, 'case_not_shared');
    const notChair = await note(city, itemA, { kind: 'decision', text: 'x' });
    assert.equal(notChair.status, 403);
    assert.equal(notChair.body.error.code, 'not_consultation_chair');
    assert.equal((await note(chair, itemB, { kind: 'decision', text: 'x' })).status, 403);
    const empty = await note(chair, itemA, { kind: 'decision', text: '   ' });
    assert.equal(empty.status, 400);
    assert.equal(
      (await note(chair, itemA, { kind: 'decision', text: 'Bestuurlijke sluiting pand' })).status,
      201,
    );

    const act = (client: ApiClient, body: Record<string, unknown>) =>
      client.post<Problem & { taskId: string }>(`/api/v1/consultation-items/${itemA.id}/actions`, {
        title: 'Pand sluiten Havenweg',
        dueOn: addDays(14),
        ...body,
      });
    const byCity = await act(city, { ownerOrgId: org(CITY) });
    assert.equal(byCity.status, 403);
    const outsider = await act(chair, { ownerOrgId: org('Koninklijke Marechaussee') ?? org(RIEC) });
    assert.equal(outsider.status, 400);
    assert.equal(outsider.body.error.field, 'ownerOrgId');
    const action = await act(chair, { ownerOrgId: org(CITY) });
    assert.equal(action.status, 201, JSON.stringify(action.body));

    const cityTasks = await city.get<{ id: string; title: string; state: string }[]>(
      '/api/v1/case-tasks?mine=false',
    );
    assert.ok(cityTasks.body.some((t) => t.id === action.body.taskId && t.title === 'Pand sluiten Havenweg'));
    const careTasks = await care.get<{ id: string }[]>('/api/v1/case-tasks?mine=false');
    assert.ok(!careTasks.body.some((t) => t.id === action.body.taskId));

    const seen = (await meeting(care)).body.agenda[0].notes ?? [];
    assert.deepEqual(
      seen.map((n) => n.kind),
      ['contribution', 'contribution', 'decision', 'action'],
    );
    assert.equal(seen[3].task_owner_org_name, CITY);
    // The case's history (the lead, in its own purpose) shows the consultation and the action.
    const file = await shared.police.get<{ history: { action: string }[] }>(`/api/v1/cases/${shared.id}`);
    const actions = file.body.history.map((h) => h.action);
    assert.ok(actions.includes('consultation_agenda'));
    assert.ok(actions.includes('consultation_action'));
  });

  test('the minutes as PDF: text read back, as the requesting organisation may see it; the invitation as iCalendar', async () => {
    const download = async (client: ApiClient, path: string, language = 'nl') => {
      const response = await fetch(`${server.url}/api/v1/consultations/${meetingId}/${path}`, {
        headers: {
          cookie: client.cookie,
          'x-ketenplein-purpose': client.purpose ?? '',
          'accept-language': language,
        },
      });
      return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
    };
    const forCare = await download(care, 'minutes.pdf');
    assert.equal(forCare.response.status, 200);
    assert.equal(forCare.response.headers.get('content-type'), 'application/pdf');
    assert.match(forCare.response.headers.get('content-disposition') ?? '', /^attachment;/);
    const { text } = await extractText(forCare.bytes, { mergePages: true });
    assert.match(text, /Verslag casusoverleg: Casusoverleg december/);
    assert.match(text, /Zorg: opvangplek gevonden/);
    assert.match(text, /Besluit: Bestuurlijke sluiting pand/);
    assert.match(text, /Actie: Pand sluiten Havenweg – eigenaar: Gemeente Amsterdam/);
    assert.match(text, /Agendapunt 2\s+Niet met uw organisatie gedeeld/);
    assert.doesNotMatch(text, /Geheim/);
    const forPolice = await extractText((await download(police, 'minutes.pdf', 'en')).bytes, {
      mergePages: true,
    });
    assert.match(forPolice.text, /Minutes of the case consultation/);
    assert.match(forPolice.text, /Loods Geheim/);
    // Only under the consultation purpose, only to participants; the export is audited.
    const otherPurpose = await loginAs(server, CARE, 'care_coordination');
    assert.equal((await download(otherPurpose, 'minutes.pdf')).response.status, 403);
    const exports = await server.store.db
      .selectFrom('audit_log')
      .select(['action', 'purpose'])
      .where('resource', '=', 'consultation')
      .where('action', '=', 'export')
      .where(sql<boolean>`${meetingId} = ANY(record_ids)`)
      .execute();
    assert.ok(exports.length >= 2);
    assert.ok(exports.every((e) => e.purpose === 'case_consultation'));

    const ics = await download(city, 'invitation.ics');
    assert.equal(ics.response.status, 200);
    assert.match(ics.response.headers.get('content-type') ?? '', /^text\/calendar/);
    const calendar = new TextDecoder().decode(ics.bytes);
    assert.match(calendar, /^BEGIN:VCALENDAR\r\nVERSION:2\.0\r\n/);
    assert.match(calendar, /\r\nDTSTART:20261210T090000Z\r\n/);
    assert.match(calendar, /\r\nDTEND:20261210T110000Z\r\n/);
    assert.match(calendar, /\r\nSUMMARY:Casusoverleg december\r\n/);
    assert.match(calendar, /\r\nLOCATION:RIEC-kantoor\\, Amsterdam\r\n/);
    assert.match(calendar, /END:VEVENT\r\nEND:VCALENDAR\r\n$/);
    assert.ok(calendar.split('\r\n').every((line) => Buffer.byteLength(line) <= 75));
    assert.doesNotMatch(calendar, /Loods|Victim/);
  });

  test('held once, by the chair; open actions come back on the next consultation until done', async () => {
    assert.equal((await police.post(`/api/v1/consultations/${meetingId}/held`)).status, 403);
    assert.equal((await chair.post(`/api/v1/consultations/${meetingId}/held`)).status, 200);
    assert.equal((await chair.post(`/api/v1/consultations/${meetingId}/held`)).status, 409);
    const late = await police.post(`/api/v1/consultations/${meetingId}/items`, { caseId: shared.id });
    assert.equal(late.status, 409);

    const plan = () =>
      chair.post<{ id: string }>('/api/v1/consultations', {
        title: 'Vervolgoverleg',
        startsAt: hour(14),
        endsAt: hour(15),
        orgIds: [org(POLICE_ORG), org(CITY)],
      });
    const next = await plan();
    assert.equal(next.status, 201, JSON.stringify(next.body));
    const agenda = (await meeting(city, next.body.id)).body.agenda;
    assert.equal(agenda.length, 1);
    assert.equal(agenda[0].case_id, shared.id);
    assert.equal(agenda[0].carried_over, true);
    assert.deepEqual(
      agenda[0].open_actions?.map((n) => n.text),
      ['Pand sluiten Havenweg'],
    );
    // The municipality does its task; the case no longer comes back.
    const tasks = await city.get<{ id: string; title: string }[]>('/api/v1/case-tasks?mine=false');
    const task = tasks.body.find((t) => t.title === 'Pand sluiten Havenweg');
    assert.ok(task);
    assert.equal((await city.patch(`/api/v1/case-tasks/${task.id}`, { state: 'done' })).status, 200);
    const third = await plan();
    assert.equal((await meeting(chair, third.body.id)).body.agenda.length, 0);
  });
});
