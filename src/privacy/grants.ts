import { type Grant, ownOrganisation, type Rows } from '../access/grant.ts';

export const DATA_SUBJECT_REQUEST_FIELDS = [
  'id',
  'kind',
  'reference',
  'received_on',
  'deadline',
  'extended_until',
  'extension_reason',
  'status',
  'decision',
  'decision_reason',
  'legal_ground',
  'person_ids',
  'created_by',
  'created_at',
  'decided_by',
  'decided_at',
  'overdue',
] as const;

/** What an inzage answer (art. 15) lists per record; the BSN only masked. */
export const SUBJECT_RECORD_FIELDS = [
  'personId',
  'signalId',
  'holding',
  'role',
  'match',
  'fields',
  'data',
  'legalBasis',
  'retention',
  'restricted',
  'erased',
  'accesses',
] as const;

const BASIS =
  'AVG art. 12-23 (rechten van betrokkenen) en Wpg art. 25-28: the controller’s duty to answer data-subject requests';

/**
 * Data-subject requests: only the privacy officer of the organisation that holds the data, under the purpose
 * data_subject_request, and only for signals their organisation reported or received (own_org: never chain-wide).
 */
/**
 * A subject record is a person some capability holds; each holder's `find`/`held` keeps the search to the
 * records its organisation reported or received, under row-level security bound to the organisation.
 */
const HELD: Rows = {
  label: {
    nl: 'personen in gegevens die de eigen organisatie meldde of ontving',
    en: "persons in data one's own organisation reported or received",
  },
  where: (eb) => eb.lit(true),
  test: () => true,
};

export const privacyRules: Grant[] = [
  {
    resource: 'data_subject_request',
    actions: ['read', 'create', 'update'],
    roles: ['privacy_officer'],
    purposes: ['data_subject_request'],
    rows: ownOrganisation('org_id', {
      nl: 'verzoeken aan de eigen organisatie',
      en: "requests to one's own organisation",
    }),
    fields: DATA_SUBJECT_REQUEST_FIELDS,
    legalBasis: `${BASIS}; the register is the accountability of art. 5(2)`,
  },
  {
    resource: 'subject_record',
    actions: ['search', 'export', 'restrict', 'erase', 'rectify'],
    roles: ['privacy_officer'],
    purposes: ['data_subject_request'],
    rows: HELD,
    fields: SUBJECT_RECORD_FIELDS,
    legalBasis: `${BASIS}; rectification art. 16, restriction art. 18, erasure art. 17 (not where art. 17(3) or art. 23 / Wpg applies)`,
  },
];
