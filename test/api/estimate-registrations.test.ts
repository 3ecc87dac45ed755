import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type ApiClient, loginAs, startTestServer, type TestServer } from '../helpers/server.ts';
import { databaseLabel } from '../helpers/store.ts';

type Person = Record<string, unknown>;
type Table = {
  lists: { name: string; label: string }[];
  rows: { pattern: string; count: number; stratum?: Record<string, string> }[];
  persons: number;
  registrations: number;
  overlapping: number;
  warnings: { nl: string; en: string }[];
};

const A = 'melder@gemeente-amsterdam.example';
const B = 'melder@opvang.example';
const C = 'melder@kmar.example';
const ORG_LABEL: Record<string, string> = {
  [A]: 'Gemeente Amsterdam',
  [B]: 'Stichting Veilige Opvang (demo)',
  [C]: 'Koninklijke Marechaussee',
};

const victim = (givenNames: string, surname: string, dateOfBirth: string, extra: Person = {}): Person => ({
  role: 'possible_victim',
  givenNames,
  surname,
  dateOfBirth,
  ...extra,
});

/**
 * The truth: who is reported by which organisation, each report written as that organisation would
 * (initials, other date formats, diacritics, "vd"), so the linkage has work to do.
 */
const REPORTS: { key: string; by: string; person: Person; year: number }[] = [
  { key: 'P1', by: A, year: 2024, person: victim('Ana', 'Ionescu', '1995-03-12', { gender: 'female' }) },
  { key: 'P1', by: A, year: 2024, person: victim('Ana', 'Ionescu', '12-03-1995') },
  { key: 'P2', by: A, year: 2024, person: victim('Maria', 'Kowalska', '1988-07-23', { gender: 'female' }) },
  { key: 'P3', by: A, year: 2024, person: victim('Olena', 'Shevchenko', '2000-01-05', { gender: 'female' }) },
  { key: 'P4', by: A, year: 2024, person: victim('Grace', 'Okafor', '1999-11-30', { gender: 'female' }) },
  { key: 'P5', by: B, year: 2025, person: victim('Li', 'Wei', '1993-05-17', { gender: 'female' }) },
  { key: 'P6', by: B, year: 2025, person: victim('Fatima', 'Benali', '1997-09-09', { gender: 'female' }) },
  { key: 'P7', by: B, year: 2025, person: victim('Svetlana', 'Petrova', '1985-02-14', { gender: 'female' }) },
  { key: 'P8', by: C, year: 2025, person: victim('Ahmed', 'Haddad', '1990-12-01', { gender: 'male' }) },
  { key: 'P9', by: C, year: 2025, person: victim('Thi Lan', 'Nguyen', '2001-06-21', { gender: 'female' }) },
  { key: 'P10', by: A, year: 2024, person: victim('Ştefan', 'Popa', '1992-04-04', { gender: 'male' }) },
  { key: 'P10', by: B, year: 2025, person: victim('Stefan', 'Popa', '04-04-1992') },
  { key: 'P11', by: A, year: 2024, person: victim('Jan', 'Berg', '1980-02-03', { prefix: 'van der' }) },
  { key: 'P11', by: B, year: 2025, person: victim('J.', 'vd Berg', '03-02-1980') },
  { key: 'P12', by: A, year: 2024, person: victim('Aisha', 'Mensah', '2006-08-15', { gender: 'female' }) },
  { key: 'P12', by: C, year: 2025, person: victim('Aïsha', 'Mensah', '15-08-2006') },
  { key: 'P13', by: B, year: 2025, person: victim('Tomasz', 'Nowak', '1987-10-10', { gender: 'male' }) },
  { key: 'P13', by: C, year: 2025, person: victim('Tomasz', 'Nowak', '1987-10-10') },
  {
    key: 'P14',
    by: A,
    year: 2024,
    person: victim('Elena', 'Dumitrescu', '1994-12-24', { gender: 'female' }),
  },
  { key: 'P14', by: B, year: 2025, person: victim('Elena', 'Dumitrescu', '24-12-1994') },
  { key: 'P14', by: C, year: 2025, person: victim('Elena', 'Dumitrescu', '1994-12-24') },
  { key: 'P15', by: A, year: 2024, person: victim('Bogdan', 'Marin', '1991-01-19', { bsn: '111222333' }) },
  // Known to KMar by BSN only: linked by the BSN's fingerprint.
  { key: 'P15', by: C, year: 2025, person: { role: 'possible_victim', bsn: '111222333' } },
  // No name, no BSN: counted as a person of its own, with a warning.
  { key: 'U', by: B, year: 2025, person: { role: 'possible_victim', gender: 'female' } },
];
const SURNAMES = [
  'Ionescu',
  'Kowalska',
  'Shevchenko',
  'Okafor',
  'Benali',
  'Petrova',
  'Haddad',
  'Popa',
  'Mensah',
  'Nowak',
  'Dumitrescu',
  'Marin',
  'Bakker',
];

