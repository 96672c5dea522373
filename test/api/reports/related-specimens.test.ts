import t from 'tap';
import { reindexSpecimens } from '../../../server/features/specimens/reindex.ts';
import { buildTestApp } from '../../helpers/app.ts';
import { publishedReport, ROUTE, reportCalls } from '../../helpers/reports.ts';
import { publishedSpecimen, SPECIMEN } from '../../helpers/specimens.ts';
import { buildWorld } from '../../helpers/world.ts';

const at = (country: string, port: string) => ({ detection: { ...SPECIMEN.detection, country, port } });

t.test(
  'a route’s related specimens: detected at its crossing points (country and every word of the name) or linked, those the reader reads',
  async (t) => {
    const env = await buildTestApp(t);
    const world = await buildWorld(env);
    const calls = reportCalls(env, world);

    const canoas = await publishedSpecimen(env, world, at('CRI', 'Paso Canoas'));
    const both = await publishedSpecimen(env, world, { ...at('PAN', 'Paso Canaán Membrillo'), tlp: 'AMBER' });
    await publishedSpecimen(env, world, at('PAN', 'Paso Canoas')); // the right name in the wrong country
    await publishedSpecimen(env, world, at('CRI', 'Canoas')); // not every word of the name
    const linked = await publishedSpecimen(env, world, at('GTM', 'La Aurora'));
    const route = await publishedReport(env, world, { ...ROUTE, links: [linked] });

    const related = await calls.related(world.foreign, route);
    t.equal(related.statusCode, 200, related.body);
    const specimens = related.json().specimens as { id: string; crossings: string[]; nationalities: string[]; linked: boolean; tlp: string }[];
    t.same(
      specimens.map((s) => s.id).sort(),
      [canoas, both, linked].sort(),
      'the specimens at its crossings and the one it links, nothing detected elsewhere',
    );
    t.same(specimens.find((s) => s.id === canoas)!.crossings, ['Paso Canoas']);
    t.same(specimens.find((s) => s.id === both)!.crossings, ['Paso Canaán Membrillo']);
    t.match(
      specimens.find((s) => s.id === linked),
      { crossings: [], linked: true },
    );
    t.match(specimens[specimens.length - 1], { id: linked }, 'a crossing matched comes before a link alone');
    t.notOk(related.body.includes('P-1234567') || related.body.includes('María'), 'clear facets only');

    const observer = (await calls.related(world.observer, route)).json().specimens as { id: string }[];
    t.notOk(
      observer.some((s) => s.id === both),
      'an observer does not get the AMBER specimen',
    );
    t.ok(observer.some((s) => s.id === canoas));
  },
);

t.test('specimens stored before the nationality index are indexed again, then correlated', async (t) => {
  const env = await buildTestApp(t);
  const { app, database } = env;
  const world = await buildWorld(env);
  const calls = reportCalls(env, world);
  const old = await publishedSpecimen(env, world, { detection: { ...SPECIMEN.detection, holderNationality: 'VEN' } });
  // As a specimen written before migration 0017 is: no nationality index, an older version.
  await database.db.updateTable('specimen').set({ nationalityIndex: null, indexedVersion: 0 }).execute();
  const route = await publishedReport(env, world, ROUTE);
  const ids = async () => ((await calls.related(world.foreign, route)).json().specimens as { id: string }[]).map((s) => s.id);
  t.same(await ids(), [], 'not found before');
  t.equal(await reindexSpecimens({ db: database.db, sealer: app.sealer, keyring: app.keyring }, 1), 1, 'one specimen indexed again');
  t.same(await ids(), [old], 'found after');
  t.equal(await reindexSpecimens({ db: database.db, sealer: app.sealer, keyring: app.keyring }), 0, 'nothing left');
});
