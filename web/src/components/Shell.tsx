import { Button, SkipLink } from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/index.tsx';
import { RouterLink } from '../router.tsx';
import { useSession } from '../session.tsx';

export interface NavItem {
  path: string;
  label: string;
}

function BrandMark() {
  return (
    <svg className="kp-brand__mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="6" fill="currentColor" />
      <path
        d="M9 8v16M9 16l9-8M11 15l8 9"
        stroke="#fff"
        strokeWidth="3.2"
        fill="none"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

/** Skip link, page header (name, user, language, logout), main navigation, main region and footer. */
export function Shell({ nav, current, children }: { nav: NavItem[]; current: string; children: ReactNode }) {
  const { t, language, setLanguage } = useI18n();
  const { session, logout } = useSession();
  const other = language === 'nl' ? 'en' : 'nl';
  return (
    <div className="kp-shell">
      <SkipLink href="#main">{t('app.skipToContent')}</SkipLink>
      <header className="kp-header">
        <div className="kp-header__bar">
          <RouterLink href="/" className="kp-brand" style={{ color: 'var(--kp-brand)' }}>
            <BrandMark />
            <span>
              <span className="kp-brand__name">{t('app.name')}</span>
              <span className="kp-brand__tagline">{t('app.tagline')}</span>
            </span>
          </RouterLink>
          <div className="kp-header__user">
            {session && (
              <p className="kp-header__who">
                <span className="kp-visually-hidden">{t('header.loggedInAs')} </span>
                <strong>{session.user.name}</strong>
                <small>{session.user.organisation.name}</small>
              </p>
            )}
            <Button appearance="subtle-button" lang={other} onClick={() => setLanguage(other)}>
              {t('lang.switchTo')}
            </Button>
            {session && (
              <Button appearance="secondary-action-button" onClick={() => void logout()}>
                {t('header.logout')}
              </Button>
            )}
          </div>
        </div>
        {nav.length > 0 && (
          <nav className="kp-nav" aria-label={t('app.mainNav')}>
            <ul>
              {nav.map((item) => (
                <li key={item.path}>
                  <RouterLink href={item.path} aria-current={item.path === current ? 'page' : undefined}>
                    {item.label}
                  </RouterLink>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </header>
      <main id="main" tabIndex={-1} className="kp-main">
        {children}
      </main>
      <footer className="kp-footer">
        <div className="kp-footer__content">{t('app.footer')}</div>
      </footer>
    </div>
  );
}
