import { everyRow, type Grant, ownOrganisation, type Rows } from '../access/grant.ts';

/**
 * Zicht op omvang: estimates and PPRL estimation rounds, under the statistics purpose only.
 * Nothing here discloses a person: estimates hold counts, rounds show which lists are in, and the
 * encodings themselves are writable by their organisation but readable by no request at all.
 */
const STATISTICS =
  'AVG art. 89 and UAVG art. 24: statistics on the extent of human trafficking, aggregates only';

const OWN = ownOrganisation('org_id', {
  nl: 'eigen schattingen en rondes van de organisatie',
  en: "one's own organisation's estimates and rounds",
});

/** A round another organisation opened, with a list of the actor's organisation in it. */
const IN_ROUND: Rows = {
  label: {
    nl: 'rondes waarin de eigen organisatie een lijst aanlevert',
    en: "rounds with a list of one's own organisation",
  },
  where: (eb, c) =>
    eb.exists(
      eb
        .selectFrom('estimation_round_lists as member')
        .select(eb.lit(1).as('one'))
        .whereRef('member.round_id', '=', c.ref('id'))
        .where('member.org_id', '=', c.actor.orgId),
    ),
  test: (row, c) => Array.isArray(row.list_org_ids) && row.list_org_ids.includes(c.actor.orgId),
};

const ROUND_FIELDS = [
  'id',
  'name',
  'organisation',
  'owner',
  'created_at',
  'threshold',
  'strata',
  'status',
  'lists',
  'error',
  'linked_at',
] as const;

export const estimateRules: Grant[] = [
  {
    resource: 'estimate',
    actions: ['create', 'read', 'export'],
    roles: ['analyst'],
    purposes: ['statistics'],
    rows: OWN,
    fields: [
      'id',
      'name',
      'created_at',
      'created_by',
      'source',
      'round_id',
      'rerun_of',
      'input',
      'settings',
      'status',
      'progress_done',
      'progress_total',
      'result',
      'error',
      'finished_at',
      'reproduces',
    ],
    legalBasis: STATISTICS,
  },
  {
    resource: 'estimation_round',
    actions: ['create', 'link'],
    roles: ['analyst'],
    purposes: ['statistics'],
    rows: OWN,
    fields: ['id', 'name', 'threshold', 'strata', 'lists'],
    legalBasis: STATISTICS,
  },
  {
    // The organisation that opened a round sees its capture table and estimate: never scores or pairs.
    resource: 'estimation_round',
    actions: ['read'],
    roles: ['analyst'],
    purposes: ['statistics'],
    rows: OWN,
    fields: [...ROUND_FIELDS, 'capture_table', 'clusters', 'estimate_id'],
    legalBasis: STATISTICS,
  },
  {
    // A partner in a round sees which lists are in, not the table or the estimate (combined per row with
    // the grant above when it both opened the round and delivers a list).
    resource: 'estimation_round',
    actions: ['read'],
    roles: ['analyst'],
    purposes: ['statistics'],
    rows: IN_ROUND,
    fields: ROUND_FIELDS,
    legalBasis: STATISTICS,
  },
  {
    // Possible victims in every organisation's signals, linked inside Ketenplein into a capture table: the
    // analyst's transaction reads them chain-wide, but no field is disclosed — only counts leave the service.
    resource: 'signal_registrations',
    actions: ['aggregate'],
    roles: ['analyst'],
    purposes: ['statistics'],
    rows: everyRow,
    fields: [],
    legalBasis: `${STATISTICS}; linked in the clear inside Ketenplein, counts only`,
  },
  {
    // A pseudonymised list (keyed Bloom filters): personal data, uploaded by its own organisation only.
    resource: 'encoded_list',
    actions: ['create'],
    roles: ['analyst'],
    purposes: ['statistics'],
    rows: OWN,
    fields: ['list', 'records', 'uploaded_at'],
    legalBasis: `${STATISTICS}; pseudonymised at the source (AVG art. 25 and 89(1))`,
  },
];

/** Stratum columns a statistics estimate may use (aggregated on arrival, never stored per person). */
export const ESTIMATE_STRATA = ['year', 'gender', 'age_group', 'form', 'nationality', 'region'] as const;

/**
 * Stratum columns that may travel in the clear next to each encoded person in a round. Fewer than above:
 * a rare nationality or region beside a record would narrow it down to a few people.
 */
export const ROUND_STRATA = ['year', 'gender', 'age_group', 'form'] as const;

/** Strata of a capture table built from Ketenplein's own registrations (signals). */
export const REGISTRATION_STRATA = ['year', 'form', 'gender', 'age_group'] as const;
