import { Heading1 } from '@utrecht/component-library-react';
import { type ReactNode, useEffect, useRef } from 'react';
import { useI18n } from '../i18n/index.tsx';

let firstPage = true;

/**
 * The page's one h1. It names the page in the document title and, after client-side navigation,
 * receives focus so screen reader users hear where they landed (as they would on a full page load).
 */
export function PageHeading({ children, title }: { children: ReactNode; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${title} – ${t('app.name')}`;
  }, [title, t]);
  useEffect(() => {
    if (firstPage) {
      firstPage = false;
      return;
    }
    ref.current?.focus();
  }, []);
  return (
    <Heading1 ref={ref} tabIndex={-1} className="kp-page-heading">
      {children}
    </Heading1>
  );
}
