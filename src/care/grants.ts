import { everyRow, type Grant, ownOrganisation, type Rows } from '../access/grant.ts';
import { PURPOSES } from '../access/roles.ts';

/**
 * Who may do what in care (issue 16). The client file, its consents and the reflection period are the care
 * coordinator's organisation's own; a shelter sees a placement request only once it is proposed to it, and
 * never the client file; the safe address (a table of its own) only the placing coordinator's organisation
 * and the shelter; CoMensha and the ministry see aggregates of capacity and waiting, never a row.
 */

export const CLIENT_FIELDS = [
  'id',
  'org_id',
  'source',
  'source_signal_id',
  'source_reference',
  'alias',
  'given_names',
  'prefix',
  'surname',
  'date_of_birth',
  'estimated_age',
  'gender',
  'nationality',
  'languages',
  'immigration_status',
  'forms',
  'exploitation_places',
  'needs',
  'safety',
  'contact_channel',
  'restricted_at',
  'created_at',
  'consents',
  'reflection_period',
  'placements',
] as const;

const CLIENT_WRITABLE = CLIENT_FIELDS.filter(
  (field) =>
    ![
      'id',
      'org_id',
      'source',
      'restricted_at',
      'created_at',
      'consents',
      'reflection_period',
      'placements',
    ].includes(field),
);

export const CONSENT_FIELDS = [
  'id',
  'client_id',
  'scope',
  'given_on',
  'how',
  'withdrawn_on',
  'covers',
] as const;

export const REFLECTION_FIELDS = [
  'id',
  'client_id',
  'offered_on',
  'started_on',
  'ends_on',
  'ended_on',
  'decision',
  'decision_on',
  'permit_applied_on',
  'permit_decision',
  'permit_decided_on',
  'clock',
] as const;

export const PLACE_FIELDS = [
  'id',
  'location_id',
  'org_id',
  'organisation',
  'location',
  'municipality_code',
  'region',
  'kind',
  'capacity',
  'occupancy',
  'available',
  'genders',
  'min_age',
  'max_age',
  'needs',
  'figures_at',
  'stale',
] as const;

/** What a shelter sees of a request proposed to it: what placement needs, no identity, no safe address. */
export const REQUEST_PROVIDER_FIELDS = [
  'id',
  'needs',
  'gender',
  'age',
  'avoid_regions',
  'avoid_municipalities',
  'state',
  'place_id',
  'shelter_org_id',
  'history',
  'filed_at',
  'admitted_on',
  'discharged_on',
  'destination',
  'waiting_days',
] as const;

export const REQUEST_COORDINATOR_FIELDS = [
  ...REQUEST_PROVIDER_FIELDS,
  'client_id',
  'coordinator_org_id',
] as const;

const OWN_CLIENTS = ownOrganisation('org_id', {
  nl: 'cliënten van de eigen zorgcoördinatie',
  en: "clients of one's own care coordination",
});
const FILED = ownOrganisation('coordinator_org_id', {
  nl: 'plaatsingsverzoeken die de eigen organisatie deed',
  en: "placement requests one's own organisation filed",
});
const PROPOSED_TO = ownOrganisation('shelter_org_id', {
  nl: 'plaatsingsverzoeken voorgelegd aan de eigen opvang',
  en: "placement requests proposed to one's own shelter",
});
const OWN_PLACES = ownOrganisation('org_id', {
  nl: 'locaties en plaatsen van de eigen opvang',
  en: "locations and places of one's own shelter",
});
const EVERY_PLACE: Rows = {
  ...everyRow,
  label: {
    nl: 'alle opvangplaatsen in de keten (geen persoonsgegevens)',
    en: 'every shelter place in the chain (no personal data)',
  },
};
const NEVER: Rows = {
  label: {
    nl: 'het veilige adres wordt nooit aan politie of opsporing getoond',
    en: 'the safe address is never shown to police or investigators',
  },
  where: (eb) => eb.lit(true),
  test: () => true,
};

const WMO =
  'Wmo 2015 art. 2.3.1 / AVG art. 6(1)(e) en 9(2)(h): regionale zorgcoördinatie slachtoffers mensenhandel';

