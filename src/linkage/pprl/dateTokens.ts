/**
 * The date of birth in an encoding (versions 4 and 5): a few keyed tokens per record from which the
 * linkage derives the same graded levels as clear text (dates.ts DATE_LEVELS), exactly rather than
 * through a Bloom filter's Dice similarity, whose levels mixed "the year one off" with "another
 * person born that year". Each token is a keyed HMAC (32 bits) of one view of the date:
 *
 * - `full`: the date; `next`: the date a year later (equal to the other's `full` when the other
 *   was registered a year later, same day and month); `swap`: day and month the other way round;
 * - `ym`: year and month; `y`: the year; `nextY`: the year after (for an estimated date a year off);
 * - eight `mask` tokens: the date with one digit blanked (equal when only that digit differs);
 * - (version 5) `nextSwap`: the date a year later with day and month swapped, and four `nextMask`:
 *   the date a year later with one digit of month or day blanked — a year off with a second error.
 *
 * A date of which only the year is known has only `y`. Whether the date is estimated (1 January,
 * 1 July, the year alone) travels as a flag, so "estimated, same year" is graded as uncertain.
 * What this lets the linkage unit see (documented in README "PPRL and privacy"): which records
 * share a date, a year and month, or a year (a histogram of birth years under a key it does not
 * know), and which dates are estimated. Browser-compatible.
 */
import { DATE_LEVELS, isEstimatedDate, YEAR_LAST_DIGIT } from '../dates.ts';
import type { PreparedPerson } from '../person.ts';

export const DATE_SLOTS = 19;
const FULL = 0;
const NEXT = 1;
const SWAP = 2;
const YM = 3;
const Y = 4;
const MASK = 5;
const NEXT_Y = 13;
const NEXT_SWAP = 14;
/** The date a year later with one digit of month or day (positions 4–7) blanked. */
const NEXT_MASK = 15;

const two = (n: number) => String(n).padStart(2, '0');

/** The token texts of a person's date (empty string: no such view), and whether it is estimated. */
export function dateViews(p: PreparedPerson): { views: string[]; estimated: boolean } {
  const views = new Array<string>(DATE_SLOTS).fill('');
  const d = p.dob;
  const year = d?.year ?? p.yearOfBirth;
  if (year === undefined) return { views, estimated: false };
  views[Y] = `y:${year}`;
  views[NEXT_Y] = `y:${year + 1}`;
  if (!d) return { views, estimated: true };
  const digits = d.digits;
  views[FULL] = `f:${digits}`;
  views[NEXT] = `f:${String(d.year + 1).padStart(4, '0')}${digits.slice(4)}`;
  views[SWAP] = `f:${digits.slice(0, 4)}${two(d.day)}${two(d.month)}`;
  views[YM] = `ym:${digits.slice(0, 6)}`;
  for (let i = 0; i < 8; i++) views[MASK + i] = `m${i}:${digits.slice(0, i)}_${digits.slice(i + 1)}`;
  const next = `${String(d.year + 1).padStart(4, '0')}${digits.slice(4)}`;
  views[NEXT_SWAP] = `f:${next.slice(0, 4)}${two(d.day)}${two(d.month)}`;
  for (let i = 4; i < 8; i++) views[NEXT_MASK + i - 4] = `m${i}:${next.slice(0, i)}_${next.slice(i + 1)}`;
  return { views, estimated: isEstimatedDate(d) };
}

const level = (name: (typeof DATE_LEVELS)[number]) => DATE_LEVELS.indexOf(name);
const EXACT = level('exact');
const ONE_DIGIT = level('one_digit');
const SWAPPED = level('day_month_swapped');
const YEAR_OFF = level('year_off_one');
const ESTIMATED = level('estimated');
const ESTIMATED_YEAR_OFF = level('estimated_year_off');
const YEAR_OFF_AND_OTHER = level('year_off_and_other');
const SAME_YM = level('same_year_month');
const SAME_Y = level('same_year');
const ELSE = level('else');

/**
 * The date level of two records from their tokens (0 is "no such view"), or -1 when a side has no
 * date at all. The same order of tests as compareDates in clear text.
 */
export function dateLevel(
  A: Uint32Array,
  ao: number,
  estimatedA: boolean,
  B: Uint32Array,
  bo: number,
  estimatedB: boolean,
): number {
  const ya = A[ao + Y];
  const yb = B[bo + Y];
  if (ya === 0 || yb === 0) return -1;
  const fa = A[ao + FULL];
  const fb = B[bo + FULL];
  const yearOff = A[ao + NEXT_Y] === yb || B[bo + NEXT_Y] === ya;
  if (fa === 0 || fb === 0) return ya === yb ? ESTIMATED : yearOff ? ESTIMATED_YEAR_OFF : ELSE;
  if (fa === fb) return EXACT;
  // As in clear text: an estimated date is compared by its year alone (see compareDates).
  if (estimatedA || estimatedB) return ya === yb ? ESTIMATED : yearOff ? ESTIMATED_YEAR_OFF : ELSE;
  if (A[ao + NEXT] === fb || B[bo + NEXT] === fa) return YEAR_OFF;
  for (let i = MASK; i < MASK + 8; i++) {
    // As in clear text, the year's last digit off is not a one-digit error (see compareDates).
    if (i !== MASK + YEAR_LAST_DIGIT && A[ao + i] === B[bo + i]) return ONE_DIGIT;
  }
  if (A[ao + SWAP] === fb) return SWAPPED;
  // A year off and day and month swapped, or a year off and one digit of day or month off.
  if (A[ao + NEXT_SWAP] === fb || B[bo + NEXT_SWAP] === fa) return YEAR_OFF_AND_OTHER;
  for (let i = 0; i < 4; i++) {
    if (A[ao + NEXT_MASK + i] === B[bo + MASK + 4 + i] || B[bo + NEXT_MASK + i] === A[ao + MASK + 4 + i])
      return YEAR_OFF_AND_OTHER;
  }
  if (A[ao + YM] === B[bo + YM]) return SAME_YM;
  return ya === yb ? SAME_Y : ELSE;
}
