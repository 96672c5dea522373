import { ApiError } from './api.ts';
import type { Translate } from './i18n/index.tsx';

/** A problem to show at the top of a form or a section, and the field it is about (focused and marked invalid). */
export interface FormError {
  message: string;
  field?: string | undefined;
}

/** What a failed call says to the reader: the server's message (already in their language), or ours. */
export function toFormError(err: unknown, t: Translate): FormError {
  if (err instanceof ApiError) {
    if (err.code === 'network') return { message: t('error.network') };
    return { message: err.message || t('error.unexpected'), field: err.field };
  }
  return { message: t('error.unexpected') };
}