/** The capture pattern counts the truth implies, in the order of the lists the API named. */
function expectedCounts(lists: { label: string }[], year?: number, received?: number): Map<string, number> {
  const byPerson = new Map<string, { orgs: Set<string>; first: number }>();
  for (const report of REPORTS.filter((r) => received === undefined || r.year === received)) {
    const entry = byPerson.get(report.key) ?? { orgs: new Set<string>(), first: report.year };
    entry.orgs.add(ORG_LABEL[report.by]);
    entry.first = Math.min(entry.first, report.year);
    byPerson.set(report.key, entry);
  }
  const out = new Map<string, number>();
  for (const { orgs, first } of byPerson.values()) {
    if (year !== undefined && first !== year) continue;
    const pattern = lists.map((l) => (orgs.has(l.label) ? '1' : '0')).join('');
    out.set(pattern, (out.get(pattern) ?? 0) + 1);
  }
  return out;
}

describe(`estimate from Ketenplein's registrations through the API on ${databaseLabel}`, () => {
  let server: TestServer;
  let analyst: ApiClient;
  const path = '/api/v1/estimates/from-registrations';

  before(async () => {
    server = await startTestServer();
    analyst = await loginAs(server, 'analist@comensha.example', 'statistics');
    for (const by of [A, B, C]) {
      const client = await loginAs(server, by, 'signal_intake');
      for (const year of [2024, 2025]) {
        const persons = REPORTS.filter((r) => r.by === by && r.year === year);
        if (persons.length === 0) continue;
        // The repeated report of P1 comes in a second signal; suspects never count.
        const groups = [persons.filter((_, i) => i !== 1 || by !== A), by === A ? [persons[1]] : []];
        for (const group of groups.filter((g) => g.length > 0)) {
          const response = await client.post('/api/v1/signals', {
            receivedAt: `${year}-03-01T10:00:00+01:00`,
            forms: ['sexual'],
            narrative: 'Registratie voor de schatting.',
            persons: [
              ...group.map((r) => r.person),
              { role: 'possible_suspect', givenNames: 'Kees', surname: 'Bakker' },
            ],
          });
          assert.equal(response.status, 201, JSON.stringify(response.body));
        }
      }
    }
  });
  after(() => server.close());

  test('the capture table counts linked persons per pattern as the truth says, and nothing about them', async () => {
    const response = await analyst.post<{ table: Table }>(path, { preview: true });
    assert.equal(response.status, 200, JSON.stringify(response.body));
    const { table } = response.body;
    assert.deepEqual(table.lists.map((l) => l.label).sort(), Object.values(ORG_LABEL).sort());
    assert.equal(table.registrations, REPORTS.length);
    assert.equal(table.persons, new Set(REPORTS.map((r) => r.key)).size);
    const got = new Map(table.rows.map((row) => [row.pattern, row.count]));
    assert.deepEqual(got, expectedCounts(table.lists));
    assert.equal(
      table.overlapping,
      [...expectedCounts(table.lists)]
        .filter(([p]) => p.split('1').length > 2)
        .reduce((n, [, c]) => n + c, 0),
    );
    // Small cells are named, not suppressed; the unnamed registration is reported.
    assert.match(table.warnings.map((w) => w.nl).join('\n'), /minder dan 5 personen — niet onderdrukt/);
    assert.match(table.warnings.map((w) => w.en).join('\n'), /1 registration\(s\) without name or BSN/);
    const text = JSON.stringify(response.body);
    for (const name of SURNAMES) assert.ok(!text.includes(name), `leaked ${name}`);
    assert.ok(!text.includes('111222333') && !text.includes('1995-03-12'));

    // The threshold is the server's (KETENPLEIN_ESTIMATE_MIN_CELL), not the analyst's: min_cell is refused.
    const relaxed = await analyst.post<{ error: { message: string } }>(path, { preview: true, min_cell: 1 });
    assert.equal(relaxed.status, 400);
  });

  test('strata by year of first registration; lists by organisation type give the same overlaps', async () => {
    const response = await analyst.post<{ table: Table }>(path, {
      preview: true,
      strata: ['year', 'gender'],
    });
    assert.equal(response.status, 200, JSON.stringify(response.body));
    const { table } = response.body;
    for (const year of [2024, 2025]) {
      const got = new Map<string, number>();
      for (const row of table.rows.filter((r) => r.stratum?.year === String(year))) {
        got.set(row.pattern, (got.get(row.pattern) ?? 0) + row.count);
      }
      assert.deepEqual(got, expectedCounts(table.lists, year), `year ${year}`);
    }
    assert.ok(table.rows.every((row) => ['female', 'male', 'unknown'].includes(row.stratum?.gender ?? '')));
    const only2025 = await analyst.post<{ table: Table }>(path, {
      preview: true,
      years: { from: 2025, to: 2025 },
    });
    assert.equal(only2025.status, 200, JSON.stringify(only2025.body));
    assert.equal(only2025.body.table.registrations, REPORTS.filter((r) => r.year === 2025).length);
    assert.deepEqual(
      new Map(only2025.body.table.rows.map((row) => [row.pattern, row.count])),
      expectedCounts(only2025.body.table.lists, undefined, 2025),
    );
    const byType = await analyst.post<{ table: Table }>(path, {
      preview: true,
      listsBy: 'organisation_type',
    });
    assert.deepEqual(byType.body.table.lists.map((l) => l.name).sort(), ['kmar', 'municipality', 'shelter']);
    assert.equal(byType.body.table.persons, table.persons);
  });

  test('the estimate is stored and run by the estimate service, with the table as its input', async () => {
    const response = await analyst.post<{
      estimate: { id: string; status: string; source: string; result: { overall: { observed: number } } };
      table: Table;
    }>(path, { name: 'Uit registraties', settings: { select: 'stepwise-csv', ci: 'wald' } });
    assert.equal(response.status, 201, JSON.stringify(response.body));
    assert.equal(response.body.estimate.status, 'done');
    assert.equal(response.body.estimate.result.overall.observed, response.body.table.persons);
    const stored = await analyst.get<{ input: { lists: string[] } }>(
      `/api/v1/estimates/${response.body.estimate.id}`,
    );
    assert.deepEqual(
      stored.body.input.lists,
      response.body.table.lists.map((l) => l.name),
    );
    const audit = await server.store.db
      .selectFrom('audit_log')
      .select(['action', 'record_ids'])
      .where('resource', '=', 'signal_registrations')
      .execute();
    assert.ok(audit.length >= 1 && audit.every((e) => e.action === 'aggregate'));
  });

  test('only an analyst under statistics; everyone else is refused with the reason', async () => {
    const triage = await loginAs(server, 'triage@politie-le.example', 'signal_assessment');
    assert.equal((await triage.post(path, { preview: true })).status, 403);
    const intake = await loginAs(server, A, 'statistics');
    const refused = await intake.post<{ error: { code: string } }>(path, { preview: true });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.code, 'purpose_not_allowed');
    const noPurpose = await loginAs(server, 'analist@comensha.example');
    assert.equal((await noPurpose.post(path, { preview: true })).status, 403);
    const bad = await analyst.post<{ error: { field: string } }>(path, { preview: true, strata: ['name'] });
    assert.equal(bad.status, 400);
  });
});
