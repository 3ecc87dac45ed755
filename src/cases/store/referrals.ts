import type { AccessTx } from '../../access/context.ts';
import { NotFound } from '../../access/context.ts';
import { conflict, invalidInput, label, Problem } from '../../domain/problem.ts';
import { dutchDate } from '../../domain/validate/date.ts';
import {
  PROFILE_CONTAINS,
  PROFILE_PURPOSES,
  REFERRAL_TRANSITIONS,
  type ReferralAction,
  type ReferralState,
  referralStepRefusal,
} from '../lifecycle.ts';
import { CASE_NOT_FOUND, closedCase, history, profileOf } from './cases.ts';
import { getCase } from './read.ts';
import { referralRow, referralView } from './referral-view.ts';
import './tables.ts';
import { notify } from '../notifications/notify.ts';

export const REFERRAL_NOT_FOUND = 'Verwijzing niet gevonden / Referral not found';
export interface Consent {
  givenBy: 'data_subject' | 'legal_representative';
  name: string;
  givenOn: string;
  scope: string;
  recordedHow: 'written' | 'digital' | 'verbal_noted';
}

export interface ReferralInput {
  toOrgId: string;
  profile: 'care' | 'administrative' | 'criminal';
  purpose: string;
  legalBasis: 'consent' | 'legal_obligation' | 'public_task' | 'vital_interest';
  legalBasisNote?: string;
  consent?: Consent;
  endsOn: string;
  note?: string;
}

