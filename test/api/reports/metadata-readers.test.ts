import t from 'tap';
import { buildTestApp } from '../../helpers/app.ts';
import { MODUS_OPERANDI, NETWORK, OPERATION, publishedReport, ROUTE, reportCalls } from '../../helpers/reports.ts';
import { type SignedIn, signIn } from '../../helpers/users.ts';
import { buildWorld } from '../../helpers/world.ts';

/**
 * SECURITY.md, access control: auditors and the Presidency read the metadata of every report —
 * id, space, kind, originator country, status, label, dates — never its content, whatever the label
 * (CLEAR included) and whatever else they hold; the search finds them nothing.
 */
const METADATA = ['createdAt', 'id', 'kind', 'originatorCountry', 'permissions', 'spaceId', 'status', 'tlp', 'updatedAt'];
const WORDS = ['Darién', 'Necoclí', 'Zopilotes', 'Frontera Segura', 'guides', 'Falsos grupos', '4217'];

t.test('auditors and the Presidency: a report’s metadata, no content, no correlation or sightings, nothing in a search', async (t) => {
  const env = await buildTestApp(t);
  const { app, database, clock } = env;
  const world = await buildWorld(env);
  const calls = reportCalls(env, world);

  const clear = await publishedReport(env, world, { ...ROUTE, tlp: 'CLEAR' });
  const green = await publishedReport(env, world, { ...NETWORK, tlp: 'GREEN' });
  const operation = await publishedReport(env, world, OPERATION);
  const red = await publishedReport(env, world, { ...MODUS_OPERANDI, tlp: 'RED', namedRecipients: [world.foreign.user.id] });
  const draft = (await calls.create(world.officer, { ...MODUS_OPERANDI, title: 'Falsos grupos (borrador)' })).json().id as string;
  t.equal((await calls.sight(world.foreign, clear, { kind: 'sighting', seenOn: '2026-02-01', country: 'GTM', note: 'Necoclí' })).statusCode, 201);
  t.equal(
    (await calls.outcome(world.officer, operation, { stage: 'charges', decidedOn: '2026-03-01', note: 'Frontera Segura: seis imputados' }))
      .statusCode,
    201,
  );
  const stranger = await signIn(app, database.db, clock, { country: 'PAN' });
  t.equal((await calls.search(stranger, {})).json().total, 1, 'a CLEAR report is found by any signed-in user');

  const presidency = await signIn(app, database.db, clock, { roles: ['presidency'], country: 'HND' });
  // A Presidency member who is also an officer of the space (which alone would give the content),
  // and an auditor named on the RED report.
  const presidencyMember = await signIn(app, database.db, clock, { roles: ['presidency'], country: 'CRI' });
  const added = await app.inject({
    method: 'POST',
    url: `/api/spaces/${world.spaceId}/members`,
    headers: world.secretariat.headers,
    payload: { userId: presidencyMember.user.id, role: 'officer' },
  });
  t.ok(added.statusCode < 300, added.body);
  const readers: [string, SignedIn][] = [
    ['an auditor', world.auditor],
    ['the Presidency', presidency],
    ['the Presidency, also an officer of the space', presidencyMember],
  ];
  for (const [who, reader] of readers) {
    for (const [label, id, tlp, status] of [
      ['CLEAR', clear, 'CLEAR', 'published'],
      ['GREEN', green, 'GREEN', 'published'],
      ['RED', red, 'RED', 'published'],
      ['draft', draft, 'GREEN', 'draft'],
    ] as const) {
      const view = await calls.read(reader, id);
      t.equal(view.statusCode, 200, `${who} knows the ${label} report`);
      t.same(Object.keys(view.json()).sort(), METADATA, `${who}: the metadata of the ${label} report, nothing else`);
      t.match(view.json(), { id, kind: 'report', spaceId: world.spaceId, originatorCountry: 'CRI', status, tlp });
      t.equal(view.json().permissions.readContent, false);
      t.notOk(
        WORDS.some((w) => view.body.includes(w)),
        `${who}: no word of the ${label} report in the body`,
      );
      t.equal((await calls.related(reader, id)).statusCode, 403, `${who}: no correlation of the ${label} report`);
      t.equal((await calls.sightings(reader, id)).statusCode, 403, `${who}: no sightings of the ${label} report`);
    }
    const sight = await calls.sight(reader, clear, { kind: 'sighting', seenOn: '2026-02-01', country: 'HND' });
    t.equal(sight.statusCode, 403, `${who}: reports no sighting`);
    const outcome = await calls.outcome(reader, operation, { stage: 'trial', decidedOn: '2026-03-01', note: 'x' });
    t.equal(outcome.statusCode, 403, `${who}: adds no outcome`);
    const purpose = await app.inject({
      method: 'POST',
      url: `/api/items/${red}/purpose`,
      headers: reader.headers,
      payload: { purpose: 'Revisión de auditoría del trimestre' },
    });
    t.equal(purpose.statusCode, 403, `${who}: a purpose opens nothing`);
    t.equal((await calls.read(reader, red)).statusCode, 200, `${who}: the RED report's metadata, without a purpose`);

    for (const query of [
      {},
      { q: 'guides' },
      { name: 'Zopi Tours' },
      { nationality: 'VEN' },
      { kind: ['route'] },
      { status: 'draft' },
      { spaceId: world.spaceId },
    ]) {
      const search = await calls.search(reader, query);
      if (search.statusCode === 404 && 'spaceId' in query) continue; // a space the reader is not in is not known
      t.equal(search.statusCode, 200, `${who}: search ${JSON.stringify(query)}`);
      t.equal(search.json().total, 0, `${who} finds nothing: ${JSON.stringify(query)}`);
      t.same(search.json().items, []);
      t.same(search.json().facets, { kind: [], country: [], mode: [], category: [] }, 'and no facet counts');
    }
  }
  const sightings = await database.db.selectFrom('sighting').select('reportedBy').execute();
  t.same(
    sightings.map((s) => s.reportedBy),
    [world.foreign.user.id],
    'the refused sightings wrote nothing',
  );
});
