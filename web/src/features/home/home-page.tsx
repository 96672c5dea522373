import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../../lib/i18n/index.tsx';
import { useSession } from '../../lib/session.tsx';
import { Notice } from '../../ui/form.tsx';
import { Page } from '../../ui/page.tsx';
import { TasksHome } from './tasks-home.tsx';

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

/** The front page: for someone signed in, what waits for them; for a visitor, what the portal is and the way in. */
export function HomePage() {
  const { state } = useSession();
  if (state.status === 'signedIn' && state.stage === 'full') return <TasksHome user={state.user} />;
  return <WelcomePage />;
}

/** What the portal is, the way in, and whether the service is up (a session still setting up its second factor is sent to /enrol). */
function WelcomePage() {
  const { t } = useI18n();
  const { state } = useSession();
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
