import { useEffect, useState } from 'preact/hooks';
import { SPACE_ROLES, type SpaceRole, type User } from './api.ts';
import type { MessageKey } from './i18n/en.ts';
import type { Language } from './i18n/index.tsx';

/** A bilingual name or description, in the reader's language (the other one if this one is empty). */
export function inLanguage(lang: Language, es: string, en: string): string {
  return (lang === 'es' ? es || en : en || es).trim();
}

export const spaceName = (lang: Language, space: { nameEs: string; nameEn: string }) => inLanguage(lang, space.nameEs, space.nameEn);

// --- The current space: remembered in this browser, shared by its tabs, followed by every component.

const CURRENT_KEY = 'enlace.space';
const listeners = new Set<(id: string | null) => void>();

function storedSpace(): string | null {
  try {
    return localStorage.getItem(CURRENT_KEY);
  } catch {
    return null;
  }
}

let current: string | null = storedSpace();

export function setCurrentSpace(id: string | null): void {
  if (id === current) return;
  current = id;
  try {
    if (id) localStorage.setItem(CURRENT_KEY, id);
    else localStorage.removeItem(CURRENT_KEY);
  } catch {
    // Storage disabled: remembered until the page is closed.
  }
  listeners.forEach((listener) => listener(id));
}

window.addEventListener('storage', (event) => {
  if (event.key !== CURRENT_KEY) return;
  current = event.newValue;
  listeners.forEach((listener) => listener(current));
});

/** The id of the space last chosen in this browser, if any (it may no longer be one of mine). */
export function useCurrentSpaceId(): string | null {
  const [id, setId] = useState(current);
  useEffect(() => {
    listeners.add(setId);
    setId(current);
    return () => void listeners.delete(setId);
  }, []);
  return id;
}

// --- Calendar dates (YYYY-MM-DD): no time of day and no time zone, so they are counted in UTC.

const DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function utc(iso: string): number {
  const m = ISO_DATE.exec(iso);
  if (!m) return Number.NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

/** Today in the reader's own calendar. */
export function todayIso(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function daysBetween(from: string, to: string): number {
  return Math.round((utc(to) - utc(from)) / DAY);
}

export const isIsoDate = (value: string) => ISO_DATE.test(value) && !Number.isNaN(utc(value));

/** The date `months` later, on the last day of the month when it is shorter (as PostgreSQL's `+ interval`). */
export function addMonths(iso: string, months: number): string {
  const m = ISO_DATE.exec(iso);
  if (!m) return iso;
  const year = Number(m[1]);
  const month = Number(m[2]) - 1 + months;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const date = new Date(Date.UTC(year, month, Math.min(Number(m[3]), last)));
  return date.toISOString().slice(0, 10);
}

export type DeadlineState =
  | { kind: 'upcoming'; days: number }
  | { kind: 'open'; days: number }
  | { kind: 'today' }
  | { kind: 'overdue'; days: number };

/** Where a space stands against today: not open yet, open with days left, due today, or overdue. */
export function deadlineState(space: { opensOn: string; loadingDeadline: string }, today: string): DeadlineState {
  const toOpen = daysBetween(today, space.opensOn);
  if (toOpen > 0) return { kind: 'upcoming', days: toOpen };
  const left = daysBetween(today, space.loadingDeadline);
  if (left > 0) return { kind: 'open', days: left };
  if (left === 0) return { kind: 'today' };
  return { kind: 'overdue', days: -left };
}

/** The catalogue key for a count: `base.one` or `base.other`, by the language's plural rules. */
export function pluralKey<B extends string>(lang: Language, base: B, count: number): `${B}.one` | `${B}.other` {
  return new Intl.PluralRules(lang).select(count) === 'one' ? `${base}.one` : `${base}.other`;
}

export function describeDeadline(
  state: DeadlineState,
  lang: Language,
  t: (key: MessageKey, params?: Record<string, string | number>) => string,
): string {
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

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
