import { AbilityBuilder, createMongoAbility, type MongoAbility, subject } from '@casl/ability';
import { sql } from 'kysely';
import t from 'tap';
import { type FieldMap, permittedCondition } from '../../../policies/sql.ts';
import { createTestDatabase } from '../../helpers/db.ts';

// A deterministic generator: the same "random" rules and rows on every run.
function prng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const TLP = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'];
const STATUS = ['draft', 'submitted', 'published', 'withdrawn'];
const COUNTRIES = ['CRI', 'GTM', 'HND', 'MEX', 'PAN'];
const PEOPLE = ['0b4e6f7a-1c2d-4e5f-8a9b-0c1d2e3f4a5b', '1c5f7a8b-2d3e-4f5a-9b0c-1d2e3f4a5b6c', '2d6a8b9c-3e4f-4a5b-8c1d-2e3f4a5b6c7d'];

interface Row {
  id: number;
  tlp: string;
  status: string;
  country: string;
  releasableTo: string[];
  recipients: string[];
  score: number;
  note: string | null;
}

const FIELDS: FieldMap = {
  id: { column: 'item.id', type: 'integer' },
  tlp: { column: 'item.tlp', type: 'text' },
  status: { column: 'item.status', type: 'text' },
  country: { column: 'item.country', type: 'text' },
  releasableTo: { column: 'item.releasable_to', type: 'text', array: true },
  recipients: { column: 'item.recipients', type: 'uuid', array: true },
  score: { column: 'item.score', type: 'integer' },
  note: { column: 'item.note', type: 'text' },
};

type Db = Awaited<ReturnType<typeof createTestDatabase>>['db'];

/** The probe table, filled with 400 rows drawn from `random`. */
async function probeRows(db: Db, random: () => number): Promise<Row[]> {
  await sql`create table probe_item (id integer primary key, tlp text not null, status text not null, country text not null,
    releasable_to text[] not null, recipients uuid[] not null, score integer not null, note text)`.execute(db);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const some = <T>(list: readonly T[]): T[] => list.filter(() => random() < 0.4);
  const rows: Row[] = Array.from({ length: 400 }, (_, id) => ({
    id,
    tlp: pick(TLP),
    status: pick(STATUS),
    country: pick(COUNTRIES),
    releasableTo: some(COUNTRIES),
    recipients: some(PEOPLE),
    score: Math.floor(random() * 10),
    note: random() < 0.3 ? null : pick(['a', 'b']),
  }));
  for (const r of rows) {
    await sql`insert into probe_item values (${r.id}, ${r.tlp}, ${r.status}, ${r.country}, ${r.releasableTo}::text[], ${r.recipients}::uuid[], ${r.score}, ${r.note})`.execute(
      db,
    );
  }
  return rows;
}

/** A maker of random rule conditions over the probe's fields, drawing from `random`. */
function conditions(random: () => number): () => Record<string, unknown> {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const some = <T>(list: readonly T[]): T[] => list.filter(() => random() < 0.4);
  return () => {
    const c: Record<string, unknown> = {};
    const n = 1 + Math.floor(random() * 3);
    for (let i = 0; i < n; i++) {
      switch (Math.floor(random() * 14)) {
        case 0:
          c.tlp = pick(TLP);
          break;
        case 1:
          c.tlp = { $in: some(TLP) };
          break;
        case 2:
          c.tlp = { $ne: pick(TLP) };
          break;
        case 3:
          c.status = { $nin: some(STATUS) };
          break;
        case 4:
          c.country = pick(COUNTRIES);
          break;
        case 5:
          c.releasableTo = pick(COUNTRIES);
          break;
        case 6:
          c.releasableTo = { $in: some(COUNTRIES) };
          break;
        case 7:
          c.releasableTo = { $size: 0 };
          break;
        case 8:
          c.recipients = pick(PEOPLE);
          break;
        case 9:
          c.score = { $gte: Math.floor(random() * 10) };
          break;
        case 10:
          c.score = { $lt: Math.floor(random() * 10), $gt: 1 };
          break;
        case 11:
          c.note = null;
          break;
        case 12:
          c.releasableTo = { $nin: some(COUNTRIES) };
          break;
        default:
          c.recipients = { $all: some(PEOPLE).slice(0, 2) };
      }
    }
    return c;
  };
}

