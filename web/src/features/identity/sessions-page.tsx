import { useState } from 'preact/hooks';
import { formatDateTime } from '../../lib/dates.ts';
import { useI18n } from '../../lib/i18n/index.tsx';
import { navigate } from '../../lib/router.ts';
import { useSession } from '../../lib/session.tsx';
import { useResource } from '../../lib/use-resource.ts';
import { useAction } from '../../ui/dialog.tsx';
import { ErrorAlert, Notice } from '../../ui/form.tsx';
import { Loading, Page } from '../../ui/page.tsx';
import { Panel } from '../../ui/panel.tsx';
import { endAllSessions, endSession, fetchSessions, type SessionView } from './api.ts';

/** "Firefox on Windows" from a User-Agent string: enough to recognise a device, no more. */
function describeAgent(agent: string | null): { browser: string | null; system: string | null } {
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

/** My open sessions, each with where and when; ending one (or this one, or all of them). */
export function SessionsPage() {
  const { t } = useI18n();
  const session = useSession();
  const sessions = useResource(fetchSessions, []);
  const action = useAction();
  const [notice, setNotice] = useState<string | null>(null);

  const deviceName = (s: SessionView) => {
    const { browser, system } = describeAgent(s.userAgent);
    if (browser && system) return t('sessions.device', { browser, system });
    return browser ?? system ?? t('sessions.unknownDevice');
  };
  // This tab's own session ended: off to the home page, signed out.
  const leave = () => {
    navigate('/');
    session.forget('signedOut');
  };

  const end = (target: SessionView) => {
    setNotice(null);
    action.run(
      () => endSession(target.id),
      () => {
        if (target.current) return leave();
        setNotice(t('sessions.ended', { device: deviceName(target) }));
        sessions.reload();
      },
    );
  };
  const busy = action.busy ? 'true' : undefined;

  return (
    <Page title={t('sessions.title')} lead={t('sessions.lead')}>
      <ErrorAlert error={action.error ?? sessions.error} />
      {notice ? <Notice>{notice}</Notice> : null}
      {!sessions.data ? (
        sessions.error ? null : (
          <Loading text={t('sessions.loading')} />
        )
      ) : (
        <ul class="session-list">
          {sessions.data.map((s) => (
            <SessionItem key={s.id} session={s} name={deviceName(s)} busy={action.busy} onEnd={() => end(s)} />
          ))}
        </ul>
      )}
      <Panel id="sessions-all" title={t('sessions.allTitle')}>
        <p>{t('sessions.allText')}</p>
        <button type="button" class="button button-danger" aria-disabled={busy} onClick={() => action.run(endAllSessions, leave)}>
          {t('sessions.endAll')}
        </button>
      </Panel>
    </Page>
  );
}

function SessionItem({ session: s, name, busy, onEnd }: { session: SessionView; name: string; busy: boolean; onEnd: () => void }) {
  const { t, lang } = useI18n();
  const nameId = `session-${s.id}`;
  return (
    <li class={s.current ? 'panel session session-current' : 'panel session'}>
      <p class="session-title">
        <strong id={nameId}>{name}</strong>
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
      <button type="button" class="button button-secondary" aria-describedby={nameId} aria-disabled={busy ? 'true' : undefined} onClick={onEnd}>
        {s.current ? t('sessions.endCurrent') : t('sessions.end')}
      </button>
    </li>
  );
}
