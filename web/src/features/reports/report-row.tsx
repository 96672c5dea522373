import type { ComponentChildren } from 'preact';
import { StatusBadge } from '../../items/status-badge.tsx';
import { TlpBadge } from '../../items/tlp.tsx';
import { countryName } from '../../lib/countries.ts';
import { formatDay } from '../../lib/dates.ts';
import { type Language, type Translate, useI18n } from '../../lib/i18n/index.tsx';
import type { ReportCard } from './api.ts';
import { categoryLabel, type ReportReference, term } from './reference.ts';

/** A report's period: "from 1 Jan 2026", "1 Jan – 10 Feb 2026", or "not given". */
export function periodText(from: string | null | undefined, until: string | null | undefined, lang: Language, t: Translate): string {
  if (from && until) return t('reports.periodBetween', { from: formatDay(from, lang, 'medium'), until: formatDay(until, lang, 'medium') });
  if (from) return t('reports.periodSince', { from: formatDay(from, lang, 'medium') });
  if (until) return t('reports.periodUntil', { until: formatDay(until, lang, 'medium') });
  return t('specimens.notGiven');
}

/** One report in a list: its kind, title, TLP and status, the countries it concerns, its period. */
export function ReportRow({
  card,
  reference,
  headingLevel = 2,
  children,
}: {
  card: ReportCard;
  reference: ReportReference | null;
  headingLevel?: 2 | 3;
  children?: ComponentChildren;
}) {
  const { t, lang } = useI18n();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <li class="specimen-row report-row">
      <div class="specimen-row-main">
        <p class="report-kind">{term(reference, 'kinds', card.kind, lang)}</p>
        <Heading class="specimen-row-title">
          <a href={`/reports/${card.id}`}>{card.title}</a>
        </Heading>
        <p class="specimen-tags">
          <TlpBadge tlp={card.tlp} />
          <StatusBadge status={card.status} />
          {card.category ? <span class="specimen-category">{categoryLabel(reference, card.category, lang)}</span> : null}
        </p>
        <dl class="specimen-meta">
          <div>
            <dt>{t('reports.countries')}</dt>
            <dd>{card.countries.length ? card.countries.map((c) => countryName(c, lang, t)).join(', ') : t('specimens.notGiven')}</dd>
          </div>
          {card.modes.length ? (
            <div>
              <dt>{t('reports.modes')}</dt>
              <dd>{card.modes.map((m) => term(reference, 'transportModes', m, lang)).join(', ')}</dd>
            </div>
          ) : null}
          <div>
            <dt>{t('reports.period')}</dt>
            <dd>{periodText(card.periodFrom, card.periodUntil, lang, t)}</dd>
          </div>
          <div>
            <dt>{t('specimens.from')}</dt>
            <dd>{countryName(card.originatorCountry, lang, t)}</dd>
          </div>
        </dl>
        {children}
      </div>
    </li>
  );
}
