import type { Label } from '../domain/label.ts';

/**
 * The life of a case and of a referral, as data (like src/signals/lifecycle.ts). Pure: the store records
 * each step in `case_history`.
 *
 * Case: open → on_hold ↔ open → closed (with an outcome and a reason). Closing a case that still has open
 * tasks needs a reason that says why (the reason is always required; with open tasks it must be given even
 * when the outcome would otherwise speak for itself).
 * Referral: pending → accepted | declined (reason) → completed; the sender revokes a pending or accepted one.
 */
export const CASE_STATES = ['open', 'on_hold', 'closed'] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const CASE_OUTCOMES = [
  'referred_to_prosecution',
  'administrative_measure',
  'care_only',
  'no_trafficking',
  'transferred',
  'other',
] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

export const APPROACHES = ['criminal', 'administrative', 'care'] as const;
export const PERSON_ROLES = ['possible_victim', 'suspect', 'witness', 'facilitator', 'other'] as const;
export const EVENT_KINDS = ['recruitment', 'transport', 'exploitation', 'exit', 'other'] as const;
export const ADDRESS_KINDS = ['premises', 'residence', 'workplace', 'other'] as const;
export const IDENTIFIER_KINDS = ['phone', 'email', 'url', 'handle', 'plate', 'kvk', 'iban', 'other'] as const;
export const TASK_STATES = ['open', 'done', 'cancelled'] as const;
export const LEGAL_BASES = ['consent', 'legal_obligation', 'public_task', 'vital_interest'] as const;

export type CaseAction = 'hold' | 'resume' | 'close';

export const CASE_TRANSITIONS: Record<CaseAction, { from: readonly CaseState[]; to: CaseState }> = {
  hold: { from: ['open'], to: 'on_hold' },
  resume: { from: ['on_hold'], to: 'open' },
  close: { from: ['open', 'on_hold'], to: 'closed' },
};

export const CASE_STATE_LABELS: Record<CaseState, Label> = {
  open: { nl: 'Open', en: 'Open' },
  on_hold: { nl: 'Aangehouden', en: 'On hold' },
  closed: { nl: 'Gesloten', en: 'Closed' },
};

export const REFERRAL_STATES = ['pending', 'accepted', 'declined', 'completed', 'revoked'] as const;
export type ReferralState = (typeof REFERRAL_STATES)[number];
export type ReferralAction = 'accept' | 'decline' | 'complete' | 'revoke';

/** Which side takes each step: the recipient answers and completes, the sender revokes. */
export const REFERRAL_TRANSITIONS: Record<
  ReferralAction,
  { from: readonly ReferralState[]; to: ReferralState; by: 'recipient' | 'sender' }
> = {
  accept: { from: ['pending'], to: 'accepted', by: 'recipient' },
  decline: { from: ['pending'], to: 'declined', by: 'recipient' },
  complete: { from: ['accepted'], to: 'completed', by: 'recipient' },
  revoke: { from: ['pending', 'accepted'], to: 'revoked', by: 'sender' },
};

const REFERRAL_STATE_LABELS: Record<ReferralState, Label> = {
  pending: { nl: 'In afwachting', en: 'Pending' },
  accepted: { nl: 'Geaccepteerd', en: 'Accepted' },
  declined: { nl: 'Geweigerd', en: 'Declined' },
  completed: { nl: 'Afgerond', en: 'Completed' },
  revoked: { nl: 'Ingetrokken', en: 'Revoked' },
};

/** Why a case step is not allowed, or null. */
export function caseStepRefusal(state: CaseState, action: CaseAction): Label | null {
  if (CASE_TRANSITIONS[action].from.includes(state)) return null;
  return {
    nl: `Stap ${action} kan niet vanuit status ${CASE_STATE_LABELS[state].nl}`,
    en: `Step ${action} is not possible from state ${CASE_STATE_LABELS[state].en}`,
  };
}

/** Why a referral step is not allowed, or null. */
export function referralStepRefusal(state: ReferralState, action: ReferralAction): Label | null {
  if (REFERRAL_TRANSITIONS[action].from.includes(state)) return null;
  return {
    nl: `Stap ${action} kan niet bij een verwijzing met status ${REFERRAL_STATE_LABELS[state].nl}`,
    en: `Step ${action} is not possible on a referral that is ${REFERRAL_STATE_LABELS[state].en}`,
  };
}

/** The profiles a profile contains: what a recipient may pass on (never more than it received). */
export const PROFILE_CONTAINS: Record<string, readonly string[]> = {
  criminal: ['criminal', 'administrative', 'care'],
  administrative: ['administrative'],
  care: ['care'],
};

/** The purposes a referral under each profile may be made for. */
export const PROFILE_PURPOSES: Record<string, readonly string[]> = {
  care: ['care_coordination', 'case_consultation'],
  administrative: ['administrative_enforcement', 'case_consultation'],
  criminal: ['criminal_investigation', 'case_consultation'],
};
