import { type SqlBool, sql } from 'kysely';
import type { Ability, Actor } from '../../../policies/ability.ts';
import { ITEM_SQL_FIELDS } from '../../../policies/items.ts';
import { permittedCondition } from '../../../policies/sql.ts';
import { exactIndexer, normaliseExact } from '../../platform/crypto/blind-index.ts';
import { ApiError } from '../../platform/http/errors.ts';
import { readableContent } from '../../platform/items/base.ts';
import { HOLDER_NAME_FIELD } from '../../platform/items/indexes.ts';
import { isRealDate, nameParts, PersonKeys } from './names.ts';
import type { PersonCheck, PersonCheckResult, PersonList } from './schemas.ts';
import type { PersonDeps } from './service.ts';

const NO_ID = '00000000-0000-0000-0000-000000000000';
const keysOf = (keys: Buffer[]) => sql`${sql.val(keys)}::bytea[]`;

/**
 * The records a list shows: those of the reader's own country they read (every status the policy
 * lets them see), by clear facets only, newest first — never a name. Records of other countries are
 * found by the person check (who already knows whom they look for) or through a link.
 */
export async function listPersons(deps: PersonDeps, ability: Ability, actor: Actor, query: PersonList) {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  let rows = readableContent(deps.db, ability, 'person')
    .innerJoin('person as ps', 'ps.itemId', 'item.id')
    .where('item.originatorCountry', '=', actor.country);
  if (query.spaceId) rows = rows.where('item.spaceId', '=', query.spaceId);
  if (query.form) rows = rows.where('ps.form', '=', query.form);
  if (query.role) rows = rows.where('ps.role', '=', query.role);
  if (query.outcome) rows = rows.where('ps.outcome', '=', query.outcome);
  if (query.detectionCountry) rows = rows.where('ps.detectionCountry', '=', query.detectionCountry);
  if (query.detectionYear) rows = rows.where('ps.detectionYear', '=', query.detectionYear);
  if (query.status) rows = rows.where('item.status', '=', query.status);
  const found = await rows
    .select([
      'item.id',
      'item.spaceId',
      'item.status',
      'item.tlp',
      'item.originatorCountry',
      'item.originatorId',
      'item.createdAt',
      'item.updatedAt',
      'item.shreddedAt',
      'ps.form',
      'ps.role',
      'ps.outcome',
      'ps.detectionCountry',
      'ps.detectionYear',
      sql<string>`to_char(ps.retain_until, 'YYYY-MM-DD')`.as('retainUntil'),
      'ps.publishedAt',
      sql<number>`(count(*) over ())::int`.as('total'),
    ])
    .orderBy('item.updatedAt', 'desc')
    .orderBy('item.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return {
    total: found[0]?.total ?? 0,
    page,
    pageSize,
    items: found.map((r) => ({
      id: r.id,
      spaceId: r.spaceId,
      status: r.status,
      tlp: r.tlp,
      originatorCountry: r.originatorCountry,
      mine: r.originatorId === actor.id,
      createdAt: new Date(r.createdAt).toISOString(),
      updatedAt: new Date(r.updatedAt).toISOString(),
      shredded: r.shreddedAt !== null,
      form: r.form,
      role: r.role,
      outcome: r.outcome,
      detectionCountry: r.detectionCountry,
      detectionYear: r.detectionYear,
      retainUntil: r.retainUntil,
      publishedAt: r.publishedAt ? new Date(r.publishedAt).toISOString() : null,
    })),
  };
}

/**
 * A check's names as the index sees them: each name's parts (names with none are dropped); and its
 * date of birth a real day (1991-02-30 would only ever answer "not known"). `at`: where the check is
 * in the body (`body`, or `body.entries.N` in a batch), for the error.
 */
export function checkedNames(check: PersonCheck, at = 'body'): string[][] {
  const names = check.names.map(nameParts).filter((p) => p.length > 0);
  if (names.length === 0) throw new ApiError(400, 'person_name_required', {}, `${at}.names`);
  if (!isRealDate(check.dateOfBirth)) throw new ApiError(400, 'date_invalid', {}, `${at}.dateOfBirth`);
  return names;
}

/** A specimen's holder name is indexed whole, in the order it was written: the orders a name may be written in. */
function holderForms(name: string): string[] {
  const words = name.split(/\s+/).map(normaliseExact).filter(Boolean);
  if (words.length > 4) return [words.join('')];
  const out = new Set<string>();
  const permute = (rest: string[], acc: string[]) => {
    if (rest.length === 0) out.add(acc.join(''));
    for (const [i, w] of rest.entries()) permute([...rest.slice(0, i), ...rest.slice(i + 1)], [...acc, w]);
  };
  permute(words, []);
  return [...out];
}

