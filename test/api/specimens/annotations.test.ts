import { promises as fs } from 'node:fs';
import path from 'node:path';
import { FileMigrationProvider, Migrator, sql } from 'kysely';
import t from 'tap';
import type { Database } from '../../../server/platform/db/database.ts';
import { MIGRATIONS_DIR, migrateToLatest } from '../../../server/platform/db/migrate.ts';
import { buildTestApp } from '../../helpers/app.ts';
import { createTestDatabase } from '../../helpers/db.ts';
import { publishedSpecimen, specimenCalls } from '../../helpers/specimens.ts';
import type { SignedIn } from '../../helpers/users.ts';
import { buildWorld, multipart } from '../../helpers/world.ts';

const NOTE = 'Laminado-Sin-Fluorescencia-7731';

/** Every row of every table of the schema in PostgreSQL's text form (bytea as hex). */
async function everyRow(db: Database): Promise<string> {
  const tables = await sql<{ name: string }>`
    select quote_ident(relname) as name from pg_class where relkind = 'r' and relnamespace = 'public'::regnamespace order by 1`.execute(db);
  let text = '';
  for (const { name } of tables.rows) {
    const rows = await sql<{ row: string }>`select t::text as row from ${sql.raw(name)} t`.execute(db);
    text += rows.rows.map((r) => r.row).join('\n');
  }
  return text;
}

t.test('migration 0013 maps every old view to its page and light', async (t) => {
  const { db } = await createTestDatabase(t, { empty: true });
  const migrator = new Migrator({
    db,
    provider: new FileMigrationProvider({ fs, path, migrationFolder: MIGRATIONS_DIR }),
    migrationTableName: 'kysely_migration',
    migrationLockTableName: 'kysely_migration_lock',
  });
  const before = await migrator.migrateTo('0012_audit_queue');
  t.error(before.error, 'migrated to 0012');
  const views = ['front', 'back', 'data_page', 'visible', 'uv', 'ir', 'oblique', 'detail', null];
  // Rows as 0010 left them; the foreign keys are not what this test is about (replica mode skips their triggers).
  await db.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx);
    for (const view of views) {
      await sql`insert into item_attachment (file_id, item_id, details_id, created_at, view)
                values (gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), now(), ${view})`.execute(trx);
    }
  });
  await migrateToLatest(db);
  const rows = await sql<{ page: string | null; light: string | null }>`select page, light from item_attachment order by seq`.execute(db);
  t.same(
    rows.rows.map((r) => [r.page, r.light]),
    [
      ['front', 'visible'],
      ['back', 'visible'],
      ['data_page', 'visible'],
      [null, 'visible'],
      [null, 'uv'],
      [null, 'ir'],
      [null, 'oblique'],
      ['detail', 'visible'],
      [null, null],
    ],
    'a page under visible light, or a light on a page not stated; attachments that are no image stay without either',
  );
  const columns = await sql<{
    name: string;
  }>`select column_name as name from information_schema.columns where table_name = 'item_attachment'`.execute(db);
  t.notOk(
    columns.rows.some((c) => c.name === 'view'),
    'the mixed column is gone',
  );
  await t.rejects(
    sql`insert into item_attachment (file_id, item_id, details_id, created_at, page, light) values (gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), now(), 'front', null)`.execute(
      db,
    ),
    /item_attachment_image_check|violates/,
    'a page needs its light',
  );
});

