import { Button } from '@utrecht/component-library-react';
import { useI18n } from '../i18n/index.tsx';

/**
 * The pages of a server-side list (issue 19, item 10): which rows are shown of how many, and previous/next.
 * A navigation landmark with a name, so a screen reader user finds it; the counts are announced politely.
 */
export function Pager({
  total,
  page,
  pageSize,
  onPage,
  label,
}: {
  total: number;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
  label: string;
}) {
  const { t, number } = useI18n();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  return (
    <nav className="kp-pager" aria-label={label}>
      <p aria-live="polite" className="kp-pager__status">
        {t('list.showing', { first: number(first), last: number(last), total: number(total) })}
      </p>
      <Button appearance="secondary-action-button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('list.previous')}
      </Button>{' '}
      <span className="kp-pager__page">{t('list.page', { page: number(page), pages: number(pages) })}</span>{' '}
      <Button appearance="secondary-action-button" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t('list.next')}
      </Button>
    </nav>
  );
}
