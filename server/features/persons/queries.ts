import { setImmediate } from 'node:timers/promises';
import { sql } from 'kysely';
import type { Ability, Actor } from '../../../policies/ability.ts';
import { ITEM_SQL_FIELDS } from '../../../policies/items.ts';
import { permittedCondition } from '../../../policies/sql.ts';
import { exactIndexer, normaliseExact } from '../../platform/crypto/blind-index.ts';
import { CompiledOnce } from '../../platform/db/compiled.ts';
import { ApiError } from '../../platform/http/errors.ts';
import { readableContent } from '../../platform/items/base.ts';
import { HOLDER_NAME_FIELD } from '../../platform/items/indexes.ts';
import { isRealDate, nameParts, PersonKeys } from './names.ts';
import type { PersonCheck, PersonCheckResult, PersonList } from './schemas.ts';
import type { PersonDeps } from './service.ts';

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

/** One space's key makers, kept: the index keys are derived from the master key once per space, not per check. */
const spaceKeys = new WeakMap<PersonDeps['keyring'], Map<string, { person: PersonKeys; holder: (value: string) => Buffer | null }>>();
function keysFor(keyring: PersonDeps['keyring'], spaceId: string) {
  let bySpace = spaceKeys.get(keyring);
  if (!bySpace) spaceKeys.set(keyring, (bySpace = new Map()));
  let keys = bySpace.get(spaceId);
  if (!keys) bySpace.set(spaceId, (keys = { person: new PersonKeys(keyring, spaceId), holder: exactIndexer(keyring, spaceId, HOLDER_NAME_FIELD) }));
  return keys;
}

/**
 * The person check (SECURITY.md: exact matching over blind indexes, never details): the person
 * records and specimens the reader may open that match, and whether something matches that they may
 * not read ("withheld": ask your contact point). A record matches a name when every part of it is
 * keyed with the date of birth in the record — exactly, or by one of its phonetic codes (a weaker
 * match, labelled so); with a nationality, the person in the record has it or has none given. The
 * keys are made under the index key of every space that holds records (checkSpaces), so that one
 * statement asks every space at once; the policy is part of the statement. A specimen matches when a
 * holder name is the name asked (any order of its words) — specimens hold no date of birth.
 */
export async function checkPerson(deps: PersonDeps, ability: Ability, check: PersonCheck): Promise<PersonCheckResult> {
  return (await checkPersons(deps, ability, [check]))[0]!;
}

/** A person key (names.ts: a MAC cut to 16 bytes) and a specimen's holder-name key (a whole HMAC-SHA-256). */
const PERSON_KEY_BYTES = 16;
const HOLDER_KEY_BYTES = 32;

/** Keys of one length as one bytea (what the statement cuts back into an array). */
function joined(keys: Buffer[], bytes: number): Buffer {
  if (keys.some((k) => k.length !== bytes)) throw new Error(`person check: a key of other than ${bytes} bytes`);
  return Buffer.concat(keys);
}

/** Keys as the statement receives them: one bytea of keys of `bytes` each, cut back into an array. */
const cut = (column: string, bytes: number) =>
  sql`array(select substring(${sql.ref(column)} from i * ${sql.lit(bytes)} + 1 for ${sql.lit(bytes)}) from generate_series(0, length(${sql.ref(column)}) / ${sql.lit(bytes)} - 1) i)`;

type Found = { entry: number; id: string; kind: 'person' | 'specimen'; exact: boolean; readable: boolean; detectable: boolean };
type Asked = 'entry' | 'name' | 'parts' | 'keys' | 'spelled' | 'holderEntry' | 'holderKeys' | 'personSpaces' | 'specimenSpaces';

/**
 * The check's statement for one reader, compiled once per ability as the item lookups are (its text
 * is the same for every check: prepared once). Each row asked is one part of one name of one check,
 * its keys looked up in the GIN index; a record with a match for every part of a name matches it.
 * Each row of the answer says whether the reader may open the record, or only know it exists — rows
 * of neither are dropped by the caller.
 *
 * The arrays come through sub-selects, so that the planner does not see how many parts there are:
 * it makes the one plan that fits any check (each part's keys looked up in the index), the same for
 * every check — planned once per connection instead of for each check (planning was more than half
 * of a check's time in the database) — and, guessing a few parts, it never has a batch compiled by
 * JIT first (tens of milliseconds, for a few of work).
 */
