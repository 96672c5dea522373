/**
 * The i18n plumbing: the language provider, `t` over the typed catalogues (en.ts is the
 * reference; es.ts must have every key, or it does not compile), plurals and bilingual names.
 */
import { type ComponentChildren, createContext } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useState } from 'preact/hooks';
import { setRequestLanguage } from '../api.ts';
import { readStored, writeStored } from '../storage.ts';
import { type Catalogue, en, type MessageKey } from './en.ts';
import { es } from './es.ts';
import { isLanguage, LANGUAGES, type Language } from './languages.ts';

export type { MessageKey } from './en.ts';
export { LANGUAGES, type Language };

/** A message from the catalogue, its `{name}` placeholders filled in. */
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

const CATALOGUES: Record<Language, Catalogue> = { es, en };
const STORAGE_KEY = 'enlace.language';

/** The language someone chose with the switch in this browser, if they did. */
export function chosenLanguage(): Language | null {
  const stored = readStored(STORAGE_KEY);
  return isLanguage(stored) ? stored : null;
}

/** The remembered choice, else the browser's first es/en preference, else Spanish. */
function initialLanguage(): Language {
  const chosen = chosenLanguage();
  if (chosen) return chosen;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.slice(0, 2).toLowerCase();
    if (isLanguage(base)) return base;
  }
  return 'es';
}

function translate(lang: Language, key: MessageKey, params: Record<string, string | number> = {}): string {
  return CATALOGUES[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Whether the catalogue has a key made at run time (an audit action this version may not know). */
export const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(en, key);

/** A message with a form for one and one for more (`base.one`, `base.other`). */
export type PluralKeyBase = PluralBase<MessageKey>;
type PluralBase<K> = K extends `${infer B}.one` ? (`${B}.other` extends MessageKey ? B : never) : never;

/** The catalogue key for a count: `base.one` or `base.other`, by the language's plural rules. */
export function pluralKey<B extends string>(lang: Language, base: B, count: number): `${B}.one` | `${B}.other` {
  return new Intl.PluralRules(lang).select(count) === 'one' ? `${base}.one` : `${base}.other`;
}

/** A bilingual name or description, in the reader's language (the other one if this one is empty). */
export function inLanguage(lang: Language, es: string, en: string): string {
  return (lang === 'es' ? es || en : en || es).trim();
}

/** The name of something named in both languages (a space, a network, an organisation). */
export const nameIn = (lang: Language, named: { nameEs: string; nameEn: string }): string => inLanguage(lang, named.nameEs, named.nameEn);

interface I18n {
  lang: Language;
  /** Switches the interface; `remember: false` adopts an account's language without making it this browser's choice. */
  setLang: (lang: Language, options?: { remember?: boolean }) => void;
  t: Translate;
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
    if (remember) writeStored(STORAGE_KEY, next);
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
