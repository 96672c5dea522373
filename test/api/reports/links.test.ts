import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import t from 'tap';
import type { Database } from '../../../server/platform/db/database.ts';
import { buildTestApp } from '../../helpers/app.ts';
import { MODUS_OPERANDI, NETWORK, publishedReport, ROUTE, reportCalls } from '../../helpers/reports.ts';
import { publishedSpecimen, specimenCalls } from '../../helpers/specimens.ts';
import { buildWorld } from '../../helpers/world.ts';

/** Every row a report writes, as text: nothing of a refused request may change it. */
async function snapshot(db: Database): Promise<string> {
  const tables = ['item', 'report', 'report_link', 'sealed', 'sighting', 'report_outcome'];
  const parts: string[] = [];
  for (const table of tables) {
    const { rows } = await sql<{ row: string }>`select t::text as row from ${sql.table(table)} t order by 1`.execute(db);
    parts.push(`${table}: ${rows.map((r) => r.row).join('\n')}`);
  }
  return parts.join('\n');
}

t.test(
  'a link to something the author may not read, or that is not published, is refused (400 link_not_readable) and nothing is written',
  async (t) => {
    const env = await buildTestApp(t);
    const { app, database } = env;
    const world = await buildWorld(env);
    const calls = reportCalls(env, world);
    const specimens = specimenCalls(env, world);

    // Readable and published: the one kind of link that is accepted.
    const specimen = await publishedSpecimen(env, world);
    const route = await publishedReport(env, world, ROUTE);
    // The officer's own drafts and submitted items, unpublished.
    const draftSpecimen = (await specimens.create(world.officer)).json().id as string;
    const draftReport = (await calls.create(world.officer, MODUS_OPERANDI)).json().id as string;
    const submitted = (await calls.create(world.officer, { ...MODUS_OPERANDI, title: 'Enviado' })).json().id as string;
    t.equal((await calls.step(world.officer, submitted, 'submit')).statusCode, 200);
    // A RED report the Guatemalan officer is not named on, and a withdrawn one.
    const red = await publishedReport(env, world, { ...MODUS_OPERANDI, title: 'Rojo', tlp: 'RED', namedRecipients: [world.contact.user.id] });
    const withdrawn = await publishedReport(env, world, { ...ROUTE, title: 'Retirado' });
    t.equal((await calls.step(world.officer, withdrawn, 'withdraw')).statusCode, 200);
    // An item of another space the author is not in.
    const other = await app.inject({
      method: 'POST',
      url: '/api/spaces',
      headers: world.secretariat.headers,
      payload: { networkId: world.networkId, nameEs: 'Otro', nameEn: 'Other', opensOn: '2026-03-01' },
    });
    const otherSpace = other.json().id as string;
    for (const [userId, role] of [
      [world.officer.user.id, 'officer'],
      [world.contact.user.id, 'contact_point'],
    ])
      t.ok(
        (
          await app.inject({
            method: 'POST',
            url: `/api/spaces/${otherSpace}/members`,
            headers: world.secretariat.headers,
            payload: { userId, role },
          })
        ).statusCode < 300,
      );
    const elsewhereRes = await calls.create(world.officer, { ...ROUTE, title: 'En otro espacio' }, otherSpace);
    t.equal(elsewhereRes.statusCode, 201, elsewhereRes.body);
    const elsewhere = elsewhereRes.json().id as string;
    for (const step of ['submit', 'publish'] as const)
      t.equal((await calls.step(step === 'submit' ? world.officer : world.contact, elsewhere, step)).statusCode, 200);

    const ok = await calls.create(world.foreign, { ...NETWORK, title: 'Enlazado', links: [specimen, route] });
    t.equal(ok.statusCode, 201, `a readable published specimen and report are linked: ${ok.body}`);
    const linked = ok.json().id as string;

    const cases: [string, typeof world.officer, string[]][] = [
      ['a draft specimen of its own', world.officer, [draftSpecimen]],
      ['a draft report of its own', world.officer, [draftReport]],
      ['a submitted report of its own', world.officer, [submitted]],
      ['a withdrawn report', world.officer, [withdrawn]],
      ['a RED report it is not named on', world.foreign, [red]],
      ['a RED report it is not named on, beside a readable one', world.foreign, [specimen, red]],
      ['a published report of a space it is not in', world.foreign, [elsewhere]],
      ['no item at all', world.foreign, [randomUUID()]],
      ['another country’s draft', world.foreign, [draftReport]],
    ];
    const before = await snapshot(database.db);
    const answers: string[] = [];
    for (const [what, who, links] of cases) {
      const res = await calls.create(who, { ...NETWORK, title: `Nuevo: ${what}`, links }, world.spaceId);
      t.equal(res.statusCode, 400, `create linking ${what}: ${res.body}`);
      t.equal(res.json().error.code, 'link_not_readable', what);
      if (who === world.foreign) answers.push(JSON.stringify(res.json()));
    }
    t.equal(new Set(answers).size, 1, 'the same answer whether the item exists, is unpublished or unreadable');
    t.equal(await snapshot(database.db), before, 'no report, item, sealed record or link written');

    // The same on an edit: a draft's links stay as they were.
    const draft = (await calls.create(world.foreign, { ...NETWORK, title: 'Borrador enlazado', links: [specimen] })).json().id as string;
    const beforeEdit = await snapshot(database.db);
    for (const [what, links] of [
      ['a RED report it is not named on', [red]],
      ['a draft of another country', [draftReport]],
      ['itself', [draft]],
      ['no item', [randomUUID()]],
      ['a withdrawn report and a readable one', [withdrawn, route]],
    ] as const) {
      const res = await calls.patch(world.foreign, draft, { links: [...links], title: 'Cambiado' });
      t.equal(res.statusCode, 400, `edit linking ${what}: ${res.body}`);
      t.equal(res.json().error.code, 'link_not_readable', what);
    }
    t.equal(await snapshot(database.db), beforeEdit, 'the draft, its title and its links unchanged');
    t.same(
      (await calls.read(world.foreign, draft)).json().links.map((l: { id: string }) => l.id),
      [specimen],
    );
    t.equal((await calls.read(world.foreign, draft)).json().title, 'Borrador enlazado');
    // The accepted links are there.
    t.same(
      (await calls.read(world.foreign, linked))
        .json()
        .links.map((l: { id: string }) => l.id)
        .sort(),
      [specimen, route].sort(),
    );
  },
);
