import { Alert, Paragraph } from '@utrecht/component-library-react';
import { ApiError } from '../api.ts';
import { isMessageKey, useI18n } from '../i18n/index.tsx';

/** Turns any failure into a message the user can act on; the API already answers in their language. */
export function useProblemText() {
  const { t } = useI18n();
  return (error: unknown): string => {
    if (error instanceof ApiError) {
      if (error.status === 0) return t('error.network');
      if (error.status === 403 && error.code !== 'csrf' && !error.message) return t('error.forbidden');
      // The API names the field apart from the reason; say which field in words where we know it.
      const key = `field.${error.field
        ?.split('.')
        .filter((part) => !/^\d+$/.test(part))
        .pop()}`;
      const where = error.field && isMessageKey(key) ? `${t(key)}: ` : '';
      return where + (error.message || t('error.generic'));
    }
    return t('error.generic');
  };
}

export function Problem({ error, title }: { error: unknown; title?: string }) {
  const { t } = useI18n();
  const text = useProblemText();
  if (!error) return null;
  return (
    // data-error-summary: where focus goes after a refused submit (focusError.ts).
    <Alert type="error" role="alert" data-error-summary="">
      <Paragraph>
        <strong>{title ?? t('error.title')}: </strong>
        {text(error)}
      </Paragraph>
    </Alert>
  );
}

export function Success({ children }: { children: React.ReactNode }) {
  return (
    <Alert type="ok" role="status">
      <Paragraph>{children}</Paragraph>
    </Alert>
  );
}
