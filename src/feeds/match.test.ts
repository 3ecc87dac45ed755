import assert from 'node:assert/strict';
import { test } from 'node:test';
import { companyNames } from '../linkage/index.ts';
import { ScreeningIndex } from './match.ts';

const register = [
  {
    id: 'W1',
    kvk: '12345678',
    name: 'De Vries Bouw BV (h.o.d.n. Bouwbedrijf De Vries)',
    postcode: '1234AB',
    houseNumber: '12',
    city: 'Utrecht',
  },
  {
    id: 'W2',
    kvk: '23456789',
    name: 'Schoonmaakbedrijf Jansen V.O.F.',
    tradeNames: ['Jansen Clean'],
    postcode: '3511AA',
    houseNumber: '3',
    city: 'Utrecht',
  },
  { id: 'W3', name: 'Holding Oranje Uitzend B.V.', postcode: '9711AB', houseNumber: '1', city: 'Groningen' },
];

test('h.o.d.n. splits a name into statutory and trade names without legal forms', () => {
  assert.deepEqual(companyNames('De Vries Bouw BV (h.o.d.n. Bouwbedrijf De Vries)'), [
    'de vries bouw',
    'bouwbedrijf de vries',
  ]);
  assert.deepEqual(companyNames('Kaya VOF handelend onder de naam Kaya Logistiek|KL'), [
    'kaya',
    'kaya logistiek',
    'kl',
  ]);
});

test('the issue example: Bouwbedrijf De Vries B.V. hits, Vries Bouwmaterialen VOF does not', () => {
  const index = new ScreeningIndex(register);
  const hit = index.screen({
    id: 'a',
    name: 'Bouwbedrijf De Vries B.V.',
    postcode: '1234 AB',
    houseNumber: '12',
  });
  assert.equal(hit.verdict, 'hit');
  assert.equal(hit.matches[0].registerId, 'W1');
  assert.ok(hit.matches[0].reasons.some((r) => r.includes('trade name')));
  const no = index.screen({
    id: 'b',
    name: 'Vries Bouwmaterialen VOF',
    postcode: '1234AC',
    houseNumber: '4',
  });
  assert.equal(no.verdict, 'none');
  assert.deepEqual(no.matches, []);
});

test('KvK exact hits whatever the name; word order, legal forms and a typo are tolerated', () => {
  const index = new ScreeningIndex(register);
  const kvk = index.screen({ id: 'k', name: 'Iets Anders', kvk: '2345 6789' });
  assert.equal(kvk.verdict, 'hit');
  assert.deepEqual(kvk.matches[0].reasons, ['kvk: gelijk / equal']);
  const order = index.screen({ id: 'o', name: 'Uitzend Oranje BV', postcode: '9711 AB', houseNumber: '1' });
  assert.equal(order.verdict, 'hit');
  assert.equal(order.matches[0].registerId, 'W3');
  const typo = index.screen({ id: 't', name: 'Schoonmaakbedrjf Jansen', city: 'Utrecht' });
  assert.equal(typo.matches[0]?.registerId, 'W2');
  assert.notEqual(typo.verdict, 'none');
});

test('a different KvK number keeps a same-named company below a hit', () => {
  const index = new ScreeningIndex(register);
  const r = index.screen({
    id: 'x',
    name: 'Schoonmaakbedrijf Jansen',
    kvk: '99999999',
    postcode: '3511AA',
    houseNumber: '3',
  });
  assert.equal(r.verdict, 'possible');
  assert.ok(r.matches[0].reasons.includes('kvk: verschilt / differs'));
});
