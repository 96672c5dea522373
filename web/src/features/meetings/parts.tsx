import { formatSpan } from '../../lib/dates.ts';
import type { MessageKey } from '../../lib/i18n/en.ts';
import type { Language, Translate } from '../../lib/i18n/index.tsx';
import type { Meeting, MeetingKind, TrainingTopic } from './api.ts';

export const titleOf = (lang: Language, m: Pick<Meeting, 'titleEs' | 'titleEn'>) => (lang === 'en' ? m.titleEn : m.titleEs);
export const kindName = (kind: MeetingKind, t: Translate) => t(`meetings.kind.${kind}` as MessageKey);
export const topicName = (topic: TrainingTopic, t: Translate) => t(`meetings.topic.${topic}` as MessageKey);

/** When, to the minute: "25 dic 2026, 14:00–22:00", the end's day written only when it is another. */
export function whenText(m: Pick<Meeting, 'startsAt' | 'endsAt'>, lang: Language): string {
  return formatSpan(m.startsAt, m.endsAt, lang);
}
