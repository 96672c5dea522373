import { randomUUID } from 'node:crypto';
import t from 'tap';
import { buildTestApp } from '../../helpers/app.ts';
import {
  type ApiPerson,
  type ItemRow,
  itemsThroughApi,
  METADATA_KEYS,
  matrixThroughApi,
  oracle,
  PERSON_TLPS,
  type Person,
} from '../../helpers/matrix.ts';
import { TRAVELLER } from '../../helpers/persons.ts';

/**
 * The written policy (test/helpers/matrix.ts) held to the person records' own HTTP routes: records
 * made through the persons API by the matrix's originators in every label a record may carry
 * (AMBER, AMBER+STRICT, RED), each status the API reaches and each releasability, and every person
 * of the matrix asking for each through GET /api/persons/:id (after stating a purpose, whenever
 * they are not its originator), its sightings, a sighting, the purpose itself, the retention, the
 * list's counts, the person check, and every workflow step and an edit. Where the policy says the
 * person may not know the record, the answer must be the one a record that does not exist gets.
 *
 * Each record holds the same name and a date of birth of its own, so the person check asked with
 * that date concerns that record alone: found when the asker reads it and it is published,
 * "withheld" when the policy lets the asker only detect it, nothing otherwise.
 */
const NAME = 'Persona Matriz Prueba';
const FACET_KEYS = ['detectionCountry', 'detectionYear', 'form', 'outcome', 'publishedAt', 'retainUntil', 'role'];
const PERSON_ACTIONS = ['update', 'submit', 'publish', 'return', 'withdraw', 'correct', 'amend', 'sight', 'review', 'track'] as const;
const PURPOSE = 'Matriz de control de acceso: registro de persona';
const birthOf = (n: number) => new Date(Date.UTC(1950, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

t.test('person records through their own HTTP routes: every person × record, the answers agree with the written policy', async (t) => {
  const env = await buildTestApp(t);
  const { app, database } = env;
  const db = database.db;
  const matrix = await matrixThroughApi(env);
  const { people } = matrix;
  const records = await itemsThroughApi(env, matrix, 'persons', PERSON_TLPS, (n) => ({
    ...TRAVELLER,
    person: { ...TRAVELLER.person, names: [NAME], dateOfBirth: birthOf(n) },
  }));
  t.equal(records.length, 5 * 4 * PERSON_TLPS.length * 3);
  // The validators stated purposes to publish; the matrix starts with none, as a reader does.
  await db.deleteFrom('accessPurpose').execute();
  const rowOf = async (id: string) =>
    (await db.selectFrom('item').selectAll().where('id', '=', id).executeTakeFirstOrThrow()) as unknown as ItemRow & { updatedAt: Date };
  const rows = new Map<string, ItemRow & { updatedAt: Date }>();
  for (const r of records) rows.set(r.id, await rowOf(r.id));
  t.same([...new Set([...rows.values()].map((r) => `${r.kind}:${r.tlp}`))].sort(), PERSON_TLPS.map((tlp) => `person:${tlp}`).sort());

  type Method = 'GET' | 'POST' | 'PATCH';
  type Answer = { status: number; body: Record<string, unknown> & { error?: { code: string } } };
  const call = async (who: ApiPerson, method: Method, url: string, payload?: object): Promise<Answer> => {
    const res = await app.inject({ method, url, headers: { ...who.who.headers, 'accept-language': 'en' }, ...(payload ? { payload } : {}) });
    return { status: res.statusCode, body: res.json() };
  };
  const same = (a: Answer, b: Answer) => JSON.stringify(a) === JSON.stringify(b);
  const sighting = { seenOn: '2026-02-20', country: 'GTM', port: 'Puerto de la matriz' };
  const patch = { notes: 'Edited by a matrix check' };
  const retention = { retainUntil: '2028-03-03', reason: 'Matrix check of a retention step' };
  const steps = ['submit', 'publish', 'return', 'withdraw'] as const;
  const nobody = randomUUID();
  const mismatches: string[] = [];
  const unreachable = new Set<string>();
  let checks = 0;
  const expect = (ok: boolean, what: string) => {
    checks++;
    if (!ok) mismatches.push(what);
  };
  const labelOf = (p: Person, item: ItemRow) =>
    `${p.name} on ${item.status}/${item.tlp}/${item.releasableTo.join('+') || '-'} by ${people.find((x) => x.id === item.originatorId)!.name}`;
  // A step the policy grants a reader of the record; deciding on a person record (publish, return)
  // also needs its content read — a metadata-only validator (an auditor who is a contact point) is refused.
  const takes = (p: Person, item: ItemRow, action: (typeof PERSON_ACTIONS)[number]) => {
    const o = oracle(p, item);
    return o[action] && o.read && (action !== 'publish' && action !== 'return' ? true : o.content);
  };
  const noName = (a: Answer) => !JSON.stringify(a.body).includes('Matriz');

  // What a record that does not exist answers each person, per route.
  const absent = new Map<string, Record<string, Answer>>();
  for (const p of people) {
    const answers: Record<string, Answer> = {
      read: await call(p, 'GET', `/api/persons/${nobody}`),
      sightings: await call(p, 'GET', `/api/persons/${nobody}/sightings`),
      sight: await call(p, 'POST', `/api/persons/${nobody}/sightings`, sighting),
      update: await call(p, 'PATCH', `/api/persons/${nobody}`, patch),
      retain: await call(p, 'POST', `/api/persons/${nobody}/retention`, retention),
      purpose: await call(p, 'POST', `/api/items/${nobody}/purpose`, { purpose: PURPOSE }),
    };
    for (const action of steps) answers[action] = await call(p, 'POST', `/api/persons/${nobody}/${action}`);
    for (const [what, a] of Object.entries(answers)) expect(a.status === 404, `${p.name}: ${what} of no record is ${a.status}`);
    absent.set(p.id, answers);
  }
  const unknown = (p: Person, what: string, got: Answer, label: string) =>
    expect(same(got, absent.get(p.id)![what]!), `${label}: ${what} ${got.status} ${JSON.stringify(got.body)} — not the answer of no record`);

  // Reads, side by side (each person their records in turn), then the list's counts and the check.
  await Promise.all(
    people.map(async (p) => {
      for (const r of records) {
        const item = rows.get(r.id)!;
        const o = oracle(p, item);
        const label = labelOf(p, item);
        const own = item.originatorId === p.id;
        const url = `/api/persons/${r.id}`;
        let read = await call(p, 'GET', url);
        if (!o.read) {
          unknown(p, 'read', read, label);
          unknown(p, 'sightings', await call(p, 'GET', `${url}/sightings`), label);
          unknown(p, 'sight', await call(p, 'POST', `${url}/sightings`, sighting), label);
          unknown(p, 'retain', await call(p, 'POST', `${url}/retention`, retention), label);
          unknown(p, 'purpose', await call(p, 'POST', `/api/items/${r.id}/purpose`, { purpose: PURPOSE }), label);
          continue;
        }
        if (o.content && !own) {
          // Every reader but the originator states a purpose first, whatever the label.
          expect(read.status === 428 && read.body.error?.code === 'purpose_required', `${label}: content without a purpose ${read.status}`);
          expect(noName(read), `${label}: a name before the purpose`);
          expect((await call(p, 'GET', `${url}/sightings`)).status === 428, `${label}: sightings without a purpose`);
          const stated = await call(p, 'POST', `/api/items/${r.id}/purpose`, { purpose: PURPOSE });
          expect(stated.status === 200, `${label}: purpose ${stated.status}`);
          read = await call(p, 'GET', url);
        } else if (!o.content) {
          const refused = await call(p, 'POST', `/api/items/${r.id}/purpose`, { purpose: PURPOSE });
          expect(refused.status === 403, `${label}: a metadata reader states a purpose ${refused.status}`);
        }
        expect(read.status === 200, `${label}: read ${read.status} ${JSON.stringify(read.body)}`);
        if (read.status !== 200) continue;
        const permissions = read.body.permissions as Record<string, boolean>;
        expect(permissions.readContent === o.content, `${label}: permissions.readContent ${permissions.readContent}`);
        for (const action of PERSON_ACTIONS)
          expect(permissions[action] === o[action], `${label}: permissions.${action} ${permissions[action]}, policy ${o[action]}`);
        if (o.content) {
          expect(JSON.stringify((read.body.person as { names: string[] }).names) === JSON.stringify([NAME]), `${label}: the content is the record's`);
        } else {
          expect(
            JSON.stringify(Object.keys(read.body).sort()) === JSON.stringify([...METADATA_KEYS, ...FACET_KEYS].sort()),
            `${label}: metadata and clear facets only, got ${Object.keys(read.body)}`,
          );
          expect(noName(read), `${label}: no name`);
        }
        const listed = await call(p, 'GET', `${url}/sightings`);
        expect(listed.status === (o.content ? 200 : 403), `${label}: sightings ${listed.status}`);
        const sight = await call(p, 'POST', `${url}/sightings`, sighting);
        expect(sight.status === (o.content && o.sight ? 201 : 403), `${label}: sight ${sight.status}, policy content ${o.content} sight ${o.sight}`);
        if (!own) {
          const retain = await call(p, 'POST', `${url}/retention`, retention);
          expect(retain.status === 403, `${label}: retention by another ${retain.status}`);
        }
      }

      // The list: the records of the reader's own country whose content they read, every status.
      const total = async (body: object) => {
        const res = await call(p, 'POST', '/api/persons/search', body);
        return res.status === 200 ? (res.body.total as number) : -res.status;
      };
      const readable = records.map((r) => rows.get(r.id)!).filter((i) => oracle(p, i).content && i.originatorCountry === p.country);
      const found = await total({ pageSize: 100 });
      expect(found === readable.length, `${p.name}: the list finds ${found}, policy ${readable.length}`);
      for (const status of ['draft', 'submitted', 'published', 'withdrawn'] as const) {
        const n = await total({ status });
        expect(n === readable.filter((i) => i.status === status).length, `${p.name}: the list of ${status} finds ${n}`);
      }

      // The check: one record per date of birth.
      for (const r of records) {
        const item = rows.get(r.id)!;
        const o = oracle(p, item);
        const label = labelOf(p, item);
        const got = await call(p, 'POST', '/api/checks/person', { names: [NAME], dateOfBirth: birthOf(r.n) });
        const published = item.status === 'published';
        const expected = {
          hit: published && (o.content || o.detect),
          items: published && o.content ? [r.id] : [],
          matches: published && o.content ? [{ id: r.id, kind: 'person', match: 'exact' }] : [],
          withheld: published && !o.content && o.detect,
        };
        expect(got.status === 200 && JSON.stringify(got.body) === JSON.stringify(expected), `${label}: check ${JSON.stringify(got.body)}`);
      }
    }),
  );

  // The workflow: every step and an edit, refused (and nothing changed) for whom the policy refuses
  // it; then done by one it allows. The records side by side.
  await Promise.all(
    records.map(async (r, index) => {
      // As it is now: sightings reported above changed its time, not its status.
      const item = await rowOf(r.id);
      const url = `/api/persons/${r.id}`;
      for (const p of people) {
        const o = oracle(p, item);
        const label = labelOf(p, item);
        for (const action of steps) {
          if (takes(p, item, action)) continue;
          const got = await call(p, 'POST', `${url}/${action}`);
          if (!o.read) {
            if (o[action])
              unreachable.add(`${p.name} ${action}s ${item.status}/${item.tlp}/${item.releasableTo.join('+') || '-'} by ${item.originatorCountry}`);
            unknown(p, action, got, label);
          } else expect(got.status === 403, `${label}: ${action} ${got.status}, policy refuses`);
        }
        if (!o.update) {
          const got = await call(p, 'PATCH', url, patch);
          if (!o.read) unknown(p, 'update', got, label);
          else expect(got.status === 403, `${label}: update ${got.status}, policy refuses`);
        }
      }
      const after = await rowOf(r.id);
      expect(after.status === item.status && after.updatedAt.getTime() === item.updatedAt.getTime(), `${r.label}: refused steps changed it`);
      const allowed = (action: (typeof PERSON_ACTIONS)[number]) => people.filter((p) => takes(p, item, action));
      for (const p of allowed('update')) {
        const edited = await call(p, 'PATCH', url, patch);
        if (!oracle(p, item).content)
          unreachable.add(`${p.name} updates own draft ${item.tlp}/${item.releasableTo.join('+') || '-'}: ${edited.status}`);
        else expect(edited.status === 200, `${p.name}: edits ${r.label} ${edited.status}`);
      }
      const action =
        item.status === 'draft'
          ? 'submit'
          : item.status === 'submitted'
            ? index % 2
              ? 'return'
              : 'publish'
            : item.status === 'published'
              ? 'withdraw'
              : null;
      if (action) {
        const doers = allowed(action);
        expect(doers.length > 0, `${r.label}: someone may ${action}`);
        const doer = doers[index % doers.length]!;
        const done = await call(doer, 'POST', `${url}/${action}`);
        expect(done.status === 200, `${doer.name}: ${action} ${r.label} ${done.status}`);
        const moved = await rowOf(r.id);
        const to = { submit: 'submitted', publish: 'published', return: 'draft', withdraw: 'withdrawn' }[action];
        expect(moved.status === to, `${r.label}: ${action} moved it`);
      } else for (const s of steps) expect(allowed(s).length === 0, `${r.label}: nobody may ${s} a withdrawn record`);
    }),
  );
  t.same(mismatches.slice(0, 30), [], 'the person records’ routes answer as the written policy says');
  t.comment(`${mismatches.length} disagreements in ${checks} checks`);
  t.ok(checks > 20_000, `${checks} checks`);
  // As for reports (items-matrix.test.ts): a Presidency member with an officer's membership authors
  // drafts the ability lets them update, yet an edit reads content they may not read (issue 22).
  t.same([...unreachable].sort(), [], 'every step the policy grants can be taken through its route', {
    todo: 'a metadata-only originator is granted update on its draft (403)',
  });
});
