import { AUDIT_OUTCOMES, type AuditOutcome } from './api.ts';
import { en, type MessageKey } from './i18n/en.ts';
import type { Language } from './i18n/index.tsx';
import { UUID } from './spaces.ts';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** An action code in words; a code this version does not know yet is shown as it is. */
export function actionLabel(code: string, t: Translate): string {
  const key = `auditAction.${code}`;
  return Object.hasOwn(en, key) ? t(key as MessageKey) : code;
}

/** The log's filters, as the address and the API both name them; '' is "any". Times are ISO. */
export interface AuditFilters {
  actor: string;
  space: string;
  action: string;
  outcome: '' | AuditOutcome;
  from: string;
  to: string;
  subject: string;
}

export const NO_FILTERS: AuditFilters = { actor: '', space: '', action: '', outcome: '', from: '', to: '', subject: '' };

const isoOrEmpty = (value: string | null): string => {
  if (!value) return '';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
};

/** The filters of an address, anything malformed dropped (a shared link is not trusted to be well formed). */
export function auditFiltersFrom(query: URLSearchParams): AuditFilters {
  const uuid = (name: string) => {
    const value = query.get(name) ?? '';
    return UUID.test(value) ? value.toLowerCase() : '';
  };
  const outcome = query.get('outcome') ?? '';
  return {
    actor: uuid('actor'),
    space: uuid('space'),
    action: (query.get('action') ?? '').slice(0, 100),
    outcome: (AUDIT_OUTCOMES as string[]).includes(outcome) ? (outcome as AuditOutcome) : '',
    from: isoOrEmpty(query.get('from')),
    to: isoOrEmpty(query.get('to')),
    subject: (query.get('subject') ?? '').trim().slice(0, 200),
  };
}

/** The page of the log an address asks for: older than this sequence number, if any. */
export function beforeFrom(query: URLSearchParams): number | null {
  const value = Number(query.get('before'));
  return Number.isSafeInteger(value) && value > 0 ? value : null;
}

export function auditQuery(filters: AuditFilters, extra: Record<string, string | number | null> = {}): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
  for (const [name, value] of Object.entries(extra)) if (value !== null && value !== '') params.set(name, String(value));
  return params;
}

export const hasFilters = (filters: AuditFilters) => Object.values(filters).some((v) => v !== '');

export function logAddress(filters: AuditFilters, before: number | null = null): string {
  const query = auditQuery(filters, { before }).toString();
  return query ? `/audit?${query}` : '/audit';
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO time as a datetime-local value (the reader's own clock, to the minute). */
export function toLocalInput(iso: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * A datetime-local value as an ISO time: null if it is not one. "Until 14:30" takes in the whole
 * minute, so an entry at 14:30:45 is not left out.
 */
export function fromLocalInput(value: string, endOfMinute = false): string | null {
  if (!value) return '';
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)) return null;
  // Without an offset, a date-time is read in the browser's own time zone.
  const time = new Date(value).getTime();
  if (Number.isNaN(time)) return null;
  return new Date(endOfMinute ? time - (time % 60_000) + 59_999 : time).toISOString();
}

/** A moment of the log, to the second, in the reader's locale. */
export function formatMoment(iso: string, lang: Language, part: 'both' | 'time' = 'both'): string {
  const options: Intl.DateTimeFormatOptions = part === 'time' ? { timeStyle: 'medium' } : { dateStyle: 'medium', timeStyle: 'medium' };
  return new Intl.DateTimeFormat(lang, options).format(new Date(iso));
}

/** The hour starting at `iso`: "23 nov 2026, 14:00–15:00". */
export function formatHour(iso: string, lang: Language): string {
  const start = new Date(iso);
  const end = new Date(start.getTime() + 3_600_000);
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).formatRange(start, end);
}

/** The reader's calendar day of a moment (YYYY-MM-DD), for grouping a timeline. */
export function localDay(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function formatLocalDay(day: string, lang: Language): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Intl.DateTimeFormat(lang, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(y!, m! - 1, d!));
}

/** Long ids (UUIDs, hashes) cut for a table cell; the whole value is in the entry's details. */
export function shortId(value: string, length = 8): string {
  return value.length > length + 1 ? `${value.slice(0, length)}…` : value;
}
