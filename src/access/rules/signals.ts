import type { Rule } from '../policy.ts';

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
export const signalRules: Rule[] = [
  {
    resource: 'signal',
    actions: ['create', 'read'],
    roles: INTAKE_ROLES,
    purposes: ['signal_intake'],
    scope: 'own_org',
    fields: SIGNAL_SUBMISSION_FIELDS,
    legalBasis:
      'Wet politiegegevens / AVG art. 6(1)(e): reporting a signal of possible trafficking; own reports only',
  },
  {
    resource: 'signal',
    actions: ['read', 'transition', 'link'],
    roles: ['triage'],
    purposes: ['signal_assessment'],
    scope: 'chain',
    fields: SIGNAL_ASSESSMENT_FIELDS,
    legalBasis: 'Central assessment and routing of signals for the chain (Informatieplein)',
  },
  {
    resource: 'signal',
    actions: ['read', 'transition'],
    roles: ['investigator'],
    purposes: ['criminal_investigation'],
    scope: 'shared',
    fields: SIGNAL_ASSESSMENT_FIELDS,
    legalBasis: 'Wpg art. 8/13: signals routed to the investigating team',
    orgTypes: ['police_unit', 'labour_inspectorate', 'kmar', 'public_prosecution'],
  },
  {
    resource: 'signal',
    actions: ['read', 'transition'],
    roles: ['municipal_coordinator'],
    purposes: ['administrative_enforcement', 'care_coordination'],
    scope: 'shared',
    fields: SIGNAL_ASSESSMENT_FIELDS,
    legalBasis: 'Gemeentewet / Wmo 2015: signals routed to the municipality',
    orgTypes: ['municipality'],
  },
  {
    resource: 'signal',
    actions: ['read', 'transition'],
    roles: ['care_coordinator'],
    purposes: ['care_coordination'],
    scope: 'shared',
    fields: SIGNAL_ASSESSMENT_FIELDS,
    legalBasis: 'Wmo 2015: signals routed to the regional care coordinator',
  },
  {
    // An investigator hands a crawler cluster to triage; the mandate is checked in src/crawler/service.ts.
    resource: 'signal',
    actions: ['create_from_crawler'],
    roles: ['investigator'],
    purposes: ['criminal_investigation'],
    scope: 'own_org',
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
    scope: 'chain',
    fields: ['version', 'name', 'rules', 'created_by', 'created_at'],
    legalBasis: 'Rules for assessing signals; no personal data',
  },
];
