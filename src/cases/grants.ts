import type { Grant, Rows } from '../access/grant.ts';
import { PURPOSES, type Purpose, type Role } from '../access/roles.ts';

/**
 * Who may do what on cases (issue 15). A case is its lead organisation's; another organisation reads it only
 * through a live referral (accepted, not revoked, not past its end date) made for the purpose it now acts
 * under, and then only the parts of the referral's profile. Every row condition asks the database function
 * `case_profile(case)` (migration 0200), which row-level security asks too, so grants and policies agree.
 * Queries select `case_profile(...) AS access_profile`, which the per-row tests read.
 */

export const CASE_ROLES: readonly Role[] = [
  'investigator',
  'care_coordinator',
  'municipal_coordinator',
  'consultation_chair',
];
export const CASE_PURPOSES: readonly Purpose[] = [
  'criminal_investigation',
  'administrative_enforcement',
  'care_coordination',
  'case_consultation',
];

export const PROFILES = ['care', 'administrative', 'criminal'] as const;
export type Profile = (typeof PROFILES)[number];
type Access = Profile | 'lead';

const PROFILE_NL: Record<Access, string> = {
  lead: 'zaken van de eigen organisatie (regie)',
  criminal: 'zaken gedeeld met het strafrechtelijke profiel',
  administrative: 'zaken gedeeld met het bestuurlijke profiel',
  care: 'zaken gedeeld met het zorgprofiel',
};
const PROFILE_EN: Record<Access, string> = {
  lead: "cases one's own organisation leads",
  criminal: 'cases shared under the criminal profile',
  administrative: 'cases shared under the administrative profile',
  care: 'cases shared under the care profile',
};

/**
 * Rows of a case table whose case the actor sees under one of these profiles, optionally narrowed by a
 * column's values (a person's role, an address's kind).
 */
export function caseRows(
  access: readonly Access[],
  caseColumn: string,
  narrow?: { column: string; values: readonly string[]; label: { nl: string; en: string } },
): Rows {
  const nl = access.map((a) => PROFILE_NL[a]).join(' of ');
  const en = access.map((a) => PROFILE_EN[a]).join(' or ');
  return {
    label: narrow ? { nl: `${narrow.label.nl} in ${nl}`, en: `${narrow.label.en} in ${en}` } : { nl, en },
    where: (eb, c) => {
      const profile = eb(eb.fn('case_profile', [eb.ref(c.ref(caseColumn))]), 'in', [...access]);
      return narrow ? eb.and([profile, eb(c.ref(narrow.column), 'in', [...narrow.values])]) : profile;
    },
    test: (row) =>
      access.includes(row.access_profile as Access) &&
      (!narrow || narrow.values.includes(row[narrow.column] as string)),
  };
}

export const CASE_FIELDS = [
  'id',
  'reference',
  'title',
  'summary',
  'lead_org_id',
  'lead_org_name',
  'owner_user_id',
  'owner_name',
  'approaches',
  'forms',
  'state',
  'outcome',
  'close_reason',
  'state_changed_at',
  'created_at',
  'access_profile',
  'signals',
  'open_tasks',
] as const;
/** What a recipient under the care or administrative profile sees of the case itself. */
const CASE_SHARED_FIELDS = [
  'id',
  'reference',
  'title',
  'lead_org_id',
  'lead_org_name',
  'approaches',
  'forms',
  'state',
  'access_profile',
] as const;

export const PERSON_FIELDS = [
  'id',
  'case_id',
  'role',
  'given_names',
  'prefix',
  'surname',
  'alias',
  'date_of_birth',
  'gender',
  'nationality',
  'phones',
  'emails',
  'minor',
  'care_needs',
  'remark',
  'source_signal_id',
  'access_profile',
] as const;
const CARE_PERSON_FIELDS = [
  'id',
  'case_id',
  'role',
  'given_names',
  'prefix',
  'surname',
  'date_of_birth',
  'gender',
  'nationality',
  'phones',
  'minor',
  'care_needs',
  'access_profile',
] as const;
const ADMIN_PERSON_FIELDS = [
  'id',
  'case_id',
  'role',
  'given_names',
  'prefix',
  'surname',
  'alias',
  'nationality',
  'access_profile',
] as const;
export const COMPANY_FIELDS = [
  'id',
  'case_id',
  'name',
  'kvk',
  'premises',
  'remark',
  'access_profile',
] as const;
export const ADDRESS_FIELDS = [
  'id',
  'case_id',
  'kind',
  'street',
  'postcode',
  'city',
  'person_id',
  'company_id',
  'access_profile',
] as const;
export const IDENTIFIER_FIELDS = ['id', 'case_id', 'kind', 'value', 'person_id', 'access_profile'] as const;
export const EVENT_FIELDS = [
  'id',
  'case_id',
  'kind',
  'event_date',
  'place',
  'description',
  'access_profile',
] as const;
export const TASK_FIELDS = [
  'id',
  'case_id',
  'case_reference',
  'title',
  'owner_org_id',
  'owner_org_name',
  'owner_user_id',
  'owner_name',
  'due_on',
  'state',
  'created_at',
  'done_at',
  'overdue',
  'access_profile',
] as const;
export const REFERRAL_FIELDS = [
  'id',
  'case_id',
  'case_reference',
  'from_org_id',
  'from_org_name',
  'to_org_id',
  'to_org_name',
  'profile',
  'purpose',
  'legal_basis',
  'legal_basis_note',
  'consent',
  'note',
  'state',
  'decline_reason',
  'ends_on',
  'lapsed',
  'overdue',
  'lapsing',
  'decided_at',
  'revoked_at',
  'completed_at',
  'created_at',
] as const;
export const HISTORY_FIELDS = [
  'id',
  'case_id',
  'action',
  'from_state',
  'to_state',
  'detail',
  'note',
  'actor_user_id',
  'actor_org_id',
  'actor_name',
  'actor_org_name',
  'at',
] as const;

