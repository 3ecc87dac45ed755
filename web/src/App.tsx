import { Paragraph } from '@utrecht/component-library-react';
import { type ReactNode, Suspense, useEffect } from 'react';
import { CASE_ROLES } from './cases/api.ts';
import { type NavItem, Shell } from './components/Shell.tsx';
import { useI18n } from './i18n/index.tsx';
import { lazyPage } from './lazyPage.ts';
import { LoginPage } from './pages/Login.tsx';
import { NotFoundPage } from './pages/NotFound.tsx';
import { StartPage } from './pages/Start.tsx';
import { usePath } from './router.tsx';
import { useSession } from './session.tsx';
import { INTAKE_ROLES, TEAM_ROLES, viewerFromLocation } from './signals/api.ts';

const EstimatePage = lazyPage(() => import('./estimate/EstimatePage.tsx'), 'EstimatePage');
const RoundsPage = lazyPage(() => import('./estimate/RoundsPage.tsx'), 'RoundsPage');
const AccountPage = lazyPage(() => import('./pages/Account.tsx'), 'AccountPage');
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
const CarePage = lazyPage(() => import('./care/CarePage.tsx'), 'CarePage');
const ShelterPage = lazyPage(() => import('./care/ShelterPage.tsx'), 'ShelterPage');
const MissingMinorsPage = lazyPage(() => import('./care/MissingMinorsPage.tsx'), 'MissingMinorsPage');
const RegistrationPage = lazyPage(() => import('./care/RegistrationPage.tsx'), 'RegistrationPage');
const WavPublishPage = lazyPage(() => import('./feeds/PublishPage.tsx'), 'PublishPage');
const VisaScreeningPage = lazyPage(() => import('./feeds/ScreeningPage.tsx'), 'ScreeningPage');
const MonitorPage = lazyPage(() => import('./monitor/MonitorPage.tsx'), 'MonitorPage');
const AssessmentPage = lazyPage(() => import('./monitor/AssessmentPage.tsx'), 'AssessmentPage');

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
    | 'module.care.title'
    | 'module.shelter_capacity.title'
    | 'nav.wavPublish'
    | 'nav.visaScreening'
    | 'module.subject_requests.title'
    | 'nav.monitor'
    | 'nav.assessment'
    | 'module.victim_registration.title'
    | 'module.missing_minors.title';
  /** Any one of these roles opens the page; none listed means every logged-in user. */
  roles?: string[];
  page: (rest: string) => ReactNode;
  /** A page under `path/…` (e.g. one signal), not shown in the menu; `rest` is the part after `path/`. */
  nested?: boolean;
}

const ROUTES: Route[] = [
  { path: '/', nav: 'nav.start', page: () => <StartPage /> },
  { path: '/organisatie', nav: 'nav.organisation', roles: ['admin'], page: () => <OrganisationPage /> },
  { path: '/gebruikers', nav: 'nav.users', roles: ['admin'], page: () => <UsersPage /> },
  { path: '/audit', nav: 'nav.audit', roles: ['privacy_officer'], page: () => <AuditPage /> },
  { path: '/schatting', nav: 'nav.estimate', roles: ['analyst'], page: () => <EstimatePage /> },
  { path: '/schattingsrondes', nav: 'nav.rounds', roles: ['analyst'], page: () => <RoundsPage /> },
  { path: '/webcrawler', nav: 'nav.crawler', roles: ['investigator'], page: () => <CrawlerPage /> },
  { path: '/signaal-melden', nav: 'nav.signalReport', roles: INTAKE_ROLES, page: () => <IntakePage /> },
  { path: '/meldingen-importeren', nav: 'nav.signalImport', roles: ['intake'], page: () => <ImportPage /> },
  {
    path: '/mijn-meldingen',
    nav: 'nav.signalsMine',
    roles: INTAKE_ROLES,
    page: () => <QueuePage viewer="mine" />,
  },
  { path: '/triage', nav: 'nav.triage', roles: ['triage'], page: () => <QueuePage viewer="triage" /> },
  { path: '/triageregels', nav: 'nav.triageRules', roles: ['triage'], page: () => <RuleSetPage /> },
  { path: '/team', nav: 'nav.teamQueue', roles: TEAM_ROLES, page: () => <QueuePage viewer="team" /> },
  {
    path: '/melding',
    nav: 'nav.signalsMine',
    roles: INTAKE_ROLES,
    nested: true,
    page: (id) => <SignalPage key={id} id={id} requested={viewerFromLocation()} />,
  },
  {
    path: '/netwerk',
    nav: 'nav.triage',
    roles: ['triage'],
    nested: true,
    page: (id) => <NetworkPage key={id} id={id} />,
  },
  {
    path: '/verzoeken',
    nav: 'module.subject_requests.title',
    roles: ['privacy_officer'],
    page: () => <PrivacyPage />,
  },
  { path: '/account', nav: 'nav.account', page: () => <AccountPage /> },
  // Cases (src/cases, web/src/cases).
  { path: '/zaken', nav: 'nav.cases', roles: CASE_ROLES, page: () => <CaseListPage /> },
  {
    path: '/zaak',
    nav: 'nav.cases',
    roles: CASE_ROLES,
    nested: true,
    page: (id) => <CasePage key={id} id={id} />,
  },
  { path: '/verwijzingen', nav: 'nav.caseReferrals', roles: CASE_ROLES, page: () => <ReferralsPage /> },
  { path: '/taken', nav: 'nav.caseTasks', roles: CASE_ROLES, page: () => <TasksPage /> },
  // Care (src/care).
  { path: '/zorg', nav: 'module.care.title', roles: ['care_coordinator'], page: () => <CarePage /> },
  {
    path: '/opvangplaatsen',
    nav: 'module.shelter_capacity.title',
    roles: ['provider_intake'],
    page: () => <ShelterPage />,
  },
  {
    path: '/registraties',
    nav: 'module.victim_registration.title',
    roles: ['registrar'],
    page: () => <RegistrationPage />,
  },
  {
    path: '/vermissingen',
    nav: 'module.missing_minors.title',
    roles: ['youth_care_worker'],
    page: () => <MissingMinorsPage />,
  },
  { path: '/wav-lijst', nav: 'nav.wavPublish', roles: ['feed_publisher'], page: () => <WavPublishPage /> },
  {
    path: '/referenten-toetsen',
    nav: 'nav.visaScreening',
    roles: ['visa_officer'],
    page: () => <VisaScreeningPage />,
  },
  // Programme monitor (issue 17)
  {
    path: '/programmamonitor',
    nav: 'nav.monitor',
    roles: ['programme_manager', 'analyst'],
    page: () => <MonitorPage />,
  },
  {
    path: '/zelfevaluatie',
    nav: 'nav.assessment',
    roles: ['municipal_coordinator'],
    page: () => <AssessmentPage />,
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
  if (!session) {
    return (
      <Shell nav={[]} current={path}>
        <LoginPage />
      </Shell>
    );
  }
  const allowed = ROUTES.filter(
    (route) => !route.roles || route.roles.some((r) => session.user.roles.includes(r)),
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
