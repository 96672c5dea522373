import { useEffect, useState } from 'preact/hooks';
import { api, type SessionView } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';
import { navigate } from '../router.ts';
import { useSession } from '../session.tsx';
import { ErrorAlert, type FormError, formatDateTime, Notice, Page, toFormError } from '../ui.tsx';

/** "Firefox on Windows" from a User-Agent string: enough to recognise a device, no more. */
export function describeAgent(agent: string | null): { browser: string | null; system: string | null } {
  if (!agent) return { browser: null, system: null };
  const browsers: [RegExp, string][] = [
    [/Edg\//, 'Edge'],
    [/OPR\//, 'Opera'],
    [/Firefox\//, 'Firefox'],
    [/(Headless)?Chrome\/|CriOS\//, 'Chrome'],
    [/Chromium\//, 'Chromium'],
    [/Safari\//, 'Safari'],
  ];
  const systems: [RegExp, string][] = [
    [/Android/, 'Android'],
    [/iPhone|iPad|iPod/, 'iOS'],
    [/Windows/, 'Windows'],
    [/Mac OS X|Macintosh/, 'macOS'],
    [/CrOS/, 'ChromeOS'],
    [/Linux/, 'Linux'],
  ];
  return {
    browser: browsers.find(([re]) => re.test(agent))?.[1] ?? null,
    system: systems.find(([re]) => re.test(agent))?.[1] ?? null,
  };
}

export function SessionsPage() {
  const { t, lang } = useI18n();
  const session = useSession();
  const [sessions, setSessions] = useState<SessionView[] | null>(null);
  const [error, setError] = useState<FormError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = () =>
    api<SessionView[]>('GET', '/api/sessions').then(
      (list) => setSessions(list),
      (err: unknown) => setError(toFormError(err, t)),
    );
  useEffect(() => {
    void load();
  }, []);

  const deviceName = (s: SessionView) => {
    const { browser, system } = describeAgent(s.userAgent);
    if (browser && system) return t('sessions.device', { browser, system });
    return browser ?? system ?? t('sessions.unknownDevice');
  };

  const end = async (target: SessionView) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await api('DELETE', `/api/sessions/${encodeURIComponent(target.id)}`);
      if (target.current) {
        navigate('/');
        session.forget('signedOut');
        return;
      }
      setNotice(t('sessions.ended', { device: deviceName(target) }));
      await load();
    } catch (err) {
      setError(toFormError(err, t));
    } finally {
      setBusy(false);
    }
  };

  const endAll = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await api('DELETE', '/api/sessions');
      navigate('/');
      session.forget('signedOut');
    } catch (err) {
      setError(toFormError(err, t));
      setBusy(false);
    }
  };

  return (
    <Page title={t('sessions.title')} lead={t('sessions.lead')}>
      <ErrorAlert error={error} />
      {notice ? <Notice>{notice}</Notice> : null}
      {!sessions ? (
        error ? null : (
          <p class="loading" role="status">
            {t('sessions.loading')}
          </p>
        )
      ) : (
        <ul class="session-list">
          {sessions.map((s) => {
            const nameId = `session-${s.id}`;
            return (
              <li key={s.id} class={s.current ? 'panel session session-current' : 'panel session'}>
                <p class="session-title">
                  <strong id={nameId}>{deviceName(s)}</strong>
                  {s.current ? <span class="badge">{t('sessions.current')}</span> : null}
                  {s.stage === 'enrol' ? <span class="badge badge-muted">{t('sessions.enrolStage')}</span> : null}
                </p>
                <dl class="facts facts-compact">
                  <dt>{t('sessions.address')}</dt>
                  <dd>{s.clientAddress ?? '—'}</dd>
                  <dt>{t('sessions.started')}</dt>
                  <dd>{formatDateTime(s.createdAt, lang)}</dd>
                  <dt>{t('sessions.lastSeen')}</dt>
                  <dd>{formatDateTime(s.lastSeenAt, lang)}</dd>
                  <dt>{t('sessions.expires')}</dt>
                  <dd>{formatDateTime(s.expiresAt, lang)}</dd>
                </dl>
                <button
                  type="button"
                  class="button button-secondary"
                  aria-describedby={nameId}
                  aria-disabled={busy ? 'true' : undefined}
                  onClick={() => void end(s)}
                >
                  {s.current ? t('sessions.endCurrent') : t('sessions.end')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <section class="panel" aria-labelledby="sessions-all">
        <h2 id="sessions-all">{t('sessions.allTitle')}</h2>
        <p>{t('sessions.allText')}</p>
        <button type="button" class="button button-danger" aria-disabled={busy ? 'true' : undefined} onClick={() => void endAll()}>
          {t('sessions.endAll')}
        </button>
      </section>
    </Page>
  );
}
