import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../../lib/i18n/index.tsx';
import { useSession } from '../../lib/session.tsx';
import { Notice } from '../../ui/form.tsx';
import { Page } from '../../ui/page.tsx';

type ServiceState = 'checking' | 'ready' | 'unavailable';

function useServiceState(): ServiceState {
  const [state, setState] = useState<ServiceState>('checking');
  useEffect(() => {
    const controller = new AbortController();
    fetch('/readyz', { signal: controller.signal })
      .then((response) => setState(response.ok ? 'ready' : 'unavailable'))
      .catch(() => {
        if (!controller.signal.aborted) setState('unavailable');
      });
    return () => controller.abort();
  }, []);
  return state;
}

/** The front page: what the portal is, the way in, and whether the service is up. */
export function HomePage() {
  const { t } = useI18n();
  const { state, spaces } = useSession();
  const service = useServiceState();
  const cards = [
    ['home.specimens.title', 'home.specimens.text'],
    ['home.alerts.title', 'home.alerts.text'],
    ['home.audit.title', 'home.audit.text'],
  ] as const;
  return (
    <Page title={t('home.title')} lead={t('home.lead')}>
      {state.status === 'signedOut' ? (
        <>
          {state.reason === 'signedOut' ? <Notice>{t('home.signedOut')}</Notice> : null}
          <p class="call-to-action">
            <a class="button" href="/signin">
              {t('home.signIn')}
            </a>
            <span>{t('home.signInHint')}</span>
          </p>
        </>
      ) : state.status === 'signedIn' ? (
        <p class="call-to-action">
          <span>{t('home.greeting', { name: state.user.displayName })}</span>
          {spaces?.length || state.user.roles.includes('secretariat') ? <a href="/spaces">{t('spaces.title')}</a> : null}
          <a href="/profile">{t('nav.profile')}</a>
          <a href="/sessions">{t('nav.sessions')}</a>
        </p>
      ) : null}
      <ul class="cards">
        {cards.map(([title, text]) => (
          <li key={title} class="card">
            <h2>{t(title)}</h2>
            <p>{t(text)}</p>
          </li>
        ))}
      </ul>
      <p class={`service service-${service}`} role="status">
        {t(`status.${service}`)}
      </p>
    </Page>
  );
}
