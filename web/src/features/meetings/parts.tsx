import { formatMoment } from '../../lib/dates.ts';
import type { MessageKey } from '../../lib/i18n/en.ts';
import type { Language, Translate } from '../../lib/i18n/index.tsx';
import type { Meeting, MeetingKind, TrainingTopic } from './api.ts';

export const titleOf = (lang: Language, m: Pick<Meeting, 'titleEs' | 'titleEn'>) => (lang === 'en' ? m.titleEn : m.titleEs);
export const kindName = (kind: MeetingKind, t: Translate) => t(`meetings.kind.${kind}` as MessageKey);
export const topicName = (topic: TrainingTopic, t: Translate) => t(`meetings.topic.${topic}` as MessageKey);

/** When: start and end, the end's day left out when it is the same day. */
export function whenText(m: Pick<Meeting, 'startsAt' | 'endsAt'>, lang: Language): string {
  const sameDay = m.startsAt.slice(0, 10) === m.endsAt.slice(0, 10);
  return `${formatMoment(m.startsAt, lang)} – ${formatMoment(m.endsAt, lang, sameDay ? 'time' : 'both')}`;
}
