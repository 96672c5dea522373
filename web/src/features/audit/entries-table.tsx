import { Fragment } from 'preact';
import { useId, useState } from 'preact/hooks';
import { formatMoment } from '../../lib/dates.ts';
import { shortId } from '../../lib/format.ts';
import { nameIn, useI18n } from '../../lib/i18n/index.tsx';
import { type Column, Table } from '../../ui/table.tsx';
import type { AuditEntry } from './api.ts';
import { actionLabel, logAddress, NO_FILTERS } from './filters.ts';
import { ActorCell, Dash, Outcome } from './parts.tsx';

/** Everything an entry records, for the row opened beneath it. */
function EntryDetails({ entry }: { entry: AuditEntry }) {
  const { t } = useI18n();
  const details = Object.keys(entry.details).length ? JSON.stringify(entry.details, null, 2) : null;
  return (
    <dl class="facts entry-facts">
      <dt>{t('audit.entry')}</dt>
      <dd>{entry.seq}</dd>
      <dt>{t('audit.requestId')}</dt>
      <dd>{entry.requestId ? <span class="mono">{entry.requestId}</span> : <Dash />}</dd>
      <dt>{t('audit.userAgent')}</dt>
      <dd>{entry.userAgent ?? <Dash />}</dd>
      {entry.subjectId ? (
        <>
          <dt>{t('audit.subjectFull')}</dt>
          <dd>
            <span class="mono">
              {entry.subjectType} {entry.subjectId}
            </span>{' '}
            · <a href={logAddress({ ...NO_FILTERS, subject: entry.subjectId })}>{t('audit.sameSubject')}</a>
          </dd>
        </>
      ) : null}
      {entry.purpose ? (
        <>
          <dt>{t('audit.purposeFull')}</dt>
          <dd>
            {entry.purpose} · <a href={logAddress({ ...NO_FILTERS, purpose: entry.purpose })}>{t('audit.samePurpose')}</a>
          </dd>
        </>
      ) : null}
      <dt>{t('audit.hash')}</dt>
      <dd class="mono">{entry.hash}</dd>
      <dt>{t('audit.detailsJson')}</dt>
      <dd>{details ? <pre class="json">{details}</pre> : <span class="muted">{t('audit.noDetails')}</span>}</dd>
    </dl>
  );
}

/**
 * Entries as a dense table, one row each; "Details" opens a row beneath with the request id,
 * user agent, hash and details. In a timeline the person is the page's, so their column goes.
 */
export function EntriesTable({
  entries,
  caption,
  describedBy,
  timeline = false,
}: {
  entries: AuditEntry[];
  caption: string;
  describedBy?: string;
  timeline?: boolean;
}) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const baseId = useId();
  const columns: Column[] = [
    { label: t('audit.seq'), class: 'cell-num' },
    t('audit.time'),
    ...(timeline ? [] : [t('audit.user')]),
    t('audit.action'),
    t('audit.outcome'),
    t('audit.subjectColumn'),
    t('audit.space'),
    t('audit.address'),
    <span class="visually-hidden">{t('audit.details')}</span>,
  ];
  const toggle = (seq: number) =>
    setOpen((shown) => {
      const next = new Set(shown);
      if (!next.delete(seq)) next.add(seq);
      return next;
    });
  return (
    <Table dense flush class="audit-table" caption={caption} describedBy={describedBy} columns={columns}>
      {entries.map((entry) => {
        const shown = open.has(entry.seq);
        const detailsId = `${baseId}-${entry.seq}`;
        return (
          <Fragment key={entry.seq}>
            <tr class={`entry entry-${entry.outcome}${shown ? ' entry-open' : ''}`}>
              <th scope="row" class="cell-num">
                {entry.seq}
              </th>
              <td class="cell-time">
                <time dateTime={entry.at}>{formatMoment(entry.at, lang, timeline ? 'time' : 'both')}</time>
              </td>
              {timeline ? null : <ActorCell actor={entry.actor} country={entry.actorCountry} />}
              <td>
                <span title={entry.action}>{actionLabel(entry.action, t)}</span>
                {entry.purpose ? <span class="entry-purpose">{t('audit.purpose', { purpose: entry.purpose })}</span> : null}
              </td>
              <td>
                <Outcome entry={entry} />
              </td>
              <td class="cell-subject">
                {entry.subjectType ? (
                  <span class="mono">
                    {entry.subjectType}
                    {entry.subjectId ? (
                      <>
                        {' '}
                        <span class="muted" title={entry.subjectId}>
                          {shortId(entry.subjectId)}
                        </span>
                      </>
                    ) : null}
                  </span>
                ) : (
                  <Dash />
                )}
              </td>
              <td class="cell-space">{entry.space ? nameIn(lang, entry.space) : <Dash />}</td>
              <td>{entry.clientAddress ? <span class="mono">{entry.clientAddress}</span> : <Dash />}</td>
              <td class="cell-toggle">
                <button
                  type="button"
                  class="button-link"
                  aria-expanded={shown}
                  aria-controls={detailsId}
                  aria-label={t('audit.detailsOf', { seq: entry.seq })}
                  onClick={() => toggle(entry.seq)}
                >
                  {t('audit.details')}
                </button>
              </td>
            </tr>
            <tr id={detailsId} class="entry-details" hidden={!shown}>
              <td colSpan={columns.length}>{shown ? <EntryDetails entry={entry} /> : null}</td>
            </tr>
          </Fragment>
        );
      })}
    </Table>
  );
}
