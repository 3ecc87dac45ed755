import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type Actor,
  replay,
  type SignalState,
  type Transition,
  type TransitionRequest,
  transition,
} from './lifecycle.ts';
import { DEFAULT_SLA, dutchHolidays, easterSunday, isWorkingDay, slaClock, slaConfigSchema } from './sla.ts';

const triager: Actor = { userId: 'u-triage', organisationId: 'o-1', role: 'triage' };
const investigator: Actor = { userId: 'u-inv', organisationId: 'o-2', role: 'investigator' };
const intake: Actor = { userId: 'u-intake', organisationId: 'o-3', role: 'intake' };
const at = new Date('2024-06-17T09:00:00Z');

type StepRequest = TransitionRequest extends infer R
  ? R extends TransitionRequest
    ? Omit<R, 'at'>
    : never
  : never;

function step(state: SignalState, request: StepRequest): Transition {
  const result = transition(state, { ...request, at } as TransitionRequest);
  assert.ok(result.ok, JSON.stringify(!result.ok && result.error));
  return result.transition;
}

describe('signal lifecycle', () => {
  it('runs received → in_triage → routed → accepted → closed, recording who, when and why', () => {
    const history: Transition[] = [];
    history.push(step('received', { action: 'start_triage', actor: triager }));
    history.push(
      step('in_triage', { action: 'route', route: 'police_avim', team: 'avim-amsterdam', actor: triager }),
    );
    history.push(step('routed', { action: 'accept', actor: investigator }));
    history.push(
      step('accepted', {
        action: 'close',
        outcome: 'investigation_started',
        actor: investigator,
        note: 'Onderzoek X',
      }),
    );
    assert.deepEqual(
      history.map((t) => t.to),
      ['in_triage', 'routed', 'accepted', 'closed'],
    );
    assert.equal(replay(history), 'closed');
    assert.deepEqual(history[1].action, { action: 'route', route: 'police_avim', team: 'avim-amsterdam' });
    assert.equal(history[3].note, 'Onderzoek X');
    assert.equal(history[3].actor.userId, 'u-inv');
    assert.equal(history[3].at, '2024-06-17T09:00:00.000Z');
  });

  it('sends a declined signal back to triage instead of dropping it', () => {
    const declined = step('routed', {
      action: 'decline',
      reason: 'not_competent',
      actor: investigator,
      note: 'Geen strafbaar feit',
    });
    assert.equal(declined.to, 'declined');
    const back = step('declined', { action: 'retriage', actor: triager });
    assert.equal(back.to, 'in_triage');
    const rerouted = step('in_triage', {
      action: 'route',
      route: 'care_coordinator',
      team: 'zorg-utrecht',
      actor: triager,
    });
    assert.equal(rerouted.to, 'routed');
  });

  it('requires a note when declining or closing', () => {
    const result = transition('routed', {
      action: 'decline',
      reason: 'other',
      actor: investigator,
      at,
      note: '  ',
    });
    assert.ok(!result.ok);
    assert.equal(result.error.code, 'note_required');
  });

  it('refuses steps that skip a state or that the role may not take', () => {
    for (const [state, request] of [
      ['received', { action: 'route', route: 'riec', team: 't', actor: triager }],
      ['routed', { action: 'close', outcome: 'duplicate', actor: triager, note: 'x' }],
      ['closed', { action: 'retriage', actor: triager }],
      ['declined', { action: 'close', outcome: 'other', actor: triager, note: 'x' }],
    ] as const) {
      const result = transition(state, { ...request, at } as TransitionRequest);
      assert.ok(!result.ok, `${state} ${request.action}`);
      assert.equal(result.error.code, 'transition_not_allowed');
    }
    const byIntake = transition('received', { action: 'start_triage', actor: intake, at });
    assert.ok(!byIntake.ok);
    assert.equal(byIntake.error.code, 'role_not_allowed');
    assert.ok(byIntake.error.message.nl.includes('intake'));
  });

  it('lets triage close a signal without routing it', () => {
    assert.equal(
      step('in_triage', { action: 'close', outcome: 'duplicate', actor: triager, note: 'Zie melding 12' }).to,
      'closed',
    );
  });

  it('lets the team add notes without changing the state; a note needs text and a team to act on', () => {
    const history = [
      step('received', { action: 'start_triage', actor: triager }),
      step('in_triage', { action: 'route', route: 'police_avim', team: 't', actor: triager }),
      step('routed', { action: 'note', actor: investigator, note: 'Eerst navragen bij wijkagent' }),
      step('routed', { action: 'accept', actor: investigator }),
      step('accepted', { action: 'note', actor: investigator, note: 'Huisbezoek gepland' }),
    ];
    assert.deepEqual(
      history.map((t) => t.to),
      ['in_triage', 'routed', 'routed', 'accepted', 'accepted'],
    );
    assert.equal(replay(history), 'accepted');
    const empty = transition('accepted', { action: 'note', actor: investigator, at, note: ' ' });
    assert.ok(!empty.ok && empty.error.code === 'note_required');
    const reporter = transition('accepted', { action: 'note', actor: intake, at, note: 'x' });
    assert.ok(!reporter.ok && reporter.error.code === 'role_not_allowed');
    const closed = transition('closed', { action: 'note', actor: investigator, at, note: 'x' });
    assert.ok(!closed.ok && closed.error.code === 'transition_not_allowed');
  });

  it('refuses to replay a history with a gap', () => {
    const skip = step('in_triage', { action: 'route', route: 'riec', team: 't', actor: triager });
    assert.throws(() => replay([skip]), /transition 0/);
  });
});

