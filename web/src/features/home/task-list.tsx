/** The short lists of the home page: each item named from what is in clear, with its label, status and a link. */
import { specimenTitle, useReference } from '../../items/reference.ts';
import { StatusBadge } from '../../items/status-badge.tsx';
import { TlpBadge } from '../../items/tlp.tsx';
import { countryName } from '../../lib/countries.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { pluralKey, useI18n } from '../../lib/i18n/index.tsx';
import type { TaskItem } from './api.ts';

const PATHS: Record<TaskItem['kind'], string> = { specimen: 'specimens', report: 'reports', alert: 'alerts', person: 'persons', library: 'library' };

/** Where an item opens; `?from=validation` leads back to the queue it waits in. */
export function itemHref(item: TaskItem, fromQueue = false): string {
  const base = `/${PATHS[item.kind]}/${item.id}`;
  return fromQueue ? `${base}?from=validation` : base;
}

export function TaskList({
  id,
  title,
  items,
  fromQueue = false,
  when,
  more,
}: {
  id: string;
  title: string;
  items: TaskItem[];
  fromQueue?: boolean;
  /** What the date says: since when it waits, or when it last changed. */
  when: 'waiting' | 'updated';
  /** The queue with all of them, when there are more than the list shows. */
  more?: { href: string; count: number } | null;
}) {
  const { t, lang } = useI18n();
  const { ref } = useReference();
  return (
    <section class="panel task-list" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <ul>
        {items.map((item) => {
          const name =
            item.kind === 'alert'
              ? t('home.item.alert', { country: countryName(item.originatorCountry, lang, t) })
              : item.kind === 'report'
                ? t('home.item.report', { country: countryName(item.originatorCountry, lang, t) })
                : item.kind === 'person'
                  ? // A person record by its kind alone: nothing of it is opened here.
                    t('home.item.person', { country: countryName(item.originatorCountry, lang, t) })
                  : item.documentType && item.issuingCountry
                    ? specimenTitle(ref, { documentType: item.documentType, issuingCountry: item.issuingCountry }, lang, t)
                    : t('home.item.specimen');
          const date = formatDateTime(item.updatedAt, lang);
          return (
            <li key={item.id} class="task-item">
              <a href={itemHref(item, fromQueue)}>{name}</a>
              <span class="task-item-facts">
                {item.severity ? (
                  <span class={`severity severity-${item.severity}`}>
                    <span class="visually-hidden">{t('severity.label')} </span>
                    {t(`severity.${item.severity}`)}
                  </span>
                ) : null}
                <TlpBadge tlp={item.tlp} />
                <StatusBadge status={item.status} />
                {item.corrections ? <span>{t(pluralKey(lang, 'home.item.corrections', item.corrections), { count: item.corrections })}</span> : null}
                <span class="muted">{t(when === 'waiting' ? 'home.item.waitingSince' : 'home.item.updated', { date })}</span>
              </span>
            </li>
          );
        })}
      </ul>
      {more ? (
        <p class="task-list-more">
          <a href={more.href}>{t('home.list.openQueue', { count: more.count })}</a>
        </p>
      ) : null}
    </section>
  );
}
