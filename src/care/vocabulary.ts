import type { Label } from '../domain/label.ts';

/** Where a client came from; `case_referral` is filled by the cases capability's care profile later. */
export const CLIENT_SOURCES = ['signal', 'case_referral', 'direct'] as const;
export type ClientSource = (typeof CLIENT_SOURCES)[number];

export const IMMIGRATION_STATUSES = [
  'dutch',
  'eu',
  'third_country',
  'asylum_seeker',
  'dublin_claimant',
  'unknown',
] as const;

/** Care needs a placement has to meet (and a place type may take). */
export const NEEDS = [
  'mild_intellectual_disability',
  'psychiatric',
  'addiction',
  'pregnancy_or_children',
  'minor',
  'male_victim',
  'medical',
] as const;
export type Need = (typeof NEEDS)[number];

export const NEED_LABELS: Record<Need, Label> = {
  mild_intellectual_disability: { nl: 'Licht verstandelijke beperking', en: 'Mild intellectual disability' },
  psychiatric: { nl: 'Psychiatrische problematiek', en: 'Psychiatric needs' },
  addiction: { nl: 'Verslaving', en: 'Addiction' },
  pregnancy_or_children: { nl: 'Zwanger of met kinderen', en: 'Pregnant or with children' },
  minor: { nl: 'Minderjarig', en: 'Minor' },
  male_victim: { nl: 'Mannelijk slachtoffer', en: 'Male victim' },
  medical: { nl: 'Medische zorg', en: 'Medical care' },
};

export const SAFETY_LEVELS = ['low', 'medium', 'high', 'acute'] as const;
export const SAFETY_FACTORS = [
  'exploiter_at_large',
  'threats_received',
  'debt_bondage',
  'family_involved',
  'exploiter_knows_location',
  'self_harm',
] as const;

export const CONTACT_CHANNELS = ['via_coordinator', 'phone_safe', 'via_shelter', 'via_lawyer'] as const;

export const CONSENT_SCOPES = ['placement', 'comensha_registration', 'handover', 'police'] as const;
export type ConsentScope = (typeof CONSENT_SCOPES)[number];
export const CONSENT_HOW = ['verbal', 'written', 'with_interpreter'] as const;

/** Place types of the shelters (the 36 specialised places are `multi_problem`). */
export const PLACE_KINDS = [
  'categorical',
  'multi_problem',
  'womens_shelter',
  'male_victims',
  'youth_protected',
] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

export const PLACE_KIND_LABELS: Record<PlaceKind, Label> = {
  categorical: { nl: 'Categorale opvang (COSM)', en: 'Categorical shelter for foreign victims' },
  multi_problem: {
    nl: 'Gespecialiseerde plaats (meervoudige problematiek)',
    en: 'Specialised multi-problem place',
  },
  womens_shelter: { nl: 'Vrouwenopvang', en: "Women's shelter" },
  male_victims: { nl: 'Opvang mannelijke slachtoffers', en: 'Shelter for male victims' },
  youth_protected: { nl: 'Beschermde opvang minderjarigen', en: 'Protected shelter for minors' },
};

export const DECLINE_REASONS = ['no_place', 'needs_not_met', 'safety', 'age', 'other'] as const;
export const DISCHARGE_DESTINATIONS = [
  'independent_living',
  'follow_up_care',
  'return_iom',
  'other_shelter',
  'left_unannounced',
  'other',
] as const;

export const REFLECTION_DECISIONS = ['report', 'cooperate', 'decline'] as const;
export const PERMIT_DECISIONS = ['granted', 'refused'] as const;

/** Capacity figures older than this are shown as stale (days). */
export const STALE_AFTER_DAYS = 7;
/** Aggregates below this count are suppressed in the national overview. */
export const SMALL_CELL = 10;
