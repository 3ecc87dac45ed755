import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkIban } from './iban.ts';

test('valid IBANs of several countries, written with spaces or lower case', () => {
  for (const iban of [
    'NL91 ABNA 0417 1643 00',
    'nl91abna0417164300',
    'DE89 3704 0044 0532 0130 00',
    'GB29 NWBK 6016 1331 9268 19',
    'BE68 5390 0754 7034',
    'PL61 1090 1014 0000 0712 1981 2874',
  ]) {
    const r = checkIban(iban);
    assert.ok(r.ok, `${iban}: ${JSON.stringify(r)}`);
  }
  assert.deepEqual(checkIban('NL91 ABNA 0417 1643 00'), {
    ok: true,
    iban: 'NL91ABNA0417164300',
    country: 'NL',
  });
});

test('refused: a wrong check digit, a wrong length for the country, an unknown country, no IBAN at all', () => {
  const wrong = checkIban('NL92ABNA0417164300');
  assert.equal(wrong.ok ? 'ok' : wrong.code, 'iban_checksum');
  assert.deepEqual(
    [checkIban('NL91ABNA041716430'), checkIban('XX91ABNA0417164300'), checkIban('hallo')].map((r) =>
      r.ok ? 'ok' : r.code,
    ),
    ['iban_length', 'iban_country', 'iban_format'],
  );
  // One swapped pair of digits is caught by mod-97.
  assert.equal(checkIban('NL91ABNA0417163400').ok, false);
});
