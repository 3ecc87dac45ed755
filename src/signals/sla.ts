import { z } from 'zod';
import { dutchDate } from '../domain/validate/date.ts';

/**
 * The SLA clock counts working days in the Netherlands: weekends and national public holidays
 * do not count. Liberation Day (5 May) is a day off only every fifth year in most collective
 * agreements, so it is left out; extra closing days can be configured.
 */
export const slaConfigSchema = z
  .strictObject({
    /** Working days elapsed at which the clock turns amber. */
    amberAfterWorkingDays: z.int().min(0).max(250),
    /** The deadline, e.g. first assessment within 5 working days; red once it has passed. */
    deadlineWorkingDays: z.int().min(1).max(250),
    /** Extra non-working dates. */
    extraHolidays: z.array(z.iso.date()).max(100).optional(),
  })
  .refine((config) => config.amberAfterWorkingDays <= config.deadlineWorkingDays, {
    path: ['amberAfterWorkingDays'],
    message: 'amber must come before the deadline',
    params: {
      code: 'sla_amber_after_deadline',
      nl: 'Oranje moet vóór of op de termijn liggen',
      en: 'Amber must come at or before the deadline',
    },
  });

export type SlaConfig = z.output<typeof slaConfigSchema>;

export const DEFAULT_SLA: SlaConfig = { amberAfterWorkingDays: 3, deadlineWorkingDays: 5 };

export type SlaStatus = 'green' | 'amber' | 'red';

export interface SlaClock {
  elapsedWorkingDays: number;
  /** Working days left until the deadline, today excluded; negative: that many working days late. */
  remainingWorkingDays: number;
  status: SlaStatus;
  /** The last working day within the deadline, `YYYY-MM-DD`; the clock is red from the day after. */
  dueDate: string;
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return isoDate(d);
}

/** Easter Sunday (anonymous Gregorian algorithm). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const holidayCache = new Map<number, Set<string>>();

/** Dutch national public holidays of a year. */
export function dutchHolidays(year: number): ReadonlySet<string> {
  let days = holidayCache.get(year);
  if (!days) {
    const easter = easterSunday(year);
    // King's Day moves to the 26th when the 27th is a Sunday.
    const kingsDay =
      new Date(`${year}-04-27T00:00:00Z`).getUTCDay() === 0 ? `${year}-04-26` : `${year}-04-27`;
    days = new Set([
      `${year}-01-01`,
      addDays(easter, -2), // Good Friday: a day off for government and most employers
      easter,
      addDays(easter, 1),
      kingsDay,
      addDays(easter, 39), // Ascension Day
      addDays(easter, 49),
      addDays(easter, 50), // Whit Monday
      `${year}-12-25`,
      `${year}-12-26`,
    ]);
    holidayCache.set(year, days);
  }
  return days;
}

export function isWorkingDay(date: string, extraHolidays: readonly string[] = []): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !dutchHolidays(Number(date.slice(0, 4))).has(date) && !extraHolidays.includes(date);
}

/**
 * Working days that have passed since the clock started: the days after the start day, up to and
 * including today (Dutch calendar). A signal received on Friday has 1 working day elapsed on Monday.
 */
export function slaClock(startedAt: Date, now: Date, config: SlaConfig = DEFAULT_SLA): SlaClock {
  const extra = config.extraHolidays ?? [];
  const start = dutchDate(startedAt);
  const today = dutchDate(now);
  let elapsed = 0;
  for (let day = addDays(start, 1); day <= today; day = addDays(day, 1)) {
    if (isWorkingDay(day, extra)) elapsed++;
  }
  let dueDate = start;
  for (let counted = 0; counted < config.deadlineWorkingDays; ) {
    dueDate = addDays(dueDate, 1);
    if (isWorkingDay(dueDate, extra)) counted++;
  }
  const status: SlaStatus =
    elapsed > config.deadlineWorkingDays
      ? 'red'
      : elapsed >= config.amberAfterWorkingDays
        ? 'amber'
        : 'green';
  return {
    elapsedWorkingDays: elapsed,
    remainingWorkingDays: config.deadlineWorkingDays - elapsed,
    status,
    dueDate,
  };
}
