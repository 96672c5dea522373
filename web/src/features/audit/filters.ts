/**
 * The log's filters, as the address and the API both name them, and the draft of them a form edits
 * (times in the reader's clock there, ISO here).
 */

import { fromLocalInput, toLocalInput } from '../../lib/dates.ts';
import type { FormError } from '../../lib/errors.ts';
import { uuidOrEmpty } from '../../lib/format.ts';
import { isMessageKey, type Translate } from '../../lib/i18n/index.tsx';
import { AUDIT_OUTCOMES, type AuditOutcome } from './api.ts';

/** An action code in words; a code this version does not know yet is shown as it is. */
export function actionLabel(code: string, t: Translate): string {
  const key = `auditAction.${code}`;
  return isMessageKey(key) ? t(key) : code;
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
  /** A word of the stated purpose of access (person records and RED items are read with one). */
  purpose: string;
}

export const NO_FILTERS: AuditFilters = { actor: '', space: '', action: '', outcome: '', from: '', to: '', subject: '', purpose: '' };

const isoOrEmpty = (value: string | null): string => {
  if (!value) return '';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
};

/** The filters of an address, anything malformed dropped (a shared link is not trusted to be well formed). */
export function auditFiltersFrom(query: URLSearchParams): AuditFilters {
  const uuid = (name: string) => uuidOrEmpty(query.get(name));
  const outcome = query.get('outcome') ?? '';
  return {
    actor: uuid('actor'),
    space: uuid('space'),
    action: (query.get('action') ?? '').slice(0, 100),
    outcome: (AUDIT_OUTCOMES as readonly string[]).includes(outcome) ? (outcome as AuditOutcome) : '',
    from: isoOrEmpty(query.get('from')),
    to: isoOrEmpty(query.get('to')),
    subject: (query.get('subject') ?? '').trim().slice(0, 200),
    purpose: (query.get('purpose') ?? '').trim().slice(0, 200),
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

/** The filters as a form edits them: the times as datetime-local values. */
export interface Draft {
  actor: string;
  space: string;
  action: string;
  outcome: string;
  from: string;
  to: string;
  subject: string;
  purpose: string;
}

export const draftFrom = (f: AuditFilters): Draft => ({ ...f, from: toLocalInput(f.from), to: toLocalInput(f.to) });

/** The draft as filters, or the first problem with it. */
export function checkDraft(draft: Draft, t: Translate): AuditFilters | FormError {
  const from = fromLocalInput(draft.from);
  if (from === null) return { message: t('audit.badTime', { field: t('audit.from') }), field: 'from' };
  const to = fromLocalInput(draft.to, true);
  if (to === null) return { message: t('audit.badTime', { field: t('audit.to') }), field: 'to' };
  if (from && to && to < from) return { message: t('audit.toBeforeFrom'), field: 'to' };
  const outcome = (AUDIT_OUTCOMES as readonly string[]).includes(draft.outcome) ? (draft.outcome as AuditFilters['outcome']) : '';
  return { ...draft, outcome, from, to, subject: draft.subject.trim(), purpose: draft.purpose.trim() };
}