const today = () => dutchDate(new Date());
function addDays(day: string, days: number) {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function refused(code: string, nl: string, en: string, field?: string) {
  return new Problem(403, code, label(nl, en), field);
}

/**
 * Shares (part of) a case with another organisation under a profile, for a purpose and on a legal basis;
 * consent, when it is the basis, is registered with the referral and checked. The lead shares any profile;
 * a recipient may pass on only what its own profile contains (never more than it received).
 */
export async function createReferral(tx: AccessTx, caseId: string, input: ReferralInput) {
  const decision = await tx.authorize('create', 'case_referral');
  const row = await tx.db
    .selectFrom('cases')
    .select(['id', 'reference', 'state', 'lead_org_id', profileOf('cases.id').as('access_profile')])
    .where('id', '=', caseId)
    .executeTakeFirst();
  if (!row?.access_profile) throw new NotFound(CASE_NOT_FOUND);
  if (row.state === 'closed') throw closedCase();
  if (row.access_profile !== 'lead' && !PROFILE_CONTAINS[row.access_profile]?.includes(input.profile)) {
    throw refused(
      'beyond_profile',
      `U ontving deze zaak met het profiel ${row.access_profile} en kunt niet verder delen met profiel ${input.profile}`,
      `You received this case under the ${row.access_profile} profile and cannot share it on under the ${input.profile} profile`,
      'profile',
    );
  }
  if (input.toOrgId === tx.actor.orgId) {
    throw invalidInput(
      'toOrgId',
      label('U kunt niet naar uw eigen organisatie verwijzen', 'You cannot refer to your own organisation'),
    );
  }
  if (input.toOrgId === row.lead_org_id) {
    throw invalidInput(
      'toOrgId',
      label('Deze organisatie voert de regie over de zaak', 'This organisation leads the case'),
    );
  }
  const org = await tx.db
    .selectFrom('organisations')
    .select('id')
    .where('id', '=', input.toOrgId)
    .executeTakeFirst();
  if (!org)
    throw invalidInput('toOrgId', label('Deze organisatie bestaat niet', 'This organisation does not exist'));
  if (!PROFILE_PURPOSES[input.profile].includes(input.purpose)) {
    throw invalidInput(
      'purpose',
      label(
        `Doel ${input.purpose} past niet bij profiel ${input.profile}; kies uit ${PROFILE_PURPOSES[input.profile].join(', ')}`,
        `Purpose ${input.purpose} does not fit profile ${input.profile}; choose from ${PROFILE_PURPOSES[input.profile].join(', ')}`,
      ),
    );
  }
  const now = today();
  if (input.endsOn <= now) {
    throw invalidInput(
      'endsOn',
      label('De einddatum moet na vandaag liggen', 'The end date must be after today'),
    );
  }
  if (input.endsOn > addDays(now, 366)) {
    throw invalidInput(
      'endsOn',
      label('Een verwijzing loopt hoogstens een jaar', 'A referral runs for a year at most'),
    );
  }
  if (input.legalBasis === 'consent') {
    const consent = input.consent;
    if (!consent) {
      throw invalidInput(
        'consent',
        label(
          'Registreer eerst de toestemming (wie, wanneer, waarvoor, hoe vastgelegd)',
          'Register the consent first (who, when, scope, how recorded)',
        ),
      );
    }
    if (consent.givenOn > now) {
      throw invalidInput(
        'consent.givenOn',
        label('Toestemming kan niet in de toekomst gegeven zijn', 'Consent cannot be given in the future'),
      );
    }
    if (consent.givenOn < addDays(now, -365)) {
      throw invalidInput(
        'consent.givenOn',
        label(
          'De toestemming is ouder dan een jaar; vraag haar opnieuw',
          'The consent is older than a year; ask for it again',
        ),
      );
    }
  } else if (input.consent) {
    throw invalidInput(
      'consent',
      label(
        'Toestemming hoort alleen bij grondslag toestemming',
        'Consent belongs only with the legal basis consent',
      ),
    );
  }
  const live = await tx.db
    .selectFrom('case_referrals')
    .select('id')
    .where('case_id', '=', caseId)
    .where('to_org_id', '=', input.toOrgId)
    .where('profile', '=', input.profile)
    .where('state', 'in', ['pending', 'accepted'])
    .where('ends_on', '>=', now)
    .executeTakeFirst();
  if (live) {
    throw conflict(
      label(
        'Er loopt al een verwijzing met dit profiel naar deze organisatie',
        'A referral under this profile to this organisation is already live',
      ),
      'toOrgId',
      'referral_exists',
    );
  }
  const created = await tx.db
    .insertInto('case_referrals')
    .values({
      case_id: caseId,
      case_reference: row.reference,
      from_org_id: tx.actor.orgId,
      to_org_id: input.toOrgId,
      created_by: tx.actor.userId,
      profile: input.profile,
      purpose: input.purpose,
      legal_basis: input.legalBasis,
      legal_basis_note: input.legalBasisNote ?? '',
      consent: input.consent ? JSON.stringify(input.consent) : null,
      note: input.note ?? '',
      ends_on: input.endsOn,
    })
    .returning(['id', 'state'])
    .executeTakeFirstOrThrow();
  tx.record(
    decision,
    [created.id, caseId],
    ['to_org_id', 'profile', 'purpose', 'legal_basis', 'consent', 'ends_on'],
  );
  await history(tx, caseId, 'referral_created', {
    referralId: created.id,
    toOrgId: input.toOrgId,
    profile: input.profile,
    purpose: input.purpose,
    legalBasis: input.legalBasis,
  });
  await notify(tx, input.toOrgId, 'referral_received', '/verwijzingen');
  return { id: created.id, state: created.state };
}

/** accept / decline (reason) / complete by the recipient; revoke by the sender, which ends access at once. */
export async function transitionReferral(
  tx: AccessTx,
  id: string,
  step: { action: ReferralAction; reason?: string },
) {
  const decision = await tx.authorize('transition', 'case_referral');
  const row = await tx.db
    .selectFrom('case_referrals as r')
    .selectAll('r')
    .where('r.id', '=', id)
    .where((eb) => decision.where(eb, 'r'))
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new NotFound(REFERRAL_NOT_FOUND);
  const rule = REFERRAL_TRANSITIONS[step.action];
  const side = rule.by === 'recipient' ? row.to_org_id : row.from_org_id;
  if (side !== tx.actor.orgId) {
    throw refused(
      'wrong_side',
      rule.by === 'recipient'
        ? 'Alleen de ontvangende organisatie zet deze stap'
        : 'Alleen de verwijzende organisatie kan de verwijzing intrekken',
      rule.by === 'recipient'
        ? 'Only the receiving organisation takes this step'
        : 'Only the referring organisation can revoke the referral',
      'action',
    );
  }
  const refusal = referralStepRefusal(row.state as ReferralState, step.action);
  if (refusal) throw conflict(refusal, 'action', 'transition_not_allowed');
  if (step.action === 'accept' && row.ends_on < today()) {
    throw conflict(label('De verwijzing is verlopen', 'The referral has lapsed'), 'endsOn', 'lapsed');
  }
  const reason = step.reason?.trim() ?? '';
  if (step.action === 'decline' && !reason) {
    throw invalidInput('reason', label('Geef een reden om te weigeren', 'Give a reason for declining'));
  }
  const at = new Date();
  await tx.db
    .updateTable('case_referrals')
    .set({
      state: rule.to,
      ...(step.action === 'accept' || step.action === 'decline'
        ? { decided_by: tx.actor.userId, decided_at: at }
        : {}),
      ...(step.action === 'decline' ? { decline_reason: reason } : {}),
      ...(step.action === 'revoke' ? { revoked_at: at } : {}),
      ...(step.action === 'complete' ? { completed_at: at } : {}),
    })
    .where('id', '=', id)
    .execute();
  tx.record(decision, [id], ['state'], reason || undefined);
  await history(
    tx,
    row.case_id,
    `referral_${step.action}`,
    { referralId: id, toOrgId: row.to_org_id },
    {
      from: row.state,
      to: rule.to,
      note: reason || null,
    },
  );
  return { id, state: rule.to };
}

/** The in/out overview of one's own organisation: referrals with their flags and the counts. */
export async function referralOverview(tx: AccessTx, direction: 'in' | 'out', state?: string) {
  const decision = await tx.authorize('read', 'case_referral');
  let query = referralView(tx)
    .where((eb) => decision.where(eb, 'r'))
    .where(direction === 'in' ? 'r.to_org_id' : 'r.from_org_id', '=', tx.actor.orgId);
  if (state) query = query.where('r.state', '=', state);
  const rows = (await query.limit(500).execute()).map(referralRow);
  const items = tx.disclose(decision, rows);
  const counts = {
    pending: rows.filter((r) => r.state === 'pending').length,
    accepted: rows.filter((r) => r.state === 'accepted' && !r.lapsed).length,
    overdue: rows.filter((r) => r.overdue).length,
    lapsing: rows.filter((r) => r.lapsing).length,
  };
  return { counts, items };
}

/**
 * Published (src/cases/index.ts): what a recipient may see of a referral made to its organisation: the
 * referral and exactly its profile's parts of the case, under the caller's access context. The caller must
 * act under the referral's purpose; a referral that is not accepted, lapsed or revoked shares nothing.
 */
export async function referralSharedParts(tx: AccessTx, referralId: string) {
  const decision = await tx.authorize('read', 'case_referral');
  const row = await referralView(tx)
    .where('r.id', '=', referralId)
    .where('r.to_org_id', '=', tx.actor.orgId)
    .where((eb) => decision.where(eb, 'r'))
    .executeTakeFirst();
  if (!row) throw new NotFound(REFERRAL_NOT_FOUND);
  const [referral] = tx.disclose(decision, [referralRow(row)]);
  if (row.state !== 'accepted' || row.lapsed || row.purpose !== tx.purpose) {
    return { referral, case: null };
  }
  const shared = await getCase(tx, row.case_id);
  return { referral, case: shared };
}
