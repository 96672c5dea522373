import { useState } from 'preact/hooks';
import { withQuery } from '../../lib/api.ts';
import { countryName } from '../../lib/countries.ts';
import { nameIn, useI18n } from '../../lib/i18n/index.tsx';
import { navigate, useLocation } from '../../lib/router.ts';
import { useSession } from '../../lib/session.tsx';
import { useResource } from '../../lib/use-resource.ts';
import { Options, SelectField } from '../../ui/fields.tsx';
import { ErrorAlert } from '../../ui/form.tsx';
import { EmptyState, Loading, Page } from '../../ui/page.tsx';
import { Panel } from '../../ui/panel.tsx';
import { Table } from '../../ui/table.tsx';
import {
  type CalendarKey,
  fetchCalendarKey,
  fetchMeetings,
  fetchNetworks,
  fetchTrainings,
  MEETING_KINDS,
  type MeetingKind,
  makeCalendarKey,
  revokeCalendarKey,
} from './api.ts';
import { kindName, titleOf, topicName, whenText } from './parts.tsx';

/**
 * The calendar: upcoming meetings (soonest first) or past ones (latest first), by network and
 * kind; the Secretariat and the Presidency add meetings; each user subscribes to their own
 * calendar with a secret link (shown once), and revokes it. Below, the officials trained per
 * country and topic over the workshops and trainings the reader sees.
 */
export function MeetingsPage() {
  const { t, lang } = useI18n();
  const { state } = useSession();
  const { query } = useLocation();
  const when = query.get('when') === 'past' ? 'past' : 'upcoming';
  const networkId = query.get('network') ?? '';
  const kind = (query.get('kind') ?? '') as MeetingKind | '';
  const list = useResource(
    () => fetchMeetings({ when, ...(networkId ? { networkId } : {}), ...(kind ? { kind } : {}), pageSize: 50 }),
    [when, networkId, kind],
  );
  const networks = useResource(fetchNetworks, []);
  const trainings = useResource(fetchTrainings, []);
  const roles = state.status === 'signedIn' ? state.user.roles : [];
  const mayCreate = roles.includes('secretariat') || roles.includes('presidency');
  const go = (next: Record<string, string>) =>
    navigate(withQuery('/meetings', { when, network: networkId || undefined, kind: kind || undefined, ...next }));

  return (
    <Page title={t('meetings.title')} lead={t('meetings.lead')}>
      {mayCreate ? (
        <p class="actions">
          <a class="button" href="/meetings/new">
            {t('meetings.new')}
          </a>
        </p>
      ) : null}
      <form class="panel filters filters-dense" aria-label={t('meetings.filters')} onSubmit={(e) => e.preventDefault()}>
        <SelectField label={t('meetings.when')} name="when" value={when} onValue={(v) => go({ when: v })}>
          <option value="upcoming">{t('meetings.upcoming')}</option>
          <option value="past">{t('meetings.past')}</option>
        </SelectField>
        <SelectField label={t('meetings.network')} name="network" value={networkId} onValue={(v) => go({ network: v })}>
          <Options items={networks.data ?? []} value={(n) => n.id} label={(n) => nameIn(lang, n)} empty={t('meetings.allNetworks')} />
        </SelectField>
        <SelectField label={t('meetings.kind')} name="kind" value={kind} onValue={(v) => go({ kind: v })}>
          <Options items={MEETING_KINDS} label={(k) => kindName(k, t)} empty={t('meetings.allKinds')} />
        </SelectField>
      </form>
      <ErrorAlert error={list.error} />
      {!list.data ? (
        list.error ? null : (
          <Loading text={t('meetings.loading')} />
        )
      ) : list.data.items.length === 0 ? (
        <EmptyState title={t(when === 'past' ? 'meetings.emptyPast' : 'meetings.empty')} text={t('meetings.emptyText')} />
      ) : (
        <ul class="plain-list meeting-list" aria-label={t('meetings.title')}>
          {list.data.items.map((m) => (
            <li key={m.id} class="panel meeting-row">
              <h2 class="meeting-title">
                <a href={`/meetings/${m.id}`}>{titleOf(lang, m)}</a>
              </h2>
              <p>
                <span class="badge">{kindName(m.kind, t)}</span> {m.network ? nameIn(lang, m.network) : t('meetings.conferenceWide')}
              </p>
              <p class="muted">
                {whenText(m, lang)}
                {m.place ? ` · ${m.place}` : ''}
              </p>
            </li>
          ))}
        </ul>
      )}
      <Subscription />
      {trainings.data?.rows.length ? (
        <Panel id="meetings-trained" title={t('meetings.trained')}>
          <Table columns={[t('meetings.country'), t('meetings.topic'), t('meetings.officials'), t('meetings.sessions')]}>
            {trainings.data.rows.map((r) => (
              <tr key={`${r.country}-${r.topic}`}>
                <td>{countryName(r.country, lang, t)}</td>
                <td>{topicName(r.topic, t)}</td>
                <td class="number">{r.officials.toLocaleString(lang)}</td>
                <td class="number">{r.meetings}</td>
              </tr>
            ))}
          </Table>
        </Panel>
      ) : null}
    </Page>
  );
}

/** The user's own calendar link: made (or replaced) and shown once, or revoked. */
function Subscription() {
  const { t } = useI18n();
  const status = useResource(fetchCalendarKey, []);
  const [made, setMade] = useState<CalendarKey | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    work()
      .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)))
      .finally(() => setBusy(false));
  };
  const active = made !== null || Boolean(status.data?.active);
  return (
    <Panel id="meetings-subscribe" title={t('meetings.subscribe')}>
      <p>{t('meetings.subscribeText')}</p>
      {error ? (
        <p class="alert alert-error" role="alert">
          {error}
        </p>
      ) : null}
      {made ? (
        <div class="field">
          <label for="calendar-link">{t('meetings.subscribeLink')}</label>
          <input id="calendar-link" class="input-code" readOnly value={made.url} onFocus={(e) => e.currentTarget.select()} />
          <p class="hint">{t('meetings.subscribeOnce')}</p>
        </div>
      ) : active ? (
        <p class="muted">{t('meetings.subscribeActive')}</p>
      ) : null}
      <p class="actions">
        <button
          type="button"
          class="button button-secondary"
          disabled={busy}
          onClick={() =>
            run(async () => {
              setMade(await makeCalendarKey());
            })
          }
        >
          {active ? t('meetings.subscribeRenew') : t('meetings.subscribeMake')}
        </button>
        {active ? (
          <button
            type="button"
            class="button button-danger"
            disabled={busy}
            onClick={() =>
              run(async () => {
                await revokeCalendarKey();
                setMade(null);
                status.setData({ active: false, createdAt: null });
              })
            }
          >
            {t('meetings.subscribeRevoke')}
          </button>
        ) : null}
      </p>
    </Panel>
  );
}