describe('SLA clock in working days', () => {
  it('computes Easter and the Dutch public holidays', () => {
    assert.equal(easterSunday(2024), '2024-03-31');
    assert.equal(easterSunday(2025), '2025-04-20');
    const days = dutchHolidays(2025);
    for (const day of [
      '2025-01-01',
      '2025-04-18',
      '2025-04-21',
      '2025-04-26',
      '2025-05-29',
      '2025-06-09',
      '2025-12-26',
    ]) {
      assert.ok(days.has(day), day);
    }
    assert.ok(dutchHolidays(2024).has('2024-04-27'));
    assert.ok(!isWorkingDay('2024-05-09')); // Ascension Day 2024
    assert.ok(isWorkingDay('2024-05-10'));
  });

  it('skips weekends: a signal from Friday has one working day elapsed on Monday', () => {
    const friday = new Date('2024-06-14T15:00:00Z');
    const clock = slaClock(friday, new Date('2024-06-17T08:00:00Z'));
    assert.equal(clock.elapsedWorkingDays, 1);
    assert.equal(clock.status, 'green');
    assert.equal(clock.dueDate, '2024-06-21');
  });

  it('turns amber at the configured day and red after the deadline', () => {
    const monday = new Date('2024-06-10T09:00:00Z');
    const status = (day: string) => slaClock(monday, new Date(`${day}T12:00:00Z`)).status;
    assert.equal(status('2024-06-12'), 'green'); // 2 days
    assert.equal(status('2024-06-13'), 'amber'); // 3 days
    assert.equal(status('2024-06-17'), 'amber'); // 5 days: the due date itself
    assert.equal(status('2024-06-18'), 'red');
    assert.equal(
      slaClock(monday, new Date('2024-06-18T12:00:00Z'), { ...DEFAULT_SLA, extraHolidays: ['2024-06-18'] })
        .status,
      'amber',
    );
  });

  it('pushes the due date past holidays', () => {
    // Received the Wednesday before Ascension Day 2024 (Thursday 9 May).
    const clock = slaClock(new Date('2024-05-08T10:00:00Z'), new Date('2024-05-08T10:00:00Z'));
    assert.equal(clock.dueDate, '2024-05-16');
    assert.equal(clock.elapsedWorkingDays, 0);
  });

  it('uses the Dutch calendar day, not UTC', () => {
    // 22:30 UTC on Sunday is already Monday in Amsterdam (summer time).
    const clock = slaClock(new Date('2024-06-09T22:30:00Z'), new Date('2024-06-11T08:00:00Z'));
    assert.equal(clock.elapsedWorkingDays, 1);
  });

  it('validates the configuration', () => {
    assert.ok(slaConfigSchema.safeParse({ amberAfterWorkingDays: 2, deadlineWorkingDays: 5 }).success);
    assert.ok(!slaConfigSchema.safeParse({ amberAfterWorkingDays: 6, deadlineWorkingDays: 5 }).success);
    assert.ok(!slaConfigSchema.safeParse({ amberAfterWorkingDays: 1, deadlineWorkingDays: 0 }).success);
  });
});