/** The ids of the probe rows the SQL translation selects for `read` (of `field`, when given). */
async function selected(db: Db, ability: MongoAbility, field?: string): Promise<number[]> {
  const got = await db
    .selectFrom(sql`probe_item`.as('item'))
    .select(sql<number>`item.id`.as('id'))
    .where(permittedCondition(ability, 'read', 'Item', FIELDS, field))
    .orderBy(sql`item.id`)
    .execute();
  return got.map((r) => r.id);
}

t.test('the SQL translation selects exactly the rows the ability allows, over thousands of random rule sets', async (t) => {
  const { db } = await createTestDatabase(t);
  const random = prng(20261123);
  const rows = await probeRows(db, random);
  const condition = conditions(random);

  let checked = 0;
  let nonTrivial = 0;
  for (let round = 0; round < 300; round++) {
    const builder = new AbilityBuilder<MongoAbility>(createMongoAbility);
    const count = Math.floor(random() * 5);
    for (let i = 0; i < count; i++) {
      if (random() < 0.7) builder.can('read', 'Item', condition());
      else builder.cannot('read', 'Item', condition());
    }
    if (random() < 0.05) builder.can('read', 'Item');
    const ability = builder.build();
    const expected = rows.filter((r) => ability.can('read', subject('Item', { ...r }))).map((r) => r.id);
    const ids = await selected(db, ability);
    if (JSON.stringify(ids) !== JSON.stringify(expected)) {
      t.fail(`round ${round}: rules ${JSON.stringify(ability.rules)} — SQL ${ids.length} rows, ability ${expected.length}`);
      return;
    }
    checked++;
    if (expected.length > 0 && expected.length < rows.length) nonTrivial++;
  }
  t.equal(checked, 300, 'every rule set agrees');
  t.ok(nonTrivial > 150, `most rule sets select some rows but not all (${nonTrivial})`);
});

t.test('deny by default; unknown fields and operators are refused', async (t) => {
  const none = new AbilityBuilder<MongoAbility>(createMongoAbility).build();
  const { db } = await createTestDatabase(t);
  const compiled = db
    .selectFrom(sql`probe_item`.as('item'))
    .selectAll()
    .where(permittedCondition(none, 'read', 'Item', FIELDS))
    .compile();
  t.match(compiled.sql, /where false/);

  const unknownField = new AbilityBuilder<MongoAbility>(createMongoAbility);
  unknownField.can('read', 'Item', { secret: 'x' });
  t.throws(() => permittedCondition(unknownField.build(), 'read', 'Item', FIELDS), { name: 'PolicyTranslationError' });
  const regex = new AbilityBuilder<MongoAbility>(createMongoAbility);
  regex.can('read', 'Item', { tlp: { $regex: '^A' } });
  t.throws(() => permittedCondition(regex.build(), 'read', 'Item', FIELDS), { name: 'PolicyTranslationError' });
  const exists = new AbilityBuilder<MongoAbility>(createMongoAbility);
  exists.can('read', 'Item', { note: { $exists: true } });
  t.throws(() => permittedCondition(exists.build(), 'read', 'Item', FIELDS), { name: 'PolicyTranslationError' });
  t.throws(() => permittedCondition(regex.build(), 'read', 'Item', { tlp: { column: 'x; drop table y', type: 'text' } }));
});

