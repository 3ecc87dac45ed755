import type { Label } from '../../domain/label.ts';

/**
 * The columns of a bulk file (CSV or XLSX): one row is one signal with at most one person and one company;
 * signals with more parties are reported through the API or the web form. Headers are Dutch; the English
 * header is accepted too. Lists within a cell are separated by `;` or `|` (never `,`, the CSV separator).
 */
export interface ImportColumn {
  header: string;
  englishHeader: string;
  /** Where the value goes in a signal submission; also how a validation error finds its column. */
  path: string;
  kind: 'text' | 'list' | 'integer';
  required?: boolean;
  description: Label;
  example: string;
}

function column(
  header: string,
  englishHeader: string,
  path: string,
  kind: ImportColumn['kind'],
  nl: string,
  en: string,
  example: string,
  required = false,
): ImportColumn {
  return { header, englishHeader, path, kind, required, description: { nl, en }, example };
}

export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  column(
    'kenmerk',
    'reference',
    'externalReference',
    'text',
    'Uw eigen kenmerk',
    'Your own reference',
    'ZAAK-2024-0012',
  ),
  column(
    'waargenomen_op',
    'observed_on',
    'observedAt',
    'text',
    'Datum van waarneming (JJJJ-MM-DD of DD-MM-JJJJ)',
    'Date observed (YYYY-MM-DD or DD-MM-YYYY)',
    '2024-06-12',
  ),
  column(
    'vormen',
    'forms',
    'forms',
    'list',
    'Vermoede vorm(en): sexual, labour, criminal, organ_removal, other of unknown',
    'Suspected form(s): sexual, labour, criminal, organ_removal, other or unknown',
    'labour',
    true,
  ),
  column(
    'indicatoren',
    'indicators',
    'indicators',
    'list',
    'Indicatorcodes, gescheiden door ; (zie het tabblad Indicatoren)',
    'Indicator codes separated by ; (see the Indicators sheet)',
    'ilo.excessive_overtime; om.1a.sleeps_at_workplace',
  ),
  column(
    'omschrijving',
    'narrative',
    'narrative',
    'text',
    'Wat is er waargenomen',
    'What was observed',
    'Medewerkers slapen in de loods achter het bedrijf.',
  ),
  column(
    'gemeente',
    'municipality',
    'location.municipality',
    'text',
    'CBS-code (GM0363) of naam',
    'CBS code (GM0363) or name',
    'GM0363',
  ),
  column('straat', 'street', 'location.street', 'text', 'Straat', 'Street', 'Havenstraat'),
  column('huisnummer', 'house_number', 'location.houseNumber', 'text', 'Huisnummer', 'House number', '12'),
  column(
    'postcode',
    'postcode',
    'location.postcode',
    'text',
    'Postcode (1234 AB)',
    'Postcode (1234 AB)',
    '1011 AB',
  ),
  column('plaats', 'city', 'location.city', 'text', 'Plaats', 'City', 'Amsterdam'),
  column(
    'land',
    'country',
    'location.country',
    'text',
    'Land (ISO 3166, standaard NL)',
    'Country (ISO 3166, default NL)',
    'NL',
  ),
  column(
    'persoon_rol',
    'person_role',
    'persons.0.role',
    'text',
    'possible_victim, possible_suspect, witness of other',
    'possible_victim, possible_suspect, witness or other',
    'possible_victim',
  ),
  column(
    'persoon_voornamen',
    'person_given_names',
    'persons.0.givenNames',
    'text',
    'Voornamen',
    'Given names',
    'Ştefan',
  ),
  column(
    'persoon_tussenvoegsel',
    'person_prefix',
    'persons.0.prefix',
    'text',
    'Tussenvoegsel',
    'Surname prefix',
    '',
  ),
  column(
    'persoon_achternaam',
    'person_surname',
    'persons.0.surname',
    'text',
    'Achternaam',
    'Surname',
    'Popescu',
  ),
  column(
    'persoon_geboortedatum',
    'person_date_of_birth',
    'persons.0.dateOfBirth',
    'text',
    'Geboortedatum',
    'Date of birth',
    '2007-09-01',
  ),
  column(
    'persoon_geboortejaar',
    'person_birth_year',
    'persons.0.birthYear',
    'integer',
    'Geboortejaar als de datum onbekend is',
    'Year of birth when the date is unknown',
    '',
  ),
  column(
    'persoon_geslacht',
    'person_gender',
    'persons.0.gender',
    'text',
    'female, male, x of unknown',
    'female, male, x or unknown',
    'male',
  ),
  column(
    'persoon_nationaliteit',
    'person_nationality',
    'persons.0.nationality',
    'text',
    'Nationaliteit (ISO 3166)',
    'Nationality (ISO 3166)',
    'RO',
  ),
  column(
    'persoon_telefoon',
    'person_phone',
    'persons.0.phones',
    'list',
    'Telefoonnummer(s)',
    'Phone number(s)',
    '06-12345678',
  ),
  column(
    'persoon_email',
    'person_email',
    'persons.0.emails',
    'list',
    'E-mailadres(sen)',
    'E-mail address(es)',
    '',
  ),
  column('persoon_bsn', 'person_bsn', 'persons.0.bsn', 'text', 'BSN (9 cijfers)', 'BSN (9 digits)', ''),
  column(
    'bedrijf_naam',
    'company_name',
    'companies.0.name',
    'text',
    'Bedrijfsnaam',
    'Company name',
    'Uitzendbureau Snel BV',
  ),
  column(
    'bedrijf_kvk',
    'company_kvk',
    'companies.0.kvk',
    'text',
    'KvK-nummer (8 cijfers)',
    'KvK number (8 digits)',
    '69241234',
  ),
  column('kentekens', 'licence_plates', 'vehicles', 'list', 'Kenteken(s)', 'Licence plate(s)', '12-ABC-3'),
  column(
    'urls',
    'urls',
    'urls',
    'list',
    'Advertenties of websites',
    'Advertisements or websites',
    'www.example.nl/vacature',
  ),
  column(
    'accounts',
    'handles',
    'handles',
    'list',
    'Online accounts als platform:naam (instagram, telegram, …)',
    'Online handles as platform:name (instagram, telegram, …)',
    'telegram:@snelwerk',
  ),
];

const byHeader = new Map<string, ImportColumn>();
for (const item of IMPORT_COLUMNS) {
  byHeader.set(item.header, item);
  byHeader.set(item.englishHeader, item);
}

/** Header cells are matched case-insensitively, with spaces or dashes read as underscores. */
export function normalizeHeader(header: string): string {
  return header
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

export function findColumn(header: string): ImportColumn | undefined {
  return byHeader.get(normalizeHeader(header));
}

/** The column a validation error belongs to: the one whose path is the longest prefix of the error's field. */
export function columnForField(field: string): ImportColumn | undefined {
  let best: ImportColumn | undefined;
  for (const item of IMPORT_COLUMNS) {
    if (
      (field === item.path || field.startsWith(`${item.path}.`)) &&
      item.path.length > (best?.path.length ?? -1)
    ) {
      best = item;
    }
  }
  return best;
}