t.test('images carry their page and light; the old view is still understood', async (t) => {
  const env = await buildTestApp(t);
  const { app } = env;
  const world = await buildWorld(env);
  const calls = specimenCalls(env, world);
  const id = (await calls.create(world.officer)).json().id as string;

  const uploaded = await calls.images(world.officer, id, [
    { page: 'data_page', light: 'visible' },
    { page: 'data_page', light: 'uv' },
    { page: 'visa_page' },
    { light: 'ir' },
    'uv',
    'back',
  ]);
  t.equal(uploaded.statusCode, 201, uploaded.body);
  t.same(
    uploaded.json().map((i: { page: string | null; light: string }) => [i.page, i.light]),
    [
      ['data_page', 'visible'],
      ['data_page', 'uv'],
      ['visa_page', 'visible'],
      [null, 'ir'],
      [null, 'uv'],
      ['back', 'visible'],
    ],
    'a page alone is under visible light; a light alone on a page not stated; an old view its pair',
  );
  const read = (await calls.read(world.officer, id)).json();
  t.same(
    read.images.map((i: { page: string | null; light: string }) => `${i.page}/${i.light}`),
    ['data_page/visible', 'data_page/uv', 'visa_page/visible', 'null/ir', 'null/uv', 'back/visible'],
    'the specimen lists them so',
  );
  t.notOk('view' in read.images[0], 'no mixed value in the list');

  const send = async (parts: { name: string; data: string }[], language = 'en') => {
    const body = multipart([...parts, { name: 'file', filename: 'a.png', contentType: 'image/png', data: 'x' }]);
    const res = await app.inject({
      method: 'POST',
      url: `/api/specimens/${id}/images`,
      headers: { ...world.officer.headers, ...body.headers, 'accept-language': language },
      payload: body.payload,
    });
    return { status: res.statusCode, code: res.json().error?.code, message: res.json().error?.message as string };
  };
  t.match(await send([{ name: 'page', data: 'spine' }]), { status: 400, code: 'page_unknown' });
  t.match(await send([{ name: 'light', data: 'xray' }], 'es'), { status: 400, code: 'light_unknown', message: /La luz "xray"/ });
  t.match(
    await send([
      { name: 'view', data: 'uv' },
      { name: 'light', data: 'uv' },
    ]),
    { status: 400, code: 'view_with_page_or_light' },
  );
  t.match(await send([]), { status: 400, code: 'view_required' });

  const reference = (await app.inject({ url: '/api/reference/specimens', headers: world.officer.headers })).json();
  t.match(
    reference.pages.find((p: { code: string }) => p.code === 'visa_page'),
    { es: 'Página de visados', en: 'Visa page' },
  );
  t.match(
    reference.lights.find((l: { code: string }) => l.code === 'coaxial'),
    { es: 'Luz coaxial', en: 'Coaxial light' },
  );

  const search = (await calls.search(world.officer, { mine: true })).json();
  t.same(search.items[0].thumbnail, { imageId: uploaded.json()[0].id, page: 'data_page', light: 'visible' }, 'the card names page and light');
});

