import { everyRow, type Grant, ownOrganisation, type Rows } from '../access/grant.ts';

/**
 * The programme monitor (issue 17, item 8): aggregates only, under the statistics purpose. The programme
 * role at the ministry and analysts see national aggregates (every count through src/domain/suppress.ts);
 * a municipal coordinator sees its own municipality's figures and fills in its own self-assessment.
 */
const LEGAL_BASIS =
  'AVG art. 89 (statistische doeleinden, met waarborgen: alleen geaggregeerde en onderdrukte cijfers); taak van algemeen belang (AVG art. 6 lid 1 sub e)';
const NO_PERSONAL = 'Beleidsinformatie zonder persoonsgegevens / policy information, no personal data';
const STATISTICS = ['statistics'] as const;
const READERS = ['programme_manager', 'analyst', 'municipal_coordinator'] as const;

/** The facts hold no organisation: the monitor serves them chain-wide, and only as suppressed aggregates. */
const chainAggregates: Rows = {
  ...everyRow,
  label: {
    nl: 'landelijke tellingen, alleen geaggregeerd en onderdrukt',
    en: 'national counts, aggregated and suppressed only',
  },
};
/** A municipality: the counts of its own municipality (the service filters on its CBS code). */
const ownMunicipalityAggregates: Rows = {
  ...everyRow,
  label: {
    nl: 'tellingen van de eigen gemeente, alleen geaggregeerd en onderdrukt',
    en: "counts of one's own municipality, aggregated and suppressed only",
  },
};

export const monitorRules: Grant[] = [
  {
    resource: 'monitor_indicator',
    actions: ['read'],
    roles: READERS,
    purposes: STATISTICS,
    rows: everyRow,
    fields: [
      'id',
      'org_id',
      'action_line',
      'name_nl',
      'name_en',
      'definition',
      'unit',
      'period',
      'baseline',
      'target',
      'breakdowns',
      'source',
      'created_by',
      'created_at',
    ],
    legalBasis: NO_PERSONAL,
  },
  {
    resource: 'monitor_indicator',
    actions: ['create'],
    roles: ['programme_manager'],
    purposes: STATISTICS,
    orgTypes: ['ministry'],
    rows: ownOrganisation(),
    fields: ['id'],
    writable: [
      'id',
      'action_line',
      'name_nl',
      'name_en',
      'definition',
      'unit',
      'period',
      'baseline',
      'target',
      'breakdowns',
      'source',
    ],
    legalBasis: NO_PERSONAL,
  },
  {
    resource: 'monitor_figure',
    actions: ['read'],
    roles: READERS,
    purposes: STATISTICS,
    rows: everyRow,
    fields: [
      'id',
      'indicator_id',
      'period',
      'value',
      'org_id',
      'submitted_by',
      'submitted_by_name',
      'submitted_at',
      'supersedes',
      'note',
    ],
    legalBasis: NO_PERSONAL,
  },
  {
    // A partner organisation (CoMensha, the ministry itself) submits its figure per period.
    resource: 'monitor_figure',
    actions: ['create'],
    roles: ['programme_manager', 'analyst'],
    purposes: STATISTICS,
    rows: ownOrganisation(),
    fields: ['id'],
    writable: ['indicator_id', 'period', 'value', 'supersedes', 'note'],
    legalBasis: NO_PERSONAL,
  },
  {
    resource: 'monitor_period',
    actions: ['read'],
    roles: READERS,
    purposes: STATISTICS,
    rows: everyRow,
    fields: ['period', 'org_id', 'closed_by', 'closed_at'],
    legalBasis: NO_PERSONAL,
  },
  {
    resource: 'monitor_period',
    actions: ['create'],
    roles: ['programme_manager'],
    purposes: STATISTICS,
    orgTypes: ['ministry'],
    rows: ownOrganisation(),
    fields: ['period'],
    writable: ['period'],
    legalBasis: NO_PERSONAL,
  },
  {
    resource: 'monitor_aggregate',
    actions: ['aggregate', 'export'],
    roles: ['programme_manager', 'analyst'],
    purposes: STATISTICS,
    rows: chainAggregates,
    fields: ['dimensions', 'value', 'suppressed'],
    legalBasis: LEGAL_BASIS,
  },
  {
    resource: 'monitor_aggregate',
    actions: ['aggregate', 'export'],
    roles: ['municipal_coordinator'],
    purposes: STATISTICS,
    orgTypes: ['municipality'],
    rows: ownMunicipalityAggregates,
    fields: ['dimensions', 'value', 'suppressed'],
    legalBasis: LEGAL_BASIS,
  },
  {
    resource: 'municipal_assessment',
    actions: ['read', 'create'],
    roles: ['municipal_coordinator'],
    purposes: STATISTICS,
    orgTypes: ['municipality'],
    rows: ownOrganisation('org_id', {
      nl: 'zelfevaluaties van de eigen gemeente',
      en: "self-assessments of one's own municipality",
    }),
    fields: [
      'id',
      'org_id',
      'municipality',
      'version',
      'answers',
      'evidence',
      'submitted_by',
      'submitted_at',
    ],
    writable: ['answers', 'evidence'],
    legalBasis: NO_PERSONAL,
  },
  {
    // The national picture: per municipality its latest status (public bodies, no persons).
    resource: 'municipal_assessment',
    actions: ['aggregate'],
    roles: ['programme_manager', 'analyst', 'municipal_coordinator'],
    purposes: STATISTICS,
    rows: everyRow,
    fields: ['municipality', 'version', 'answers', 'submitted_at'],
    legalBasis: NO_PERSONAL,
  },
  // The programme register (item 1) and the report's text blocks (item 6): public policy information,
  // readable by every reader of the monitor, versioned by the programme role at the ministry.
  ...registerRules('programme_measure', [
    'id',
    'version',
    'action_line',
    'title',
    'description',
    'owners',
    'status',
    'milestones',
    'changed_by_name',
    'changed_at',
  ]),
  ...registerRules('programme_activity', [
    'id',
    'version',
    'measure_id',
    'kind',
    'title',
    'audience',
    'organisation',
    'period',
    'output_unit',
    'planned',
    'delivered',
    'changed_by_name',
    'changed_at',
  ]),
  ...registerRules('monitor_report_text', [
    'year',
    'action_line',
    'version',
    'body',
    'changed_by_name',
    'changed_at',
  ]),
];

function registerRules(
  resource: 'programme_measure' | 'programme_activity' | 'monitor_report_text',
  fields: string[],
): Grant[] {
  return [
    {
      resource,
      actions: ['read'],
      roles: READERS,
      purposes: STATISTICS,
      rows: everyRow,
      fields,
      legalBasis: NO_PERSONAL,
    },
    {
      resource,
      actions: ['create', 'update'],
      roles: ['programme_manager'],
      purposes: STATISTICS,
      orgTypes: ['ministry'],
      rows: ownOrganisation(),
      fields: ['id', 'version'],
      writable: fields.filter((f) => !['id', 'version', 'changed_by_name', 'changed_at'].includes(f)),
      legalBasis: NO_PERSONAL,
    },
  ];
}
