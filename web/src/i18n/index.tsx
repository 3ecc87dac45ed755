import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { setApiLanguage } from '../api.ts';
import { en } from './en.ts';
import { nl } from './nl.ts';

export type Language = 'nl' | 'en';
export type MessageKey = keyof typeof nl;
type Params = Record<string, string | number>;

const DICTIONARIES: Record<Language, Record<MessageKey, string>> = { nl, en };
const STORAGE_KEY = 'ketenplein.language';

/**
 * Fills `{name}` placeholders; `{count, one|other}` picks the singular or plural word and
 * prefixes the number, so "{count, rol|rollen}" becomes "1 rol" or "3 rollen".
 */
export function format(template: string, params: Params = {}): string {
  return template.replace(/\{(\w+)(?:,\s*([^|}]*)\|([^}]*))?\}/g, (whole, name: string, one, other) => {
    const value = params[name];
    if (value === undefined) return whole;
    if (one === undefined) return String(value);
    return `${value} ${Number(value) === 1 ? one : other}`;
  });
}

/** Whether a dictionary key exists, for codes from the server that may be new to this client. */
export function isMessageKey(key: string): key is MessageKey {
  return key in nl;
}

export function translate(language: Language, key: MessageKey, params?: Params): string {
  return format(DICTIONARIES[language][key], params);
}

function initialLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'nl' || stored === 'en') return stored;
  } catch {
    // Storage can be blocked (private mode, policies); Dutch is the default then.
  }
  return 'nl';
}

interface I18n {
  language: Language;
  setLanguage(language: Language): void;
  t(key: MessageKey, params?: Params): string;
  /** Dates and times in the user's language, in the Netherlands' time zone. */
  dateTime(iso: string): string;
  /** A calendar date (`YYYY-MM-DD`, or the date part of a timestamp) as 14-03-2008 (Dutch) or 14/03/2008. */
  dateOnly(iso: string): string;
  /** A number with the language's separators: 52.340 and 0,85 in Dutch. */
  number(value: number, fractionDigits?: number): string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(() => {
    const chosen = initialLanguage();
    setApiLanguage(chosen);
    return chosen;
  });

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const setLanguage = useCallback((next: Language) => {
    setApiLanguage(next);
    setLanguageState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {}
  }, []);

  const value = useMemo<I18n>(() => {
    const formatter = new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', {
      dateStyle: 'medium',
      timeStyle: 'medium',
      timeZone: 'Europe/Amsterdam',
    });
    const locale = language === 'nl' ? 'nl-NL' : 'en-GB';
    const day = new Intl.DateTimeFormat(locale, {
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      timeZone: 'UTC',
    });
    return {
      language,
      setLanguage,
      t: (key, params) => translate(language, key, params),
      dateTime: (iso) => formatter.format(new Date(iso)),
      // A plain date is a calendar day, not an instant: read and shown in UTC so no time zone shifts it.
      dateOnly: (iso) => day.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`)),
      number: (value, fractionDigits) =>
        new Intl.NumberFormat(locale, {
          minimumFractionDigits: fractionDigits,
          maximumFractionDigits: fractionDigits ?? 3,
        }).format(value),
    };
  }, [language, setLanguage]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n outside I18nProvider');
  return context;
}