export const careGrants: Grant[] = [
  {
    resource: 'care_client',
    actions: ['read', 'create', 'update'],
    roles: ['care_coordinator'],
    purposes: ['care_coordination'],
    orgTypes: ['care_coordination'],
    rows: OWN_CLIENTS,
    fields: CLIENT_FIELDS,
    writable: CLIENT_WRITABLE,
    legalBasis: WMO,
  },
  {
    // Art. 18: a restricted client is kept, processed for the data-subject request only (RLS hides it too).
    effect: 'deny',
    resource: 'care_client',
    actions: ['read', 'update'],
    roles: 'any',
    purposes: PURPOSES.filter((purpose) => purpose !== 'data_subject_request'),
    rows: {
      label: {
        nl: 'cliënten met een beperking van de verwerking (AVG art. 18)',
        en: 'clients whose processing is restricted (GDPR art. 18)',
      },
      where: (eb, c) => eb(c.ref('restricted_at'), 'is not', null),
      test: (row) => row.restricted_at !== null && row.restricted_at !== undefined,
    },
    fields: [],
    legalBasis: 'AVG art. 18 lid 2: beperking van de verwerking / restriction of processing',
  },
  {
    resource: 'care_consent',
    actions: ['read', 'create', 'update'],
    roles: ['care_coordinator'],
    purposes: ['care_coordination'],
    orgTypes: ['care_coordination'],
    rows: OWN_CLIENTS,
    fields: CONSENT_FIELDS,
    writable: ['scope', 'given_on', 'how', 'withdrawn_on', 'covers'],
    legalBasis: `${WMO}; toestemming van de cliënt per doel (AVG art. 7)`,
  },
  {
    resource: 'reflection_period',
    actions: ['read', 'create', 'transition'],
    roles: ['care_coordinator'],
    purposes: ['care_coordination'],
    orgTypes: ['care_coordination'],
    rows: OWN_CLIENTS,
    fields: REFLECTION_FIELDS,
    writable: REFLECTION_FIELDS.filter((field) => !['id', 'client_id', 'clock'].includes(field)),
    legalBasis:
      'Vreemdelingencirculaire B8/3 (bedenktijd en verblijfsvergunning); alleen data en stand, geen juridisch advies',
  },
  {
    resource: 'care_safe_address',
    actions: ['read'],
    roles: ['care_coordinator'],
    purposes: ['care_coordination'],
    orgTypes: ['care_coordination'],
    rows: FILED,
    fields: ['placement_id', 'client_id', 'address', 'recorded_at'],
    legalBasis: `${WMO}: het veilige adres voor de plaatsende zorgcoördinator`,
  },
  {
    resource: 'care_safe_address',
    actions: ['read', 'create'],
    roles: ['provider_intake'],
    purposes: ['care_coordination'],
    orgTypes: ['shelter'],
    rows: PROPOSED_TO,
    fields: ['placement_id', 'address', 'recorded_at'],
    writable: ['address'],
    legalBasis: 'Wmo 2015 (opvang): het veilige adres van de eigen opvanglocatie',
  },
  {
    effect: 'deny',
    resource: 'care_safe_address',
    actions: ['read'],
    roles: ['investigator', 'intake', 'triage', 'analyst'],
    purposes: 'any',
    rows: NEVER,
    fields: [],
    legalBasis: 'Veiligheid van het slachtoffer: het veilige adres gaat nooit naar opsporing of analyse',
  },
  {
    resource: 'shelter_place',
    actions: ['read'],
    roles: ['care_coordinator'],
    purposes: ['care_coordination'],
    orgTypes: ['care_coordination'],
    rows: EVERY_PLACE,
    fields: PLACE_FIELDS,
    legalBasis: 'Matching van plaatsingsverzoeken op beschikbare plaatsen; geen persoonsgegevens',
  },
  {
    resource: 'shelter_place',
    actions: ['read', 'create', 'update'],
    roles: ['provider_intake'],
    purposes: ['care_coordination'],
    orgTypes: ['shelter'],
    rows: OWN_PLACES,
    fields: PLACE_FIELDS,
    writable: [
      'name',
      'municipality_code',
      'region',
      'kind',
      'capacity',
      'occupancy',
      'genders',
      'min_age',
      'max_age',
      'needs',
    ],
    legalBasis: 'Capaciteit van de eigen opvang; geen persoonsgegevens',
  },
  {
    resource: 'placement_request',
    actions: ['read', 'create', 'transition'],
    roles: ['care_coordinator'],
    purposes: ['care_coordination'],
    orgTypes: ['care_coordination'],
    rows: FILED,
    fields: REQUEST_COORDINATOR_FIELDS,
    legalBasis: `${WMO}: plaatsing in de opvang`,
  },
  {
    resource: 'placement_request',
    actions: ['read', 'transition'],
    roles: ['provider_intake'],
    purposes: ['care_coordination'],
    orgTypes: ['shelter'],
    rows: PROPOSED_TO,
    fields: REQUEST_PROVIDER_FIELDS,
    legalBasis: 'Wmo 2015 (opvang): beoordelen, opnemen en uitstromen van voorgelegde plaatsingen',
  },
  {
    resource: 'shelter_overview',
    actions: ['aggregate'],
    roles: ['registrar', 'programme_manager'],
    purposes: ['statistics'],
    orgTypes: ['comensha', 'ministry'],
    rows: {
      ...everyRow,
      label: {
        nl: 'alleen aantallen, kleine aantallen (< 10) onderdrukt',
        en: 'counts only, small counts (< 10) suppressed',
      },
    },
    fields: ['kind', 'region', 'capacity', 'occupancy', 'waiting', 'stale_places'],
    legalBasis:
      'Landelijk beeld opvangcapaciteit (CoMensha, ministerie): geaggregeerd, geen persoonsgegevens',
  },
];

