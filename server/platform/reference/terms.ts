import countries from 'i18n-iso-countries';

/**
 * Vocabularies every kind of item shares: a term is a code with its Spanish and English label.
 * Defined once: request schemas validate against the codes, the web application and the exports
 * take the labels from here (each kind's `GET /api/reference/…`).
 */
export interface Term {
  code: string;
  es: string;
  en: string;
}

export const terms = <const C extends string>(list: readonly { code: C; es: string; en: string }[]) => list;
export const codes = <C extends string>(list: readonly { code: C }[]): C[] => list.map((t) => t.code);
export const label = (list: readonly Term[], code: string, lang: 'es' | 'en'): string => list.find((t) => t.code === code)?.[lang] ?? code;
/** A term as a reply carries it (nothing but its code and labels). */
export const stripTerm = (t: Term): Term => ({ code: t.code, es: t.es, en: t.en });

/** Kinds of travel document (specimens; the documents a report concerns). */
export const DOCUMENT_TYPES = terms([
  { code: 'passport', es: 'Pasaporte', en: 'Passport' },
  { code: 'identity_card', es: 'Documento de identidad', en: 'Identity card' },
  { code: 'visa', es: 'Visa', en: 'Visa' },
  { code: 'residence_permit', es: 'Permiso de residencia', en: 'Residence permit' },
  { code: 'refugee_travel_document', es: 'Documento de viaje para refugiados', en: 'Refugee travel document' },
  { code: 'entry_exit_stamp', es: 'Sello de entrada o salida', en: 'Entry/exit stamp' },
  { code: 'birth_certificate', es: 'Partida de nacimiento', en: 'Birth certificate' },
  { code: 'other', es: 'Otro', en: 'Other' },
]);
export type DocumentType = (typeof DOCUMENT_TYPES)[number]['code'];
export const DOCUMENT_TYPE_CODES = codes(DOCUMENT_TYPES);

/** Every ISO 3166-1 alpha-3 code with its alpha-2 (the browser names countries by alpha-2), from i18n-iso-countries. */
export const STATES: { code: string; alpha2: string }[] = Object.entries(countries.getAlpha3Codes())
  .map(([code, alpha2]) => ({ code, alpha2 }))
  .sort((a, b) => a.code.localeCompare(b.code));
export const STATE_CODES: string[] = STATES.map((s) => s.code);
