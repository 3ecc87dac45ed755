import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareCompanies } from './company.ts';
import { identifierKey } from './identifiers.ts';
import { splitFamilyName } from './normalize.ts';
import { blockingKeys, comparePersons } from './persons.ts';
import { dutchPhonetic, jaroWinkler } from './similarity.ts';

test('"Jan van der Berg, 1990-02-03" matches "J. vd Berg, 03-02-1990" and explains why', () => {
  const a = { givenName: 'Jan', familyName: 'van der Berg', dateOfBirth: '1990-02-03' };
  const b = { givenName: 'J.', familyName: 'vd Berg', dateOfBirth: '03-02-1990' };
  const result = comparePersons(a, b);
  assert.equal(result.matched, true);
  const levels = Object.fromEntries(result.reasons.map((r) => [r.comparison, r.level]));
  assert.deepEqual(levels, {
    given_name: 'initials',
    prefix: 'abbreviation',
    family_name: 'exact',
    date_of_birth: 'exact',
  });
  assert.ok(
    blockingKeys(a).some((k) => blockingKeys(b).includes(k)),
    'they share a blocking key',
  );
});

test('a different person with the same name and another birth date does not match', () => {
  const r = comparePersons(
    { givenName: 'Jan', familyName: 'de Vries', dateOfBirth: '1990-02-03' },
    { givenName: 'Piet', familyName: 'de Vries', dateOfBirth: '1971-11-23' },
  );
  assert.equal(r.matched, false);
});

test('transliteration, swapped day/month and swapped name parts', () => {
  assert.equal(
    comparePersons(
      { givenName: 'Ştefan', familyName: 'Popescu', dateOfBirth: '1988-04-07' },
      { givenName: 'Stefan', familyName: 'Popescu', dateOfBirth: '1988-07-04' },
    ).matched,
    true,
  );
  assert.equal(dutchPhonetic('joesoef'), dutchPhonetic('yusuf'));
  assert.equal(dutchPhonetic('dijkstra'), dutchPhonetic('dykstra'));
  const swapped = comparePersons(
    { givenName: 'Mehmet', familyName: 'Kaya', dateOfBirth: '1975-01-20' },
    { givenName: 'Kaya', familyName: 'Mehmet', dateOfBirth: '1975-01-20' },
  );
  assert.equal(swapped.matched, true);
  assert.ok(swapped.reasons.some((r) => r.level === 'swapped'));
});

test('tussenvoegsel split off, also from a separate field', () => {
  assert.deepEqual(splitFamilyName('van der Berg'), { prefix: 'van der', main: 'berg' });
  assert.deepEqual(splitFamilyName('Berg', 'v.d.'), { prefix: 'v d', main: 'berg' });
  assert.deepEqual(splitFamilyName('De'), { prefix: '', main: 'de' });
  assert.ok(jaroWinkler('martha', 'marhta') > 0.96);
});

test('identifiers by exact normalised value; companies by KvK, then name without legal form', () => {
  assert.equal(identifierKey('phone', '06-12345678'), identifierKey('phone', '+31 6 1234 5678'));
  assert.equal(identifierKey('plate', '12-abc-3'), 'plate:12ABC3');
  assert.equal(identifierKey('url', 'https://www.Example.nl/ad/1/'), identifierKey('url', 'example.nl/ad/1'));
  assert.equal(
    compareCompanies({ kvk: '12345678', name: 'A' }, { kvk: '12 34 56 78', name: 'B' }).matched,
    true,
  );
  const byName = compareCompanies(
    { name: 'Schoonmaakbedrijf De Vries B.V.', address: { postcode: '1234 AB', houseNumber: '5' } },
    {
      name: 'schoonmaakbedrijf de vries besloten vennootschap',
      address: { postcode: '1234AB', houseNumber: '5' },
    },
  );
  assert.equal(byName.matched, true);
});
