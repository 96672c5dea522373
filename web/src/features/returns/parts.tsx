/** What the returns' screens share: the status badge, the period's words, the periods one may open. */
import { inLanguage, type Language, type Translate } from '../../lib/i18n/index.tsx';
import { Badge } from '../../ui/values.tsx';
import type { Labelled, PeriodKind, ReturnStatus, ReturnSummary, Template } from './api.ts';

export const label = (lang: Language, x: Labelled) => inLanguage(lang, x.labelEs, x.labelEn);
export const titleOf = (lang: Language, x: { titleEs: string; titleEn: string }) => inLanguage(lang, x.titleEs, x.titleEn);

export function StatusBadge({ status, late, t }: { status: ReturnStatus; late?: boolean; t: Translate }) {
  return (
    <>
      <Badge tone={status === 'draft' ? 'muted' : undefined}>{t(`returns.status.${status}`)}</Badge>
      {late ? (
        <>
          {' '}
          <Badge tone="late">{t('returns.late')}</Badge>
        </>
      ) : null}
    </>
  );
}

export const periodLabel = (period: string, t: Translate) => (period === 'once' ? t('returns.period.once') : period);

/** The current period of a kind and the five before it, newest first (`2026-S2`, `2026-Q4`, `2026`). */
export function recentPeriods(kind: PeriodKind, today = new Date()): string[] {
  if (kind === 'once') return ['once'];
  const year = today.getUTCFullYear();
  const month = today.getUTCMonth();
  const per = kind === 'semester' ? 6 : kind === 'quarter' ? 3 : 12;
  const letter = kind === 'semester' ? 'S' : 'Q';
  let index = year * (12 / per) + Math.floor(month / per);
  const out: string[] = [];
  for (let i = 0; i < 6; i++, index--) {
    const y = Math.floor(index / (12 / per));
    const part = (index % (12 / per)) + 1;
    out.push(kind === 'year' ? String(y) : `${y}-${letter}${part}`);
  }
  return out;
}

export const returnTitle = (lang: Language, t: Translate, r: ReturnSummary, country: string) =>
  t('returns.returnTitle', { title: titleOf(lang, r), country, period: periodLabel(r.period, t) });

export const dimensionsOf = (lang: Language, template: Template) => template.dimensions.map((d) => label(lang, d)).join(' × ');

/** The period a return is most often opened for: the one just ended (or the only one). */
export function defaultPeriod(kind: PeriodKind): string {
  const periods = recentPeriods(kind);
  return periods[1] ?? periods[0]!;
}