const base = { roles: CASE_ROLES, purposes: CASE_PURPOSES } as const;
const LEAD_BASIS =
  'Wpg art. 8/13, Gemeentewet, Wmo 2015 (per doel): de regievoerende organisatie van de zaak / the organisation leading the case';
const SHARED_BASIS =
  'Verwijzing met doel, grondslag en profiel (AVG art. 6; Wpg art. 16-20) / referral with purpose, legal basis and profile';

const LEAD_CASE = caseRows(['lead'], 'id');

const RESTRICTED: Rows = {
  label: {
    nl: 'personen met een beperking van de verwerking (AVG art. 18)',
    en: 'persons whose processing is restricted (GDPR art. 18)',
  },
  where: (eb, c) => eb(c.ref('restricted_at'), 'is not', null),
  test: (row) => row.restricted_at !== null && row.restricted_at !== undefined,
};

const REFERRAL_ROWS: Rows = {
  label: {
    nl: 'verwijzingen van of naar de eigen organisatie',
    en: "referrals from or to one's own organisation",
  },
  where: (eb, c) =>
    eb.or([eb(c.ref('from_org_id'), '=', c.actor.orgId), eb(c.ref('to_org_id'), '=', c.actor.orgId)]),
  test: (row, c) => row.from_org_id === c.actor.orgId || row.to_org_id === c.actor.orgId,
};

const TASK_ROWS: Rows = {
  label: {
    nl: 'taken in zaken met regie of strafrechtelijk profiel, en taken van de eigen organisatie',
    en: "tasks in cases led or shared under the criminal profile, and one's own organisation's tasks",
  },
  where: (eb, c) =>
    eb.or([
      eb(eb.fn('case_profile', [eb.ref(c.ref('case_id'))]), 'in', ['lead', 'criminal']),
      eb(c.ref('owner_org_id'), '=', c.actor.orgId),
    ]),
  test: (row, c) =>
    row.access_profile === 'lead' || row.access_profile === 'criminal' || row.owner_org_id === c.actor.orgId,
};

