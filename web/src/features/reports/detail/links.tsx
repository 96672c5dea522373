import { specimenTitle, useReference } from '../../../items/reference.ts';
import { StatusBadge } from '../../../items/status-badge.tsx';
import { TlpBadge } from '../../../items/tlp.tsx';
import { useI18n } from '../../../lib/i18n/index.tsx';
import { Panel } from '../../../ui/panel.tsx';
import type { LinkedItem } from '../api.ts';
import { type ReportReference, term } from '../reference.ts';

/** Where a linked item opens: each kind at its own screen. */
const PATHS: Record<LinkedItem['kind'], string> = {
  specimen: 'specimens',
  report: 'reports',
  alert: 'alerts',
  person: 'persons',
  library: 'library',
};
const hrefOf = (link: LinkedItem) => `/${PATHS[link.kind]}/${link.id}`;

/** The items this report links to and those that link to it (only those the reader may read). */
export function Links({ links, reference }: { links: LinkedItem[]; reference: ReportReference | null }) {
  const { t, lang } = useI18n();
  const { ref: specimens } = useReference();
  return (
    <Panel id="report-links-title" title={t('report.links')}>
      {links.length === 0 ? <p class="muted">{t('report.noLinks')}</p> : null}
      {links.length ? (
        <ul class="report-links">
          {links.map((link) => (
            <li key={`${link.direction}-${link.id}`} class="report-link">
              <span class="report-link-direction">{t(link.direction === 'to' ? 'report.linksTo' : 'report.linkedFrom')}</span>{' '}
              <span class="report-link-kind">
                {link.kind === 'report' && link.reportKind ? term(reference, 'kinds', link.reportKind, lang) : t(`report.linkKind.${link.kind}`)}
              </span>{' '}
              <a href={hrefOf(link)}>
                {link.kind === 'specimen' && link.documentType && link.issuingCountry
                  ? specimenTitle(specimens, { documentType: link.documentType, issuingCountry: link.issuingCountry }, lang, t)
                  : link.label || t('report.openLinked')}
              </a>{' '}
              <TlpBadge tlp={link.tlp} /> <StatusBadge status={link.status} />
            </li>
          ))}
        </ul>
      ) : null}
    </Panel>
  );
}
