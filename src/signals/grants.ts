import { everyRow, type Grant, ownOrganisation, type Rows } from '../access/grant.ts';
import { PURPOSES } from '../access/roles.ts';

/** What a reporter submitted and the signal's status: the reporter sees these, and nothing the receivers add. */
export const SIGNAL_SUBMISSION_FIELDS = [
  'id',
  'channel',
  'external_reference',
  'received_at',
  'observed_at',
  'forms',
  'indicators',
  'narrative',
  'location',
  'persons',
  'companies',
  'vehicles',
  'urls',
  'handles',
  'involves_minor',
  'state',
  'state_changed_at',
  'status_history',
  'created_at',
] as const;

/**
 * Assessment fields: score, reasons, route, the full history with notes, the SLA clock, and link notices
 * (which other partners know something: contact points only, "match, then talk").
 */
export const SIGNAL_ASSESSMENT_FIELDS = [
  ...SIGNAL_SUBMISSION_FIELDS,
  'reporter_org_id',
  'score',
  'priority',
  'recommended_route',
  'triage',
  'ruleset_version',
  'route',
  'routed_org_id',
  'outcome',
  'history',
  'sla',
  'link_notices',
] as const;

const INTAKE_ROLES = [
  'intake',
  'triage',
  'investigator',
  'care_coordinator',
  'municipal_coordinator',
] as const;

/** Signals: intake by every reporting role, chain-wide triage, and the receiving team of a routed signal. */
const REPORTED = ownOrganisation('reporter_org_id', {
  nl: 'meldingen die de eigen organisatie deed',
  en: "signals one's own organisation reported",
});

/**
 * A receiving team's grant opens what is routed to it, never its organisation's own reports: those it
 * follows as a reporter (signal_intake), without the notes of the team that received them.
 */
const ROUTED = ownOrganisation('routed_org_id', {
  nl: 'meldingen doorgezet naar de eigen organisatie',
  en: "signals routed to one's own organisation",
});

const signalGrants: Grant[] = [
  {
    resource: 'signal',
    actions: ['create', 'read'],
    roles: INTAKE_ROLES,
    purposes: ['signal_intake'],
    rows: REPORTED,
    fields: SIGNAL_SUBMISSION_FIELDS,
    legalBasis:
      'Wet politiegegevens / AVG art. 6(1)(e): reporting a signal of possible trafficking; own reports only',
  },
  {
    resource: 'signal',
    actions: ['read', 'transition', 'link'],
    roles: ['triage'],
    purposes: ['signal_assessment'],
    rows: everyRow,
    fields: SIGNAL_ASSESSMENT_FIELDS,
    legalBasis: 'Central assessment and routing of signals for the chain (Informatieplein)',
  },
  {
    resource: 'signal',
    actions: ['read', 'transition'],
    roles: ['investigator'],
    purposes: ['criminal_investigation'],
    rows: ROUTED,
    fields: SIGNAL_ASSESSMENT_FIELDS,
    legalBasis: 'Wpg art. 8/13: signals routed to the investigating team',
    orgTypes: ['police_unit', 'labour_inspectorate', 'kmar', 'public_prosecution'],
  },
  {
    resource: 'signal',
    actions: ['read', 'transition'],
    roles: ['municipal_coordinator'],
    purposes: ['administrative_enforcement', 'care_coordination'],
    rows: ROUTED,
    fields: SIGNAL_ASSESSMENT_FIELDS,
    legalBasis: 'Gemeentewet / Wmo 2015: signals routed to the municipality',
    orgTypes: ['municipality'],
  },
  {
    resource: 'signal',
    actions: ['read', 'transition'],
    roles: ['care_coordinator'],
    purposes: ['care_coordination'],
    rows: ROUTED,
    fields: SIGNAL_ASSESSMENT_FIELDS,
    legalBasis: 'Wmo 2015: signals routed to the regional care coordinator',
  },
  {
    // An investigator hands a crawler cluster to triage; the mandate is checked in src/crawler/service.ts.
    resource: 'signal',
    actions: ['create_from_crawler'],
    roles: ['investigator'],
    purposes: ['criminal_investigation'],
    rows: REPORTED,
    fields: SIGNAL_SUBMISSION_FIELDS,
    legalBasis:
      'Wpg art. 9/19: a crawler cluster found inside an investigation, handed to triage as a signal',
    orgTypes: ['police_unit', 'labour_inspectorate', 'kmar'],
  },
  {
    resource: 'triage_ruleset',
    actions: ['read', 'create'],
    roles: ['triage'],
    purposes: ['signal_assessment'],
    rows: everyRow,
    fields: ['version', 'name', 'rules', 'created_by', 'created_at'],
    legalBasis: 'Rules for assessing signals; no personal data',
  },
];

/** The columns of a person in a signal that a reader of the signal sees (BSN only masked). */
export const SIGNAL_PERSON_FIELDS = [
  'role',
  'given_names',
  'prefix',
  'surname',
  'alias',
  'date_of_birth',
  'birth_year',
  'gender',
  'nationality',
  'phones',
  'emails',
  'bsn',
  'minor',
  'remark',
] as const;

/** The persons of the signals a signal grant opens (the person's `signal_id` names the signal). */
function personsOf(rows: Rows): Rows {
  return {
    label: { nl: `personen in ${rows.label.nl}`, en: `persons in ${rows.label.en}` },
    chain: rows.chain,
    where: (eb, c) =>
      eb.exists(
        eb
          .selectFrom('signals as of_signal')
          .select(eb.lit(1).as('one'))
          .whereRef('of_signal.id', '=', c.ref('signal_id'))
          .where((inner) => rows.where(inner, { ...c, ref: (column) => `of_signal.${column}` })),
      ),
    // Persons are fetched for one signal the actor was allowed to read.
    test: () => true,
  };
}

const RESTRICTED: Rows = {
  label: {
    nl: 'personen met een beperking van de verwerking (AVG art. 18)',
    en: 'persons whose processing is restricted (GDPR art. 18)',
  },
  where: (eb, c) => eb(c.ref('restricted_at'), 'is not', null),
  test: (row) => row.restricted_at !== null && row.restricted_at !== undefined,
};

/** Signals: intake by every reporting role, chain-wide triage, and the receiving team of a routed signal. */
export const signalRules: Grant[] = [
  ...signalGrants,
  ...signalGrants
    .filter((grant) => grant.resource === 'signal' && grant.actions.includes('read'))
    .map(
      (grant): Grant => ({
        ...grant,
        resource: 'signal_person',
        actions: ['read'],
        rows: personsOf(grant.rows),
        fields: SIGNAL_PERSON_FIELDS,
      }),
    ),
  {
    // Art. 18: a restricted person is kept but processed for nothing else than the data-subject request
    // (the privacy officer's purpose). Row-level security hides the person too (migration 0190).
    effect: 'deny',
    resource: 'signal_person',
    actions: ['read'],
    roles: 'any',
    purposes: PURPOSES.filter((purpose) => purpose !== 'data_subject_request'),
    rows: RESTRICTED,
    fields: [],
    legalBasis: 'AVG art. 18 lid 2: beperking van de verwerking / restriction of processing',
  },
];
