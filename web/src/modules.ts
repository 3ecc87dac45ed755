import type { Role } from '../../src/access/roles.ts';
import type { MessageKey } from './i18n/index.tsx';

/**
 * What each role does in the chain. Modules with a `path` work today; the others are announced
 * honestly as "coming soon" until their capability lands (later capabilities add their path here).
 */
export interface ChainModule {
  key: string;
  roles: readonly Role[];
  path?: string;
}

/** Every role that may report a signal (purpose signal_intake). */
const REPORTING_ROLES: readonly Role[] = [
  'intake',
  'triage',
  'investigator',
  'care_coordinator',
  'municipal_coordinator',
];

export const MODULES: readonly ChainModule[] = [
  { key: 'report_signal', roles: REPORTING_ROLES, path: '/signaal-melden' },
  { key: 'signal_import', roles: ['intake'], path: '/meldingen-importeren' },
  { key: 'my_signals', roles: REPORTING_ROLES, path: '/mijn-meldingen' },
  { key: 'triage_queue', roles: ['triage'], path: '/triage' },
  { key: 'triage_rules', roles: ['triage'], path: '/triageregels' },
  { key: 'team_queue', roles: ['investigator', 'care_coordinator', 'municipal_coordinator'], path: '/team' },
  { key: 'investigations', roles: ['investigator'] },
  { key: 'webcrawler', roles: ['investigator'], path: '/webcrawler' },
  { key: 'care', roles: ['care_coordinator'], path: '/zorg' },
  { key: 'municipal', roles: ['municipal_coordinator'], path: '/zelfevaluatie' },
  { key: 'statistics', roles: ['analyst'] },
  { key: 'unseen_estimate', roles: ['analyst'], path: '/schatting' },
  { key: 'estimation_rounds', roles: ['analyst'], path: '/schattingsrondes' },
  { key: 'audit', roles: ['privacy_officer'], path: '/audit' },
  { key: 'subject_requests', roles: ['privacy_officer'], path: '/verzoeken' },
  {
    key: 'cases',
    roles: ['investigator', 'care_coordinator', 'municipal_coordinator', 'consultation_chair'],
    path: '/zaken',
  },
  { key: 'shelter_capacity', roles: ['provider_intake'], path: '/opvangplaatsen' },
  { key: 'victim_registration', roles: ['registrar'], path: '/registraties' },
  { key: 'missing_minors', roles: ['youth_care_worker'], path: '/vermissingen' },
  { key: 'programme_monitor', roles: ['programme_manager'] },
  { key: 'visa_screening', roles: ['visa_officer'], path: '/referenten-toetsen' },
  { key: 'partner_feeds', roles: ['feed_publisher'], path: '/wav-lijst' },
  { key: 'programme_monitor', roles: ['programme_manager'], path: '/programmamonitor' },
  { key: 'visa_screening', roles: ['visa_officer'] },
  { key: 'partner_feeds', roles: ['feed_publisher'] },
  { key: 'users', roles: ['admin'], path: '/gebruikers' },
  { key: 'organisation', roles: ['admin'], path: '/organisatie' },
];

export const moduleTitle = (module: ChainModule) => `module.${module.key}.title` as MessageKey;
export const moduleText = (module: ChainModule) => `module.${module.key}.text` as MessageKey;
export const roleLabel = (role: string) => `role.${role}` as MessageKey;
export const roleHelp = (role: string) => `roleHelp.${role}` as MessageKey;

export function modulesFor(role: string): ChainModule[] {
  return MODULES.filter((module) => (module.roles as readonly string[]).includes(role));
}
