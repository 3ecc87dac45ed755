import assert from 'node:assert/strict';
import { test } from 'node:test';
import { slaClock } from './sla.ts';

test('the clock says how many working days are left, and how many late once overdue', () => {
  // Received Friday 4 December 2026; five working days: due Friday 11 December.
  const received = new Date('2026-12-04T09:00:00+01:00');
  const fresh = slaClock(received, new Date('2026-12-04T15:00:00+01:00'));
  assert.deepEqual(fresh, {
    elapsedWorkingDays: 0,
    remainingWorkingDays: 5,
    status: 'green',
    dueDate: '2026-12-11',
  });
  assert.equal(slaClock(received, new Date('2026-12-11T12:00:00+01:00')).remainingWorkingDays, 0);
  const late = slaClock(received, new Date('2026-12-15T12:00:00+01:00'));
  assert.equal(late.status, 'red');
  assert.equal(late.remainingWorkingDays, -2);
});
