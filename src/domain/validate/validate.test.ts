import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  maskBsn,
  normalizeLicencePlate,
  normalizeUrl,
  type Validated,
  validateBsn,
  validateCountry,
  validateDate,
  validateEmail,
  validateKvk,
  validateMunicipality,
  validatePastDate,
  validatePastInstant,
  validatePhone,
  validatePostcode,
} from './index.ts';

function value<T>(result: Validated<T>): T {
  assert.ok(result.ok, `expected valid, got ${JSON.stringify(result)}`);
  return result.value;
}

function errorCode<T>(result: Validated<T>): string {
  assert.ok(!result.ok, `expected invalid, got ${JSON.stringify(result)}`);
  assert.ok(result.error.message.nl.length > 0 && result.error.message.en.length > 0);
  return result.error.code;
}

describe('BSN', () => {
  it('accepts numbers that pass the eleven test', () => {
    assert.equal(value(validateBsn('123456782')), '123456782');
    assert.equal(value(validateBsn('1234.56.782')), '123456782');
    assert.equal(value(validateBsn('11222335')), '011222335');
  });
  it('refuses a failing checksum, wrong length and all zeros', () => {
    assert.equal(errorCode(validateBsn('123456789')), 'bsn_checksum');
    assert.equal(errorCode(validateBsn('12345')), 'bsn_format');
    assert.equal(errorCode(validateBsn('12345678a')), 'bsn_format');
    assert.equal(errorCode(validateBsn('000000000')), 'bsn_checksum');
  });
  it('names the field it was given', () => {
    const result = validateBsn('123456789', 'persons.0.bsn');
    assert.ok(!result.ok);
    assert.equal(result.error.field, 'persons.0.bsn');
  });
  it('masks all but the last three digits', () => {
    assert.equal(maskBsn('123456782'), '******782');
  });
});

describe('KvK number', () => {
  it('accepts 8 digits', () => assert.equal(value(validateKvk(' 6924 1234 ')), '69241234'));
  it('explains a 12-digit branch number', () =>
    assert.equal(errorCode(validateKvk('000012345678')), 'kvk_branch_number'));
  it('refuses other lengths and letters', () => {
    assert.equal(errorCode(validateKvk('1234567')), 'kvk_format');
    assert.equal(errorCode(validateKvk('1234567X')), 'kvk_format');
  });
});

describe('postcode', () => {
  it('normalises spacing and case', () => {
    assert.equal(value(validatePostcode('1234ab')), '1234 AB');
    assert.equal(value(validatePostcode(' 9999  zz ')), '9999 ZZ');
  });
  it('refuses a leading zero, wrong shapes and the letter pairs SA, SD, SS', () => {
    assert.equal(errorCode(validatePostcode('0123 AB')), 'postcode_format');
    assert.equal(errorCode(validatePostcode('12345 AB')), 'postcode_format');
    assert.equal(errorCode(validatePostcode('1234 A')), 'postcode_format');
    for (const letters of ['SA', 'SD', 'SS'])
      assert.equal(errorCode(validatePostcode(`1234 ${letters}`)), 'postcode_letters');
    assert.equal(value(validatePostcode('1234 SB')), '1234 SB');
  });
});

describe('phone', () => {
  it('normalises Dutch numbers written differently to one E.164 form', () => {
    const forms = ['06-12345678', '+31 6 1234 5678', '0031612345678', '(06) 123 456 78'];
    assert.deepEqual(new Set(forms.map((form) => value(validatePhone(form)))), new Set(['+31612345678']));
    assert.equal(value(validatePhone('020-1234567')), '+31201234567');
  });
  it('keeps foreign numbers with their country code', () => {
    assert.equal(value(validatePhone('+40 721 234 567')), '+40721234567');
  });
  it('refuses text and numbers outside the numbering plan, without echoing the number', () => {
    assert.equal(errorCode(validatePhone('bel me')), 'phone_unparseable');
    assert.equal(errorCode(validatePhone('')), 'phone_unparseable');
    const short = validatePhone('06-1234567');
    assert.equal(errorCode(short), 'phone_invalid');
    assert.ok(!short.ok && !short.error.message.nl.includes('1234567'));
  });
});

describe('e-mail', () => {
  it('trims and lower-cases', () =>
    assert.equal(value(validateEmail(' Jan.Jansen@Example.NL ')), 'jan.jansen@example.nl'));
  it('refuses addresses without a domain or with spaces', () => {
    for (const bad of ['jan@', 'jan', 'jan jansen@example.nl', '@example.nl', 'jan@example']) {
      assert.equal(errorCode(validateEmail(bad)), 'email_invalid', bad);
    }
  });
});

