import type { ComponentChildren } from 'preact';
import { LANGUAGES, useI18n } from './i18n/index.tsx';

function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <div class="lang-switch" role="group" aria-label={t('lang.label')}>
      {LANGUAGES.map((code) => (
        <button
          key={code}
          type="button"
          lang={code}
          aria-pressed={lang === code}
          data-lang={code}
          onClick={() => setLang(code)}
        >
          {t(`lang.${code}`)}
        </button>
      ))}
    </div>
  );
}

export function Layout({ children }: { children: ComponentChildren }) {
  const { t } = useI18n();
  return (
    <>
      <a class="skip-link" href="#content">
        {t('app.skipToContent')}
      </a>
      <header class="masthead">
        <div class="masthead-inner">
          <a class="brand" href="/">
            <img src="/favicon.svg" alt="" width="28" height="28" />
            <span class="brand-name">{t('app.name')}</span>
            <span class="brand-tagline">{t('app.tagline')}</span>
          </a>
          <LanguageSwitch />
        </div>
        <nav class="mainnav" aria-label={t('nav.label')}>
          <a href="/" aria-current="page">
            {t('nav.home')}
          </a>
        </nav>
      </header>
      <main id="content" tabIndex={-1}>
        {children}
      </main>
      <footer class="footer">
        <p>{t('footer.handling')}</p>
      </footer>
    </>
  );
}
