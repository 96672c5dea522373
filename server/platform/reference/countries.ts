import { createRequire } from 'node:module';
import countries from 'i18n-iso-countries';
import { Type } from 'typebox';
import { MEMBER_COUNTRIES } from '../../../policies/actor.ts';

/** The conference's member countries (ISO 3166-1 alpha-3): the policy's list (policies/actor.ts). */
export { MEMBER_COUNTRIES };

/**
 * Organisations that take a user's "country" place: the observers (IOM, UNHCR, the civil-society
 * network RROCM) and the Virtual Secretariat itself (SV), whose staff belong to no one country.
 */
export const ORGANISATION_CODES = ['IOM', 'UNHCR', 'RROCM', 'SV'] as const;

/**
 * The Virtual Secretariat's code, which the policies name (policies/commitments.ts). The other
 * organisations that stand in a country's place are rows of `organisation` (observers, partners):
 * a person's country is checked against that table (server/features/identity/accounts.ts).
 */
export const SECRETARIAT_CODE = 'SV';

/** A person's country as the API takes it: a member country's alpha-3 or an organisation's own code. */
export const Place = Type.String({ pattern: '^[A-Z]{2,5}$' });

export type CountryCode = (typeof MEMBER_COUNTRIES)[number] | (typeof ORGANISATION_CODES)[number];
export const COUNTRY_CODES: readonly CountryCode[] = [...MEMBER_COUNTRIES, ...ORGANISATION_CODES];

/** A member country or an organisation code, as request schemas take it. */
export const Country = Type.Enum([...COUNTRY_CODES]);

export const isCountryCode = (value: string): value is CountryCode => (COUNTRY_CODES as readonly string[]).includes(value);

const require = createRequire(import.meta.url);
countries.registerLocale(require('i18n-iso-countries/langs/es.json'));
countries.registerLocale(require('i18n-iso-countries/langs/en.json'));

/** An ISO 3166-1 alpha-3 state code (any state, not only members): never an organisation's own code. */
export const isStateCode = (code: string): boolean => /^[A-Z]{3}$/.test(code) && countries.alpha3ToAlpha2(code) !== undefined;

/** A country's name in a language (alpha-3 in; the code itself when unknown). */
export const countryName = (code: string, language: 'es' | 'en'): string => countries.getName(code, language) ?? code;

const ORGANISATION_NAMES: Record<(typeof ORGANISATION_CODES)[number], { es: string; en: string }> = {
  SV: { es: 'Secretaría Virtual', en: 'Virtual Secretariat' },
  IOM: { es: 'Organización Internacional para las Migraciones (OIM)', en: 'International Organization for Migration (IOM)' },
  UNHCR: { es: 'Agencia de la ONU para los Refugiados (ACNUR)', en: 'UN Refugee Agency (UNHCR)' },
  RROCM: {
    es: 'Red Regional de Organizaciones Civiles para las Migraciones (RROCM)',
    en: 'Regional Network of Civil Organizations for Migration (RROCM)',
  },
};

/**
 * A portal "country" code named: an organisation by its name (SV is the Virtual Secretariat here,
 * not El Salvador's alpha-2 code), a state by its name (alpha-3), anything else as it is.
 */
export const placeName = (code: string, language: 'es' | 'en'): string =>
  code in ORGANISATION_NAMES
    ? ORGANISATION_NAMES[code as keyof typeof ORGANISATION_NAMES][language]
    : /^[A-Z]{3}$/.test(code)
      ? countryName(code, language)
      : code;
