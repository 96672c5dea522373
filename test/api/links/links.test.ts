import t from 'tap';
import { buildTestApp } from '../../helpers/app.ts';
import { personCalls, publishedPerson, TRAVELLER } from '../../helpers/persons.ts';
import { publishedReport, ROUTE } from '../../helpers/reports.ts';
import { publishedSpecimen } from '../../helpers/specimens.ts';
import { buildWorld } from '../../helpers/world.ts';

t.test("an item's links both ways: a specimen's page lists the report and the person record that cite it, to those who read them", async (t) => {
  const env = await buildTestApp(t);
  const { app } = env;
  const world = await buildWorld(env);
  const links = (who: typeof world.officer, id: string) => app.inject({ method: 'GET', url: `/api/items/${id}/links`, headers: who.headers });

  const specimen = await publishedSpecimen(env, world, { tlp: 'GREEN' });
  const report = await publishedReport(env, world, { ...ROUTE, links: [specimen] });
  const person = await publishedPerson(env, world, {
    ...TRAVELLER,
    person: { ...TRAVELLER.person, documents: [{ ...TRAVELLER.person.documents[0], specimenId: specimen }] },
    links: [report],
  });

  const own = await links(world.officer, specimen);
  t.equal(own.statusCode, 200, own.body);
  const byId = new Map(own.json().items.map((i: { id: string }) => [i.id, i]));
  t.match(byId.get(report), { kind: 'report', reportKind: 'route', direction: 'from' });
  t.match(byId.get(person), {
    kind: 'person',
    personForm: 'person',
    personRole: 'traveller',
    detectionCountry: 'CRI',
    detectionYear: 2026,
    direction: 'from',
  });
  t.notOk(own.body.includes('Johanna') || own.body.includes(ROUTE.title), 'clear facets only: no name, no title');

  // Another country's officer reads the specimen and the GREEN report, not the AMBER+STRICT person record.
  const foreign = await links(world.foreign, specimen);
  t.equal(foreign.statusCode, 200);
  t.same(
    foreign.json().items.map((i: { id: string }) => i.id),
    [report],
    'only what the reader reads',
  );

  // The person record's own links need its purpose, like its content.
  t.equal((await links(world.contact, person)).statusCode, 404, 'published AMBER+STRICT: not the validator’s (another organisation)');
  const fromPerson = await links(world.officer, person);
  t.same(
    fromPerson
      .json()
      .items.map((i: { id: string; direction: string }) => [i.id, i.direction])
      .sort(),
    [
      [report, 'to'],
      [specimen, 'to'],
    ].sort(),
  );
  t.equal((await links(world.auditor, specimen)).statusCode, 403, 'an auditor reads no content, links included');
  t.equal((await personCalls(env, world).read(world.officer, person)).json().links.length, 2);
  const reportPage = await app.inject({ method: 'GET', url: `/api/reports/${report}`, headers: world.officer.headers });
  t.match(
    reportPage.json().links.find((l: { id: string }) => l.id === person),
    { kind: 'person', label: '', direction: 'from' },
    "the report's page lists the person record citing it, by its kind",
  );
});
