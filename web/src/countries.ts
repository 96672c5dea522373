import type { MessageKey } from './i18n/en.ts';
import type { Language } from './i18n/index.tsx';

/**
 * The portal's "country" codes: the eleven member countries in ISO alpha-3, named by the
 * browser's locale data, and the four organisations that stand in a country's place, named by
 * our catalogue. Careful: the organisation code SV (the Virtual Secretariat) is also El
 * Salvador's alpha-2 code, which is why the alpha-2 lookup goes through this table only.
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

export function countryName(code: string, lang: Language, t: (key: MessageKey) => string): string {
  if (isOrganisation(code)) return t(`org.${code}`);
  if (!isMember(code)) return code;
  let names = displayNames.get(lang);
  if (!names) {
    names = new Intl.DisplayNames([lang], { type: 'region' });
    displayNames.set(lang, names);
  }
  return names.of(MEMBERS[code]) ?? code;
}

/** Member countries in the reader's alphabetical order. */
export function sortedMembers(lang: Language, t: (key: MessageKey) => string): { code: MemberCode; name: string }[] {
  return MEMBER_CODES.map((code) => ({ code, name: countryName(code, lang, t) })).sort((a, b) =>
    a.name.localeCompare(b.name, lang),
  );
}
