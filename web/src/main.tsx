import { render } from 'preact';
import { App } from './app/app.tsx';
import { I18nProvider } from './lib/i18n/index.tsx';
import { startOfflineShell } from './lib/offline.ts';
import { startRouter } from './lib/router.ts';
import { SessionProvider } from './lib/session.tsx';
import './styles.css';

const root = document.getElementById('app');
if (root) {
  startRouter();
  startOfflineShell();
  render(
    <I18nProvider>
      <SessionProvider>
        <App />
      </SessionProvider>
    </I18nProvider>,
    root,
  );
}
