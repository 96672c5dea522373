import { render } from 'preact';
import { App } from './app.tsx';
import { I18nProvider } from './i18n/index.tsx';
import { startRouter } from './router.ts';
import { SessionProvider } from './session.tsx';
import './styles.css';

const root = document.getElementById('app');
if (root) {
  startRouter();
  render(
    <I18nProvider>
      <SessionProvider>
        <App />
      </SessionProvider>
    </I18nProvider>,
    root,
  );
}