/** What CoMensha's registrar sees of a registration: the monitor's variables and a pseudonymous person. */
export const REGISTRATION_FIELDS = [
  'id',
  'reporting_org_type',
  'registered_on',
  'sex',
  'age',
  'age_estimated',
  'minor',
  'nationality',
  'forms',
  'exploited_in',
  'person',
  'created_at',
] as const;

/** The registering partner sees its own registrations and from which of its clients each came. */
export const REGISTRATION_PARTNER_FIELDS = [
  ...REGISTRATION_FIELDS.filter((field) => field !== 'person'),
  'source_client_id',
] as const;

const REGISTRATION_BASIS_SHORT = 'Registratie bij CoMensha';
const REGISTRATION_BASIS =
  'Registratie mogelijke slachtoffers mensenhandel bij CoMensha (bron van de slachtoffermonitor van de Nationaal Rapporteur); gepseudonimiseerd: geen naam, geboortedatum of adres (AVG art. 6(1)(e), 9(2)(g), 89)';

/** CoMensha's registration (issue 16 item 5): a list of its own, added to the care capability's grants. */
export const registrationGrants: Grant[] = [
  {
    // Registering a client of one's own with CoMensha reads what the monitor needs from the client file.
    resource: 'care_client',
    actions: ['read'],
    roles: ['care_coordinator'],
    purposes: ['victim_registration'],
    orgTypes: ['care_coordination'],
    rows: OWN_CLIENTS,
    fields: [
      'id',
      'org_id',
      'given_names',
      'prefix',
      'surname',
      'date_of_birth',
      'estimated_age',
      'gender',
      'nationality',
      'forms',
      'exploitation_places',
      'restricted_at',
    ],
    legalBasis: `${REGISTRATION_BASIS_SHORT}: de variabelen uit het eigen cliëntdossier, met toestemming van de cliënt`,
  },
  {
    resource: 'victim_registration',
    actions: ['read', 'create'],
    roles: ['care_coordinator', 'provider_intake'],
    purposes: ['victim_registration'],
    orgTypes: ['care_coordination', 'shelter'],
    rows: ownOrganisation('org_id', {
      nl: 'registraties die de eigen organisatie deed',
      en: "registrations one's own organisation made",
    }),
    fields: REGISTRATION_PARTNER_FIELDS,
    writable: REGISTRATION_PARTNER_FIELDS.filter((field) => !['id', 'created_at'].includes(field)),
    legalBasis: `${REGISTRATION_BASIS}; vanuit het cliëntdossier alleen met toestemming van de cliënt`,
  },
  {
    resource: 'victim_registration',
    actions: ['read', 'create'],
    roles: ['registrar'],
    purposes: ['victim_registration'],
    orgTypes: ['comensha'],
    rows: {
      ...everyRow,
      label: {
        nl: 'alle registraties (gepseudonimiseerd: variabelen van de monitor, geen identiteit)',
        en: 'every registration (pseudonymised: the monitor variables, no identity)',
      },
    },
    fields: REGISTRATION_FIELDS,
    writable: REGISTRATION_FIELDS.filter((field) => !['id', 'person', 'created_at'].includes(field)),
    legalBasis: REGISTRATION_BASIS,
  },
  {
    resource: 'victim_registration_figures',
    actions: ['aggregate'],
    roles: ['registrar', 'programme_manager', 'analyst'],
    purposes: ['statistics', 'victim_registration'],
    orgTypes: ['comensha', 'ministry'],
    rows: {
      ...everyRow,
      label: {
        nl: 'jaartabellen van ontdubbelde personen, kleine aantallen onderdrukt',
        en: 'yearly tables of de-duplicated persons, small counts suppressed',
      },
    },
    fields: ['year', 'sex', 'minor', 'form', 'exploited_in', 'reporting_org_type', 'nationality'],
    legalBasis: `${REGISTRATION_BASIS}; alleen aantallen (Zicht op omvang)`,
  },
];

