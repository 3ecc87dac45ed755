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
] as const;
export type Purpose = (typeof PURPOSES)[number];

/** Which purposes a role may act under at all; the rules narrow it down per resource. */
export const ROLE_PURPOSES: Record<Role, readonly Purpose[]> = {
  intake: ['signal_intake'],
  triage: ['signal_assessment', 'signal_intake'],
  investigator: ['criminal_investigation', 'signal_intake'],
  care_coordinator: ['care_coordination', 'signal_intake'],
  municipal_coordinator: ['care_coordination', 'administrative_enforcement', 'signal_intake'],
  analyst: ['statistics'],
  privacy_officer: ['audit_control', 'data_subject_request'],
  admin: ['administration'],
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
};
