/** Small pieces of the matrix screens: a requirement's badge and the words of a cell. */
import { formatDay } from '../../lib/dates.ts';
import { type Language, useI18n } from '../../lib/i18n/index.tsx';
import { Badge } from '../../ui/values.tsx';
import type { Proposal } from './api.ts';

/** A cell's values, as a proposal carries them (the generated API type). */
export type Values = Proposal['proposed'];

/** The requirement as a coloured badge (words, not colour alone, carry it); "no information" for an unset cell. */
export function RequirementBadge({ values }: { values: Pick<Values, 'requirement' | 'daysAllowed'> | null }) {
  const { t } = useI18n();
  if (!values) return <Badge tone="muted">{t('entry.noInformation')}</Badge>;
  return (
    <Badge tone={`req-${values.requirement}`}>
      {t(`entry.requirement.${values.requirement}`)}
      {values.requirement === 'none' && values.daysAllowed ? ` · ${t('entry.days', { count: values.daysAllowed })}` : ''}
    </Badge>
  );
}

/** The exceptions in the reader's language (the other one when only it is written). */
export const exceptionsIn = (lang: Language, v: Pick<Values, 'exceptionsEs' | 'exceptionsEn'>) =>
  (lang === 'en' ? (v.exceptionsEn ?? v.exceptionsEs) : (v.exceptionsEs ?? v.exceptionsEn)) ?? '';

/** A cell's values in one line, for the history and the proposals. */
export function ValuesText({ values }: { values: Values | null }) {
  const { t, lang } = useI18n();
  if (!values) return <span class="muted">{t('entry.noInformation')}</span>;
  const parts = [
    exceptionsIn(lang, values),
    values.legalSource ?? '',
    values.effectiveOn ? t('entry.since', { date: formatDay(values.effectiveOn, lang, 'medium') }) : '',
    values.note ?? '',
  ].filter(Boolean);
  return (
    <>
      <RequirementBadge values={values} /> {parts.join(' · ')}
    </>
  );
}
