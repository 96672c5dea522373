import { sql } from 'kysely';
import type { Database } from '../../server/platform/db/database.ts';

/**
 * The sealing proof's scan: every text, JSON, array, enum and byte column of every table of the
 * public schema where `word` appears (case-insensitive; bytes searched for its UTF-8), as
 * `table.column`. Returns the number of columns scanned too, so a test can see the scan is real.
 */
export async function clearColumnHits(db: Database, word: string): Promise<{ hits: string[]; scanned: number }> {
  const columns = await sql<{ table: string; column: string }>`
    select c.table_name as "table", c.column_name as "column" from information_schema.columns c
    join information_schema.tables tb on tb.table_schema = c.table_schema and tb.table_name = c.table_name and tb.table_type = 'BASE TABLE'
    where c.table_schema = 'public' and c.data_type in ('text', 'character varying', 'jsonb', 'json', 'ARRAY', 'bytea', 'USER-DEFINED')`.execute(db);
  const hits: string[] = [];
  for (const { table, column } of columns.rows) {
    const found = await sql<{ n: number }>`
      select count(*)::int as n from ${sql.table(table)}
      where ${sql.ref(column)}::text ilike ${`%${word}%`}
         or (pg_typeof(${sql.ref(column)})::text = 'bytea' and position(convert_to(${word}, 'UTF8') in ${sql.ref(column)}::text::bytea) > 0)`.execute(
      db,
    );
    if (found.rows[0]!.n > 0) hits.push(`${table}.${column}`);
  }
  return { hits, scanned: columns.rows.length };
}

/**
 * A stored row's text with its random runs taken out — ids (UUIDs) and hex of 12 bytes or more
 * (MACs of the blind indexes, hashes) — before looking for a secret in it: a short secret, a
 * four-digit number, turns up by chance inside such a run (in about one test run of forty for a
 * report's tokens), and that is not the secret stored in clear. What is left is every clear value.
 */
export const withoutRandomRuns = (text: string): string =>
  text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<id>').replace(/[0-9a-f]{24,}/gi, '<hex>');