t.test('annotations: sealed regions with a feature and a note, marked by the originator and contributing readers', async (t) => {
  const env = await buildTestApp(t);
  const { app, database } = env;
  const world = await buildWorld(env);
  const calls = specimenCalls(env, world);

  const id = await publishedSpecimen(env, world);
  const imageId = (await calls.read(world.officer, id)).json().images[0].id as string;
  const at = `/api/specimens/${id}/images/${imageId}/annotations`;
  const post = (who: SignedIn, payload: unknown, url = at) => app.inject({ method: 'POST', url, headers: who.headers, payload: payload as object });
  const list = (who: SignedIn) => app.inject({ url: at, headers: who.headers });
  const remove = (who: SignedIn, annotationId: string) => app.inject({ method: 'DELETE', url: `${at}/${annotationId}`, headers: who.headers });

  // Values no timestamp of the database's text form can contain by chance (a bare '0.15' is in '…:40.15+00').
  const region = { x: 0.1, y: 0.24683, width: 0.3, height: 0.15937 };
  const mine = await post(world.officer, { region, feature: 'laminate', note: `${NOTE}: the laminate does not fluoresce here.` });
  t.equal(mine.statusCode, 201, mine.body);
  t.match(mine.json(), { imageId, region, feature: 'laminate', note: /^Laminado-Sin/, creatorCountry: 'CRI', mine: true, removable: true });

  const theirs = await post(world.foreign, { region: { x: 0.5, y: 0.5, width: 0.5, height: 0.5 }, feature: 'hologram' });
  t.equal(theirs.statusCode, 201, 'a reader from another member country who contributes marks one too');
  t.equal(theirs.json().note, null);

  t.equal((await post(world.observer, { region, feature: 'mrz' })).statusCode, 403, 'an observer reads but does not mark');
  t.equal((await post(world.auditor, { region, feature: 'mrz' })).statusCode, 403, 'an auditor reads metadata only');
  t.equal((await list(world.auditor)).statusCode, 403, 'nor reads the annotations');

  // Bad input: a region outside the image, one without size, an unknown feature, an image that is not this specimen's.
  const bad = async (payload: unknown, url = at) => {
    const res = await post(world.officer, payload, url);
    return [res.statusCode, res.json().error?.code];
  };
  t.same(await bad({ region: { x: 0.8, y: 0.2, width: 0.3, height: 0.1 }, feature: 'laminate' }), [400, 'annotation_region_outside']);
  t.same(await bad({ region: { x: 0.1, y: 0.2, width: 0, height: 0.1 }, feature: 'laminate' }), [400, 'validation_failed']);
  t.same(await bad({ region: { x: -0.1, y: 0.2, width: 0.1, height: 0.1 }, feature: 'laminate' }), [400, 'validation_failed']);
  t.same(await bad({ region, feature: 'xray' }), [400, 'validation_failed']);
  const otherImage = '00000000-0000-4000-8000-000000000000';
  t.same(await bad({ region, feature: 'laminate' }, `/api/specimens/${id}/images/${otherImage}/annotations`), [404, 'not_found']);

  // Every reader of the specimen sees them, with the author's country and whether they may remove each.
  const seen = await list(world.observer);
  t.equal(seen.statusCode, 200);
  t.same(
    seen
      .json()
      .map((a: { feature: string; creatorCountry: string; mine: boolean; removable: boolean }) => [a.feature, a.creatorCountry, a.mine, a.removable]),
    [
      ['laminate', 'CRI', false, false],
      ['hologram', 'GTM', false, false],
    ],
  );
  t.same(
    (await list(world.officer)).json().map((a: { removable: boolean }) => a.removable),
    [true, true],
    'the originator may remove any mark on their specimen',
  );

  // Removing: not someone else's; one's own; the originator any.
  t.equal((await remove(world.foreign, mine.json().id)).statusCode, 403, "not another's mark");
  t.equal((await remove(world.observer, mine.json().id)).statusCode, 403);
  t.equal((await remove(world.officer, otherImage)).statusCode, 404);
  t.equal((await remove(world.officer, theirs.json().id)).statusCode, 204, 'the originator removes a mark on their specimen');
  t.same(
    (await list(world.foreign)).json().map((a: { feature: string }) => a.feature),
    ['laminate'],
  );

  // Nothing of the note, the region or the feature in clear anywhere in the database.
  const rows = await everyRow(database.db);
  t.ok(rows.includes(mine.json().id), 'the annotation row is there');
  for (const secret of [NOTE, NOTE.toUpperCase(), Buffer.from(NOTE).toString('hex'), 'laminate', '0.24683', '0.15937', 'fluoresce']) {
    t.notOk(rows.includes(secret), `"${secret.slice(0, 20)}" is not stored in clear`);
  }

  // Each read and change is in the trail, with ids only.
  const entries = await database.db
    .selectFrom('auditEntry')
    .select(['action', 'outcome', 'details', 'actorId'])
    .where('action', 'like', 'specimen.annotation%')
    .orderBy('seq')
    .execute();
  t.match(
    entries.filter((e) => e.outcome === 'allowed').map((e) => e.action),
    [
      'specimen.annotation_create',
      'specimen.annotation_create',
      'specimen.annotation_list',
      'specimen.annotation_list',
      'specimen.annotation_delete',
    ],
  );
  t.match(entries.find((e) => e.action === 'specimen.annotation_create')?.details, { itemId: id, fileId: imageId, annotationId: mine.json().id });
  t.ok(
    entries.some((e) => e.action === 'specimen.annotation_create' && e.outcome === 'denied'),
    'refusals are recorded',
  );
  t.notOk(JSON.stringify(entries).includes(NOTE), 'no note in the trail');

  // A draft: only its originator (and its validators, who do not mark) know it.
  const draft = (await calls.create(world.officer)).json().id as string;
  const draftImage = (await calls.images(world.officer, draft, [{ page: 'front', light: 'uv' }])).json()[0].id as string;
  const draftAt = `/api/specimens/${draft}/images/${draftImage}/annotations`;
  t.equal((await post(world.officer, { region, feature: 'watermark', note: 'x' }, draftAt)).statusCode, 201, 'the originator marks a draft');
  t.equal((await post(world.foreign, { region, feature: 'watermark' }, draftAt)).statusCode, 404, 'others do not know it');
  t.equal((await post(world.contact, { region, feature: 'watermark' }, draftAt)).statusCode, 403, 'a validator reads it but does not mark');

  // The image goes, its marks with it (rows and sealed records).
  const sealedBefore = (await database.db.selectFrom('sealed').select('id').where('itemId', '=', draft).execute()).length;
  const deleted = await app.inject({ method: 'DELETE', url: `/api/specimens/${draft}/images/${draftImage}`, headers: world.officer.headers });
  t.equal(deleted.statusCode, 204);
  t.equal((await database.db.selectFrom('imageAnnotation').select('id').where('itemId', '=', draft).execute()).length, 0);
  t.equal(
    (await database.db.selectFrom('sealed').select('id').where('itemId', '=', draft).execute()).length,
    sealedBefore - 2,
    'the caption and the annotation records are gone',
  );
});
