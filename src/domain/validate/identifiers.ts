import { invalid, type Validated, valid } from './result.ts';

/**
 * BSN (burgerservicenummer): 9 digits whose weighted sum (9,8,…,2,−1) is divisible by 11.
 * 8-digit numbers are accepted with a leading zero, as older documents print them.
 */
export function validateBsn(input: string, field = 'bsn'): Validated<string> {
  const digits = input.replace(/[\s.-]/g, '');
  if (!/^\d{8,9}$/.test(digits)) {
    return invalid(field, 'bsn_format', 'BSN moet uit 9 cijfers bestaan', 'BSN must consist of 9 digits');
  }
  const bsn = digits.padStart(9, '0');
  if (/^0+$/.test(bsn) || !passesElevenTest(bsn)) {
    return invalid(
      field,
      'bsn_checksum',
      'BSN voldoet niet aan de elfproef',
      'BSN fails the eleven test (11-proof)',
    );
  }
  return valid(bsn);
}

function passesElevenTest(bsn: string): boolean {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(bsn[i]) * (9 - i);
  sum -= Number(bsn[8]);
  return sum % 11 === 0;
}

/** Masks a BSN for display: only the last 3 digits stay visible. */
export function maskBsn(bsn: string): string {
  return `******${bsn.slice(-3)}`;
}

/** KvK number: exactly 8 digits (a 12-digit vestigingsnummer identifies a branch, not the company). */
export function validateKvk(input: string, field = 'kvk'): Validated<string> {
  const digits = input.replace(/[\s.]/g, '');
  if (/^\d{12}$/.test(digits)) {
    return invalid(
      field,
      'kvk_branch_number',
      'Dit is een vestigingsnummer (12 cijfers); vul het KvK-nummer van 8 cijfers in',
      'This is a branch number (12 digits); enter the 8-digit KvK number',
    );
  }
  if (!/^\d{8}$/.test(digits)) {
    return invalid(
      field,
      'kvk_format',
      'KvK-nummer moet uit 8 cijfers bestaan',
      'KvK number must consist of 8 digits',
    );
  }
  return valid(digits);
}

/** Dutch postcode: 4 digits (first 1–9) and 2 letters, never SA, SD or SS; normalised to `1234 AB`. */
export function validatePostcode(input: string, field = 'postcode'): Validated<string> {
  const compact = input.replace(/\s/g, '').toUpperCase();
  const match = /^([1-9]\d{3})([A-Z]{2})$/.exec(compact);
  if (!match) {
    return invalid(
      field,
      'postcode_format',
      'Postcode moet 4 cijfers (niet beginnend met 0) en 2 letters zijn, bijv. 1234 AB',
      'Postcode must be 4 digits (not starting with 0) and 2 letters, e.g. 1234 AB',
    );
  }
  if (['SA', 'SD', 'SS'].includes(match[2])) {
    return invalid(
      field,
      'postcode_letters',
      `Postcode-letters ${match[2]} worden niet gebruikt`,
      `Postcode letters ${match[2]} are never used`,
    );
  }
  return valid(`${match[1]} ${match[2]}`);
}
