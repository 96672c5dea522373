import { type SqlBool, sql } from 'kysely';
import { queryTokens } from '../crypto/blind-index.ts';
import type { Keyring } from '../crypto/master-key.ts';
import type { Database } from '../db/database.ts';

/** Every space's id (keywords and identifiers are looked up under each space's index key), or just the one asked for. */
export async function spaceIds(db: Database, only?: string): Promise<string[]> {
  if (only) return [only];
  return (await db.selectFrom('space').select('id').execute()).map((s) => s.id);
}

/**
 * The keyword condition over a kind's token index: in some space, every word of the query present
 * under one of its stems (each word looked for under that space's key). `columns` name the kind's
 * space and token columns. Null when the query holds no word the index keeps.
 */
export function keywordCondition(keyring: Keyring, spaces: string[], q: string, columns: { space: string; tokens: string }) {
  const perSpace = spaces.map((spaceId) => ({ spaceId, words: queryTokens(keyring, spaceId, q) }));
  if (perSpace.length === 0 || perSpace[0]!.words.length === 0) return null;
  const branches = perSpace.map(
    ({ spaceId, words }) =>
      sql<SqlBool>`(${sql.ref(columns.space)} = ${spaceId}::uuid and ${sql.join(
        words.map((stems) => sql`${sql.ref(columns.tokens)} && ${sql.val(stems)}::text[]`),
        sql` and `,
      )})`,
  );
  return sql<SqlBool>`(${sql.join(branches, sql` or `)})`;
}