const statements = new WeakMap<Ability, CompiledOnce<Found, Asked>>();
function checkStatement(ability: Ability): CompiledOnce<Found, Asked> {
  let statement = statements.get(ability);
  if (statement) return statement;
  const readable = permittedCondition(ability, 'read', 'Item', ITEM_SQL_FIELDS, 'content');
  const detectable = permittedCondition(ability, 'detect', 'Item', ITEM_SQL_FIELDS);
  const asked = ['entry', 'name', 'parts', 'keys', 'spelled', 'holderEntry', 'holderKeys', 'personSpaces', 'specimenSpaces'] as const;
  statement = new CompiledOnce(asked, (db, p) => {
    const query = sql<Found>`
      with recursive ${holdingSpaces('person')}, ${holdingSpaces('specimen')}, asked as materialized (
        select a.entry, a.name, a.parts, ${cut('a.keys', PERSON_KEY_BYTES)} as keys, ${cut('a.spelled', PERSON_KEY_BYTES)} as spelled
        from unnest((select ${p.entry}::int[]), (select ${p.name}::int[]), (select ${p.parts}::int[]), (select ${p.keys}::bytea[]), (select ${p.spelled}::bytea[]))
          as a(entry, name, parts, keys, spelled)
      ), found as (
        select a.entry, a.name, ps.item_id, bool_and(ps.name_keys && a.spelled) as exact
        from asked a cross join lateral (select x.item_id, x.name_keys from person x where x.name_keys && a.keys) ps
        group by a.entry, a.name, a.parts, ps.item_id
        having count(*) = a.parts
      ), holders as materialized (
        select h.entry, ${cut('h.keys', HOLDER_KEY_BYTES)} as keys from unnest((select ${p.holderEntry}::int[]), (select ${p.holderKeys}::bytea[])) as h(entry, keys)
      ), matched as (
        select f.entry, f.item_id, 'person' as kind, bool_or(f.exact) as exact from found f group by f.entry, f.item_id
        union all
        select h.entry, sp.item_id, 'specimen', false
        from holders h cross join lateral (select s.item_id from specimen s where s.name_index && h.keys) sp
      )
      select m.entry, item.id, m.kind, m.exact, (item.status = 'published' and ${readable}) as readable, ${detectable} as detectable
      from matched m join item on item.id = m.item_id
      where item.shredded_at is null
      union all
      select ${sql.lit(UNKEYED)}, s.id, 'person', false, false, false from holding_person s where s.id is not null and not (s.id = any((select ${p.personSpaces}::uuid[])::uuid[]))
      union all
      select ${sql.lit(UNKEYED)}, s.id, 'specimen', false, false, false from holding_specimen s where s.id is not null and not (s.id = any((select ${p.specimenSpaces}::uuid[])::uuid[]))`;
    return { compile: () => query.compile(db) };
  });
  statements.set(ability, statement);
  return statement;
}

/**
 * The spaces a check asks, by what they hold: a space without person records (or without specimens)
 * can match nothing of that kind, so no key is made for it — most of a check's own time is making
 * keys, and each key is a lookup in the index.
 */
export interface CheckSpaces {
  persons: string[];
  specimens: string[];
}

/**
 * The spaces that hold rows of a table, as a recursive CTE `holding_<table>(id)`: an index probe per
 * space (a skip scan of the table's space index) — an `exists` per space would be planned as a scan
 * of the table, and read all of it for a space that holds none. Its last row is a null.
 */
const holdingSpaces = (table: 'person' | 'specimen') => sql`
  ${sql.raw(`holding_${table}`)}(id) as (
    (select space_id from ${sql.table(table)} order by space_id limit 1)
    union all
    select (select t.space_id from ${sql.table(table)} t where t.space_id > h.id order by t.space_id limit 1)
    from ${sql.raw(`holding_${table}`)} h where h.id is not null)`;

async function checkSpaces(db: PersonDeps['db']): Promise<CheckSpaces> {
  const { rows } = await sql<{ kind: 'person' | 'specimen'; id: string }>`
    with recursive ${holdingSpaces('person')}, ${holdingSpaces('specimen')}
    select 'person' as kind, id from holding_person where id is not null
    union all
    select 'specimen', id from holding_specimen where id is not null`.execute(db);
  return { persons: rows.filter((r) => r.kind === 'person').map((r) => r.id), specimens: rows.filter((r) => r.kind === 'specimen').map((r) => r.id) };
}

/**
 * The spaces the last check found holding records, per database: a check makes its keys for these
 * and its statement says which spaces hold records now that it was not given (rows of entry
 * UNKEYED, in the statement's own snapshot) — then the check is made again with them. No record is
 * ever missed for a stale list, and a check costs no round trip of its own to learn the spaces
 * (another instance may have written the first record of a space meanwhile: the statement sees it).
 */
const knownSpaces = new WeakMap<PersonDeps['db'], CheckSpaces>();
const UNKEYED = -1;

/** Checks per statement in a batch. */
const CHUNK = 100;

/**
 * What the statement is asked for checks [from, to): a row per part of each name (see checkPersons)
 * and a row of holder-name keys per check. It lets other work run every few checks (making keys is
 * most of a batch's own time).
 */
