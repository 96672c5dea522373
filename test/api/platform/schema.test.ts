import { readFile } from 'node:fs/promises';
import t from 'tap';
import { dumpSchema, SCHEMA_FILE } from '../../../server/platform/db/schema-dump.ts';
import { createTestDatabase } from '../../helpers/db.ts';

t.test('migrations/schema.sql is what the migrations produce (npm run schema:update)', async (t) => {
  const { db } = await createTestDatabase(t);
  const committed = await readFile(SCHEMA_FILE, 'utf8').catch(() => '(missing)');
  const actual = await dumpSchema(db);
  t.equal(actual, committed, 'the committed schema is stale: run `npm run schema:update` and review the diff');
});
