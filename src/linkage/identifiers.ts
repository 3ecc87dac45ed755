/** Exact-match keys for identifiers: phone numbers, e-mail addresses, licence plates, URLs. */
import { parsePhoneNumberFromString } from 'libphonenumber-js';

export type IdentifierKind = 'phone' | 'email' | 'plate' | 'url';

/** E.164 ("+31612345678"), default region NL; undefined when not a possible number. */
export function normalisePhone(value: string, region: 'NL' | string = 'NL'): string | undefined {
  const parsed = parsePhoneNumberFromString(
    value,
    region as Parameters<typeof parsePhoneNumberFromString>[1],
  );
  return parsed?.isPossible() ? parsed.number : undefined;
}

export function normaliseEmail(value: string): string | undefined {
  const v = value.trim().toLowerCase();
  return /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/.test(v) ? v : undefined;
}

/** Dutch and foreign plates: letters and digits only, upper case ("12-ABC-3" → "12ABC3"). */
export function normalisePlate(value: string): string | undefined {
  const v = value.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return v.length >= 2 ? v : undefined;
}

/** Host lower-cased without "www.", no scheme, fragment, default port or trailing slash. */
export function normaliseUrl(value: string): string | undefined {
  let v = value.trim();
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) v = `http://${v}`;
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    return undefined;
  }
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  if (!host.includes('.')) return undefined;
  const path = url.pathname.replace(/\/+$/, '');
  return `${host}${path}${url.search}`;
}

/** A key such as "phone:+31612345678", equal for equal identifiers however they were written. */
export function identifierKey(kind: IdentifierKind, value: string): string | undefined {
  const normalised = {
    phone: normalisePhone,
    email: normaliseEmail,
    plate: normalisePlate,
    url: normaliseUrl,
  }[kind](value);
  return normalised ? `${kind}:${normalised}` : undefined;
}
