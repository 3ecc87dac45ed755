import { Paragraph } from '@utrecht/component-library-react';
import { type ReactNode, Suspense, useEffect } from 'react';
import { can, type Need } from './abilities.ts';
import { type NavItem, Shell } from './components/Shell.tsx';
import { useI18n } from './i18n/index.tsx';
import { lazyPage } from './lazyPage.ts';
import { LoginPage } from './pages/Login.tsx';
import { NotFoundPage } from './pages/NotFound.tsx';
import { StartPage } from './pages/Start.tsx';
import { usePath } from './router.tsx';
import { useSession } from './session.tsx';
import { teamPurposes, viewerFromLocation } from './signals/api.ts';

const EstimatePage = lazyPage(() => import('./estimate/EstimatePage.tsx'), 'EstimatePage');
const RoundsPage = lazyPage(() => import('./estimate/RoundsPage.tsx'), 'RoundsPage');
const AccountPage = lazyPage(() => import('./pages/Account.tsx'), 'AccountPage');
const AccountStepsPage = lazyPage(() => import('./pages/Account.tsx'), 'AccountStepsPage');
const ForgotPasswordPage = lazyPage(() => import('./pages/PasswordLink.tsx'), 'ForgotPasswordPage');
const SetPasswordPage = lazyPage(() => import('./pages/PasswordLink.tsx'), 'SetPasswordPage');
const AuditPage = lazyPage(() => import('./pages/Audit.tsx'), 'AuditPage');
const CrawlerPage = lazyPage(() => import('./pages/Crawler.tsx'), 'CrawlerPage');
const OrganisationPage = lazyPage(() => import('./pages/Organisation.tsx'), 'OrganisationPage');
const UsersPage = lazyPage(() => import('./pages/Users.tsx'), 'UsersPage');
const PrivacyPage = lazyPage(() => import('./privacy/PrivacyPage.tsx'), 'PrivacyPage');
const ImportPage = lazyPage(() => import('./signals/ImportPage.tsx'), 'ImportPage');
const IntakePage = lazyPage(() => import('./signals/IntakePage.tsx'), 'IntakePage');
const NetworkPage = lazyPage(() => import('./signals/NetworkPage.tsx'), 'NetworkPage');
const QueuePage = lazyPage(() => import('./signals/QueuePage.tsx'), 'QueuePage');
const RuleSetPage = lazyPage(() => import('./signals/RuleSetPage.tsx'), 'RuleSetPage');
const SignalPage = lazyPage(() => import('./signals/SignalPage.tsx'), 'SignalPage');
const CaseListPage = lazyPage(() => import('./cases/CaseListPage.tsx'), 'CaseListPage');
const CasePage = lazyPage(() => import('./cases/CasePage.tsx'), 'CasePage');
const ReferralsPage = lazyPage(() => import('./cases/ReferralsPage.tsx'), 'ReferralsPage');
const TasksPage = lazyPage(() => import('./cases/ReferralsPage.tsx'), 'TasksPage');
const ConsultationsPage = lazyPage<object, 'ConsultationsPage'>(
  () => import('./cases/ConsultationPages.tsx'),
  'ConsultationsPage',
);
const ConsultationPage = lazyPage(() => import('./cases/ConsultationPages.tsx'), 'ConsultationPage');
const CarePage = lazyPage(() => import('./care/CarePage.tsx'), 'CarePage');
const ShelterPage = lazyPage(() => import('./care/ShelterPage.tsx'), 'ShelterPage');
const MissingMinorsPage = lazyPage(() => import('./care/MissingMinorsPage.tsx'), 'MissingMinorsPage');
const PoliceMissingPage = lazyPage(() => import('./care/PoliceMissingPage.tsx'), 'PoliceMissingPage');
const RegistrationPage = lazyPage(() => import('./care/RegistrationPage.tsx'), 'RegistrationPage');
const WavPublishPage = lazyPage(() => import('./feeds/PublishPage.tsx'), 'PublishPage');
const VisaScreeningPage = lazyPage(() => import('./feeds/ScreeningPage.tsx'), 'ScreeningPage');
const FiuUploadPage = lazyPage(() => import('./feeds/FiuUploadPage.tsx'), 'FiuUploadPage');
const MoneyFlowPage = lazyPage(() => import('./feeds/MoneyFlowPage.tsx'), 'MoneyFlowPage');
const MonitorPage = lazyPage(() => import('./monitor/MonitorPage.tsx'), 'MonitorPage');
const AssessmentPage = lazyPage(() => import('./monitor/AssessmentPage.tsx'), 'AssessmentPage');
const MunicipalityPage = lazyPage(() => import('./monitor/MunicipalityPage.tsx'), 'MunicipalityPage');