t.test(
  'field rules: metadata-only readers — an inverted rule on `content` without conditions makes content `false` in SQL, and leaves metadata reads alone',
  async (t) => {
    const { db } = await createTestDatabase(t);
    const rows = await probeRows(db, prng(7));
    const all = rows.map((r) => r.id);
    const reads = (ability: MongoAbility, field?: string) =>
      rows.filter((r) => ability.can('read', subject('Item', { ...r }), field)).map((r) => r.id);

    // The shape of policies/items.ts for an auditor holding a membership: grants with conditions,
    // a `cannot` with conditions, the metadata fields, and last the unconditional `cannot` on content.
    const builder = new AbilityBuilder<MongoAbility>(createMongoAbility);
    builder.can('read', 'Item', { tlp: 'CLEAR', status: 'published' });
    builder.can('read', 'Item', { tlp: 'GREEN', country: 'CRI' });
    builder.cannot('read', 'Item', { releasableTo: { $nin: ['CRI'] }, country: { $ne: 'CRI' } });
    builder.can('read', 'Item', { recipients: PEOPLE[0] });
    builder.can('read', 'Item', ['id', 'tlp', 'status', 'country']);
    builder.cannot('read', 'Item', ['content']);
    const auditor = builder.build();

    const content = db
      .selectFrom(sql`probe_item`.as('item'))
      .select(sql`item.id`.as('id'))
      .where(permittedCondition(auditor, 'read', 'Item', FIELDS, 'content'))
      .compile();
    t.match(content.sql, /where false$/, 'content: false, not an error (CASL stops at an unconditional inverted rule)');
    t.same(await selected(db, auditor, 'content'), []);
    t.same(reads(auditor, 'content'), [], 'the ability agrees');
    t.same(await selected(db, auditor), all, 'metadata (no field): every row, as the unconditional metadata rule says');
    t.same(reads(auditor), all);
    t.same(await selected(db, auditor, 'tlp'), all, 'a metadata field: every row');
    t.ok(reads(auditor, 'tlp').length === rows.length);

    // The same rules without the metadata grant: the content `cannot` does not hide what the others grant as metadata.
    const member = new AbilityBuilder<MongoAbility>(createMongoAbility);
    member.can('read', 'Item', { tlp: 'GREEN' });
    member.cannot('read', 'Item', ['content']);
    const green = rows.filter((r) => r.tlp === 'GREEN').map((r) => r.id);
    t.ok(green.length > 0 && green.length < rows.length);
    t.same(await selected(db, member.build()), green, 'known (metadata) under the grants');
    t.same(await selected(db, member.build(), 'content'), [], 'but no content');

    // A grant placed after it outranks it, in SQL as in CASL.
    const later = new AbilityBuilder<MongoAbility>(createMongoAbility);
    later.can('read', 'Item', { tlp: 'GREEN' });
    later.cannot('read', 'Item', ['content']);
    later.can('read', 'Item', { tlp: 'RED' });
    const red = rows.filter((r) => r.tlp === 'RED').map((r) => r.id);
    t.same(await selected(db, later.build(), 'content'), red);
    t.same(reads(later.build(), 'content'), red);
  },
);

t.test('field rules: the SQL translation agrees with the ability for a field and without one, over random rule sets with fields', async (t) => {
  const { db } = await createTestDatabase(t);
  const random = prng(4242);
  const rows = await probeRows(db, random);
  const condition = conditions(random);
  const FIELD_SETS = [undefined, ['content'], ['id', 'tlp', 'status'], ['content', 'tlp']];
  const ASKED = [undefined, 'content', 'tlp'];
  let checked = 0;
  let emptyContent = 0;
  for (let round = 0; round < 200; round++) {
    const builder = new AbilityBuilder<MongoAbility>(createMongoAbility);
    const count = 1 + Math.floor(random() * 5);
    for (let i = 0; i < count; i++) {
      const fields = FIELD_SETS[Math.floor(random() * FIELD_SETS.length)];
      const conditions = random() < 0.25 ? undefined : condition();
      const rule = random() < 0.65 ? builder.can : builder.cannot;
      if (fields && conditions) rule('read', 'Item', fields, conditions);
      else if (fields) rule('read', 'Item', fields);
      else if (conditions) rule('read', 'Item', conditions);
      else rule('read', 'Item');
    }
    const ability = builder.build();
    for (const field of ASKED) {
      const expected = rows.filter((r) => ability.can('read', subject('Item', { ...r }), field)).map((r) => r.id);
      const ids = await selected(db, ability, field);
      if (JSON.stringify(ids) !== JSON.stringify(expected)) {
        t.fail(
          `round ${round}, field ${field ?? '(none)'}: rules ${JSON.stringify(ability.rules)} — SQL ${ids.length} rows, ability ${expected.length}`,
        );
        return;
      }
      if (field === 'content' && expected.length === 0) emptyContent++;
      checked++;
    }
  }
  t.equal(checked, 600, 'every rule set agrees, for content, for a metadata field and for no field');
  t.ok(emptyContent > 0 && emptyContent < 200, `some rule sets deny all content (${emptyContent})`);
});
