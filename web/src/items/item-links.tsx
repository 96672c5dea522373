import { api } from '../lib/api.ts';
import type { Reply } from '../lib/api-schema.ts';
import { countryName } from '../lib/countries.ts';
import { useI18n } from '../lib/i18n/index.tsx';
import { useResource } from '../lib/use-resource.ts';
import { ErrorAlert } from '../ui/form.tsx';
import { Panel } from '../ui/panel.tsx';
import { referenceHook, specimenTitle, useReference } from './reference.ts';
import { StatusBadge } from './status-badge.tsx';
import { TlpBadge } from './tlp.tsx';

type Links = Reply<'/api/items/{itemId}/links', 'get'>;
type Linked = Links['items'][number];
type Terms = { states: { code: string; alpha2: string }[] } & Record<string, { code: string; es: string; en: string }[] | unknown>;

const useReportTerms = referenceHook<Terms>('/api/reference/reports');
const usePersonTerms = referenceHook<Terms>('/api/reference/persons');
const PATHS: Record<Linked['kind'], string> = { specimen: 'specimens', report: 'reports', alert: 'alerts', person: 'persons', library: 'library' };

/**
 * What cites this item — reports, alerts, person records — and what it cites, from
 * `GET /api/items/:id/links`: only what the reader reads, each named by its clear facets (a person
 * record by its role, detection country and year; never a name).
 */
export function ItemLinks({ itemId }: { itemId: string }) {
  const { t, lang } = useI18n();
  const links = useResource(() => api<Links>('GET', `/api/items/${encodeURIComponent(itemId)}/links`), [itemId]);
  const { ref: specimens } = useReference();
  const { ref: reports } = useReportTerms();
  const { ref: persons } = usePersonTerms();
  const termOf = (ref: Terms | null, vocabulary: string, code: string | null) => {
    const list = ref?.[vocabulary] as { code: string; es: string; en: string }[] | undefined;
    return code ? (list?.find((x) => x.code === code)?.[lang] ?? code) : '';
  };
  const name = (link: Linked): string => {
    if (link.kind === 'specimen' && link.documentType && link.issuingCountry)
      return specimenTitle(specimens, { documentType: link.documentType, issuingCountry: link.issuingCountry }, lang, t);
    if (link.kind === 'report') return termOf(reports, 'kinds', link.reportKind) || t('report.linkKind.report');
    if (link.kind === 'person')
      return [
        link.personForm === 'minors' ? termOf(persons, 'forms', 'minors') : termOf(persons, 'roles', link.personRole),
        link.detectionCountry ? countryName(link.detectionCountry, lang, t) : '',
        link.detectionYear ? String(link.detectionYear) : '',
      ]
        .filter(Boolean)
        .join(' · ');
    return t(`report.linkKind.${link.kind}`);
  };
  const items = links.data?.items ?? [];
  return (
    <Panel id="item-links-title" class="no-print" title={t('links.title')}>
      <ErrorAlert error={links.error} />
      {links.data && items.length === 0 ? <p class="muted">{t('links.none')}</p> : null}
      {items.length ? (
        <ul class="report-links">
          {items.map((link) => (
            <li key={`${link.direction}-${link.id}`} class="report-link">
              <span class="report-link-direction">{t(link.direction === 'to' ? 'report.linksTo' : 'report.linkedFrom')}</span>{' '}
              <span class="report-link-kind">{t(`report.linkKind.${link.kind}`)}</span> <a href={`/${PATHS[link.kind]}/${link.id}`}>{name(link)}</a>{' '}
              <TlpBadge tlp={link.tlp} /> <StatusBadge status={link.status} />
            </li>
          ))}
        </ul>
      ) : null}
    </Panel>
  );
}
