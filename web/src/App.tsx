import { Paragraph } from '@utrecht/component-library-react';
import { type ReactNode, useEffect } from 'react';
import { type NavItem, Shell } from './components/Shell.tsx';
import { EstimatePage } from './estimate/EstimatePage.tsx';
import { RoundsPage } from './estimate/RoundsPage.tsx';
import { useI18n } from './i18n/index.tsx';
import { AccountPage } from './pages/Account.tsx';
import { AuditPage } from './pages/Audit.tsx';
import { CrawlerPage } from './pages/Crawler.tsx';
import { LoginPage } from './pages/Login.tsx';
import { NotFoundPage } from './pages/NotFound.tsx';
import { OrganisationPage } from './pages/Organisation.tsx';
import { StartPage } from './pages/Start.tsx';
import { UsersPage } from './pages/Users.tsx';
import { usePath } from './router.tsx';
import { useSession } from './session.tsx';

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
    | 'nav.account';
  /** Any one of these roles opens the page; none listed means every logged-in user. */
  roles?: string[];
  page: () => ReactNode;
}

const ROUTES: Route[] = [
  { path: '/', nav: 'nav.start', page: () => <StartPage /> },
  { path: '/organisatie', nav: 'nav.organisation', roles: ['admin'], page: () => <OrganisationPage /> },
  { path: '/gebruikers', nav: 'nav.users', roles: ['admin'], page: () => <UsersPage /> },
  { path: '/audit', nav: 'nav.audit', roles: ['privacy_officer'], page: () => <AuditPage /> },
  { path: '/schatting', nav: 'nav.estimate', roles: ['analyst'], page: () => <EstimatePage /> },
  { path: '/schattingsrondes', nav: 'nav.rounds', roles: ['analyst'], page: () => <RoundsPage /> },
  { path: '/webcrawler', nav: 'nav.crawler', roles: ['investigator'], page: () => <CrawlerPage /> },
  { path: '/account', nav: 'nav.account', page: () => <AccountPage /> },
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
  const nav: NavItem[] = allowed.map((route) => ({ path: route.path, label: t(route.nav) }));
  const route = allowed.find((candidate) => candidate.path === path);
  return (
    <Shell nav={nav} current={path}>
      {route ? <div key={route.path}>{route.page()}</div> : <NotFoundPage />}
    </Shell>
  );
}
