import { type Grant, ownOrganisation, type Rows } from '../access/grant.ts';
import { SIGNAL_SUBMISSION_FIELDS } from '../signals/grants.ts';

/**
 * Partner feeds (issue 18). The Inspectie SZW's publisher publishes and reads its own Wav dataset; the visa
 * desk searches it only under the visa_screening purpose and sees of an entry nothing but its reference and
 * whose it is (the contact point): "match, then talk". Data only (no runtime import of a capability).
 */
const WAV_BASIS =
  'Wet arbeid vreemdelingen art. 19d e.v. (bestuurlijke boete) en Visumcode art. 21/32 (risicobeoordeling referent); AVG art. 6(1)(e); verstrekking aan BZ beperkt tot treffer en contactpunt';

const OWN_PUBLISHED = ownOrganisation('org_id', {
  nl: 'versies en regels van de eigen organisatie (uitgever)',
  en: "versions and rows of one's own organisation (publisher)",
});

/** The desk's search reaches every publisher's entries, but only to compare: no field of the entry leaves. */
const SEARCHABLE: Rows = {
  label: {
    nl: 'alle geldende Wav-regels, alleen om te vergelijken (alleen referentie en uitgever zichtbaar)',
    en: 'every current Wav row, to compare only (only reference and publisher visible)',
  },
  where: (eb) => eb.lit(true),
  test: () => true,
  chain: true,
};

/** FIU-Nederland's transactions (issue 18): declared suspicious transactions, for criminal investigation only. */
const FIU_BASIS =
  'Wwft art. 13 en 15 (FIU-Nederland verstrekt verdachte transacties aan opsporingsdiensten); Wpg art. 8/13; Sv art. 273f (mensenhandel)';

const INVESTIGATION_SERVICES = ['police_unit', 'labour_inspectorate', 'kmar', 'public_prosecution'] as const;

/** Every FIU batch, for an investigation service under criminal_investigation (RLS checks the purpose too). */
const FIU_CHAIN: Rows = {
  label: {
    nl: 'alle transacties die FIU-Nederland verdacht verklaarde (alleen opsporing)',
    en: 'every transaction FIU-Nederland declared suspicious (criminal investigation only)',
  },
  where: (eb) => eb.lit(true),
  test: () => true,
  chain: true,
};

export const FIU_BATCH_FIELDS = [
  'id',
  'org_id',
  'reference',
  'source',
  'row_count',
  'rules_version',
  'uploaded_by',
  'uploaded_at',
];

export const FIU_TRANSACTION_FIELDS = [
  'id',
  'batch_id',
  'org_id',
  'line',
  'reference',
  'booked_on',
  'kind',
  'amount',
  'currency',
  'description',
  'place',
  'ordering_name',
  'ordering_iban',
  'ordering_birth_date',
  'ordering_kvk',
  'beneficiary_name',
  'beneficiary_iban',
  'beneficiary_birth_date',
  'beneficiary_kvk',
  'institution_category',
  'fiu_indicators',
  // fiu_signals, read under the same decision: which signal a batch became, on which accounts, why.
  'signal_id',
  'accounts',
  'reasons',
];