interface Route {
  path: string;
  nav:
    | 'nav.start'
    | 'nav.organisation'
    | 'nav.users'
    | 'nav.audit'
    | 'nav.estimate'
    | 'nav.rounds'
    | 'nav.crawler'
    | 'nav.signalReport'
    | 'nav.signalImport'
    | 'nav.signalsMine'
    | 'nav.triage'
    | 'nav.triageRules'
    | 'nav.teamQueue'
    | 'nav.account'
    | 'module.subject_requests.title'
    | 'nav.cases'
    | 'nav.caseReferrals'
    | 'nav.caseTasks'
    | 'nav.consultations'
    | 'module.care.title'
    | 'module.shelter_capacity.title'
    | 'nav.wavPublish'
    | 'nav.visaScreening'
    | 'module.subject_requests.title'
    | 'nav.monitor'
    | 'nav.assessment'
    | 'module.victim_registration.title'
    | 'module.missing_minors.title'
    | 'nav.fiuUpload'
    | 'nav.moneyFlows'
    | 'module.police_missing.title';
  /** What the page needs (from the user's abilities, /auth/me); none means every logged-in user. */
  needs?: Need | 'team';
  page: (rest: string) => ReactNode;
  /** A page under `path/…` (e.g. one signal), not shown in the menu; `rest` is the part after `path/`. */
  nested?: boolean;
}

const INTAKE: Need = { resource: 'signal', action: 'create', purpose: 'signal_intake' };
const TRIAGE: Need = { resource: 'signal', action: 'transition', purpose: 'signal_assessment' };
const CASES: Need = { resource: 'case', action: 'read' };
const CONSULTATIONS: Need = { resource: 'consultation', action: 'read' };

const ROUTES: Route[] = [
  { path: '/', nav: 'nav.start', page: () => <StartPage /> },
  {
    path: '/organisatie',
    nav: 'nav.organisation',
    needs: { resource: 'organisation', action: 'update' },
    page: () => <OrganisationPage />,
  },
  {
    path: '/gebruikers',
    nav: 'nav.users',
    needs: { resource: 'user', action: 'create' },
    page: () => <UsersPage />,
  },
  {
    path: '/audit',
    nav: 'nav.audit',
    needs: { resource: 'audit_log', action: 'read' },
    page: () => <AuditPage />,
  },
  {
    path: '/schatting',
    nav: 'nav.estimate',
    needs: { resource: 'estimate', action: 'create' },
    page: () => <EstimatePage />,
  },
  {
    path: '/schattingsrondes',
    nav: 'nav.rounds',
    needs: { resource: 'estimation_round', action: 'read' },
    page: () => <RoundsPage />,
  },
  {
    path: '/webcrawler',
    nav: 'nav.crawler',
    needs: { resource: 'crawl_investigation', action: 'read' },
    page: () => <CrawlerPage />,
  },
  { path: '/signaal-melden', nav: 'nav.signalReport', needs: INTAKE, page: () => <IntakePage /> },
  { path: '/meldingen-importeren', nav: 'nav.signalImport', needs: INTAKE, page: () => <ImportPage /> },
  {
    path: '/mijn-meldingen',
    nav: 'nav.signalsMine',
    needs: { resource: 'signal', action: 'read', purpose: 'signal_intake' },
    page: () => <QueuePage viewer="mine" />,
  },
  { path: '/triage', nav: 'nav.triage', needs: TRIAGE, page: () => <QueuePage viewer="triage" /> },
  {
    path: '/triageregels',
    nav: 'nav.triageRules',
    needs: { resource: 'triage_ruleset', action: 'create' },
    page: () => <RuleSetPage />,
  },
  { path: '/team', nav: 'nav.teamQueue', needs: 'team', page: () => <QueuePage viewer="team" /> },
  {
    path: '/melding',
    nav: 'nav.signalsMine',
    needs: { resource: 'signal', action: 'read' },
    nested: true,
    page: (id) => <SignalPage key={id} id={id} requested={viewerFromLocation()} />,
  },
  {
    path: '/netwerk',
    nav: 'nav.triage',
    needs: { resource: 'signal', action: 'link' },
    nested: true,
    page: (id) => <NetworkPage key={id} id={id} />,
  },
  {
    path: '/verzoeken',
    nav: 'module.subject_requests.title',
    needs: { resource: 'data_subject_request', action: 'read' },
    page: () => <PrivacyPage />,
  },
  { path: '/account', nav: 'nav.account', page: () => <AccountPage /> },
  // Cases (src/cases, web/src/cases).
  { path: '/zaken', nav: 'nav.cases', needs: CASES, page: () => <CaseListPage /> },
  {
    path: '/zaak',
    nav: 'nav.cases',
    needs: CASES,
    nested: true,
    page: (id) => <CasePage key={id} id={id} />,
  },
  { path: '/verwijzingen', nav: 'nav.caseReferrals', needs: CASES, page: () => <ReferralsPage /> },
  { path: '/taken', nav: 'nav.caseTasks', needs: CASES, page: () => <TasksPage /> },
  { path: '/overleg', nav: 'nav.consultations', needs: CONSULTATIONS, page: () => <ConsultationsPage /> },
  {
    path: '/overleg',
    nav: 'nav.consultations',
    needs: CONSULTATIONS,
    nested: true,
    page: (id) => <ConsultationPage key={id} id={id} />,
  },
  // Care (src/care).
  {
    path: '/zorg',
    nav: 'module.care.title',
    needs: { resource: 'care_client', action: 'read' },
    page: () => <CarePage />,
  },
  {
    path: '/opvangplaatsen',
    nav: 'module.shelter_capacity.title',
    needs: { resource: 'shelter_place', action: 'update' },
    page: () => <ShelterPage />,
  },
  {
    path: '/registraties',
    nav: 'module.victim_registration.title',
    needs: { resource: 'victim_registration_figures', action: 'aggregate', purpose: 'victim_registration' },
    page: () => <RegistrationPage />,
  },
  {
    path: '/vermissingen',
    nav: 'module.missing_minors.title',
    needs: { resource: 'missing_minor', action: 'create' },
    page: () => <MissingMinorsPage />,
  },
  {
    path: '/vermissingen-politie',
    nav: 'module.police_missing.title',
    needs: { resource: 'missing_minor', action: 'transition', purpose: 'criminal_investigation' },
    page: () => <PoliceMissingPage />,
  },
  {
    path: '/wav-lijst',
    nav: 'nav.wavPublish',
    needs: { resource: 'wav_version', action: 'create' },
    page: () => <WavPublishPage />,
  },
  {
    path: '/referenten-toetsen',
    nav: 'nav.visaScreening',
    needs: { resource: 'visa_screening', action: 'create' },
    page: () => <VisaScreeningPage />,
  },
  // Programme monitor (issue 17)
  {
    path: '/programmamonitor',
    nav: 'nav.monitor',
    needs: { resource: 'monitor_figure', action: 'create' },
    page: () => <MonitorPage />,
  },
  {
    path: '/zelfevaluatie',
    nav: 'nav.assessment',
    needs: { resource: 'municipal_assessment', action: 'create' },
    page: () => <AssessmentPage />,
  },
  // FIU-Nederland's suspicious transactions (issue 18)
  {
    path: '/fiu-transacties',
    nav: 'nav.fiuUpload',
    needs: { resource: 'fiu_batch', action: 'create' },
    page: () => <FiuUploadPage />,
  },
  {
    path: '/geldstromen',
    nav: 'nav.moneyFlows',
    needs: { resource: 'fiu_transaction', action: 'read', purpose: 'criminal_investigation' },
    page: () => <MoneyFlowPage />,
  },
  {
    path: '/gemeente',
    nav: 'nav.monitor',
    nested: true,
    needs: { resource: 'monitor_aggregate', action: 'aggregate' },
    page: (code) => <MunicipalityPage code={code} />,
  },
];

