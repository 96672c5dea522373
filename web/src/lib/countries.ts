import type { MessageKey } from './i18n/en.ts';
import type { Language } from './i18n/languages.ts';

/**
 * The portal's "country" codes: the eleven member countries in ISO alpha-3, named by the
 * browser's locale data, and the organisations that stand in a country's place, named as the
 * Secretariat registered them (else, for the four built-in ones, by our catalogue). Careful: the
 * organisation code SV (the Virtual Secretariat) is also El Salvador's alpha-2 code, which is why
 * the alpha-2 lookup goes through this table only.
 */
const MEMBERS = {
  BLZ: 'BZ',
  CAN: 'CA',
  CRI: 'CR',
  DOM: 'DO',
  GTM: 'GT',
  HND: 'HN',
  MEX: 'MX',
  NIC: 'NI',
  PAN: 'PA',
  SLV: 'SV',
  USA: 'US',
} as const;

export type MemberCode = keyof typeof MEMBERS;
export const MEMBER_CODES = Object.keys(MEMBERS) as MemberCode[];
export const ORGANISATION_CODES = ['SV', 'IOM', 'UNHCR', 'RROCM'] as const;
export type OrganisationCode = (typeof ORGANISATION_CODES)[number];

const isMember = (code: string): code is MemberCode => code in MEMBERS;
const isOrganisation = (code: string): code is OrganisationCode => (ORGANISATION_CODES as readonly string[]).includes(code);

const displayNames = new Map<Language, Intl.DisplayNames>();

/** Every other state's alpha-2, by its alpha-3, once the reference data has arrived (learnStates). */
const otherStates = new Map<string, string>();

/** The alpha-3 → alpha-2 table of every state (GET /api/reference/specimens), so that any state can be named. */
export function learnStates(states: readonly { code: string; alpha2: string }[]): void {
  for (const { code, alpha2 } of states) if (!isMember(code)) otherStates.set(code, alpha2);
}

/**
 * Organisations registered by the Secretariat as a place (their own code as their country: the
 * Secretariat, observers, partners), by code, once the session learned them. Their registered name
 * wins over the catalogue's, as in the server's exports and mail (server/platform/reference/places.ts).
 */
const registered = new Map<string, { nameEs: string; nameEn: string }>();

/** The organisations of GET /api/organisations, so that a partner registered today is named, not shown as its code. */
export function learnOrganisations(list: readonly { code: string; country: string; nameEs: string; nameEn: string }[]): void {
  for (const { code, country, nameEs, nameEn } of list) if (code === country && !isMember(code)) registered.set(code, { nameEs, nameEn });
}

/** A region named by the browser's locale data, from its alpha-2 code. */
export function regionName(alpha2: string, lang: Language): string | null {
  let names = displayNames.get(lang);
  if (!names) {
    names = new Intl.DisplayNames([lang], { type: 'region' });
    displayNames.set(lang, names);
  }
  try {
    const name = names.of(alpha2);
    return name && name !== alpha2 ? name : null;
  } catch {
    return null;
  }
}

export function countryName(code: string, lang: Language, t: (key: MessageKey) => string): string {
  const organisation = registered.get(code);
  if (organisation) return lang === 'en' ? organisation.nameEn : organisation.nameEs;
  if (isOrganisation(code)) return t(`org.${code}`);
  const alpha2 = isMember(code) ? MEMBERS[code] : otherStates.get(code);
  if (!alpha2) return code;
  return regionName(alpha2, lang) ?? code;
}

/** Member countries in the reader's alphabetical order. */
export function sortedMembers(lang: Language, t: (key: MessageKey) => string): { code: MemberCode; name: string }[] {
  return MEMBER_CODES.map((code) => ({ code, name: countryName(code, lang, t) })).sort((a, b) => a.name.localeCompare(b.name, lang));
}

/** The states that are not members (known once learnStates ran), in the reader's alphabetical order. */
export function sortedOtherStates(lang: Language): { code: string; name: string }[] {
  return [...otherStates.entries()]
    .map(([code, alpha2]) => ({ code, name: regionName(alpha2, lang) ?? code }))
    .sort((a, b) => a.name.localeCompare(b.name, lang));
}
