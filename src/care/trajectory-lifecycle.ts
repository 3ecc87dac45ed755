import type { Label } from '../domain/label.ts';

/**
 * The phases of a care trajectory (trajectbenadering, issue 16 item 4), as data: which step may follow which,
 * and who takes it. A phase is planned, becomes active, and ends either completed (by the coordinator) or
 * handed over to the next phase's provider, who confirms the handover; refused, the phase stays active.
 * Pure: the store records each step (src/care/trajectories.ts).
 */
export const PHASES = ['acute', 'stabilisation', 'treatment', 'aftercare', 'return'] as const;
export type Phase = (typeof PHASES)[number];

export const PHASE_STATES = ['planned', 'active', 'handover_proposed', 'handed_over', 'completed'] as const;
export type PhaseState = (typeof PHASE_STATES)[number];

export const TRAJECTORY_OUTCOMES = ['independent_living', 'return_iom', 'other'] as const;
export type TrajectoryOutcome = (typeof TRAJECTORY_OUTCOMES)[number];

/** Fields of the client file a handover may carry; each needs the client's handover consent to cover it. */
export const HANDOVER_FIELDS = [
  'identity',
  'date_of_birth',
  'languages',
  'needs',
  'safety',
  'contact_channel',
  'forms',
  'immigration_status',
] as const;
export type HandoverField = (typeof HANDOVER_FIELDS)[number];

export type PhaseAction = 'start' | 'propose_handover' | 'confirm_handover' | 'refuse_handover' | 'complete';
export type Party = 'coordinator' | 'receiver';

interface Step {
  from: readonly PhaseState[];
  to: PhaseState;
  by: Party;
}

/** Every step of a phase: from which states, into which, by whom. The only place this is decided. */
export const PHASE_STEPS: Record<PhaseAction, Step> = {
  start: { from: ['planned'], to: 'active', by: 'coordinator' },
  propose_handover: { from: ['active'], to: 'handover_proposed', by: 'coordinator' },
  confirm_handover: { from: ['handover_proposed'], to: 'handed_over', by: 'receiver' },
  refuse_handover: { from: ['handover_proposed'], to: 'active', by: 'receiver' },
  complete: { from: ['active'], to: 'completed', by: 'coordinator' },
};

export type StepResult = { ok: true; to: PhaseState } | { ok: false; reason: Label };

export function phaseStep(state: PhaseState, action: PhaseAction, by: Party): StepResult {
  const step = PHASE_STEPS[action];
  if (step.by !== by) {
    return {
      ok: false,
      reason:
        step.by === 'receiver'
          ? {
              nl: 'Alleen de ontvangende aanbieder bevestigt of weigert',
              en: 'Only the receiving provider confirms or refuses',
            }
          : {
              nl: 'Alleen de zorgcoördinator zet deze stap',
              en: 'Only the care coordinator takes this step',
            },
    };
  }
  if (!step.from.includes(state)) {
    return {
      ok: false,
      reason: {
        nl: `Stap "${action}" kan niet vanuit fase-stand "${state}"`,
        en: `Step "${action}" is not possible from phase state "${state}"`,
      },
    };
  }
  return { ok: true, to: step.to };
}

/** A trajectory closes with an outcome once no phase is active or waiting for a handover. */
export function canClose(states: readonly PhaseState[]): boolean {
  return states.every((state) => state !== 'active' && state !== 'handover_proposed');
}

/** The fields a handover carries that the consent does not cover (empty: it may go). */
export function uncovered(fields: readonly string[], covers: readonly string[]): string[] {
  return fields.filter((field) => !covers.includes(field));
}
