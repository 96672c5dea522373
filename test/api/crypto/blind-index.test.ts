import { sql } from 'kysely';
import t from 'tap';
import { exactIndex, normaliseExact, queryTokens, tokenIndex, words } from '../../../server/platform/crypto/blind-index.ts';
import { keyringFrom } from '../../../server/platform/crypto/master-key.ts';
import { createTestDatabase } from '../../helpers/db.ts';
import { TEST_KEYRING } from '../../helpers/keys.ts';

const SPACE = '6f1c2a1e-0000-4000-8000-000000000001';
const OTHER = '6f1c2a1e-0000-4000-8000-000000000002';

t.test('identifiers are normalised before they are MACed', async (t) => {
  t.equal(normaliseExact('Núñez-Pérez'), 'NUNEZPEREZ');
  t.equal(normaliseExact(' a b·123 456 '), 'AB123456');
  t.equal(normaliseExact('ＡＢ１２３'), 'AB123', 'full-width forms fold too (NFKD)');
  const a = exactIndex(TEST_KEYRING, SPACE, 'document-number', 'ab 123-456');
  t.same(a, exactIndex(TEST_KEYRING, SPACE, 'document-number', 'AB123456'), 'same document, however typed');
  t.notSame(a, exactIndex(TEST_KEYRING, OTHER, 'document-number', 'AB123456'), 'another space: an unrelated MAC');
  t.notSame(a, exactIndex(TEST_KEYRING, SPACE, 'holder-name', 'AB123456'), 'another field: unrelated');
  t.notSame(a, exactIndex(keyringFrom(Buffer.alloc(32, 2), 'test'), SPACE, 'document-number', 'AB123456'), 'another master key: unrelated');
  t.equal(exactIndex(TEST_KEYRING, SPACE, 'document-number', ' -- '), null);
});

t.test('free text: words stemmed in Spanish and English, searchable in PostgreSQL without a word in it', async (t) => {
  t.same(words('Falsificación del sello; tinta UV-365'), ['falsificacion', 'del', 'sello', 'tinta', 'uv', '365']);
  const { db } = await createTestDatabase(t);
  await sql`create table note (id int primary key, tokens text[] not null)`.execute(db);
  await sql`create index note_tokens on note using gin (tokens)`.execute(db);
  const texts = [
    'Falsificaciones del sello de entrada con tinta reactiva a luz UV',
    'Counterfeit visas with forged entry stamps detected at the border',
    'Pasaporte auténtico obtenido fraudulentamente',
  ];
  for (const [id, text] of texts.entries()) {
    await sql`insert into note values (${id}, ${tokenIndex(TEST_KEYRING, SPACE, text)}::text[])`.execute(db);
  }
  const search = async (query: string, space = SPACE) => {
    const groups = queryTokens(TEST_KEYRING, space, query);
    const rows = await db
      .selectFrom(sql`note`.as('note'))
      .select(sql<number>`id`.as('id'))
      .where(
        sql<boolean>`${sql.join(
          groups.map((g) => sql`tokens && ${g}::text[]`),
          sql` and `,
        )}`,
      )
      .orderBy(sql`id`)
      .execute();
    return rows.map((r) => r.id);
  };
  t.same(await search('falsificación'), [0], 'singular finds plural, accents do not matter');
  t.same(await search('SELLO uv'), [0], 'every word must match');
  t.same(await search('stamp'), [1], 'English stems');
  t.same(await search('forging'), [1]);
  t.same(await search('fraudulento'), [2]);
  t.same(await search('sello border'), [], 'words from two different texts: nothing');
  t.same(await search('falsificación', OTHER), [], 'another space’s key finds nothing here');
  const dump = JSON.stringify(await sql`select * from note`.execute(db));
  for (const word of ['sello', 'falsif', 'stamp', 'uv']) t.notMatch(dump, new RegExp(`"${word}`), `no "${word}" in the table`);
});
