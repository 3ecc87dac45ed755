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
];
