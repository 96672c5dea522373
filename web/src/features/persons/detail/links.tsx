import { specimenTitle, useReference } from '../../../items/reference.ts';
import { StatusBadge } from '../../../items/status-badge.tsx';
import { TlpBadge } from '../../../items/tlp.tsx';
import { shortId } from '../../../lib/format.ts';
import { useI18n } from '../../../lib/i18n/index.tsx';
import { Panel } from '../../../ui/panel.tsx';
import type { PersonLink } from '../api.ts';

const PATHS: Record<PersonLink['kind'], string> = {
  specimen: 'specimens',
  report: 'reports',
  alert: 'alerts',
  person: 'persons',
  library: 'library',
};

/**
 * What the record links to (specimens, reports of networks and routes, alerts) and what links to
 * it, only those the reader reads; a specimen by its type and issuer, the others by their kind.
 */
export function PersonLinks({ links }: { links: readonly PersonLink[] }) {
  const { t, lang } = useI18n();
  const { ref: specimens } = useReference();
  return (
    <Panel id="person-links-title" title={t('report.links')}>
      {links.length === 0 ? <p class="muted">{t('person.noLinks')}</p> : null}
      {links.length ? (
        <ul class="report-links">
          {links.map((link) => (
            <li key={`${link.direction}-${link.id}`} class="report-link">
              <span class="report-link-direction">{t(link.direction === 'to' ? 'report.linksTo' : 'report.linkedFrom')}</span>{' '}
              <a href={`/${PATHS[link.kind]}/${link.id}`}>
                {link.kind === 'specimen' && link.documentType && link.issuingCountry
                  ? specimenTitle(specimens, { documentType: link.documentType, issuingCountry: link.issuingCountry }, lang, t)
                  : `${t(`report.linkKind.${link.kind}`)} ${shortId(link.id)}`}
              </a>{' '}
              <TlpBadge tlp={link.tlp} /> <StatusBadge status={link.status} />
            </li>
          ))}
        </ul>
      ) : null}
    </Panel>
  );
}
