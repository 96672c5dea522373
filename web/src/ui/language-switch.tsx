import { LANGUAGES, useI18n } from '../lib/i18n/index.tsx';

/** The interface language, switched in place (remembered in this browser). */
export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <div class="lang-switch" role="group" aria-label={t('lang.label')}>
      {LANGUAGES.map((code) => (
        <button key={code} type="button" lang={code} aria-pressed={lang === code} data-lang={code} onClick={() => setLang(code)}>
          {t(`lang.${code}`)}
        </button>
      ))}
    </div>
  );
}
