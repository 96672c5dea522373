/** What the commitment screens share: a status badge, the calendar in words, the activity in the reader's language. */
import { countryName, sortedMembers } from '../../lib/countries.ts';
import { formatDay } from '../../lib/dates.ts';
import { inLanguage, type Language, nameIn, type Translate, useI18n } from '../../lib/i18n/index.tsx';
import type { RegisteredOrganisation } from '../../lib/organisations.ts';
import { Badge } from '../../ui/values.tsx';
import type { Commitment, Responsible, Status } from './api.ts';

// The items' workflow colours: grey not started, amber in progress, green done (styles.css).
const TONES: Record<Status, string> = { not_started: 'item-draft', in_progress: 'item-submitted', done: 'item-published' };

export function StatusBadge({ status }: { status: Status }) {
  const { t } = useI18n();
  return <Badge tone={TONES[status]}>{t(`commitmentStatus.${status}`)}</Badge>;
}

/** A responsible with its status (and "late" when it is). */
export function ResponsibleStatus({ responsible }: { responsible: Responsible }) {
  const { t, lang } = useI18n();
  return (
    <span class="commitment-responsible">
      <abbr title={countryName(responsible.responsible, lang, t)}>{responsible.responsible}</abbr> <StatusBadge status={responsible.status} />
      {responsible.overdue ? <Badge tone="late">{t('commitments.late')}</Badge> : null}
    </span>
  );
}

/** The activity in the reader's language, or in the one it was written in. */
export const activityOf = (lang: Language, c: Pick<Commitment, 'activityEs' | 'activityEn'>): string =>
  inLanguage(lang, c.activityEs ?? '', c.activityEn ?? '');

/** The language the shown activity is written in, when it is not the reader's (so that it is read out in its own). */
export function activityLang(lang: Language, c: Pick<Commitment, 'activityEs' | 'activityEn'>): Language | undefined {
  if (lang === 'es') return c.activityEs ? undefined : 'en';
  return c.activityEn ? undefined : 'es';
}

export const indicatorOf = (lang: Language, c: Pick<Commitment, 'indicatorEs' | 'indicatorEn'>): string =>
  inLanguage(lang, c.indicatorEs ?? '', c.indicatorEn ?? '');

/** "Every six months, next due 1 July 2026", "Once, by 30 June 2026", "Once, date to be defined", "Continuous". */
export function calendarText(c: Pick<Commitment, 'calendar' | 'currentDueOn'>, lang: Language, t: Translate): string {
  const calendar = t(`commitmentCalendar.${c.calendar}`);
  if (c.calendar === 'continuous') return calendar;
  if (!c.currentDueOn) return t('commitments.dueUndefined', { calendar });
  return t('commitments.dueOn', { calendar, date: formatDay(c.currentDueOn, lang, 'medium') });
}

/**
 * Who may be responsible: the member countries, then the Secretariat and the registered organisations
 * that stand in a country's place (usePlaceOrganisations), named in the reader's language.
 */
export function responsibleChoices(lang: Language, t: Translate, organisations: readonly RegisteredOrganisation[]): { code: string; name: string }[] {
  const registered = organisations.map((o) => ({ code: o.code, name: nameIn(lang, o) }));
  const secretariat = registered.some((o) => o.code === 'SV') ? [] : [{ code: 'SV', name: countryName('SV', lang, t) }];
  return [...sortedMembers(lang, t), ...secretariat, ...registered];
}
