import { useId, useState } from 'preact/hooks';
import { useReference } from '../../items/reference.ts';
import { withQuery } from '../../lib/api.ts';
import { countryName } from '../../lib/countries.ts';
import { formatDay, formatMoment } from '../../lib/dates.ts';
import { pluralKey, useI18n } from '../../lib/i18n/index.tsx';
import { navigate, useLocation } from '../../lib/router.ts';
import { useResource } from '../../lib/use-resource.ts';
import { useAction } from '../../ui/dialog.tsx';
import { ErrorAlert } from '../../ui/form.tsx';
import { EmptyState, Page } from '../../ui/page.tsx';
import { Pager, pageCount } from '../../ui/pager.tsx';
import { fetchNotifications, markRead, type Notification } from './api.ts';
import { MailPreferences } from './preferences.tsx';
import { refreshUnread, setUnread } from './unread.ts';

const PAGE_SIZE = 20;

/** Where an item of a kind is read. */
const ITEM_PATHS: Record<string, string> = { specimen: '/specimens', report: '/reports', alert: '/alerts', person: '/persons' };

/** Where a notice leads: its item, the space whose deadline it is about, the returns for a return's, the matrix for its change. */
const hrefOf = (n: Notification) =>
  n.kind === 'entry_requirement_changed'
    ? withQuery('/entry-requirements', n.destination ? { destination: n.destination } : {})
    : n.itemId
      ? `${ITEM_PATHS[n.itemKind ?? ''] ?? '/specimens'}/${encodeURIComponent(n.itemId)}`
      : n.spaceId
        ? `/spaces/${encodeURIComponent(n.spaceId)}`
        : n.obligation === 'return'
          ? '/returns'
          : n.kind === 'directory_unconfirmed'
            ? '/directory'
            : n.kind === 'meeting_reminder' && n.subjectId
              ? `/meetings/${encodeURIComponent(n.subjectId)}`
              : '/notifications';

const ITEM_KINDS = ['specimen', 'report', 'alert', 'person'] as const;
const isItemKind = (kind: string | null): kind is (typeof ITEM_KINDS)[number] => (ITEM_KINDS as readonly (string | null)[]).includes(kind);

/** A change of the entry-requirements matrix: its cell, named (every state's name comes with the reference vocabularies). */
function EntryNotice({ n }: { n: Notification }) {
  const { t, lang } = useI18n();
  useReference();
  const name = (code: string | null) => (code ? countryName(code, lang, t) : null);
  const destination = name(n.destination);
  const nationality = name(n.nationality);
  const cell = destination && nationality ? `${destination} ← ${nationality}` : (destination ?? nationality ?? t('notifications.entrySeveral'));
  return <>{t('notifications.entryChanged', { cell })}</>;
}

/** What a notice says, in one sentence: its kind, and its item (kind and short reference) or its deadline. */
function NoticeSentence({ n }: { n: Notification }) {
  const { t, lang } = useI18n();
  if (n.kind === 'saved_search')
    return <>{t(n.itemKind === 'specimen' ? 'notifications.savedSearchSpecimen' : 'notifications.savedSearchItem', { name: n.label ?? '' })}</>;
  if (n.kind === 'entry_requirement_changed') return <EntryNotice n={n} />;
  if (n.kind === 'directory_unconfirmed') return <>{t('notifications.directoryUnconfirmed', { name: n.label ?? '' })}</>;
  if (n.kind === 'meeting_reminder')
    return <>{t('notifications.meetingReminder', { name: n.label ?? '', date: n.dueOn ? formatDay(n.dueOn, lang) : '' })}</>;
  if (n.kind === 'deadline_due' || n.kind === 'deadline_late') {
    const values = { name: n.label ?? '', date: n.dueOn ? formatDay(n.dueOn, lang) : '' };
    if (n.obligation === 'return') return <>{t(n.kind === 'deadline_due' ? 'notifications.returnDue' : 'notifications.returnLate', values)}</>;
    return <>{t(n.kind === 'deadline_due' ? 'notifications.deadlineDue' : 'notifications.deadlineLate', values)}</>;
  }
  const item = `${t(isItemKind(n.itemKind) ? `notifications.itemKind.${n.itemKind}` : 'notifications.itemKind.item')} ${(n.itemId ?? '').slice(0, 8)}`;
  return <>{t(`notifications.kind.${n.kind}`, { item })}</>;
}

const openLabel = (n: Notification) =>
  n.kind === 'entry_requirement_changed'
    ? 'notifications.openEntryRequirements'
    : n.obligation === 'return'
      ? 'notifications.openReturns'
      : n.kind === 'directory_unconfirmed'
        ? 'notifications.openDirectory'
        : n.kind === 'meeting_reminder'
          ? 'notifications.openMeeting'
          : n.kind === 'deadline_due' || n.kind === 'deadline_late'
            ? 'notifications.openSpace'
            : n.itemKind === 'specimen'
              ? 'notifications.openSpecimen'
              : 'notifications.openItem';

/** My notifications, newest first: each says what happened and leads to the item (read once opened); my mail choice below. */
export function NotificationsPage() {
  const { t, lang } = useI18n();
  const { query } = useLocation();
  const requested = Number(query.get('page') ?? '1');
  const page = Number.isInteger(requested) && requested >= 1 && requested <= 10_000 ? requested : 1;
  const list = useResource(
    () =>
      fetchNotifications({ page, pageSize: PAGE_SIZE }).then((result) => {
        setUnread(result.unread);
        return result;
      }),
    [page],
  );
  const opening = useAction();
  const countId = useId();
  const [opened, setOpened] = useState<string | null>(null);
  const data = list.data;

  const open = (n: Notification) => {
    setOpened(n.id);
    opening.run(
      () => (n.readAt ? Promise.resolve(undefined) : markRead(n.id)),
      () => {
        refreshUnread();
        navigate(hrefOf(n));
      },
    );
  };

  return (
    <Page title={t('notifications.title')} lead={t('notifications.lead')}>
      <ErrorAlert error={list.error ?? opening.error} />
      {data ? (
        <p class="results-count" id={countId}>
          {t(pluralKey(lang, 'notifications.count', data.total), { count: data.total })}
          {' · '}
          {t(pluralKey(lang, 'notifications.unread', data.unread), { count: data.unread })}
        </p>
      ) : list.loading ? (
        <p class="loading">{t('app.loading')}</p>
      ) : null}
      {data && data.items.length === 0 ? <EmptyState title={t('notifications.emptyTitle')} text={t('notifications.empty')} /> : null}
      {data?.items.length ? (
        <ol class="notification-list" aria-describedby={countId}>
          {data.items.map((n) => (
            <li key={n.id} class={n.readAt ? 'notification' : 'notification notification-unread'}>
              <p class="notification-what">
                {n.readAt ? null : <span class="badge badge-new">{t('notifications.new')}</span>} <NoticeSentence n={n} />
              </p>
              <p class="notification-when">
                <time dateTime={n.createdAt}>{formatMoment(n.createdAt, lang)}</time>
              </p>
              <a
                href={hrefOf(n)}
                class="notification-open"
                aria-disabled={opening.busy && opened === n.id ? 'true' : undefined}
                onClick={(e) => {
                  e.preventDefault();
                  open(n);
                }}
              >
                {t(openLabel(n))}
              </a>
            </li>
          ))}
        </ol>
      ) : null}
      {data ? (
        <Pager
          page={data.page}
          pages={pageCount(data)}
          label={t('notifications.pagination')}
          address={(p) => (p > 1 ? `/notifications?page=${p}` : '/notifications')}
        />
      ) : null}
      <MailPreferences />
    </Page>
  );
}
