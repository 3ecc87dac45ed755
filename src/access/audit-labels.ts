import type { Label, Lang } from '../domain/label.ts';

/**
 * The audit log's codes in words, shared by the privacy officer's page and the CSV export.
 * The actions the audit log records (codes from the access rules and the session layer).
 */
export const ACTIONS: Record<string, Label> = {
  read: { nl: 'bekeken', en: 'viewed' },
  create: { nl: 'aangemaakt', en: 'created' },
  update: { nl: 'gewijzigd', en: 'changed' },
  delete: { nl: 'verwijderd', en: 'deleted' },
  search: { nl: 'gezocht', en: 'searched' },
  export: { nl: 'geëxporteerd', en: 'exported' },
  link: { nl: 'gekoppeld', en: 'linked' },
  aggregate: { nl: 'geteld (alleen aantallen)', en: 'counted (numbers only)' },
  verify: { nl: 'gecontroleerd', en: 'verified' },
  transition: { nl: 'status gewijzigd', en: 'status changed' },
  erase: { nl: 'gegevens verwijderd', en: 'data erased' },
  rectify: { nl: 'gegevens gecorrigeerd', en: 'data rectified' },
  restrict: { nl: 'verwerking beperkt', en: 'processing restricted' },
  anonymise: { nl: 'geanonimiseerd', en: 'anonymised' },
  login: { nl: 'ingelogd', en: 'logged in' },
  logout: { nl: 'uitgelogd', en: 'logged out' },
  change_password: { nl: 'wachtwoord gewijzigd', en: 'password changed' },
  enable_totp: { nl: 'tweestapsverificatie aangezet', en: 'two-step verification enabled' },
  create_from_crawler: { nl: 'melding gemaakt uit de webcrawler', en: 'signal made from the web crawler' },
  start_triage: { nl: 'triage gestart', en: 'triage started' },
  route: { nl: 'doorgezet', en: 'routed' },
  retriage: { nl: 'terug naar triage', en: 'back to triage' },
  accept: { nl: 'aangenomen', en: 'accepted' },
  decline: { nl: 'afgewezen', en: 'declined' },
  close: { nl: 'afgesloten', en: 'closed' },
  note: { nl: 'notitie toegevoegd', en: 'note added' },
  // Account security (issue 19, item 12).
  issue_invite_link: { nl: 'link voor eerste wachtwoord verstuurd', en: 'first-password link issued' },
  issue_reset_link: { nl: 'link voor nieuw wachtwoord verstuurd', en: 'password reset link issued' },
  set_password_by_link: { nl: 'wachtwoord ingesteld via link', en: 'password set by link' },
};

/** The kinds of data (resources of the access rules), in words. */
export const RESOURCES: Record<string, Label> = {
  session: { nl: 'sessie', en: 'session' },
  user: { nl: 'gebruiker', en: 'user' },
  organisation: { nl: 'organisatie', en: 'organisation' },
  audit_log: { nl: 'auditlog', en: 'audit log' },
  audit_chain: { nl: 'hashketen van het auditlog', en: 'audit hash chain' },
  signal: { nl: 'melding', en: 'signal' },
  signal_registrations: { nl: 'meldingen (geteld)', en: 'signals (counted)' },
  triage_ruleset: { nl: 'triageregels', en: 'triage rules' },
  data_subject_request: { nl: 'verzoek van betrokkene', en: 'data-subject request' },
  subject_record: { nl: 'persoonsgegevens van betrokkene', en: 'data subject’s personal data' },
  estimate: { nl: 'schatting', en: 'estimate' },
  estimation_round: { nl: 'schattingsronde', en: 'estimation round' },
  encoded_list: { nl: 'versleutelde lijst', en: 'encoded list' },
  crawl: { nl: 'crawl', en: 'crawl' },
  crawl_ad: { nl: 'advertentie (webcrawler)', en: 'ad (web crawler)' },
  crawl_data: { nl: 'gegevens van de webcrawler', en: 'web crawler data' },
  crawl_investigation: { nl: 'onderzoek (mandaat)', en: 'investigation (mandate)' },
  site_adapter: { nl: 'site-adapter', en: 'site adapter' },
};

/** A code in words; a code this client does not know yet is shown as it is rather than hidden. */
function inWords(table: Record<string, Label>, code: string, language: Lang): string {
  return Object.hasOwn(table, code) ? table[code][language] : code;
}

export const auditAction = (code: string, language: Lang) => inWords(ACTIONS, code, language);
export const auditResource = (code: string, language: Lang) => inWords(RESOURCES, code, language);

/** The actors that are not a role (see withSystem): the login machinery, other system tasks, the command line. */
export const ACTORS: Record<'auth' | 'system' | 'cli', Label> = {
  auth: { nl: 'aanmelding (inlogdienst)', en: 'sign-in (login service)' },
  system: { nl: 'systeem (automatische taak)', en: 'system (automatic task)' },
  cli: { nl: 'opdrachtregel (beheer)', en: 'command line (operations)' },
};

/**
 * Who acted, in words, for the privacy officer's page and the CSV export alike: the login machinery
 * (`system:auth`, a user's own login or account change), another system actor (`system:<job>`,
 * `cli:<command>`), or one or several roles ("a,b"; a decision under two roles is recorded so).
 */
export function auditActor(role: string, language: Lang, roleInWords: (code: string) => string): string {
  if (role === 'system:auth') return ACTORS.auth[language];
  if (role.startsWith('system:')) return ACTORS.system[language];
  if (role.startsWith('cli:')) return ACTORS.cli[language];
  return role.split(',').map(roleInWords).join(', ');
}
