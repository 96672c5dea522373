import type { Database } from '../../platform/db/database.ts';
import { cleanLine } from '../../platform/http/text.ts';
import type { ORGANISATION_KINDS } from './schemas.ts';

type Kind = (typeof ORGANISATION_KINDS)[number];
const COLUMNS = ['id', 'code', 'country', 'kind', 'nameEs', 'nameEn', 'deactivatedAt'] as const;

export interface OrganisationRow {
  id: string;
  code: string;
  country: string;
  kind: Kind;
  nameEs: string;
  nameEn: string;
  deactivatedAt: Date | null;
}

export interface OrganisationFilter {
  kind?: Kind | undefined;
  q?: string | undefined;
  status: 'active' | 'inactive' | 'all';
}

export function listOrganisations(db: Database, filter: OrganisationFilter): Promise<OrganisationRow[]> {
  let query = db.selectFrom('organisation').select(COLUMNS);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.status === 'active') query = query.where('deactivatedAt', 'is', null);
  if (filter.status === 'inactive') query = query.where('deactivatedAt', 'is not', null);
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('code', 'ilike', like), eb('nameEs', 'ilike', like), eb('nameEn', 'ilike', like)]));
  }
  return query.orderBy('country').orderBy('code').execute();
}

export const insertOrganisation = (trx: Database, body: { code: string; country: string; kind: Kind; nameEs: string; nameEn: string }) =>
  trx
    .insertInto('organisation')
    .values({ ...body, nameEs: cleanLine(body.nameEs), nameEn: cleanLine(body.nameEn) })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();

export const lockOrganisation = (trx: Database, id: string) =>
  trx.selectFrom('organisation').select(COLUMNS).where('id', '=', id).forUpdate().executeTakeFirst();

export const updateOrganisation = (
  trx: Database,
  id: string,
  set: { nameEs?: string; nameEn?: string; kind?: Kind; deactivatedAt?: Date | null; deactivatedBy?: string | null; updatedAt: Date },
) => trx.updateTable('organisation').set(set).where('id', '=', id).returning(COLUMNS).executeTakeFirstOrThrow();
