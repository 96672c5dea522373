import { formatHour } from '../../lib/dates.ts';
import { useI18n } from '../../lib/i18n/index.tsx';
import { type Column, Table } from '../../ui/table.tsx';
import type { AuditAnomaly } from './api.ts';
import { ActorCell, Dash } from './parts.tsx';

/** Anomalies as a table: what, who (unless the page is one person's), which hour, how many against what threshold. */
export function AnomaliesTable({ anomalies, caption, showWho = true }: { anomalies: AuditAnomaly[]; caption: string; showWho?: boolean }) {
  const { t, lang } = useI18n();
  const columns: Column[] = [
    t('anomalies.kind'),
    ...(showWho ? [t('anomalies.who')] : []),
    t('anomalies.hour'),
    { label: t('anomalies.count'), class: 'cell-num' },
    { label: t('anomalies.threshold'), class: 'cell-num' },
  ];
  return (
    <Table dense flush caption={caption} columns={columns}>
      {anomalies.map((a, i) => (
        <tr key={`${a.kind}-${a.at}-${a.actor?.id ?? a.clientAddress ?? i}`}>
          <th scope="row" class="cell-kind">
            {t(`anomalyKind.${a.kind}`)}
          </th>
          {showWho ? (
            a.actor ? (
              <ActorCell actor={a.actor} country={a.actor.country} />
            ) : (
              <td>{a.clientAddress ? <span class="mono">{a.clientAddress}</span> : <Dash />}</td>
            )
          ) : null}
          <td class="cell-time">
            <time dateTime={a.at}>{formatHour(a.at, lang)}</time>
          </td>
          <td class="cell-num">
            <strong>{a.count}</strong>
          </td>
          <td class="cell-num">{formatThreshold(a, lang)}</td>
        </tr>
      ))}
    </Table>
  );
}

/** An unusual hour is measured against a share of the person's activity; the others against counts. */
function formatThreshold(a: AuditAnomaly, lang: string): string {
  if (a.threshold > 0 && a.threshold < 1) return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(a.threshold);
  return new Intl.NumberFormat(lang).format(a.threshold);
}