describe('licence plate', () => {
  it('puts the dashes of the side code in place', () => {
    assert.deepEqual(value(normalizeLicencePlate('12abc3')), {
      key: '12ABC3',
      display: '12-ABC-3',
      country: 'NL',
    });
    assert.equal(value(normalizeLicencePlate('g-123-bb')).display, 'G-123-BB');
    assert.equal(value(normalizeLicencePlate('XX 99 99')).display, 'XX-99-99');
    assert.equal(value(normalizeLicencePlate('1-KBB-00')).display, '1-KBB-00');
    assert.equal(value(normalizeLicencePlate('KBB12X')).display, 'KBB-12-X');
  });
  it('gives the same key for the same plate written differently', () => {
    assert.equal(value(normalizeLicencePlate('12-ABC-3')).key, value(normalizeLicencePlate('12 abc 3')).key);
  });
  it('refuses Dutch plates outside the side codes but accepts them with another country', () => {
    assert.equal(errorCode(normalizeLicencePlate('ABC123')), 'plate_not_dutch');
    assert.equal(errorCode(normalizeLicencePlate('12345')), 'plate_not_dutch');
    assert.deepEqual(value(normalizeLicencePlate('B-AB 1234', 'vehicles.0.plate', 'DE')), {
      key: 'BAB1234',
      display: 'BAB1234',
      country: 'DE',
    });
    assert.equal(errorCode(normalizeLicencePlate('12_AB_34')), 'plate_format');
  });
});

describe('URL', () => {
  it('adds a scheme, drops fragments and tracking parameters, and builds a comparison key', () => {
    const result = value(normalizeUrl('WWW.Example.nl/advertentie/123/?utm_source=x&b=2&a=1#top'));
    assert.equal(result.url, 'https://www.example.nl/advertentie/123/?a=1&b=2');
    assert.equal(result.key, 'example.nl/advertentie/123?a=1&b=2');
    assert.equal(value(normalizeUrl('http://example.nl/advertentie/123?b=2&a=1')).key, result.key);
  });
  it('refuses other schemes, hosts without a dot and credentials', () => {
    assert.equal(errorCode(normalizeUrl('javascript:alert(1)')), 'url_invalid');
    assert.equal(errorCode(normalizeUrl('ftp://example.nl/x')), 'url_scheme');
    assert.equal(errorCode(normalizeUrl('localhost')), 'url_invalid');
    assert.equal(errorCode(normalizeUrl('https://user:pw@example.nl')), 'url_invalid');
    assert.equal(errorCode(normalizeUrl('https://exa mple.nl')), 'url_invalid');
  });
});

describe('country and municipality', () => {
  it('accepts ISO 3166 alpha-2 codes in any case, and XK', () => {
    assert.equal(value(validateCountry('ro')), 'RO');
    assert.equal(value(validateCountry('XK')), 'XK');
  });
  it('refuses unknown and alpha-3 codes', () => {
    assert.equal(errorCode(validateCountry('XX')), 'country_unknown');
    assert.equal(errorCode(validateCountry('NLD')), 'country_unknown');
  });
  it('accepts existing CBS codes only', () => {
    assert.equal(value(validateMunicipality('gm0363')), 'GM0363');
    assert.equal(errorCode(validateMunicipality('GM9999')), 'municipality_unknown');
    assert.equal(errorCode(validateMunicipality('0363')), 'municipality_format');
  });
});

describe('dates', () => {
  const now = new Date('2024-06-15T10:00:00Z');
  it('reads ISO and Dutch notations', () => {
    assert.equal(value(validateDate('1990-02-03')), '1990-02-03');
    assert.equal(value(validateDate('03-02-1990')), '1990-02-03');
    assert.equal(value(validateDate('3/2/1990')), '1990-02-03');
    assert.equal(value(validateDate('03.02.1990')), '1990-02-03');
  });
  it('refuses impossible and malformed dates', () => {
    assert.equal(errorCode(validateDate('2023-02-29')), 'date_invalid');
    assert.equal(errorCode(validateDate('31-04-2020')), 'date_invalid');
    assert.equal(errorCode(validateDate('1850-01-01')), 'date_invalid');
    assert.equal(errorCode(validateDate('2020/01/01')), 'date_format');
    assert.equal(errorCode(validateDate('gisteren')), 'date_format');
    assert.equal(value(validateDate('2024-02-29')), '2024-02-29');
  });
  it('refuses future dates for observed and born, compared with the Dutch calendar day', () => {
    assert.equal(value(validatePastDate('2024-06-15', 'observedAt', now)), '2024-06-15');
    assert.equal(errorCode(validatePastDate('2024-06-16', 'observedAt', now)), 'date_in_future');
    // 23:30 UTC on 15 June is already 16 June in Amsterdam.
    assert.equal(
      value(validatePastDate('2024-06-16', 'observedAt', new Date('2024-06-15T23:30:00Z'))),
      '2024-06-16',
    );
  });
  it('reads moments with a time zone and refuses future ones', () => {
    assert.equal(
      value(validatePastInstant('2024-06-15T11:00:00+02:00', 'receivedAt', now)),
      '2024-06-15T09:00:00.000Z',
    );
    assert.equal(errorCode(validatePastInstant('2024-06-15T12:00:00Z', 'receivedAt', now)), 'date_in_future');
    assert.equal(errorCode(validatePastInstant('2024-06-15 11:00', 'receivedAt', now)), 'datetime_format');
  });
});
