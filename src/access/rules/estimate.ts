import type { Rule } from '../policy.ts';

/**
 * Zicht op omvang: estimates and PPRL estimation rounds, under the statistics purpose only.
 * Nothing here discloses a person: estimates hold counts, rounds show which lists are in, and the
 * encodings themselves are writable by their organisation but readable by no request at all.
 */
const STATISTICS =
  'AVG art. 89 and UAVG art. 24: statistics on the extent of human trafficking, aggregates only';

export const estimateRules: Rule[] = [
  {
    resource: 'estimate',
    actions: ['create', 'read', 'export'],
    roles: ['analyst'],
    purposes: ['statistics'],
    scope: 'own_org',
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
    scope: 'own_org',
    fields: ['id', 'name', 'threshold', 'strata', 'lists'],
    legalBasis: STATISTICS,
  },
  {
    // Rounds the organisation opened or takes part in; the table and estimate only for the one that opened it.
    resource: 'estimation_round',
    actions: ['read'],
    roles: ['analyst'],
    purposes: ['statistics'],
    scope: 'shared',
    fields: [
      'id',
      'name',
      'organisation',
      'owner',
      'created_at',
      'threshold',
      'strata',
      'status',
      'lists',
      'capture_table',
      'clusters',
      'error',
      'linked_at',
      'estimate_id',
    ],
    legalBasis: STATISTICS,
  },
  {
    // Possible victims in every organisation's signals, linked inside Ketenplein into a capture table: the
    // analyst's transaction reads them chain-wide, but no field is disclosed — only counts leave the service.
    resource: 'signal_registrations',
    actions: ['aggregate'],
    roles: ['analyst'],
    purposes: ['statistics'],
    scope: 'chain',
    fields: [],
    legalBasis: `${STATISTICS}; linked in the clear inside Ketenplein, counts only`,
  },
  {
    // A pseudonymised list (keyed Bloom filters): personal data, uploaded by its own organisation only.
    resource: 'encoded_list',
    actions: ['create'],
    roles: ['analyst'],
    purposes: ['statistics'],
    scope: 'own_org',
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
