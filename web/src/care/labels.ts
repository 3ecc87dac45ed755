import { useI18n } from '../i18n/index.tsx';
import { careNl } from './messages.ts';

/** The label of a server code (`female`, `third_country`, `admitted`), or the code when there is none. */
export function useCode() {
  const { t } = useI18n();
  return (code: string | null | undefined): string => {
    const key = `care.v.${code ?? ''}`;
    return key in careNl ? t(key as keyof typeof careNl) : (code ?? '');
  };
}
