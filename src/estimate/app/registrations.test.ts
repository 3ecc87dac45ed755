import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type RegistrationRecord, registrationTable } from './registrations.ts';

function record(
  org: number,
  surname: string | null,
  extra: Partial<RegistrationRecord> = {},
): RegistrationRecord {
  return {
    orgId: `org-${org}`,
    orgName: `Organisatie ${org}`,
    orgType: org % 2 ? 'shelter' : 'municipality',
    receivedAt: '2025-02-01T00:00:00.000Z',
    forms: ['labour'],
    givenNames: surname ? 'Ana' : null,
    prefix: null,
    surname,
    dateOfBirth: surname ? '1990-01-01' : null,
    birthYear: null,
    gender: null,
    bsnFingerprint: null,
    ...extra,
  };
}

test('one person reported by two organisations is one person in pattern 11', () => {
  const table = registrationTable(
    [record(1, 'Ionescu'), record(2, 'Ionescu'), record(2, 'Kowalska', { dateOfBirth: '1980-05-05' })],
    {
      listsBy: 'organisation',
      strata: ['age_group', 'form'],
      minCell: 1,
    },
  );
  assert.deepEqual(
    table.lists.map((l) => l.name),
    ['Organisatie_1', 'Organisatie_2'],
  );
  assert.deepEqual(
    table.rows.map((r) => [r.pattern, r.count, r.stratum?.age_group]),
    [
      ['01', 1, '35+'],
      ['11', 1, '35+'],
    ],
  );
  assert.equal(table.overlapping, 1);
});

test('fewer than two or more than ten lists are refused, naming the field', () => {
  assert.throws(
    () => registrationTable([record(1, 'A')], { listsBy: 'organisation', strata: [], minCell: 5 }),
    (e: Error & { field?: string }) => e.field === 'listsBy' && /ten minste 2/.test(e.message),
  );
  const many = Array.from({ length: 11 }, (_, i) => record(i, `Naam${i}`));
  assert.throws(
    () => registrationTable(many, { listsBy: 'organisation', strata: [], minCell: 5 }),
    /organisatietype/,
  );
  assert.equal(
    registrationTable(many, { listsBy: 'organisation_type', strata: [], minCell: 5 }).lists.length,
    2,
  );
});
