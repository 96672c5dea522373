import { parse } from 'csv-parse/sync';
import t from 'tap';
import { buildTestApp } from '../../helpers/app.ts';
import { type SignedIn, signIn } from '../../helpers/users.ts';
import { buildWorld } from '../../helpers/world.ts';
import { commitmentCalls, MATRICES } from '../commitments/helpers.ts';

/**
 * The texts the server writes name an organisation registered after the release (a partner) by the
 * name the Secretariat gave it, in the reader's language, as the portal's screens do — not by its
 * code — and follow a rename; states keep their names.
 */
t.test('exports name a registered partner by its name in the reader’s language, and follow a rename', async (t) => {
  const env = await buildTestApp(t);
  const { app, database, clock } = env;
  const world = await buildWorld(env);
  const presidency = await signIn(app, database.db, clock, { roles: ['presidency'], country: 'HND' });
  const registered = await app.inject({
    method: 'POST',
    url: '/api/organisations',
    headers: world.secretariat.headers,
    payload: {
      code: 'CSM',
      country: 'CSM',
      kind: 'partner',
      nameEs: 'Conferencia Suramericana sobre Migraciones',
      nameEn: 'South American Conference on Migration',
    },
  });
  t.equal(registered.statusCode, 201, registered.body);
  const created = await commitmentCalls(env, world).create(world.secretariat, { ...MATRICES, responsibles: ['CRI', 'CSM'] });
  t.equal(created.statusCode, 201, created.body);

  const rows = async (url: string, language: 'es' | 'en', who: SignedIn = world.secretariat) => {
    const res = await app.inject({ url, headers: { ...who.headers, 'accept-language': language } });
    t.equal(res.statusCode, 200, res.body);
    return parse(res.rawPayload.toString('utf8'), { bom: true, relax_column_count: true }) as string[][];
  };
  const responsibles = async (language: 'es' | 'en') => (await rows('/api/commitments/export.csv', language)).slice(1).map((r) => r[7]);
  // The dashboard's commitments table: its section's rows, the responsible first.
  const dashboard = async (language: 'es' | 'en') =>
    (await rows(`/api/followup/dashboard/export?format=csv&networkId=${world.networkId}`, language, presidency))
      .filter((r) => r[0] === (language === 'es' ? 'Compromisos por responsable' : 'Commitments by responsible'))
      .map((r) => r[1]);

  t.same(await responsibles('es'), ['Costa Rica', 'Conferencia Suramericana sobre Migraciones']);
  t.same(await responsibles('en'), ['Costa Rica', 'South American Conference on Migration']);
  t.same((await dashboard('es')).sort(), ['Conferencia Suramericana sobre Migraciones', 'Costa Rica']);
  t.same((await dashboard('en')).sort(), ['Costa Rica', 'South American Conference on Migration']);

  const renamed = await app.inject({
    method: 'PATCH',
    url: `/api/organisations/${registered.json().id}`,
    headers: world.secretariat.headers,
    payload: { nameEn: 'South American Conference on Migration (SACM)' },
  });
  t.equal(renamed.statusCode, 200, renamed.body);
  t.same(await responsibles('en'), ['Costa Rica', 'South American Conference on Migration (SACM)'], 'a rename shows in the next export');
  t.notOk((await rows('/api/commitments/export.csv', 'en')).flat().includes('CSM'), 'the code alone is never the name');
});
