import type { Label } from '../domain/label.ts';
import type { RouteCode } from './routes.ts';

/**
 * The life of a signal: received → in_triage → routed → accepted | declined → closed.
 * A declined signal goes back to triage; it never disappears. Triage may also close a signal
 * itself (a duplicate, no indication of trafficking). Pure: the store records each transition.
 */
export const SIGNAL_STATES = ['received', 'in_triage', 'routed', 'accepted', 'declined', 'closed'] as const;
export type SignalState = (typeof SIGNAL_STATES)[number];

export const DECLINE_REASONS = ['not_competent', 'insufficient_information', 'no_capacity', 'other'] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

export const OUTCOMES = [
  'investigation_started',
  'administrative_action',
  'care_provided',
  'referred_elsewhere',
  'no_indication',
  'duplicate',
  'insufficient_information',
  'other',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

export type TransitionAction =
  | { action: 'start_triage' }
  | { action: 'route'; route: RouteCode; team: string }
  | { action: 'accept' }
  | { action: 'decline'; reason: DeclineReason }
  | { action: 'retriage' }
  | { action: 'close'; outcome: Outcome }
  /** A note of the team (or triage) without a change of state; the reporter never sees it. */
  | { action: 'note' };

export type ActionName = TransitionAction['action'];

/** Who acts, as the access layer knows them. */
export interface Actor {
  userId: string;
  organisationId: string;
  role: string;
}

export type TransitionRequest = TransitionAction & {
  actor: Actor;
  at: Date;
  /** Why: required when declining or closing, optional otherwise. */
  note?: string;
};

export interface Transition {
  from: SignalState;
  to: SignalState;
  action: TransitionAction;
  actor: Actor;
  at: string;
  note?: string;
}

interface Rule {
  from: readonly SignalState[];
  /** The state after the step; `unchanged` for a note. */
  to: SignalState | 'unchanged';
  /** Roles allowed to take this step; the access layer also checks the organisation and purpose. */
  roles: readonly string[];
  noteRequired: boolean;
}

const RECEIVING_ROLES = ['investigator', 'care_coordinator', 'municipal_coordinator', 'triage'] as const;

export const TRANSITIONS: Record<ActionName, Rule> = {
  start_triage: { from: ['received'], to: 'in_triage', roles: ['triage'], noteRequired: false },
  route: { from: ['in_triage'], to: 'routed', roles: ['triage'], noteRequired: false },
  accept: { from: ['routed'], to: 'accepted', roles: RECEIVING_ROLES, noteRequired: false },
  decline: { from: ['routed'], to: 'declined', roles: RECEIVING_ROLES, noteRequired: true },
  retriage: { from: ['declined'], to: 'in_triage', roles: ['triage'], noteRequired: false },
  // Triage closes what needs no route; the receiving team closes what it accepted.
  close: {
    from: ['in_triage', 'accepted'],
    to: 'closed',
    roles: ['triage', ...RECEIVING_ROLES],
    noteRequired: true,
  },
  note: {
    from: ['in_triage', 'routed', 'accepted'],
    to: 'unchanged',
    roles: ['triage', ...RECEIVING_ROLES],
    noteRequired: true,
  },
};

function after(rule: Rule, state: SignalState): SignalState {
  return rule.to === 'unchanged' ? state : rule.to;
}

export interface TransitionError {
  code: 'transition_not_allowed' | 'role_not_allowed' | 'note_required';
  message: Label;
}

export type TransitionResult = { ok: true; transition: Transition } | { ok: false; error: TransitionError };

export const STATE_LABELS: Record<SignalState, Label> = {
  received: { nl: 'Ontvangen', en: 'Received' },
  in_triage: { nl: 'In triage', en: 'In triage' },
  routed: { nl: 'Doorgezet', en: 'Routed' },
  accepted: { nl: 'Geaccepteerd', en: 'Accepted' },
  declined: { nl: 'Geweigerd', en: 'Declined' },
  closed: { nl: 'Afgesloten', en: 'Closed' },
};

/** Checks a requested step against the current state and returns the transition to record, or why not. */
export function transition(state: SignalState, request: TransitionRequest): TransitionResult {
  const rule = TRANSITIONS[request.action];
  if (!rule.from.includes(state)) {
    return {
      ok: false,
      error: {
        code: 'transition_not_allowed',
        message: {
          nl: `Kan niet ${request.action} vanuit status ${STATE_LABELS[state].nl}`,
          en: `Cannot ${request.action} from state ${STATE_LABELS[state].en}`,
        },
      },
    };
  }
  if (!rule.roles.includes(request.actor.role)) {
    return {
      ok: false,
      error: {
        code: 'role_not_allowed',
        message: {
          nl: `De rol ${request.actor.role} mag deze stap (${request.action}) niet zetten`,
          en: `The role ${request.actor.role} may not take this step (${request.action})`,
        },
      },
    };
  }
  const note = request.note?.trim();
  if (rule.noteRequired && !note) {
    return {
      ok: false,
      error: {
        code: 'note_required',
        message: { nl: 'Geef een toelichting bij deze stap', en: 'Give an explanation for this step' },
      },
    };
  }
  const { actor, at, note: _note, ...action } = request;
  return {
    ok: true,
    transition: {
      from: state,
      to: after(rule, state),
      action: action as TransitionAction,
      actor,
      at: at.toISOString(),
      ...(note ? { note } : {}),
    },
  };
}

/** Replays recorded transitions to the current state, refusing a history that skips a step. */
export function replay(transitions: readonly Transition[]): SignalState {
  let state: SignalState = 'received';
  for (const [index, step] of transitions.entries()) {
    if (step.from !== state || !TRANSITIONS[step.action.action].from.includes(state)) {
      throw new Error(`transition ${index} goes from ${step.from} but the signal is ${state}`);
    }
    state = after(TRANSITIONS[step.action.action], state);
  }
  return state;
}

/** The states in which a signal waits in the triage queue. */
export const TRIAGE_QUEUE_STATES: readonly SignalState[] = ['received', 'in_triage', 'declined'];
