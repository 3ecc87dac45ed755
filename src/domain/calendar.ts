/** Calendar arithmetic for legal deadlines, on plain dates (YYYY-MM-DD), free of time zones. */

/** The UTC day of a Date made by calendar arithmetic below (UTC midnight). Dates from the database
 * are already 'YYYY-MM-DD' text (store/connect.ts); today's day is `dutchDate` in domain/validate. */
function isoDate(value: Date): string {
  return value.toISOString().slice(0, 10);
}

/**
 * The same day `months` later; a day that month lacks becomes its last day (31 January + 1 month is
 * 28 or 29 February), as periods are counted under the Algemene termijnenwet and art. 12(3) AVG.
 */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return isoDate(target);
}
