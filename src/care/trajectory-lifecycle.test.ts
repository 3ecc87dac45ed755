import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  canClose,
  PHASE_STATES,
  PHASE_STEPS,
  type PhaseAction,
  phaseStep,
  uncovered,
} from './trajectory-lifecycle.ts';

describe('care trajectory lifecycle', () => {
  it('runs planned → active → handover proposed → handed over, with the receiver confirming', () => {
    let state = phaseStep('planned', 'start', 'coordinator');
    assert.deepEqual(state, { ok: true, to: 'active' });
    state = phaseStep('active', 'propose_handover', 'coordinator');
    assert.deepEqual(state, { ok: true, to: 'handover_proposed' });
    assert.deepEqual(phaseStep('handover_proposed', 'confirm_handover', 'receiver'), {
      ok: true,
      to: 'handed_over',
    });
    assert.deepEqual(phaseStep('handover_proposed', 'refuse_handover', 'receiver'), {
      ok: true,
      to: 'active',
    });
  });

  it('refuses a step by the wrong party or from the wrong state, for every pair', () => {
    const actions = Object.keys(PHASE_STEPS) as PhaseAction[];
    for (const action of actions) {
      for (const state of PHASE_STATES) {
        const step = PHASE_STEPS[action];
        const other = step.by === 'coordinator' ? 'receiver' : 'coordinator';
        assert.equal(phaseStep(state, action, other).ok, false, `${action} by ${other}`);
        assert.equal(
          phaseStep(state, action, step.by).ok,
          step.from.includes(state),
          `${action} from ${state}`,
        );
      }
    }
    const wrong = phaseStep('completed', 'start', 'coordinator');
    assert.equal(wrong.ok, false);
    if (!wrong.ok) assert.match(wrong.reason.en, /completed/);
  });

  it('closes only when no phase is active or waiting, and names fields the consent does not cover', () => {
    assert.equal(canClose(['handed_over', 'completed', 'planned']), true);
    assert.equal(canClose(['handed_over', 'active']), false);
    assert.equal(canClose(['handover_proposed']), false);
    assert.deepEqual(uncovered(['needs', 'safety', 'identity'], ['needs', 'languages']), [
      'safety',
      'identity',
    ]);
    assert.deepEqual(uncovered(['needs'], ['needs']), []);
  });
});
