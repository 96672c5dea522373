/**
 * Dates and times. Calendar dates (YYYY-MM-DD) have no time of day and no time zone, so they are
 * counted and shown in UTC; moments (ISO date-times) are shown in the reader's own clock.
 */
import type { Language } from './i18n/languages.ts';

const DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const pad = (n: number) => String(n).padStart(2, '0');

function utc(iso: string): number {
  const m = ISO_DATE.exec(iso);
  if (!m) return Number.NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

/** The reader's calendar day of a moment (YYYY-MM-DD): for grouping a timeline, or today. */
export function localDay(moment: string | Date): string {
  const d = new Date(moment);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Today in the reader's own calendar. */
export const todayIso = (): string => localDay(new Date());

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

export function formatDateTime(iso: string, lang: string): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function formatDate(iso: string, lang: string): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long' }).format(new Date(iso));
}

/** A calendar date (YYYY-MM-DD) in the reader's locale: it has no time zone, so it is shown as UTC. */
export function formatDay(isoDate: string, lang: string, style: 'long' | 'medium' = 'long'): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(lang, { dateStyle: style, timeZone: 'UTC' }).format(date);
}

/** A moment to the second, in the reader's locale. */
export function formatMoment(iso: string, lang: Language, part: 'both' | 'time' = 'both'): string {
  const options: Intl.DateTimeFormatOptions = part === 'time' ? { timeStyle: 'medium' } : { dateStyle: 'medium', timeStyle: 'medium' };
  return new Intl.DateTimeFormat(lang, options).format(new Date(iso));
}

/** From one moment to another, to the minute, the day said once when both fall on it (Intl's formatRange). */
export function formatSpan(from: string, to: string, lang: Language): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).formatRange(new Date(from), new Date(to));
}

/** The hour starting at `iso`: "23 nov 2026, 14:00–15:00". */
export function formatHour(iso: string, lang: Language): string {
  const start = new Date(iso);
  const end = new Date(start.getTime() + 3_600_000);
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).formatRange(start, end);
}

/** A calendar day of the reader (from localDay) with its weekday: "lunes, 23 de noviembre de 2026". */
export function formatLocalDay(day: string, lang: Language): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Intl.DateTimeFormat(lang, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(y!, m! - 1, d!));
}

/** A moment as a datetime-local input shows it: the reader's own clock, to the minute ('' for none). */
export function toLocalInput(moment: string | Date): string {
  if (!moment) return '';
  const d = new Date(moment);
  if (Number.isNaN(d.getTime())) return '';
  return `${localDay(d)}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * A datetime-local value as an ISO time: '' for none, null if it is not one. "Until 14:30" takes
 * in the whole minute, so an entry at 14:30:45 is not left out.
 */
export function fromLocalInput(value: string, endOfMinute = false): string | null {
  if (!value) return '';
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)) return null;
  // Without an offset, a date-time is read in the browser's own time zone.
  const time = new Date(value).getTime();
  if (Number.isNaN(time)) return null;
  return new Date(endOfMinute ? time - (time % 60_000) + 59_999 : time).toISOString();
}
