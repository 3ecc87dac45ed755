import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type ApiClient, loginAs, startTestServer, type TestServer } from '../helpers/server.ts';
import { databaseLabel } from '../helpers/store.ts';

type Reason = { code: string; points: number; label: { nl: string } };
type View = {
  score: number;
  priority: string;
  recommendedRoute: string;
  rulesetVersion: number;
  triage: {
    reasons: Reason[];
    ruleSetVersion: number;
    rescored?: {
      cause: { en: string };
      previousScore: number;
      previousPriority?: string;
      previousRoute?: string;
    };
  };
};
type Link = { id: string; kind: string; linkedSignalId: string };

/** Person matches count at intake; deciding a link scores both signals again with the active rule set. */
describe(`signal re-scoring on link decisions through the API on ${databaseLabel}`, () => {
  let server: TestServer;
  let triage: ApiClient;
  let first = '';
  let second = '';

  before(async () => {
    server = await startTestServer();
    triage = await loginAs(server, 'triage@politie-le.example', 'signal_assessment');
    const municipality = await loginAs(server, 'melder@gemeente-amsterdam.example', 'signal_intake');
    const shelter = await loginAs(server, 'melder@opvang.example', 'signal_intake');
    const a = await municipality.post<{ id: string }>('/api/v1/signals', {
      forms: ['labour'],
      narrative: 'Bemiddelaar regelt huisvesting en werk.',
      persons: [
        {
          role: 'possible_suspect',
          givenNames: 'Jan',
          prefix: 'van der',
          surname: 'Berg',
          dateOfBirth: '1990-02-03',
          phones: ['06-12345678'],
        },
      ],
    });
    first = a.body.id;
    // Another organisation, the same person written differently, and the same phone number.
    const b = await shelter.post<{ id: string }>('/api/v1/signals', {
      forms: ['labour'],
      narrative: 'Cliënte noemt dezelfde bemiddelaar.',
      persons: [
        {
          role: 'possible_suspect',
          givenNames: 'J.',
          surname: 'vd Berg',
          dateOfBirth: '03-02-1990',
          phones: ['+31 6 1234 5678'],
        },
      ],
    });
    second = b.body.id;
  });
  after(() => server.close());

  const view = async (id: string) => (await triage.get<View>(`/api/v1/signals/${id}`)).body;
  const points = (v: View, code: string) => v.triage.reasons.find((r) => r.code === code)?.points ?? 0;

  test('a person matched at intake counts in the intake score, with a reason', async () => {
    const v = await view(second);
    const person = v.triage.reasons.find((r) => r.code === 'link.person');
    assert.ok(person, JSON.stringify(v.triage.reasons));
    assert.equal(person.label.nl, 'persoon gezien in 1 eerdere melding');
    assert.equal(person.points, 15);
    assert.equal(points(v, 'link.phone'), 10);
    assert.equal(
      v.score,
      v.triage.reasons.reduce((n, r) => n + r.points, 0),
    );
    // The person link is stored at intake already, with the reasons of the comparison; the shared phone
    // is a link through the identifier (derived when read, never a row per pair).
    const stored = await server.store.db
      .selectFrom('signal_links')
      .select(['kind', 'other_signal_id', 'reasons'])
      .where('signal_id', '=', second)
      .execute();
    assert.deepEqual(
      stored.map((l) => [l.kind, l.other_signal_id]),
      [['person', first]],
    );
    const listed = await triage.get<Link[]>(`/api/v1/signals/${second}/links`);
    assert.deepEqual(listed.body.map((l) => l.kind).sort(), ['person', 'phone']);
    // The first signal, reported before any match existed, scored without links.
    assert.equal(points(await view(first), 'link.person'), 0);
  });

  test('confirming a link re-scores both signals with the active rule set and records the version', async () => {
    const sets =
      await triage.get<
        { version: number; rules: { repeatLinks: { perEarlierSignal: Record<string, number> } } }[]
      >('/api/v1/triage/rulesets');
    const rules = structuredClone(sets.body[0].rules);
    rules.repeatLinks.perEarlierSignal.person = 25;
    const saved = await triage.post<{ version: number }>('/api/v1/triage/rulesets', {
      ...rules,
      name: 'Personen zwaarder',
    });
    assert.equal(saved.status, 201, JSON.stringify(saved.body));
    const before = await view(second);
    assert.notEqual(before.rulesetVersion, saved.body.version, 'scored with the older version at intake');

    const links = await triage.get<Link[]>(`/api/v1/signals/${second}/links`);
    const person = links.body.find((l) => l.kind === 'person')!;
    const confirmed = await triage.post<{
      status: string;
      rescored: { id: string; rulesetVersion: number }[];
    }>(`/api/v1/signals/${second}/links/${person.id}`, { status: 'confirmed' });
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
    assert.deepEqual(confirmed.body.rescored.map((r) => r.id).sort(), [first, second].sort());

    const after = await view(second);
    assert.equal(after.rulesetVersion, saved.body.version);
    assert.equal(after.triage.ruleSetVersion, saved.body.version);
    assert.equal(points(after, 'link.person'), 25);
    assert.equal(after.score, before.score + 10);
    assert.equal(after.triage.rescored?.previousScore, before.score);
    // What it was before is kept, so the page can show old → new (issue 19, item 6).
    assert.equal(after.triage.rescored?.previousPriority, before.priority);
    assert.equal(after.triage.rescored?.previousRoute, before.recommendedRoute);
    assert.doesNotMatch(after.triage.rescored?.cause.en ?? '', /[0-9a-f]{8}-/, 'no ids in the words');
    assert.match(after.triage.rescored?.cause.en ?? '', /confirmed/);
    // The earlier signal now knows of the later one too.
    assert.equal(points(await view(first), 'link.person'), 25);
  });

  test('rejecting a link takes its points away again', async () => {
    const links = await triage.get<Link[]>(`/api/v1/signals/${second}/links`);
    const phone = links.body.find((l) => l.kind === 'phone')!;
    const before = await view(second);
    const rejected = await triage.post(`/api/v1/signals/${second}/links/${phone.id}`, { status: 'rejected' });
    assert.equal(rejected.status, 200);
    const after = await view(second);
    assert.equal(points(after, 'link.phone'), 0);
    assert.equal(after.score, before.score - points(before, 'link.phone'));
    const audit = await server.store.db
      .selectFrom('audit_log')
      .select(['reason', 'fields'])
      .where('resource', '=', 'signal')
      .where('action', '=', 'link')
      .where('reason', 'in', ['confirmed', 'rejected'])
      .execute();
    assert.equal(audit.length, 2);
  });
});
