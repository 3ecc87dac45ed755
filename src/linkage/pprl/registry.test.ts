import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dedupeRegistry, RegistryEncoder } from './registry.ts';

const encoder = new RegistryEncoder(new Uint8Array(32).fill(7));

test('the same person in two spellings and with an estimated age is one person; others stay apart', () => {
  const records = [
    { givenName: 'Olena', familyName: 'Shevchenko', dateOfBirth: '1996-03-14', gender: 'v' },
    { givenName: 'Olena', familyName: 'Shevcenko', dateOfBirth: '1996', gender: 'v' },
    { givenName: 'Olena', familyName: 'Shevchenko', dateOfBirth: '1971-09-02', gender: 'v' },
    { givenName: 'Maria', familyName: 'Popescu', dateOfBirth: '1996-03-14', gender: 'v' },
  ].map((person) => encoder.encode(person));
  const result = dedupeRegistry(records, ['care', 'shelter', 'police', 'police']);
  assert.equal(result.person[1], result.person[0]);
  assert.notEqual(result.person[2], result.person[0], 'same name, born 25 years apart: another person');
  assert.notEqual(result.person[3], result.person[0], 'same date, another name: another person');
  assert.equal(result.persons, 3);
});

test('one organisation’s two registrations are not merged into one person', () => {
  const same = { givenName: 'Anna', familyName: 'Nowak', dateOfBirth: '1990-01-05', gender: 'v' };
  const records = [encoder.encode(same), encoder.encode(same)];
  assert.equal(dedupeRegistry(records, ['shelter', 'shelter']).persons, 2);
  assert.equal(dedupeRegistry(records, ['shelter', 'police']).persons, 1);
});

test('the encoding holds no clear value and depends on the key', () => {
  const person = { givenName: 'Olena', familyName: 'Shevchenko', dateOfBirth: '1996-03-14' };
  const encoded = JSON.stringify(encoder.encode(person));
  assert.doesNotMatch(encoded, /olena|shevchenko|1996/i);
  const other = new RegistryEncoder(new Uint8Array(32).fill(9));
  assert.notEqual(JSON.stringify(other.encode(person)), encoded);
});
