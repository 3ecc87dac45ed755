/** Dates of birth: parsing of the formats partners use, and graded agreement. */

export interface ParsedDate {
  /** Eight digits YYYYMMDD; kept as typed when `lenient` let an impossible date through. */
  digits: string;
  year: number;
  month: number;
  day: number;
}

export type DateProblem = 'format' | 'calendar';

export class DateError extends Error {
  constructor(
    readonly value: string,
    readonly problem: DateProblem,
  ) {
    super(
      problem === 'format'
        ? `"${value}" is not a date (expected YYYY-MM-DD, YYYYMMDD or DD-MM-YYYY)`
        : `"${value}" is not an existing calendar date`,
    );
  }
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * A date of which only the year is known, as registrations write one: `1994`, `00-00-1994`,
 * `1994-00-00` or `19940000`. Returns the year, or undefined when the value is not of that kind.
 */
export function parseYearOnly(raw: string): number | undefined {
  const value = raw.trim();
  const m =
    /^(\d{4})$/.exec(value) ??
    /^0{1,2}[-/.]0{1,2}[-/.](\d{4})$/.exec(value) ??
    /^(\d{4})[-/.]?00[-/.]?00$/.exec(value);
  return m ? Number(m[1]) : undefined;
}

/**
 * Parses `YYYY-MM-DD`, `YYYYMMDD` and `DD-MM-YYYY` (also with `/` or `.`). Returns undefined for an
 * empty value. With `lenient`, a well-formed but impossible date (month 13, 30 February — typing
 * errors that still carry linkage information) is returned as typed instead of refused.
 */
export function parseDate(raw: string, lenient = false): ParsedDate | undefined {
  const value = raw.trim();
  if (!value) return undefined;
  let m = /^(\d{4})[-/.]?(\d{2})[-/.]?(\d{2})$/.exec(value);
  let year: string;
  let month: string;
  let day: string;
  if (m) [, year, month, day] = m;
  else {
    m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(value);
    if (!m) throw new DateError(value, 'format');
    [, day, month, year] = m;
    day = day.padStart(2, '0');
    month = month.padStart(2, '0');
  }
  const parsed = { digits: `${year}${month}${day}`, year: +year, month: +month, day: +day };
  const valid =
    parsed.month >= 1 &&
    parsed.month <= 12 &&
    parsed.day >= 1 &&
    parsed.day <= daysInMonth(parsed.year, parsed.month);
  if (!valid && !lenient) throw new DateError(value, 'calendar');
  return parsed;
}

/**
 * Levels of agreement of two dates of birth, as registration errors make them. `year_off_one`: the
 * same day and month, the year one off (an age guessed or counted wrong). `estimated`: one side
 * is a date registrations use when the real one is unknown (1 January, 1 July, the year alone) in
 * the same year: uncertain, not a mismatch; `estimated_year_off` the same a year apart (an age
 * guessed, then counted into a year). `year_off_and_other`: a year off and one digit of day or month
 * off, or day and month swapped (two errors). How much each level says is estimated from the data.
 */
export const DATE_LEVELS = [
  'exact',
  'one_digit',
  'day_month_swapped',
  'year_off_one',
  'estimated',
  'estimated_year_off',
  'year_off_and_other',
  'same_year_month',
  'same_year',
  'else',
] as const;
export type DateLevel = (typeof DATE_LEVELS)[number];

/** 1 January and 1 July: what registrations write when only the year is known or guessed. */
export function isEstimatedDate(d: ParsedDate): boolean {
  return d.day === 1 && (d.month === 1 || d.month === 7);
}

/** A full date against one of which only the year is known (or two such). */
export function compareYears(a: number, b: number): DateLevel {
  return a === b ? 'estimated' : Math.abs(a - b) === 1 ? 'estimated_year_off' : 'else';
}

/** Position of the year's last digit in YYYYMMDD. */
export const YEAR_LAST_DIGIT = 3;

/** Graded agreement of two dates of birth, best level first. */
export function compareDates(a: ParsedDate, b: ParsedDate): DateLevel {
  if (a.digits === b.digits) return 'exact';
  // An estimated date (1 January, 1 July) says nothing by its day and month: only the years are
  // compared, before "a year off" and "one digit" (1 January 1978 against 1 January 1998 differs in
  // one digit, 1 January 1982 against 1 January 1981 has the same day and month a year apart, but
  // neither is evidence that a date was mistyped). How often the same estimated date is shared is
  // left to the term-frequency adjustment of the exact level.
  if (isEstimatedDate(a) || isEstimatedDate(b)) return compareYears(a.year, b.year);
  // Before "one digit": 1994 and 1995 differ in one digit, but a year one off is its own error.
  if (a.month === b.month && a.day === b.day && Math.abs(a.year - b.year) === 1) return 'year_off_one';
  // One digit off, but not the year's last: 1994 against 1996 is two years apart, as likely
  // another person with the same name as a typing error (a year one off has its own level).
  let differing = 0;
  for (let i = 0; i < 8; i++) if (a.digits[i] !== b.digits[i]) differing += i === YEAR_LAST_DIGIT ? 2 : 1;
  if (differing === 1) return 'one_digit';
  if (a.year === b.year && a.day === b.month && a.month === b.day) return 'day_month_swapped';
  // Two adjacent digits transposed (19900213 vs 19900231) is one keystroke too.
  for (let i = 0; i < 7; i++) {
    const swapped = a.digits.slice(0, i) + a.digits[i + 1] + a.digits[i] + a.digits.slice(i + 2);
    if (swapped === b.digits) return 'one_digit';
  }
  // Two errors at once: the year one off and one digit of day or month mistyped, or day and month
  // the other way round (2000-04-24 / 1999-05-24, 1979-04-10 / 1980-10-04). Two years apart is not
  // here: as likely another person with that name.
  if (Math.abs(a.year - b.year) === 1) {
    let differing = 0;
    for (let i = 4; i < 8; i++) if (a.digits[i] !== b.digits[i]) differing++;
    if (differing === 1 || (a.day === b.month && a.month === b.day)) return 'year_off_and_other';
  }
  if (a.year === b.year && a.month === b.month) return 'same_year_month';
  if (a.year === b.year) return 'same_year';
  return 'else';
}
