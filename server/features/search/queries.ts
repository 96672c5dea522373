import { type SqlBool, sql } from 'kysely';
import type { Static } from 'typebox';
import type { Ability } from '../../../policies/ability.ts';
import type { Keyring } from '../../platform/crypto/master-key.ts';
import { openRecord, type SealedRecord, sealedRecord } from '../../platform/crypto/sealed-records.ts';
import type { Sealer } from '../../platform/crypto/sealer.ts';
import type { Database } from '../../platform/db/database.ts';
import { keywordCondition } from '../../platform/items/keywords.ts';
import { readableContentOfAnyKind } from '../../platform/items/queues.ts';
import type { SearchBody, SearchHit } from './schemas.ts';

export interface SearchDeps {
  db: Database;
  sealer: Sealer;
  keyring: Keyring;
}

type Kind = 'specimen' | 'report' | 'alert';
const TOKENS: Record<Kind, string> = { specimen: 'sp.tokens', report: 'rp.tokens', alert: 'al.tokens' };

/**
 * The combined search: the words over every kind's token index (each under its item's space key),
 * among the items whose content the reader reads — the policy as SQL, withdrawn items left out.
 * One statement gives the total, the count of each kind (whatever kinds are asked) and one page of
 * ids, latest change first; then the page's hits, titles opened where a kind has one.
 */
export async function searchEverything(deps: SearchDeps, ability: Ability, body: Static<typeof SearchBody>, spaces: string[]) {
  const page = body.page ?? 1;
  const pageSize = body.pageSize ?? 20;
  const byKind = (Object.keys(TOKENS) as Kind[]).map((kind) => {
    const words = keywordCondition(deps.keyring, spaces, body.q, { space: 'item.space_id', tokens: TOKENS[kind] });
    return words ? sql<SqlBool>`(item.kind = ${kind} and ${words})` : sql<SqlBool>`false`;
  });
  const matched = readableContentOfAnyKind(deps.db, ability)
    .leftJoin('specimen as sp', 'sp.itemId', 'item.id')
    .leftJoin('report as rp', 'rp.itemId', 'item.id')
    .leftJoin('alert as al', 'al.itemId', 'item.id')
    .where('item.status', '<>', 'withdrawn')
    .where('item.shreddedAt', 'is', null)
    .where(sql<SqlBool>`(${sql.join(byKind, sql` or `)})`)
    .select(['item.id', 'item.kind', 'item.updatedAt']);
  const kinds = body.kind?.length ? body.kind : null;
  const asked = kinds ? sql<SqlBool>`m.kind = any(${sql.val(kinds)}::text[])` : sql<SqlBool>`true`;
  const { rows } = await sql<{ total: number; ids: string[]; kinds: { value: Kind; count: number }[] }>`
    with m as materialized (${matched})
    select
      (select count(*) from m where ${asked})::int as total,
      array(select m.id from m where ${asked} order by m.updated_at desc, m.id desc limit ${pageSize} offset ${(page - 1) * pageSize}) as ids,
      (select coalesce(json_agg(json_build_object('value', x.kind, 'count', x.n) order by x.n desc, x.kind), '[]'::json)
         from (select m.kind, count(*)::int as n from m group by m.kind) x) as kinds`.execute(deps.db);
  const result = rows[0]!;
  return { total: result.total, page, pageSize, kinds: result.kinds, items: await hitsOf(deps, ability, result.ids) };
}

/** The hits of these ids, still under the policy, in the given order. */
async function hitsOf(deps: SearchDeps, ability: Ability, ids: string[]): Promise<Static<typeof SearchHit>[]> {
  if (ids.length === 0) return [];
  const rows = await readableContentOfAnyKind(deps.db, ability)
    .leftJoin('specimen as sp', 'sp.itemId', 'item.id')
    .leftJoin('report as rp', 'rp.itemId', 'item.id')
    .leftJoin('alert as al', 'al.itemId', 'item.id')
    .where('item.id', 'in', ids)
    // Person records are never found by words (SECURITY.md): only the person check finds them.
    .where('item.kind', '<>', 'person')
    .select([
      'item.id',
      sql<Kind>`item.kind`.as('kind'),
      'item.spaceId',
      'item.status',
      'item.tlp',
      'item.originatorCountry',
      'item.updatedAt',
      'sp.documentType',
      'sp.issuingCountry',
      'rp.kind as reportKind',
      'al.severity',
      sql<SealedRecord | null>`case when item.kind = 'report' then ${sealedRecord('rp.contentId')} when item.kind = 'alert' then ${sealedRecord('al.contentId')} end`.as(
        'sealed',
      ),
    ])
    .execute();
  const position = new Map(ids.map((id, i) => [id, i]));
  rows.sort((a, b) => position.get(a.id)! - position.get(b.id)!);
  return Promise.all(
    rows.map(async (r) => ({
      id: r.id,
      kind: r.kind,
      spaceId: r.spaceId,
      status: r.status,
      tlp: r.tlp,
      originatorCountry: r.originatorCountry,
      updatedAt: new Date(r.updatedAt).toISOString(),
      title: r.sealed ? (await openRecord<{ title: string }>(deps.sealer, r.spaceId, r.sealed)).title : null,
      documentType: r.documentType ?? null,
      issuingCountry: r.issuingCountry ?? null,
      reportKind: r.reportKind ?? null,
      severity: r.severity ?? null,
    })),
  );
}
