/** The vocabulary of access: organisation types, roles and purposes of processing. */

export const ORG_TYPES = [
  'police_unit',
  'labour_inspectorate',
  'kmar',
  'public_prosecution',
  'municipality',
  'care_coordination',
  'shelter',
  'ngo',
  'comensha',
  'fiu',
  'ministry',
  'school',
  // Regionaal Informatie- en Expertisecentrum: chairs the casusoverleg (case consultation).
  'riec',
  'zorg_veiligheidshuis',
  // Jeugdzorginstelling: reports missing minors to the police.
  'youth_care',
  // Ministry of Foreign Affairs' visa desk: screens referents against the Wav dataset.
  'foreign_affairs',
] as const;
export type OrgType = (typeof ORG_TYPES)[number];

export const ROLES = [
  'intake',
  'triage',
  'investigator',
  'care_coordinator',
  'municipal_coordinator',
  'analyst',
  'privacy_officer',
  'admin',
  // Chairs case consultations (RIEC, Zorg- en Veiligheidshuis).
  'consultation_chair',
  // A shelter or care provider's intake: capacity, offers, admissions.
  'provider_intake',
  // CoMensha's registrar of possible victims.
  'registrar',
  // A youth care institution's worker: missing-minor reports.
  'youth_care_worker',
  // The ministry's programme team: programme register and national aggregates.
  'programme_manager',
  // The visa desk: screens referents, never sees the dataset.
  'visa_officer',
  // Publishes a partner feed: the Wav dataset (Inspectie SZW) or suspicious transactions (FIU).
  'feed_publisher',
] as const;
export type Role = (typeof ROLES)[number];

/**
 * Purposes of processing (AVG art. 5(1)(b), purpose limitation). Every request names one;
 * what may be seen follows from the purpose, not only from who asks.
 */
export const PURPOSES = [
  'signal_intake',
  'signal_assessment',
  'criminal_investigation',
  'administrative_enforcement',
  'care_coordination',
  'statistics',
  'audit_control',
  'data_subject_request',
  'administration',
  // Multi-agency case work and the casusoverleg.
  'case_consultation',
  // The national registration of possible victims (CoMensha).
  'victim_registration',
  // Screening visa referents against companies fined under the Wav.
  'visa_screening',
] as const;
export type Purpose = (typeof PURPOSES)[number];

/** Which purposes a role may act under at all; the rules narrow it down per resource. */
export const ROLE_PURPOSES: Record<Role, readonly Purpose[]> = {
  intake: ['signal_intake'],
  triage: ['signal_assessment', 'signal_intake'],
  investigator: ['criminal_investigation', 'case_consultation', 'signal_intake'],
  care_coordinator: ['care_coordination', 'case_consultation', 'victim_registration', 'signal_intake'],
  municipal_coordinator: [
    'care_coordination',
    'administrative_enforcement',
    'case_consultation',
    'signal_intake',
    'statistics',
  ],
  analyst: ['statistics'],
  privacy_officer: ['audit_control', 'data_subject_request'],
  admin: ['administration'],
  consultation_chair: ['case_consultation'],
  provider_intake: ['care_coordination', 'victim_registration'],
  registrar: ['victim_registration', 'statistics'],
  youth_care_worker: ['care_coordination', 'signal_intake'],
  programme_manager: ['statistics'],
  visa_officer: ['visa_screening'],
  feed_publisher: ['administrative_enforcement', 'criminal_investigation'],
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
export function isPurpose(value: string): value is Purpose {
  return (PURPOSES as readonly string[]).includes(value);
}

export const ORG_TYPE_LABELS: Record<OrgType, { nl: string; en: string }> = {
  police_unit: { nl: 'Politie-eenheid', en: 'Police unit' },
  labour_inspectorate: { nl: 'Inspectie SZW', en: 'Labour Inspectorate' },
  kmar: { nl: 'Koninklijke Marechaussee', en: 'Royal Netherlands Marechaussee' },
  public_prosecution: { nl: 'Openbaar Ministerie', en: 'Public Prosecution Service' },
  municipality: { nl: 'Gemeente', en: 'Municipality' },
  care_coordination: { nl: 'Zorgcoördinatie regio', en: 'Care coordination region' },
  shelter: { nl: 'Opvang- of zorgorganisatie', en: 'Shelter or care organisation' },
  ngo: { nl: 'Maatschappelijke organisatie', en: 'NGO' },
  comensha: { nl: 'CoMensha', en: 'CoMensha' },
  fiu: { nl: 'FIU-Nederland', en: 'FIU-the Netherlands' },
  ministry: { nl: 'Ministerie', en: 'Ministry' },
  school: { nl: 'School', en: 'School' },
  riec: { nl: 'RIEC', en: 'Regional Information and Expertise Centre' },
  zorg_veiligheidshuis: { nl: 'Zorg- en Veiligheidshuis', en: 'Care and Safety House' },
  youth_care: { nl: 'Jeugdzorginstelling', en: 'Youth care institution' },
  foreign_affairs: {
    nl: 'Ministerie van Buitenlandse Zaken (visumloket)',
    en: 'Ministry of Foreign Affairs (visa desk)',
  },
};
