import { useEffect, useState } from 'preact/hooks';
import { useI18n } from './i18n/index.tsx';
import { Layout } from './layout.tsx';

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

function Home() {
  const { t } = useI18n();
  const service = useServiceState();
  const cards = [
    ['home.specimens.title', 'home.specimens.text'],
    ['home.alerts.title', 'home.alerts.text'],
    ['home.audit.title', 'home.audit.text'],
  ] as const;
  return (
    <section class="page" aria-labelledby="home-title">
      <h1 id="home-title">{t('home.title')}</h1>
      <p class="lead">{t('home.lead')}</p>
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
    </section>
  );
}

export function App() {
  return (
    <Layout>
      <Home />
    </Layout>
  );
}