export function App() {
  const { t } = useI18n();
  const { status, session } = useSession();
  const path = usePath();

  useEffect(() => {
    if (status === 'loading') document.title = t('app.name');
  }, [status, t]);

  if (status === 'loading') {
    return (
      <Shell nav={[]} current={path}>
        <Paragraph role="status">{t('app.loading')}</Paragraph>
      </Shell>
    );
  }
  // Set a password through a one-time link, or ask for one (issue 19, item 12): with or without a session.
  const passwordPage =
    path === '/wachtwoord-instellen' ? (
      <SetPasswordPage />
    ) : path === '/wachtwoord-vergeten' && !session ? (
      <ForgotPasswordPage />
    ) : null;
  if (passwordPage) {
    return (
      <Shell nav={[]} current={path}>
        <Suspense fallback={<Paragraph role="status">{t('app.loading')}</Paragraph>}>{passwordPage}</Suspense>
      </Shell>
    );
  }
  if (!session) {
    return (
      <Shell nav={[]} current={path}>
        <LoginPage />
      </Shell>
    );
  }
  // A forced password change or a required second factor comes before anything else.
  if (session.user.mustChangePassword || session.user.totpEnrolmentRequired) {
    return (
      <Shell nav={[]} current={path}>
        <Suspense fallback={<Paragraph role="status">{t('app.loading')}</Paragraph>}>
          <AccountStepsPage />
        </Suspense>
      </Shell>
    );
  }
  const allowed = ROUTES.filter(
    (route) =>
      !route.needs || (route.needs === 'team' ? teamPurposes(session).length > 0 : can(session, route.needs)),
  );
  const nav: NavItem[] = allowed
    .filter((route) => !route.nested)
    .map((route) => ({ path: route.path, label: t(route.nav) }));
  const route = allowed.find((candidate) =>
    candidate.nested ? path.startsWith(`${candidate.path}/`) : candidate.path === path,
  );
  const rest = route?.nested ? path.slice(route.path.length + 1) : '';
  return (
    <Shell nav={nav} current={path}>
      {route ? (
        <div key={route.path}>
          <Suspense fallback={<Paragraph role="status">{t('app.loading')}</Paragraph>}>
            {route.page(rest)}
          </Suspense>
        </div>
      ) : (
        <NotFoundPage />
      )}
    </Shell>
  );
}