export const TRAJECTORY_FIELDS = [
  'id',
  'client_id',
  'outcome',
  'closed_on',
  'created_at',
  'phases',
  'handovers',
] as const;

/** What the receiving provider sees of a handover: the phase and the fields the consent let travel. */
export const HANDOVER_RECEIVER_FIELDS = [
  'id',
  'phase',
  'fields',
  'payload',
  'state',
  'reason',
  'proposed_on',
  'decided_at',
  // Art. 19 AVG: the coordinator erased the client's file; the receiver decides on its copy (0304).
  'source_erased_at',
] as const;

/** Care trajectories (issue 16 item 4): the coordinator's plan; the receiver sees only handovers to it. */
export const trajectoryGrants: Grant[] = [
  {
    resource: 'care_trajectory',
    actions: ['read', 'create', 'transition'],
    roles: ['care_coordinator'],
    purposes: ['care_coordination'],
    orgTypes: ['care_coordination'],
    rows: OWN_CLIENTS,
    fields: TRAJECTORY_FIELDS,
    writable: ['outcome', 'closed_on', 'phases'],
    legalBasis: `${WMO}: trajectbenadering, vervolgzorg sluit aan op de eerste opvang`,
  },
  {
    resource: 'care_handover',
    actions: ['read', 'create'],
    roles: ['care_coordinator'],
    purposes: ['care_coordination'],
    orgTypes: ['care_coordination'],
    rows: OWN_CLIENTS,
    fields: [...HANDOVER_RECEIVER_FIELDS, 'to_org_id', 'from_phase_id', 'to_phase_id'],
    writable: ['fields'],
    legalBasis: `${WMO}; overdracht alleen van wat de toestemming van de cliënt dekt (AVG art. 6(1)(a), 9(2)(a))`,
  },
  {
    resource: 'care_handover',
    actions: ['read', 'transition'],
    roles: ['provider_intake'],
    purposes: ['care_coordination'],
    orgTypes: ['shelter'],
    rows: ownOrganisation('to_org_id', {
      nl: 'overdrachten aan de eigen organisatie',
      en: "handovers to one's own organisation",
    }),
    fields: HANDOVER_RECEIVER_FIELDS,
    legalBasis: 'Wmo 2015: de ontvangende aanbieder bevestigt de overdracht van de vervolgzorg',
  },
];

export const MISSING_MINOR_FIELDS = [
  'id',
  'given_names',
  'surname',
  'date_of_birth',
  'kind',
  'missing_since',
  'description',
  'risk_factors',
  'earlier_absences',
  'risk',
  'state',
  'returned_at',
  'created_at',
  'institution',
  'police',
  'timeline',
] as const;

const MISSING_BASIS =
  'Jeugdwet art. 7.4.0 / AVG art. 6(1)(d) (vitaal belang): vermissing van een minderjarige uit de jeugdzorg, gedeeld met de politie-eenheid van de regio';

/** Missing minors (issue 16 item 6): the reporting institution and the police unit it went to, one timeline. */
export const missingMinorGrants: Grant[] = [
  {
    resource: 'missing_minor',
    actions: ['read', 'create', 'transition'],
    roles: ['youth_care_worker'],
    purposes: ['care_coordination'],
    orgTypes: ['youth_care'],
    rows: ownOrganisation('org_id', {
      nl: 'vermissingen gemeld door de eigen instelling',
      en: "missing reports of one's own institution",
    }),
    fields: MISSING_MINOR_FIELDS,
    writable: ['timeline', 'state', 'returned_at'],
    legalBasis: MISSING_BASIS,
  },
  {
    resource: 'missing_minor',
    actions: ['read', 'transition'],
    roles: ['investigator', 'triage'],
    purposes: ['criminal_investigation', 'signal_assessment'],
    orgTypes: ['police_unit'],
    rows: ownOrganisation('police_org_id', {
      nl: 'vermissingen gemeld aan de eigen politie-eenheid',
      en: "missing reports sent to one's own police unit",
    }),
    fields: MISSING_MINOR_FIELDS,
    writable: ['timeline', 'state', 'returned_at'],
    legalBasis: MISSING_BASIS,
  },
];
