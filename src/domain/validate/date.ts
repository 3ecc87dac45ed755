import { invalid, type Validated, valid } from './result.ts';

/**
 * A calendar date as ISO `YYYY-MM-DD`. Accepts ISO and the Dutch `DD-MM-YYYY` (also with `/` or `.`),
 * which is what people type and what spreadsheets export. Refuses impossible dates such as 31-02.
 */
export function validateDate(input: string, field = 'date'): Validated<string> {
  const text = input.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const dutch = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(text);
  if (!iso && !dutch) {
    return invalid(
      field,
      'date_format',
      'Datum moet de vorm JJJJ-MM-DD of DD-MM-JJJJ hebben',
      'Date must be in the form YYYY-MM-DD or DD-MM-YYYY',
    );
  }
  const [year, month, day] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : [Number(dutch![3]), Number(dutch![2]), Number(dutch![1])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return invalid(field, 'date_invalid', 'Deze datum bestaat niet', 'This date does not exist');
  }
  return valid(date.toISOString().slice(0, 10));
}

/** Today's date in the Netherlands, as `YYYY-MM-DD`: a signal made at 00:30 in Amsterdam is dated that day. */
export function dutchDate(at: Date): string {
  return amsterdamDay.format(at);
}

// One formatter for all calls: building one per call costs more than the whole rest of a date check.
// The Swedish locale writes dates as YYYY-MM-DD.
const amsterdamDay = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** A date that must not lie in the future (observed, born): compared with today's date in the Netherlands. */
export function validatePastDate(input: string, field: string, now: Date): Validated<string> {
  const result = validateDate(input, field);
  if (!result.ok) return result;
  if (result.value > dutchDate(now)) {
    return invalid(field, 'date_in_future', 'Datum ligt in de toekomst', 'Date lies in the future');
  }
  return result;
}

/** A moment (ISO 8601 with time zone) that must not lie in the future; a few minutes of clock skew are allowed. */
export function validatePastInstant(
  input: string,
  field: string,
  now: Date,
  skewMs = 5 * 60_000,
): Validated<string> {
  const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(input)
    ? Date.parse(input)
    : Number.NaN;
  if (Number.isNaN(ms)) {
    return invalid(
      field,
      'datetime_format',
      'Tijdstip moet ISO 8601 met tijdzone zijn, bijv. 2024-03-01T14:30:00+01:00',
      'Moment must be ISO 8601 with a time zone, e.g. 2024-03-01T14:30:00+01:00',
    );
  }
  if (ms > now.getTime() + skewMs) {
    return invalid(field, 'date_in_future', 'Tijdstip ligt in de toekomst', 'Moment lies in the future');
  }
  return valid(new Date(ms).toISOString());
}
