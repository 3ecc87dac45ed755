import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addMonths, daysBetween, reflectionClock } from './reflection-clock.ts';

test('three months from a date, clamped to the last day of a shorter month', () => {
  assert.equal(addMonths('2026-01-15', 3), '2026-04-15');
  assert.equal(addMonths('2025-11-30', 3), '2026-02-28');
  assert.equal(addMonths('2026-10-31', 3), '2027-01-31');
});

test('the clock: offered, running, warning in the last fourteen days, overdue, ended', () => {
  const period = { started_on: '2026-01-01', ends_on: '2026-04-01', ended_on: null };
  assert.deepEqual(reflectionClock({ started_on: null, ends_on: null, ended_on: null }, '2026-01-01'), {
    status: 'offered',
    daysLeft: null,
  });
  assert.equal(reflectionClock(period, '2026-02-01').status, 'running');
  assert.deepEqual(reflectionClock(period, '2026-03-18'), { status: 'warning', daysLeft: 14 });
  assert.deepEqual(reflectionClock(period, '2026-04-02'), { status: 'overdue', daysLeft: -1 });
  assert.equal(reflectionClock({ ...period, ended_on: '2026-03-01' }, '2026-05-01').status, 'ended');
  // Across the change to summer time (29 March 2026) a day is still a day.
  assert.equal(daysBetween('2026-03-28', '2026-03-30'), 2);
});