async function askedOf(deps: PersonDeps, spaces: CheckSpaces, checks: PersonCheck[], from: number, to: number): Promise<Record<Asked, unknown>> {
  const personKeys = spaces.persons.map((spaceId) => keysFor(deps.keyring, spaceId).person);
  const holderKeys = spaces.specimens.map((spaceId) => keysFor(deps.keyring, spaceId).holder);
  const asked = { entry: [] as number[], name: [] as number[], parts: [] as number[], keys: [] as Buffer[], spelled: [] as Buffer[] };
  const holders = { holderEntry: [] as number[], holderKeys: [] as Buffer[] };
  for (let c = from; c < to; c++) {
    if (c > from && c % 10 === 0) await setImmediate();
    const check = checks[c]!;
    const names = checkedNames(check, checks.length === 1 ? 'body' : `body.entries.${c}`);
    for (const [n, parts] of names.entries()) {
      const perSpace = personKeys.map((keys) => keys.ofCheck(parts, check.dateOfBirth, check.nationality ?? null));
      const count = parts.length + (check.nationality ? 1 : 0);
      const part = (keys: Buffer[], spelled: Buffer[]) => {
        asked.entry.push(c);
        asked.name.push(n);
        asked.parts.push(count);
        asked.keys.push(joined(keys, PERSON_KEY_BYTES));
        asked.spelled.push(joined(spelled, PERSON_KEY_BYTES));
      };
      for (const p of parts.keys()) {
        const spelled = perSpace.flatMap((k) => k.exact[p]!);
        part([...spelled, ...perSpace.flatMap((k) => k.sound[p]!)], spelled);
      }
      if (check.nationality) {
        const keys = perSpace.flatMap((k) => k.nationality!);
        part(keys, keys);
      }
    }
    const forms = check.names.flatMap(holderForms);
    const keys = holderKeys.flatMap((holder) => forms.flatMap((form) => holder(form) ?? []));
    if (keys.length) {
      holders.holderEntry.push(c);
      holders.holderKeys.push(joined(keys, HOLDER_KEY_BYTES));
    }
  }
  return { ...asked, ...holders, personSpaces: spaces.persons, specimenSpaces: spaces.specimens };
}

/**
 * Many checks (a batch), each answered as `checkPerson` answers it, a hundred to a statement. Each
 * part of each name asked is one row — its check, its name, how many parts the name has, its keys in
 * every space and those of them that spell it (the rest only sound like it; a nationality asked is
 * one more part, to be present like the others) — so the statement's text is the same whatever is
 * asked (checkStatement). Each part's keys are looked up in the GIN index once; a record matches a
 * name when it has every part of it. (Before, a check was two statements, their text and plan new
 * for each number of parts, and a batch of 500 checks a thousand statements one after another.)
 */
export async function checkPersons(deps: PersonDeps, ability: Ability, checks: PersonCheck[]): Promise<PersonCheckResult[]> {
  let spaces = knownSpaces.get(deps.db) ?? (await checkSpaces(deps.db));
  let found = await lookUp(deps, ability, spaces, checks);
  // A space that holds records and had no keys (its first record written since): again, with it.
  while (found.some((row) => row.entry === UNKEYED)) {
    const unkeyed = found.filter((row) => row.entry === UNKEYED);
    const added = (kind: Found['kind'], known: string[]) => [...known, ...unkeyed.filter((r) => r.kind === kind).map((r) => r.id)];
    spaces = { persons: added('person', spaces.persons), specimens: added('specimen', spaces.specimens) };
    found = await lookUp(deps, ability, spaces, checks);
  }
  knownSpaces.set(deps.db, spaces);
  return answers(checks, found);
}

/** The rows of every check, keyed in `spaces`: one statement for one check, a statement per CHUNK for a batch. */
async function lookUp(deps: PersonDeps, ability: Ability, spaces: CheckSpaces, checks: PersonCheck[]): Promise<Found[]> {
  const statement = checkStatement(ability);
  if (checks.length === 1) return statement.execute(deps.db, await askedOf(deps, spaces, checks, 0, 1));
  // A batch: a statement per CHUNK checks, the keys of the next made while the database answers
  // one (both cores at work), at most two at a time.
  const running: Promise<Found[]>[] = [];
  for (let at = 0; at < checks.length; at += CHUNK) {
    const values = await askedOf(deps, spaces, checks, at, Math.min(checks.length, at + CHUNK));
    if (running.length >= 2) await running[running.length - 2];
    const answer = statement.execute(deps.db, values);
    // Its failure is the batch's, met at Promise.all below (not an unhandled rejection meanwhile).
    answer.catch(() => undefined);
    running.push(answer);
  }
  return (await Promise.all(running)).flat();
}

/** Each check's answer from the rows found: readable matches (exact, then phonetic, then holder names), and whether one is withheld. */
function answers(checks: PersonCheck[], found: Found[]): PersonCheckResult[] {
  const byEntry = new Map<number, Found[]>();
  for (const row of found) {
    const rows = byEntry.get(row.entry);
    if (rows) rows.push(row);
    else byEntry.set(row.entry, [row]);
  }
  const order = { exact: 0, phonetic: 1, holder_name: 2 } as const;
  return checks.map((_, c) => {
    const mine = byEntry.get(c) ?? [];
    const matches = mine
      .filter((r) => r.readable)
      .map((r) => ({
        id: r.id,
        kind: r.kind,
        match: r.kind === 'specimen' ? ('holder_name' as const) : r.exact ? ('exact' as const) : ('phonetic' as const),
      }))
      .sort((a, b) => order[a.match] - order[b.match])
      .slice(0, 100);
    const withheld = mine.some((r) => !r.readable && r.detectable);
    return { hit: matches.length > 0 || withheld, items: matches.map((m) => m.id), matches, withheld };
  });
}
