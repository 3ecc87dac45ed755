/** Removing a person's traces from free text (narrative, remarks, notes) when their data is erased. */

export const ERASED_MARK = '[verwijderd]';

/**
 * What erasure leaves of a reported person: the row (the signal still counts them) without any
 * personal data, stamped with when. Shared by erasure on request and the retention job.
 */
export function erasedPersonFields(at = new Date()) {
  return {
    given_names: null,
    prefix: null,
    surname: null,
    alias: null,
    date_of_birth: null,
    birth_year: null,
    gender: null,
    nationality: null,
    phones: [],
    emails: [],
    bsn_encrypted: null,
    bsn_fingerprint: null,
    remark: null,
    erased_at: at,
  };
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A number (phone) matches however it is written: "06-8765 4321" as well as "0687654321". */
function termPattern(term: string): string {
  if (!/^\+?\d{6,}$/.test(term)) return escapeRegExp(term);
  return term
    .split('')
    .map((ch) => escapeRegExp(ch))
    .join('[\\s.-]*');
}

/**
 * Replaces every occurrence of the given values (names, phone numbers, e-mail addresses), case-insensitive
 * and as whole words, by a mark. Longer values first, so "van der Berg" goes before "Berg".
 */
export function scrubText(text: string, values: readonly string[]): string {
  const terms = [...new Set(values.map((value) => value.trim()).filter((value) => value.length >= 2))].sort(
    (a, b) => b.length - a.length,
  );
  if (terms.length === 0 || text === '') return text;
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}])(?:${terms.map(termPattern).join('|')})(?![\\p{L}\\p{N}])`,
    'giu',
  );
  return text.replace(pattern, ERASED_MARK);
}

/** Indicator remarks scrubbed of these values, or dropped entirely when `values` is null (retention). */
export function scrubIndicatorRemarks(indicators: unknown, values: readonly string[] | null): unknown[] {
  const list = (typeof indicators === 'string' ? JSON.parse(indicators) : indicators) as
    | { code: string; remark?: string }[]
    | null;
  return (list ?? []).map(({ remark, ...rest }) => {
    if (!remark || values === null) return rest;
    return { ...rest, remark: scrubText(remark, values) };
  });
}

/** The text forms under which a person may appear in free text. */
export function traceValues(person: {
  given_names: string | null;
  prefix: string | null;
  surname: string | null;
  alias: string | null;
  phones: readonly string[];
  emails: readonly string[];
}): string[] {
  const names = [person.given_names, person.surname, person.alias].filter((v): v is string => !!v);
  const full = [
    [person.prefix, person.surname].filter(Boolean).join(' '),
    [person.given_names, person.prefix, person.surname].filter(Boolean).join(' '),
  ];
  const parts = names.flatMap((name) => name.split(/\s+/));
  // A national number is often written with 0 instead of +31.
  const phones = person.phones.flatMap((phone) =>
    phone.startsWith('+31') ? [phone, `0${phone.slice(3)}`] : [phone],
  );
  return [...full, ...names, ...parts, ...phones, ...person.emails].filter((value) => value.length >= 2);
}
