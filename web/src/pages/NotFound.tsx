import { Paragraph } from '@utrecht/component-library-react';
import { PageHeading } from '../components/PageHeading.tsx';
import { useI18n } from '../i18n/index.tsx';
import { RouterLink } from '../router.tsx';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <>
      <PageHeading title={t('notFound.title')}>{t('notFound.title')}</PageHeading>
      <Paragraph>{t('notFound.text')}</Paragraph>
      <Paragraph>
        <RouterLink href="/" className="utrecht-link">
          {t('notFound.back')}
        </RouterLink>
      </Paragraph>
    </>
  );
}
