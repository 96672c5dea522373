import { useId, useState } from 'preact/hooks';
import { formatMoment } from '../../lib/dates.ts';
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
const ITEM_PATHS: Record<string, string> = { specimen: '/specimens', alert: '/alerts' };
const itemHref = (n: Notification) => `${ITEM_PATHS[n.itemKind] ?? '/specimens'}/${encodeURIComponent(n.itemId)}`;

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
        navigate(itemHref(n));
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
                {n.readAt ? null : <span class="badge badge-new">{t('notifications.new')}</span>}{' '}
                {t(n.itemKind === 'specimen' ? 'notifications.savedSearchSpecimen' : 'notifications.savedSearchItem', { name: n.label })}
              </p>
              <p class="notification-when">
                <time dateTime={n.createdAt}>{formatMoment(n.createdAt, lang)}</time>
              </p>
              <a
                href={itemHref(n)}
                class="notification-open"
                aria-disabled={opening.busy && opened === n.id ? 'true' : undefined}
                onClick={(e) => {
                  e.preventDefault();
                  open(n);
                }}
              >
                {t(n.itemKind === 'specimen' ? 'notifications.openSpecimen' : 'notifications.openItem')}
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
