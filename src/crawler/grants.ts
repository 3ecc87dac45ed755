import { type Grant, ownOrganisation } from '../access/grant.ts';

/**
 * The webcrawler: only investigators of an investigating service, only for a criminal
 * investigation, only their own organisation's data. Starting a crawl additionally needs an open
 * crawl mandate (legal basis, end date, sites, terms), checked in src/crawler/service.ts.
 */
const INVESTIGATING: Grant['orgTypes'] = ['police_unit', 'kmar', 'labour_inspectorate'];
const LEGAL_BASIS =
  'Wpg art. 9 (gerichte verwerking in een onderzoek) binnen een vastgelegd mandaat met einddatum; AVG/Rl. 2016/680 art. 4 (doelbinding, minimale gegevens)';

/** Every crawler table carries the investigating organisation: its own rows only. */
const OWN = ownOrganisation('org_id', {
  nl: 'eigen onderzoeken van de organisatie',
  en: "one's own organisation's investigations",
});

export const crawlerRules: Grant[] = [
  {
    resource: 'crawl_investigation',
    actions: ['create', 'read', 'update'],
    roles: ['investigator'],
    purposes: ['criminal_investigation'],
    rows: OWN,
    orgTypes: INVESTIGATING,
    fields: [
      'id',
      'case_ref',
      'purpose',
      'legal_basis',
      'ends_on',
      'sites',
      'terms',
      'retention_months',
      'status',
      'closed_at',
      'created_at',
    ],
    legalBasis: LEGAL_BASIS,
  },
  {
    resource: 'site_adapter',
    actions: ['create', 'read'],
    roles: ['investigator'],
    purposes: ['criminal_investigation'],
    rows: OWN,
    orgTypes: INVESTIGATING,
    fields: ['id', 'config', 'created_at'],
    legalBasis: 'Configuratie, geen persoonsgegevens / configuration, no personal data',
  },
  {
    resource: 'crawl',
    actions: ['create', 'read'],
    roles: ['investigator'],
    purposes: ['criminal_investigation'],
    rows: OWN,
    orgTypes: INVESTIGATING,
    fields: [
      'id',
      'investigation_id',
      'adapter_id',
      'max_pages',
      'status',
      'pages_fetched',
      'created_at',
      'finished_at',
      'progress',
      'errors',
    ],
    legalBasis: LEGAL_BASIS,
  },
  {
    // An investigator's decision that an identifier is a shared line, or overruling such a cut.
    resource: 'crawl_identifier_decision',
    actions: ['create', 'read', 'delete'],
    roles: ['investigator'],
    purposes: ['criminal_investigation'],
    rows: OWN,
    orgTypes: INVESTIGATING,
    fields: ['investigation_id', 'kind', 'value', 'decision', 'reason', 'decided_by', 'decided_at'],
    legalBasis: LEGAL_BASIS,
  },
  {
    resource: 'crawl_ad',
    actions: ['read', 'export'],
    roles: ['investigator'],
    purposes: ['criminal_investigation'],
    rows: OWN,
    orgTypes: INVESTIGATING,
    fields: [
      'id',
      'url',
      'version',
      'fetched_at',
      'content_hash',
      'title',
      'text',
      'city',
      'posted_at',
      'phones',
      'emails',
      'handles',
      'price',
      'stated_age',
      'images',
      'assessment',
      'clusters',
    ],
    legalBasis: LEGAL_BASIS,
  },
];
