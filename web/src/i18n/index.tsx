import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useState } from 'preact/hooks';
import { setRequestLanguage } from '../api.ts';
import { type Catalogue, en, type MessageKey } from './en.ts';
import { es } from './es.ts';

export type Language = 'es' | 'en';
export const LANGUAGES: readonly Language[] = ['es', 'en'];
const CATALOGUES: Record<Language, Catalogue> = { es, en };
const STORAGE_KEY = 'enlace.language';

function isLanguage(value: unknown): value is Language {
  return value === 'es' || value === 'en';
}

/** The language someone chose with the switch in this browser, if they did. */
export function chosenLanguage(): Language | null {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLanguage(stored)) return stored;
  } catch {
    // Storage may be disabled; the browser's preference still applies.
  }
  return null;
}

/** The remembered choice, else the browser's first es/en preference, else Spanish. */
export function initialLanguage(): Language {
  const chosen = chosenLanguage();
  if (chosen) return chosen;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.slice(0, 2).toLowerCase();
    if (isLanguage(base)) return base;
  }
  return 'es';
}

export function translate(lang: Language, key: MessageKey, params: Record<string, string | number> = {}): string {
  return CATALOGUES[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

interface I18n {
  lang: Language;
  /** Switches the interface; `remember: false` adopts an account's language without making it this browser's choice. */
  setLang: (lang: Language, options?: { remember?: boolean }) => void;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ComponentChildren }) {
  const [lang, setLangState] = useState<Language>(() => {
    const first = initialLanguage();
    setRequestLanguage(first);
    return first;
  });
  const setLang = useCallback((next: Language, { remember = true } = {}) => {
    setRequestLanguage(next);
    setLangState(next);
    if (!remember) return;
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not remembered, but still switched.
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo<I18n>(() => ({ lang, setLang, t: (key, params) => translate(lang, key, params) }), [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