export const feedsRules: Grant[] = [
  {
    // A referent whose earlier visas were not used for their purpose, reported by the desk: a signal to the
    // chain's triage (which routes labour exploitation to the Inspectie). Only its own reports, under its purpose.
    resource: 'signal',
    actions: ['create'],
    roles: ['visa_officer'],
    purposes: ['visa_screening'],
    orgTypes: ['foreign_affairs'],
    rows: ownOrganisation('reporter_org_id', {
      nl: 'meldingen die de eigen visumdesk deed',
      en: "signals one's own visa desk reported",
    }),
    fields: SIGNAL_SUBMISSION_FIELDS,
    legalBasis:
      'Visumcode art. 21 en Wav: signaal over een referent van wie eerdere visa niet voor het doel zijn gebruikt; AVG art. 6(1)(e)',
  },
  {
    resource: 'wav_version',
    actions: ['create', 'read'],
    roles: ['feed_publisher'],
    purposes: ['administrative_enforcement'],
    orgTypes: ['labour_inspectorate'],
    rows: OWN_PUBLISHED,
    fields: [
      'id',
      'org_id',
      'version',
      'source',
      'row_count',
      'retention_months',
      'contact_point',
      'published_by',
      'published_at',
    ],
    legalBasis: WAV_BASIS,
  },
  {
    resource: 'wav_entry',
    actions: ['create', 'read'],
    roles: ['feed_publisher'],
    purposes: ['administrative_enforcement'],
    orgTypes: ['labour_inspectorate'],
    rows: OWN_PUBLISHED,
    fields: [
      'id',
      'version_id',
      'org_id',
      'reference',
      'kvk',
      'name',
      'trade_names',
      'street',
      'house_number',
      'postcode',
      'city',
      'fined_on',
      'irrevocable_on',
      'article',
      'expires_on',
    ],
    legalBasis: WAV_BASIS,
  },
  {
    resource: 'wav_entry',
    actions: ['search'],
    roles: ['visa_officer'],
    purposes: ['visa_screening'],
    orgTypes: ['foreign_affairs'],
    rows: SEARCHABLE,
    fields: ['reference', 'org_id'],
    legalBasis: WAV_BASIS,
  },
  {
    // The publisher's contact point, for the talk that follows a hit.
    resource: 'wav_version',
    actions: ['search'],
    roles: ['visa_officer'],
    purposes: ['visa_screening'],
    orgTypes: ['foreign_affairs'],
    rows: SEARCHABLE,
    fields: ['org_id', 'contact_point'],
    legalBasis: WAV_BASIS,
  },
  {
    resource: 'visa_screening',
    actions: ['create', 'read'],
    roles: ['visa_officer'],
    purposes: ['visa_screening'],
    orgTypes: ['foreign_affairs'],
    rows: ownOrganisation('org_id', {
      nl: 'screenings van de eigen visumdesk',
      en: "one's own visa desk's screenings",
    }),
    fields: [
      'id',
      'screened_by',
      'screened_at',
      'application_ref',
      'referent_name',
      'referent_kvk',
      'verdict',
      'score',
      'reasons',
      'publisher_org_id',
      'reference',
    ],
    legalBasis:
      'Visumcode art. 21 (onderzoek van de aanvraag); AVG art. 6(1)(e); eigen screenings van de desk',
  },
  // FIU-Nederland (issue 18, items 3 and 6): FIU uploads its own batches and their signals; only the
  // investigation services read the transactions, under the criminal-investigation purpose, chain-wide.
  {
    resource: 'fiu_batch',
    actions: ['create', 'read'],
    roles: ['feed_publisher'],
    purposes: ['criminal_investigation'],
    orgTypes: ['fiu'],
    rows: ownOrganisation('org_id', {
      nl: 'batches van de eigen organisatie (FIU)',
      en: "one's own organisation's batches (FIU)",
    }),
    fields: FIU_BATCH_FIELDS,
    legalBasis: FIU_BASIS,
  },
  {
    resource: 'fiu_transaction',
    actions: ['create', 'read'],
    roles: ['feed_publisher'],
    purposes: ['criminal_investigation'],
    orgTypes: ['fiu'],
    rows: ownOrganisation('org_id', {
      nl: 'transacties in de eigen batches (FIU)',
      en: "transactions in one's own batches (FIU)",
    }),
    fields: FIU_TRANSACTION_FIELDS,
    legalBasis: FIU_BASIS,
  },
  {
    resource: 'fiu_batch',
    actions: ['read'],
    roles: ['investigator'],
    purposes: ['criminal_investigation'],
    orgTypes: INVESTIGATION_SERVICES,
    rows: FIU_CHAIN,
    fields: FIU_BATCH_FIELDS,
    legalBasis: FIU_BASIS,
  },
  {
    resource: 'fiu_transaction',
    actions: ['read'],
    roles: ['investigator'],
    purposes: ['criminal_investigation'],
    orgTypes: INVESTIGATION_SERVICES,
    rows: FIU_CHAIN,
    fields: FIU_TRANSACTION_FIELDS,
    legalBasis: FIU_BASIS,
  },
  {
    // A batch's money-flow indicators become signals for the chain's triage, which routes them to the
    // investigation services. FIU follows only its own reports, like every reporter.
    resource: 'signal',
    actions: ['create'],
    roles: ['feed_publisher'],
    purposes: ['criminal_investigation'],
    orgTypes: ['fiu'],
    rows: ownOrganisation('reporter_org_id', {
      nl: 'meldingen die FIU-Nederland deed',
      en: 'signals FIU-Nederland reported',
    }),
    fields: SIGNAL_SUBMISSION_FIELDS,
    legalBasis: FIU_BASIS,
  },
];
