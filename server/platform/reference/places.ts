import type { Database } from '../db/database.ts';
import { isStateCode, MEMBER_COUNTRIES, placeName, SECRETARIAT_CODE } from './countries.ts';

/**
 * The "places" a person, a releasability or a responsibility can name: a member country, the
 * Secretariat (SV, which the policies name), or an organisation registered with its own code as its
 * country (observers and partners). Which organisations exist is the `organisation` table's answer,
 * not a list in code, so the Secretariat adds one without a release.
 */
const isFixed = (code: string) => (MEMBER_COUNTRIES as readonly string[]).includes(code) || code === SECRETARIAT_CODE;

/** Organisations among these codes registered as a place: with their own code as their country (observers, partners, the Secretariat). */
const registeredPlaces = (db: Database, codes: string[]) => db.selectFrom('organisation').where('code', 'in', codes).whereRef('code', '=', 'country');

/** Each code's standing: a fixed place, a registered organisation (active or not), or unknown. */
export async function placesOf(db: Database, codes: readonly string[]): Promise<Map<string, 'ok' | 'inactive' | 'unknown'>> {
  const asked = [...new Set(codes)].filter((c) => !isFixed(c));
  const rows = asked.length ? await registeredPlaces(db, asked).select(['code', 'deactivatedAt']).execute() : [];
  const found = new Map(rows.map((r) => [r.code, r.deactivatedAt ? ('inactive' as const) : ('ok' as const)]));
  return new Map(codes.map((c) => [c, isFixed(c) ? 'ok' : (found.get(c) ?? 'unknown')]));
}

/** The first code that names no place (400 invalid_country on `field`); deactivated organisations still count when `inactiveToo`. */
export async function firstUnknownPlace(db: Database, codes: readonly string[], inactiveToo = true): Promise<string | undefined> {
  const standing = await placesOf(db, codes);
  return codes.find((c) => standing.get(c) === 'unknown' || (!inactiveToo && standing.get(c) === 'inactive'));
}

/** A place's name in the language of the text being written. */
export type PlaceNamer = (code: string) => string;

/**
 * Names places in a text the server writes (exports, e-mails): an organisation registered with its
 * own code as its country (an observer, a partner, the Secretariat) by the name the Secretariat gave
 * it, so one registered after the release is named as in the portal, not by its code; a state by its
 * name; anything else as `placeName` does. One query for all the codes a text holds.
 */
export async function placeNamer(db: Database, codes: Iterable<string>, language: 'es' | 'en'): Promise<PlaceNamer> {
  const asked = [...new Set(codes)].filter((c) => !isStateCode(c));
  const rows = asked.length ? await registeredPlaces(db, asked).select(['code', 'nameEs', 'nameEn']).execute() : [];
  const registered = new Map(rows.map((r) => [r.code, language === 'es' ? r.nameEs : r.nameEn]));
  return (code) => registered.get(code) ?? placeName(code, language);
}
