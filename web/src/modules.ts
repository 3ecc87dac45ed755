import { actsUnder, can, type Need } from './abilities.ts';
import type { SessionInfo } from './api.ts';
import type { MessageKey } from './i18n/index.tsx';

/**
 * What each role does in the chain. Modules with a `path` work today; the others are announced
 * honestly as "coming soon" until their capability lands (later capabilities add their path here).
 * Who sees a module follows from the grants (`abilities` of /auth/me): a module names the action it
 * needs, never the roles or purposes that hold it.
 */
export interface ChainModule {
  key: string;
  /** The action the module's page needs (`notPurpose`: under any purpose but that one). */
  needs?: Need & { notPurpose?: string };
  /** A module announced before its grants exist: shown to roles acting under this purpose (and org type). */
  announced?: { purpose: string; orgType?: string };
  path?: string;
}

export const MODULES: readonly ChainModule[] = [
  {
    key: 'report_signal',
    needs: { resource: 'signal', action: 'create', purpose: 'signal_intake' },
    path: '/signaal-melden',
  },
  {
    key: 'signal_import',
    needs: { resource: 'signal', action: 'create', purpose: 'signal_intake' },
    path: '/meldingen-importeren',
  },
  {
    key: 'my_signals',
    needs: { resource: 'signal', action: 'read', purpose: 'signal_intake' },
    path: '/mijn-meldingen',
  },
  {
    key: 'triage_queue',
    needs: { resource: 'signal', action: 'transition', purpose: 'signal_assessment' },
    path: '/triage',
  },
  { key: 'triage_rules', needs: { resource: 'triage_ruleset', action: 'create' }, path: '/triageregels' },
  {
    key: 'team_queue',
    needs: { resource: 'signal', action: 'transition', notPurpose: 'signal_assessment' },
    path: '/team',
  },
  {
    key: 'investigations',
    needs: { resource: 'signal', action: 'transition', purpose: 'criminal_investigation' },
  },
  { key: 'webcrawler', needs: { resource: 'crawl_investigation', action: 'read' }, path: '/webcrawler' },
  { key: 'care', needs: { resource: 'care_client', action: 'read' }, path: '/zorg' },
  { key: 'municipal', needs: { resource: 'municipal_assessment', action: 'create' }, path: '/zelfevaluatie' },
  { key: 'statistics', needs: { resource: 'signal_registrations', action: 'aggregate' } },
  { key: 'unseen_estimate', needs: { resource: 'estimate', action: 'create' }, path: '/schatting' },
  {
    key: 'estimation_rounds',
    needs: { resource: 'estimation_round', action: 'read' },
    path: '/schattingsrondes',
  },
  { key: 'audit', needs: { resource: 'audit_log', action: 'read' }, path: '/audit' },
  {
    key: 'subject_requests',
    needs: { resource: 'data_subject_request', action: 'read' },
    path: '/verzoeken',
  },
  { key: 'cases', needs: { resource: 'case', action: 'read' }, path: '/zaken' },
  {
    key: 'shelter_capacity',
    needs: { resource: 'shelter_place', action: 'update' },
    path: '/opvangplaatsen',
  },
  {
    key: 'victim_registration',
    needs: { resource: 'victim_registration_figures', action: 'aggregate', purpose: 'victim_registration' },
    path: '/registraties',
  },
  { key: 'missing_minors', needs: { resource: 'missing_minor', action: 'create' }, path: '/vermissingen' },
  {
    key: 'police_missing',
    needs: { resource: 'missing_minor', action: 'transition', purpose: 'criminal_investigation' },
    path: '/vermissingen-politie',
  },
  {
    key: 'programme_monitor',
    needs: { resource: 'monitor_indicator', action: 'create' },
    path: '/programmamonitor',
  },
  {
    key: 'visa_screening',
    needs: { resource: 'visa_screening', action: 'create' },
    path: '/referenten-toetsen',
  },
  { key: 'partner_feeds', needs: { resource: 'wav_version', action: 'create' }, path: '/wav-lijst' },
  { key: 'users', needs: { resource: 'user', action: 'create' }, path: '/gebruikers' },
  { key: 'organisation', needs: { resource: 'organisation', action: 'update' }, path: '/organisatie' },
  { key: 'fiu_transactions', needs: { resource: 'fiu_batch', action: 'create' }, path: '/fiu-transacties' },
  { key: 'money_flows', needs: { resource: 'fiu_transaction', action: 'read' }, path: '/geldstromen' },
];

type Session = Pick<SessionInfo, 'abilities' | 'user'>;

/** Whether the session (or one of its roles) holds what the module needs. */
export function holds(session: Session, module: ChainModule, role?: string): boolean {
  const { needs, announced } = module;
  if (announced) {
    return (
      actsUnder(session, announced.purpose, role) &&
      (!announced.orgType || session.user.organisation.type === announced.orgType)
    );
  }
  if (!needs) return false;
  if (!needs.notPurpose) return can(session, needs, role);
  return session.abilities.some(
    (a) =>
      a.resource === needs.resource &&
      a.action === needs.action &&
      a.purposes.some(
        (p) =>
          p.purpose !== needs.notPurpose &&
          (role === undefined || (p.roles as readonly string[]).includes(role)),
      ),
  );
}

export const moduleTitle = (module: ChainModule) => `module.${module.key}.title` as MessageKey;
export const moduleText = (module: ChainModule) => `module.${module.key}.text` as MessageKey;
export const roleLabel = (role: string) => `role.${role}` as MessageKey;
export const roleHelp = (role: string) => `roleHelp.${role}` as MessageKey;

export function modulesFor(session: Session, role: string): ChainModule[] {
  return MODULES.filter((module) => holds(session, module, role));
}
