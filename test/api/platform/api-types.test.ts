import { readFile } from 'node:fs/promises';
import t from 'tap';
import { API_TYPES_FILE, apiTypes } from '../../helpers/api-types.ts';
import { buildTestApp } from '../../helpers/app.ts';

t.test('web/src/lib/api-types.ts is what the routes declare (npm run api:types)', async (t) => {
  const { app } = await buildTestApp(t);
  const committed = await readFile(API_TYPES_FILE, 'utf8').catch(() => '(missing)');
  t.equal(await apiTypes(app), committed, 'the web app’s API types are stale: run `npm run api:types` and review the diff');
});
