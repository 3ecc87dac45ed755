import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findPhones, normalisePhone } from './phones.ts';

const NL = '+31612345678';

test('obfuscated Dutch mobile numbers become E.164', () => {
  for (const written of [
    '06-12345678',
    '06 12 34 56 78',
    '06 twaalf34 5678',
    'zes-een-twee-drie-vier-vijf-zes-zeven-acht'.replace(/^/, 'nul-'),
    'nul zes twaalf vierendertig zesenvijftig achtenzeventig',
    'zero six one two three four five six seven eight',
    '0️⃣6️⃣1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣7️⃣8️⃣',
    '０６１２３４５６７８',
    '0 6 1 2 3 4 5 6 7 8',
    '+31 (0)6 12345678',
    '0031612345678',
    'nulzeseentweedrievier 5678',
  ]) {
    assert.equal(normalisePhone(written), NL, written);
  }
});

test('finds several numbers in running text and keeps what was written', () => {
  const found = findPhones('Bel 06 twaalf34 5678 of +44 7911 123456, niet 06 twaalf34 5678 opnieuw');
  assert.deepEqual(
    found.map((p) => p.e164),
    [NL, '+447911123456'],
  );
  assert.equal(found[0].written, '06 twaalf34 5678');
});

test('ordinary text with numbers and number words is not a phone', () => {
  assert.deepEqual(findPhones('Ik ben 25 jaar, 150 euro per uur, een mooie dag in twee steden'), []);
  assert.deepEqual(findPhones('Postcode 3511 AB, huisnummer 12'), []);
});

test('a stray number word after a number does not spoil it', () => {
  assert.equal(normalisePhone('bel 06 1234 5678 een keer'), NL);
});
