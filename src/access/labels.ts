import type { Label } from '../domain/label.ts';
import type { Purpose, Role } from './roles.ts';

/** Roles and purposes in words, for documents and exports made on the server (the web app has its own dictionary). */
export const ROLE_LABELS: Record<Role, Label> = {
  intake: { nl: 'Melder', en: 'Reporter' },
  triage: { nl: 'Triagist', en: 'Triage officer' },
  investigator: { nl: 'Rechercheur / inspecteur', en: 'Investigator / inspector' },
  care_coordinator: { nl: 'Zorgcoördinator', en: 'Care coordinator' },
  municipal_coordinator: { nl: 'Gemeentelijk coördinator', en: 'Municipal coordinator' },
  analyst: { nl: 'Analist', en: 'Analyst' },
  privacy_officer: { nl: 'Privacyfunctionaris', en: 'Privacy officer' },
  admin: { nl: 'Beheerder', en: 'Administrator' },
  consultation_chair: { nl: 'Voorzitter casusoverleg', en: 'Consultation chair' },
  provider_intake: { nl: 'Intake opvang', en: 'Shelter intake' },
  registrar: { nl: 'Registrator CoMensha', en: 'CoMensha registrar' },
  youth_care_worker: { nl: 'Medewerker jeugdzorg', en: 'Youth care worker' },
  programme_manager: { nl: 'Programmamanager', en: 'Programme manager' },
  visa_officer: { nl: 'Visummedewerker', en: 'Visa officer' },
  feed_publisher: { nl: 'Aanleveraar gegevens', en: 'Data supplier' },
};

export const PURPOSE_LABELS: Record<Purpose, Label> = {
  signal_intake: { nl: 'Signaal melden', en: 'Signal intake' },
  signal_assessment: { nl: 'Signaalbeoordeling', en: 'Signal assessment' },
  criminal_investigation: { nl: 'Opsporing', en: 'Criminal investigation' },
  administrative_enforcement: { nl: 'Bestuurlijke handhaving', en: 'Administrative enforcement' },
  care_coordination: { nl: 'Zorgcoördinatie', en: 'Care coordination' },
  statistics: { nl: 'Statistiek', en: 'Statistics' },
  audit_control: { nl: 'Auditcontrole', en: 'Audit control' },
  data_subject_request: { nl: 'Verzoek betrokkene', en: 'Data-subject request' },
  administration: { nl: 'Beheer', en: 'Administration' },
  case_consultation: { nl: 'Casusoverleg', en: 'Case consultation' },
  victim_registration: { nl: 'Registratie slachtoffers', en: 'Victim registration' },
  visa_screening: { nl: 'Visumtoetsing', en: 'Visa screening' },
};
