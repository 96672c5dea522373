/** Where a space stands against the reader's today: its loading deadline in words (the space screens and the home page say it alike). */
import { daysBetween } from './dates.ts';
import { type Language, pluralKey, type Translate } from './i18n/index.tsx';

export type DeadlineState =
  | { kind: 'upcoming'; days: number }
  | { kind: 'open'; days: number }
  | { kind: 'today' }
  | { kind: 'overdue'; days: number };

/** Days left under which an open space's deadline is "due soon". */
export const DUE_SOON_DAYS = 14;

/** Where a space stands against today: not open yet, open with days left, due today, or overdue. */
export function deadlineState(space: { opensOn: string; loadingDeadline: string }, today: string): DeadlineState {
  const toOpen = daysBetween(today, space.opensOn);
  if (toOpen > 0) return { kind: 'upcoming', days: toOpen };
  const left = daysBetween(today, space.loadingDeadline);
  if (left > 0) return { kind: 'open', days: left };
  if (left === 0) return { kind: 'today' };
  return { kind: 'overdue', days: -left };
}

export function describeDeadline(state: DeadlineState, lang: Language, t: Translate): string {
  switch (state.kind) {
    case 'upcoming':
      return t(pluralKey(lang, 'deadline.opensIn', state.days), { count: state.days });
    case 'open':
      return t(pluralKey(lang, 'deadline.left', state.days), { count: state.days });
    case 'today':
      return t('deadline.today');
    case 'overdue':
      return t(pluralKey(lang, 'deadline.overdue', state.days), { count: state.days });
  }
}