export const caseGrants: Grant[] = [
  // The case itself.
  {
    ...base,
    resource: 'case',
    actions: ['read', 'create', 'update', 'transition', 'link'],
    rows: LEAD_CASE,
    fields: CASE_FIELDS,
    writable: ['title', 'summary', 'approaches', 'forms', 'owner_user_id'],
    legalBasis: LEAD_BASIS,
  },
  {
    ...base,
    resource: 'case',
    actions: ['read'],
    rows: caseRows(['criminal'], 'id'),
    fields: CASE_FIELDS.filter((field) => field !== 'signals'),
    legalBasis: SHARED_BASIS,
  },
  {
    ...base,
    resource: 'case',
    actions: ['read'],
    rows: caseRows(['care', 'administrative'], 'id'),
    fields: CASE_SHARED_FIELDS,
    legalBasis: SHARED_BASIS,
  },
  // Persons: the lead and the criminal profile all; care the possible victims; administrative no victim.
  {
    ...base,
    resource: 'case_person',
    actions: ['read', 'create', 'update'],
    rows: caseRows(['lead'], 'case_id'),
    fields: PERSON_FIELDS,
    writable: PERSON_FIELDS.filter((f) => !['id', 'case_id', 'access_profile'].includes(f)),
    legalBasis: LEAD_BASIS,
  },
  {
    ...base,
    resource: 'case_person',
    actions: ['read'],
    rows: caseRows(['criminal'], 'case_id'),
    fields: PERSON_FIELDS,
    legalBasis: SHARED_BASIS,
  },
  {
    ...base,
    resource: 'case_person',
    actions: ['read'],
    rows: caseRows(['care'], 'case_id', {
      column: 'role',
      values: ['possible_victim'],
      label: { nl: 'mogelijke slachtoffers', en: 'possible victims' },
    }),
    fields: CARE_PERSON_FIELDS,
    legalBasis: SHARED_BASIS,
  },
  {
    ...base,
    resource: 'case_person',
    actions: ['read'],
    rows: caseRows(['administrative'], 'case_id', {
      column: 'role',
      values: ['suspect', 'facilitator'],
      label: { nl: 'verdachten en faciliteerders', en: 'suspects and facilitators' },
    }),
    fields: ADMIN_PERSON_FIELDS,
    legalBasis: SHARED_BASIS,
  },
  {
    // Art. 18: a restricted person is kept but processed for nothing but the data-subject request.
    effect: 'deny',
    resource: 'case_person',
    actions: ['read', 'update'],
    roles: 'any',
    purposes: PURPOSES.filter((purpose) => purpose !== 'data_subject_request'),
    rows: RESTRICTED,
    fields: [],
    legalBasis: 'AVG art. 18 lid 2: beperking van de verwerking / restriction of processing',
  },
  // Companies, addresses, identifiers, the timeline.
  {
    ...base,
    resource: 'case_company',
    actions: ['read', 'create'],
    rows: caseRows(['lead'], 'case_id'),
    fields: COMPANY_FIELDS,
    legalBasis: LEAD_BASIS,
  },
  {
    ...base,
    resource: 'case_company',
    actions: ['read'],
    rows: caseRows(['criminal', 'administrative'], 'case_id'),
    fields: COMPANY_FIELDS,
    legalBasis: SHARED_BASIS,
  },
  {
    ...base,
    resource: 'case_address',
    actions: ['read', 'create'],
    rows: caseRows(['lead'], 'case_id'),
    fields: ADDRESS_FIELDS,
    legalBasis: LEAD_BASIS,
  },
  {
    ...base,
    resource: 'case_address',
    actions: ['read'],
    rows: caseRows(['criminal'], 'case_id'),
    fields: ADDRESS_FIELDS,
    legalBasis: SHARED_BASIS,
  },
  {
    ...base,
    resource: 'case_address',
    actions: ['read'],
    rows: caseRows(['administrative'], 'case_id', {
      column: 'kind',
      values: ['premises', 'workplace'],
      label: { nl: 'panden en werkplekken', en: 'premises and workplaces' },
    }),
    fields: ADDRESS_FIELDS.filter((field) => field !== 'person_id'),
    legalBasis: SHARED_BASIS,
  },
  {
    ...base,
    resource: 'case_identifier',
    actions: ['read', 'create'],
    rows: caseRows(['lead'], 'case_id'),
    fields: IDENTIFIER_FIELDS,
    legalBasis: LEAD_BASIS,
  },
  {
    ...base,
    resource: 'case_identifier',
    actions: ['read'],
    rows: caseRows(['criminal'], 'case_id'),
    fields: IDENTIFIER_FIELDS,
    legalBasis: SHARED_BASIS,
  },
  {
    ...base,
    resource: 'case_event',
    actions: ['read', 'create'],
    rows: caseRows(['lead'], 'case_id'),
    fields: EVENT_FIELDS,
    legalBasis: LEAD_BASIS,
  },
  {
    ...base,
    resource: 'case_event',
    actions: ['read'],
    rows: caseRows(['criminal'], 'case_id'),
    fields: EVENT_FIELDS,
    legalBasis: SHARED_BASIS,
  },
  // Tasks: the lead creates them; an owning organisation sees and updates its own.
  {
    ...base,
    resource: 'case_task',
    actions: ['create'],
    rows: caseRows(['lead'], 'case_id'),
    fields: TASK_FIELDS,
    writable: ['title', 'owner_org_id', 'owner_user_id', 'due_on'],
    legalBasis: LEAD_BASIS,
  },
  {
    ...base,
    resource: 'case_task',
    actions: ['read', 'update'],
    rows: TASK_ROWS,
    fields: TASK_FIELDS,
    writable: ['state'],
    legalBasis: LEAD_BASIS,
  },
  // Referrals: the sender and the recipient.
  {
    ...base,
    resource: 'case_referral',
    actions: ['read', 'create', 'transition'],
    rows: REFERRAL_ROWS,
    fields: REFERRAL_FIELDS,
    legalBasis: SHARED_BASIS,
  },
  {
    ...base,
    resource: 'case_history',
    actions: ['read'],
    rows: caseRows(['lead'], 'case_id'),
    fields: HISTORY_FIELDS,
    legalBasis: LEAD_BASIS,
  },
];
