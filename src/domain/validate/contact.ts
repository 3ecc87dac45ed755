import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { z } from 'zod';
import { invalid, type Validated, valid } from './result.ts';

/**
 * Phone number to E.164. Numbers without a country code are read as Dutch (`06-12345678`), so the same
 * number written two ways gets the same normalised form, which is what signal linking matches on.
 * The `max` metadata is used because it checks number ranges, not only lengths.
 */
export function validatePhone(input: string, field = 'phone'): Validated<string> {
  const trimmed = input.trim();
  const phone = /\d/.test(trimmed)
    ? parsePhoneNumberFromString(trimmed.replace(/^00/, '+'), 'NL')
    : undefined;
  if (!phone) {
    return invalid(
      field,
      'phone_unparseable',
      'Telefoonnummer is niet te lezen',
      'Phone number cannot be parsed',
    );
  }
  if (!phone.isValid()) {
    return invalid(
      field,
      'phone_invalid',
      // The number itself is not repeated: error messages end up in logs, phone numbers are personal data.
      `Telefoonnummer bestaat niet in het nummerplan van ${phone.country ?? `+${phone.countryCallingCode}`}`,
      `Phone number is not a valid number for ${phone.country ?? `+${phone.countryCallingCode}`}`,
    );
  }
  return valid(phone.number);
}

const emailSchema = z.email();

/** E-mail address, trimmed and lower-cased (mailbox names are case-insensitive in practice, and matching needs one form). */
export function validateEmail(input: string, field = 'email'): Validated<string> {
  const email = input.trim().toLowerCase();
  if (email.length > 254 || !emailSchema.safeParse(email).success) {
    return invalid(field, 'email_invalid', 'E-mailadres is ongeldig', 'E-mail address is invalid');
  }
  return valid(email);
}