/**
 * The person check (SECURITY.md: exact matching over blind indexes, never details): the person
 * records and specimens the reader may open that match, and whether something matches that they may
 * not read ("withheld": ask your contact point). A record matches a name when every part of it is
 * keyed with the date of birth in the record — exactly, or by one of its phonetic codes (a weaker
 * match, labelled so); with a nationality, the person in the record has it or has none given. The
 * keys are made under every space's index key, so that one statement asks every space at once; the
 * policy is part of the statement. A specimen matches when a holder name is the name asked (any
 * order of its words) — specimens hold no date of birth.
 */
export async function checkPerson(deps: PersonDeps, ability: Ability, spaces: string[], check: PersonCheck): Promise<PersonCheckResult> {
  const names = checkedNames(check);
  const perName = names.map((parts) => {
    const exact: Buffer[][] = parts.map(() => []);
    const loose: Buffer[][] = parts.map(() => []);
    const nationality: Buffer[] = [];
    for (const spaceId of spaces) {
      const keys = new PersonKeys(deps.keyring, spaceId).ofCheck(parts, check.dateOfBirth, check.nationality ?? null);
      keys.exact.forEach((k, i) => {
        exact[i]!.push(...k);
        loose[i]!.push(...k, ...keys.sound[i]!);
      });
      if (keys.nationality) nationality.push(...keys.nationality);
    }
    const all = (sets: Buffer[][]) =>
      sql.join(
        sets.map((k) => sql`ps.name_keys && ${keysOf(k)}`),
        sql` and `,
      );
    const matches = check.nationality ? sql<SqlBool>`(${all(loose)} and ps.name_keys && ${keysOf(nationality)})` : sql<SqlBool>`(${all(loose)})`;
    return { matches, exact: sql<SqlBool>`(${all(exact)})` };
  });
  const anyName = sql<SqlBool>`(${sql.join(
    perName.map((n) => n.matches),
    sql` or `,
  )})`;
  const exactName = sql<SqlBool>`(${sql.join(
    perName.map((n) => sql`(${n.matches} and ${n.exact})`),
    sql` or `,
  )})`;

  const holderKeys = spaces.flatMap((spaceId) => {
    const index = exactIndexer(deps.keyring, spaceId, HOLDER_NAME_FIELD);
    return check.names.flatMap(holderForms).flatMap((form) => index(form) ?? []);
  });
  const holder = sql<SqlBool>`(sp.name_index && ${keysOf(holderKeys)})`;

  const readable = await readableContent(deps.db, ability, 'person')
    .innerJoin('person as ps', 'ps.itemId', 'item.id')
    .where(() => anyName)
    .where('item.status', '=', 'published')
    .where('item.shreddedAt', 'is', null)
    .select(['item.id', sql<'person' | 'specimen'>`'person'`.as('kind'), sql<boolean>`${exactName}`.as('exact')])
    .unionAll(
      readableContent(deps.db, ability, 'specimen')
        .innerJoin('specimen as sp', 'sp.itemId', 'item.id')
        .where(() => holder)
        .where('item.status', '=', 'published')
        .where('item.shreddedAt', 'is', null)
        .select(['item.id', sql<'person' | 'specimen'>`'specimen'`.as('kind'), sql<boolean>`false`.as('exact')]),
    )
    .limit(100)
    .execute();
  const ids = readable.length ? readable.map((r) => r.id) : [NO_ID];
  const detectable = permittedCondition(ability, 'detect', 'Item', ITEM_SQL_FIELDS);
  const withheld = await deps.db
    .selectFrom('item')
    .innerJoin('person as ps', 'ps.itemId', 'item.id')
    .where(detectable)
    .where(() => anyName)
    .where('item.id', 'not in', ids)
    .where('item.shreddedAt', 'is', null)
    .select('item.id')
    .unionAll(
      deps.db
        .selectFrom('item')
        .innerJoin('specimen as sp', 'sp.itemId', 'item.id')
        .where(detectable)
        .where(() => holder)
        .where('item.id', 'not in', ids)
        .where('item.shreddedAt', 'is', null)
        .select('item.id'),
    )
    .limit(1)
    .executeTakeFirst();
  const order = { exact: 0, phonetic: 1, holder_name: 2 } as const;
  const matches = readable
    .map((r) => ({
      id: r.id,
      kind: r.kind,
      match: r.kind === 'specimen' ? ('holder_name' as const) : r.exact ? ('exact' as const) : ('phonetic' as const),
    }))
    .sort((a, b) => order[a.match] - order[b.match]);
  return { hit: matches.length > 0 || withheld !== undefined, items: matches.map((m) => m.id), matches, withheld: withheld !== undefined };
}
