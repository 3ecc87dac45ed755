/**
 * The reflection period's dates (Vreemdelingencirculaire 2000, B8/3: up to three months). Dates are
 * 'YYYY-MM-DD' strings throughout, computed in UTC on the calendar day, so no time zone can move them.
 */
export const MAX_MONTHS = 3;
/** Days before the deadline from which the clock warns. */
export const WARN_DAYS = 14;

export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export type ClockStatus = 'offered' | 'running' | 'warning' | 'overdue' | 'ended';

export interface Clock {
  status: ClockStatus;
  daysLeft: number | null;
}

/** Where the clock stands today: running, warning in the last WARN_DAYS days, overdue after the deadline. */
export function reflectionClock(
  period: { started_on: string | null; ends_on: string | null; ended_on: string | null },
  today: string,
): Clock {
  if (period.ended_on) return { status: 'ended', daysLeft: null };
  if (!period.started_on || !period.ends_on) return { status: 'offered', daysLeft: null };
  const daysLeft = daysBetween(today, period.ends_on);
  if (daysLeft < 0) return { status: 'overdue', daysLeft };
  if (daysLeft <= WARN_DAYS) return { status: 'warning', daysLeft };
  return { status: 'running', daysLeft };
}
