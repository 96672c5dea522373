import { MEMBER_COUNTRIES } from '../../../policies/actor.ts';
import { ApiError } from '../../platform/http/errors.ts';
import { cleanLine } from '../../platform/http/text.ts';
import { isStateCode } from '../../platform/reference/countries.ts';
import type { OrganisationRow } from './queries.ts';
import type { ORGANISATION_KINDS } from './schemas.ts';

type Kind = (typeof ORGANISATION_KINDS)[number];

/** Authorities belong to a member country; the others stand in a person's "country" place with their own code. */
const OF_A_COUNTRY: readonly Kind[] = ['member_authority', 'migration_authority'];

/**
 * A new organisation's code and country agree with its kind: a member country's alpha-3 for its
 * authorities; for observers, partners and the Secretariat the country is the code itself (2 to 5
 * letters, not a state's alpha-3, so that a place name is never ambiguous).
 */
export function checkPlace(body: { code: string; country: string; kind: Kind }): void {
  if (OF_A_COUNTRY.includes(body.kind)) {
    if (!(MEMBER_COUNTRIES as readonly string[]).includes(body.country)) throw new ApiError(400, 'organisation_country', {}, 'body.country');
    return;
  }
  if (body.country !== body.code) throw new ApiError(400, 'organisation_own_code', {}, 'body.country');
  if (isStateCode(body.code) || (MEMBER_COUNTRIES as readonly string[]).includes(body.code))
    throw new ApiError(400, 'organisation_code_is_state', {}, 'body.code');
}

/**
 * A kind changes only where the organisation stays in the same place: an observer becomes a partner
 * (or back), a member authority a migration authority (or back). The Secretariat's row keeps its kind.
 */
export function kindChangeAllowed(from: Kind, to: Kind): boolean {
  if (from === to) return true;
  const sameGroup = (group: readonly Kind[]) => group.includes(from) && group.includes(to);
  return sameGroup(OF_A_COUNTRY) || sameGroup(['observer', 'partner']);
}

/** The fields that actually change (the audit entry names them), with the values to write. */
export function changes(
  current: OrganisationRow,
  body: { nameEs?: string | undefined; nameEn?: string | undefined; kind?: Kind | undefined; active?: boolean | undefined },
  actorId: string,
  now: Date,
) {
  const set: { nameEs?: string; nameEn?: string; kind?: Kind; deactivatedAt?: Date | null; deactivatedBy?: string | null } = {};
  const fields: string[] = [];
  if (body.nameEs !== undefined && cleanLine(body.nameEs) !== current.nameEs) {
    set.nameEs = cleanLine(body.nameEs);
    fields.push('nameEs');
  }
  if (body.nameEn !== undefined && cleanLine(body.nameEn) !== current.nameEn) {
    set.nameEn = cleanLine(body.nameEn);
    fields.push('nameEn');
  }
  if (body.kind !== undefined && body.kind !== current.kind) {
    if (!kindChangeAllowed(current.kind, body.kind)) throw new ApiError(409, 'organisation_kind_fixed', {}, 'body.kind');
    set.kind = body.kind;
    fields.push('kind');
  }
  if (body.active === false && current.kind === 'secretariat')
    // The Secretariat runs the portal: deactivating it would stop new accounts of those who administer it.
    throw new ApiError(409, 'organisation_secretariat_active', {}, 'body.active');
  if (body.active !== undefined && body.active !== (current.deactivatedAt === null)) {
    set.deactivatedAt = body.active ? null : now;
    set.deactivatedBy = body.active ? null : actorId;
    fields.push('active');
  }
  return { set, fields };
}

export const organisationView = (row: OrganisationRow) => ({
  id: row.id,
  code: row.code,
  country: row.country,
  kind: row.kind,
  nameEs: row.nameEs,
  nameEn: row.nameEn,
  active: row.deactivatedAt === null,
  deactivatedAt: row.deactivatedAt ? new Date(row.deactivatedAt).toISOString() : null,
});
