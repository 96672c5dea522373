import { randomUUID } from 'node:crypto';
import { subject } from '@casl/ability';
import { sql } from 'kysely';
import t from 'tap';
import { abilityFor } from '../../../policies/ability.ts';
import { ITEM_SQL_FIELDS } from '../../../policies/items.ts';
import { permittedCondition } from '../../../policies/sql.ts';
import { actorFor } from '../../../server/platform/access.ts';
import type { Database } from '../../../server/platform/db/database.ts';
import type { SpaceRole } from '../../../server/platform/db/schema.ts';
import { buildTestApp, type TestApp } from '../../helpers/app.ts';
import { createTestDatabase } from '../../helpers/db.ts';
import {
  ACTIONS,
  API_STATUSES,
  type ItemRow,
  itemsThroughApi,
  METADATA_KEYS,
  matrixThroughApi,
  oracle,
  PERSON_TLPS,
  type Person,
  RELEASABILITY,
  STATUSES,
  TLPS,
} from '../../helpers/matrix.ts';
import { MODUS_OPERANDI } from '../../helpers/reports.ts';
import { createUser, type SignedIn } from '../../helpers/users.ts';

async function seed(db: Database) {
  const now = new Date('2026-03-02T09:00:00Z');
  const org = async (code: string, country: string, kind: 'member_authority' | 'observer' | 'migration_authority') =>
    (await db.insertInto('organisation').values({ code, country, kind, nameEs: code, nameEn: code }).returning('id').executeTakeFirstOrThrow()).id;
  const dgme = await org('CRI-DGME', 'CRI', 'member_authority');
  const police = await org('CRI-PCF', 'CRI', 'member_authority');
  const igm = await org('GTM-IGM', 'GTM', 'member_authority');
  const iom = await org('IOM', 'IOM', 'observer');
  const mexBorder = await org('MEX-INM-AICM', 'MEX', 'migration_authority');
  const network = async (code: string) =>
    (await db.insertInto('network').values({ code, nameEs: code, nameEn: code }).returning('id').executeTakeFirstOrThrow()).id;
  const n1 = await network('smuggling');
  const n2 = await network('consular');
  const space = async (networkId: string, name: string) =>
    (
      await db
        .insertInto('space')
        .values({ networkId, nameEs: name, nameEn: name, opensOn: '2026-01-01', loadingDeadline: '2026-05-01', createdAt: now, updatedAt: now })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const s1 = await space(n1, 'S1');
  const s2 = await space(n1, 'S2');
  const s3 = await space(n2, 'S3');
  const networkOf: Record<string, string> = { [s1]: n1, [s2]: n1, [s3]: n2 };

  const people: Person[] = [];
  const person = async (name: string, country: string, organisationId: string | null, roles: string[], memberships: [string, SpaceRole][]) => {
    const u = await createUser(db, { country, roles: roles as never, email: `${name}@example.org` });
    await db.updateTable('appUser').set({ organisationId }).where('id', '=', u.id).execute();
    for (const [spaceId, role] of memberships) {
      await db.insertInto('membership').values({ spaceId, userId: u.id, networkId: networkOf[spaceId]!, country, role, createdAt: now }).execute();
    }
    people.push({
      id: u.id,
      name,
      country,
      organisationId,
      roles,
      memberships: memberships.map(([spaceId, role]) => ({ spaceId, networkId: networkOf[spaceId]!, role })),
    });
    return u.id;
  };
  const criOfficer = await person('cri-officer', 'CRI', dgme, [], [[s1, 'officer']]);
  const criPolice = await person('cri-police', 'CRI', police, [], [[s1, 'officer']]);
  await person(
    'cri-contact',
    'CRI',
    dgme,
    [],
    [
      [s1, 'contact_point'],
      [s2, 'contact_point'],
    ],
  );
  await person('cri-substitute', 'CRI', police, [], [[s2, 'substitute']]);
  const gtmOfficer = await person('gtm-officer', 'GTM', igm, [], [[s1, 'officer']]);
  await person('gtm-contact', 'GTM', igm, [], [[s1, 'contact_point']]);
  await person('iom-observer', 'IOM', iom, [], [[s1, 'observer']]);
  await person('mex-elsewhere', 'MEX', null, [], [[s3, 'officer']]);
  await person('mex-border', 'MEX', mexBorder, [], []);
  await person('secretariat', 'SV', null, ['secretariat'], []);
  await person('auditor', 'PAN', null, ['auditor'], []);
  await person('presidency', 'HND', null, ['presidency'], []);
  // The metadata-only roles held together with what would otherwise give content: a membership
  // and items of their own, a validator's membership and a named recipient's place, a targeted
  // organisation.
  const criPresidency = await person('cri-presidency', 'CRI', dgme, ['presidency'], [[s1, 'officer']]);
  const gtmAuditor = await person('gtm-auditor', 'GTM', igm, ['auditor'], [[s1, 'substitute']]);
  await person('mex-border-auditor', 'MEX', mexBorder, ['auditor'], []);

  const items: ItemRow[] = [];
  const originators = [
    { id: criOfficer, country: 'CRI', org: dgme, spaces: [s1] },
    { id: gtmOfficer, country: 'GTM', org: igm, spaces: [s1] },
    { id: criPolice, country: 'CRI', org: police, spaces: [s1, s2] },
    { id: criPresidency, country: 'CRI', org: dgme, spaces: [s1] },
  ];
  // Person records: the same rules, never CLEAR or GREEN, never addressed to an organisation.
  for (const kind of ['specimen', 'alert', 'person'] as const) {
    for (const o of originators) {
      for (const spaceId of o.spaces) {
        for (const status of STATUSES) {
          for (const tlp of kind === 'person' ? PERSON_TLPS : TLPS) {
            for (const releasableTo of RELEASABILITY) {
              const namedRecipients = tlp === 'RED' ? [o.id === gtmOfficer ? criPolice : gtmOfficer, gtmAuditor] : [];
              const row = await db
                .insertInto('item')
                .values({
                  kind,
                  spaceId,
                  // Alerts target the border authority; specimens of S2 are linked from such alerts.
                  audienceOrganisations: kind === 'alert' || (kind === 'specimen' && spaceId === s2) ? [mexBorder] : [],
                  networkId: networkOf[spaceId]!,
                  originatorId: o.id,
                  originatorCountry: o.country,
                  originatorOrganisationId: o.org,
                  status,
                  tlp,
                  releasableTo,
                  namedRecipients,
                  createdAt: now,
                  updatedAt: now,
                })
                .returningAll()
                .executeTakeFirstOrThrow();
              items.push(row as unknown as ItemRow);
            }
          }
        }
      }
    }
  }
  return { people, items };
}

t.test('every person × action × label × status × releasability: ability, SQL and the written policy agree', async (t) => {
  const { db } = await createTestDatabase(t);
  const { people, items } = await seed(db);
  t.equal(items.length, 975, '750 specimens and alerts, 225 person records');
  let checks = 0;
  const mismatches: string[] = [];
  for (const p of people) {
    const user = await db.selectFrom('appUser').selectAll().where('id', '=', p.id).executeTakeFirstOrThrow();
    const ability = abilityFor(await actorFor(db, user));
    for (const item of items) {
      const expected = oracle(p, item);
      const object = subject('Item', { ...item });
      for (const action of ACTIONS) {
        checks++;
        if (ability.can(action, object) !== expected[action])
          mismatches.push(
            `${p.name} ${action} ${item.status}/${item.tlp}/${item.releasableTo.join('+') || '-'} by ${item.originatorCountry}: ability ${!expected[action]}`,
          );
      }
      checks++;
      if (ability.can('read', object, 'content') !== expected.content)
        mismatches.push(`${p.name} content ${item.status}/${item.tlp}: ability ${!expected.content}`);
    }
    const contentRows = await db
      .selectFrom('item')
      .select('item.id')
      .where(permittedCondition(ability, 'read', 'Item', ITEM_SQL_FIELDS, 'content'))
      .execute();
    const contentOracle = items.filter((i) => oracle(p, i).content).map((i) => i.id);
    checks++;
    if (contentRows.length !== contentOracle.length || contentRows.some((r) => !contentOracle.includes(r.id))) {
      mismatches.push(`${p.name} content: SQL selects ${contentRows.length}, policy says ${contentOracle.length}`);
    }
    for (const action of ACTIONS) {
      const rows = await db
        .selectFrom('item')
        .select('item.id')
        .where(permittedCondition(ability, action, 'Item', ITEM_SQL_FIELDS))
        .execute();
      const fromSql = new Set(rows.map((r) => r.id));
      const fromOracle = new Set(items.filter((i) => oracle(p, i)[action]).map((i) => i.id));
      checks++;
      if (fromSql.size !== fromOracle.size || [...fromSql].some((id) => !fromOracle.has(id))) {
        mismatches.push(`${p.name} ${action}: SQL selects ${fromSql.size}, policy says ${fromOracle.size}`);
      }
      const { n } = await db
        .selectFrom('item')
        .select(sql<number>`count(*)::int`.as('n'))
        .where(permittedCondition(ability, action, 'Item', ITEM_SQL_FIELDS))
        .executeTakeFirstOrThrow();
      checks++;
      if (n !== fromOracle.size) mismatches.push(`${p.name} ${action}: count ${n}, policy ${fromOracle.size}`);
    }
  }
  t.same(mismatches.slice(0, 20), [], 'no disagreement');
  t.ok(checks > 90_000, `${checks} checks`);
});

t.test('what the matrix implies, spelled out', async (t) => {
  const { db } = await createTestDatabase(t);
  const { people, items } = await seed(db);
  const reads = (name: string) => {
    const p = people.find((x) => x.name === name)!;
    return items.filter((i) => oracle(p, i).content).length;
  };
  t.equal(
    reads('secretariat'),
    items.filter((i) => i.status === 'published' && i.tlp === 'CLEAR' && !i.releasabilityRestricted).length,
    'the Secretariat reads only CLEAR unrestricted items, like any stranger',
  );
  t.ok(reads('secretariat') > 0);
  for (const name of ['auditor', 'presidency', 'cri-presidency', 'mex-border-auditor', 'gtm-auditor']) {
    t.equal(reads(name), 0, `${name}: metadata only, no content at all (CLEAR included)`);
    const p = people.find((x) => x.name === name)!;
    t.ok(
      items.every((i) => oracle(p, i).read),
      `${name}: knows every item`,
    );
  }
  t.ok(reads('iom-observer') < reads('gtm-officer'), 'an observer reads less than an officer');
  const persons = items.filter((i) => i.kind === 'person');
  t.ok(persons.length > 0);
  const personReaders = (i: ItemRow) => people.filter((p) => oracle(p, i).content);
  t.ok(
    persons.every((i) => personReaders(i).every((p) => p.id === i.originatorId || p.memberships.some((m) => m.networkId === i.networkId))),
    'a person record is read by its originator and members of its network, nobody else',
  );
  t.notOk(
    persons.some((i) => personReaders(i).some((p) => p.name === 'secretariat' || p.name === 'mex-border')),
    'not the Secretariat, not an authority outside the network',
  );
  t.notOk(
    persons.some((i) => people.some((p) => oracle(p, i).correct)),
    'nobody proposes a correction to a person record',
  );
  t.notOk(
    persons.some(
      (i) => i.status === 'published' && i.tlp === 'AMBER+STRICT' && personReaders(i).some((p) => p.organisationId !== i.originatorOrganisationId),
    ),
    'published AMBER+STRICT: its organisation alone',
  );
  const contact = people.find((x) => x.name === 'cri-contact')!;
  const pendingFromCri = items.filter((i) => (i.status === 'draft' || i.status === 'submitted') && i.originatorCountry === 'CRI');
  t.ok(pendingFromCri.length > 0);
  t.ok(
    pendingFromCri.every((i) => oracle(contact, i).content),
    'the contact point reads every pending item of its country, in both spaces of its network',
  );
  const gtmContact = people.find((x) => x.name === 'gtm-contact')!;
  t.notOk(
    pendingFromCri.some((i) => oracle(gtmContact, i).content),
    'and another country’s contact point none of them',
  );
  const redFromCri = items.filter((i) => i.tlp === 'RED' && i.originatorCountry === 'CRI' && !i.releasabilityRestricted);
  t.ok(
    redFromCri.filter((i) => i.status === 'draft' || i.status === 'submitted').every((i) => oracle(contact, i).content),
    'its validators read a RED draft or submitted item (the server then asks them for a purpose)',
  );
  const publishedRed = redFromCri.filter((i) => i.status === 'published');
  t.ok(publishedRed.length > 0);
  t.notOk(
    publishedRed.some((i) => oracle(contact, i).content),
    'but not once it is published: only the originator and the named recipients',
  );
  const byId = (id: string) => people.find((x) => x.id === id)!;
  const plain = (p: Person) => p.roles.length === 0;
  t.ok(
    publishedRed.every(
      (i) =>
        oracle(byId(i.originatorId), i).content === plain(byId(i.originatorId)) &&
        i.namedRecipients.every((r) => oracle(byId(r), i).content === plain(byId(r))),
    ),
    'which they do — unless they hold a metadata-only role',
  );
});

/**
 * The same written policy, held to the reports' own HTTP routes: reports made through the reports
 * API (create, submit, publish, withdraw) in every label, status the API reaches and releasability,
 * by the matrix's originators, and every person of the matrix (signed in) asking for each through
 * GET /api/reports/:id, related, sightings, the search's counts and every workflow step. Where the
 * policy says the person may not know the report, the answer must be the one a report that does not
 * exist gets (permission before existence).
 */
const REPORT_ACTIONS = ['update', 'submit', 'publish', 'return', 'withdraw', 'correct', 'amend', 'sight', 'review', 'track'] as const;

async function seedThroughApi(env: TestApp) {
  const matrix = await matrixThroughApi(env);
  const reports = (await itemsThroughApi(env, matrix, 'reports', TLPS, (_, label) => ({ ...MODUS_OPERANDI, title: `Informe ${label}` }))).map(
    (r) => ({ id: r.id, title: `Informe ${r.label}` }),
  );
  return { people: matrix.people, reports, mexBorder: matrix.mexBorder };
}

t.test('reports through their own HTTP routes: every person × report, the answers agree with the written policy', async (t) => {
  const env = await buildTestApp(t);
  const { app, database } = env;
  const db = database.db;
  const { people, reports } = await seedThroughApi(env);
  t.equal(reports.length, 5 * API_STATUSES.length * TLPS.length * RELEASABILITY.length);
  const rowOf = async (id: string) =>
    (await db.selectFrom('item').selectAll().where('id', '=', id).executeTakeFirstOrThrow()) as unknown as ItemRow & { updatedAt: Date };
  const rows = new Map<string, ItemRow & { updatedAt: Date }>();
  for (const r of reports) rows.set(r.id, await rowOf(r.id));
  t.same(
    [...new Set([...rows.values()].map((r) => `${r.kind}:${r.status}`))].sort(),
    API_STATUSES.map((s) => `report:${s}`).sort(),
    'every report is an item of kind report, in each status the API reaches',
  );

  type Method = 'GET' | 'POST' | 'PATCH';
  type Answer = { status: number; body: Record<string, unknown> & { error?: { code: string } } };
  const call = async (who: SignedIn, method: Method, url: string, payload?: object): Promise<Answer> => {
    const res = await app.inject({ method, url, headers: { ...who.headers, 'accept-language': 'en' }, ...(payload ? { payload } : {}) });
    return { status: res.statusCode, body: res.json() };
  };
  const same = (a: Answer, b: Answer) => JSON.stringify(a) === JSON.stringify(b);
  const sighting = { kind: 'sighting', seenOn: '2026-02-01', country: 'GTM' };
  const patch = { summary: 'Edited by a matrix check' };
  const steps = ['submit', 'publish', 'return', 'withdraw'] as const;
  const nobody = randomUUID();
  const mismatches: string[] = [];
  // Steps the ability grants on a report the person may not know: the route finds the report first
  // (404, permission before existence), so no request can take them.
  const unreachable = new Set<string>();
  let checks = 0;
  const expect = (ok: boolean, what: string) => {
    checks++;
    if (!ok) mismatches.push(what);
  };
  const labelOf = (p: Person, item: ItemRow) =>
    `${p.name} on ${item.status}/${item.tlp}/${item.releasableTo.join('+') || '-'} by ${people.find((x) => x.id === item.originatorId)!.name}`;
  // What a report that does not exist answers each person, per route: the answer for every report they may not know.
  const absent = new Map<string, Record<string, Answer>>();
  for (const p of people) {
    const answers: Record<string, Answer> = {
      read: await call(p.who, 'GET', `/api/reports/${nobody}`),
      related: await call(p.who, 'GET', `/api/reports/${nobody}/related`),
      sightings: await call(p.who, 'GET', `/api/reports/${nobody}/sightings`),
      sight: await call(p.who, 'POST', `/api/reports/${nobody}/sightings`, sighting),
      update: await call(p.who, 'PATCH', `/api/reports/${nobody}`, patch),
    };
    for (const action of steps) answers[action] = await call(p.who, 'POST', `/api/reports/${nobody}/${action}`);
    for (const [what, a] of Object.entries(answers)) expect(a.status === 404, `${p.name}: ${what} of no report is ${a.status}`);
    absent.set(p.id, answers);
  }
  const unknown = (p: Person, what: string, got: Answer, label: string) =>
    expect(same(got, absent.get(p.id)![what]!), `${label}: ${what} ${got.status} ${JSON.stringify(got.body)} — not the answer of no report`);

  // Reads: the report, its related reports, its sightings, a sighting reported on it; then the
  // search's counts. The people ask side by side (each their own reports in turn).
  await Promise.all(
    people.map(async (p) => {
      for (const r of reports) {
        const item = rows.get(r.id)!;
        const o = oracle(p, item);
        const label = labelOf(p, item);
        const url = `/api/reports/${r.id}`;
        let read = await call(p.who, 'GET', url);
        if (!o.read) {
          unknown(p, 'read', read, label);
          unknown(p, 'related', await call(p.who, 'GET', `${url}/related`), label);
          unknown(p, 'sightings', await call(p.who, 'GET', `${url}/sightings`), label);
          unknown(p, 'sight', await call(p.who, 'POST', `${url}/sightings`, sighting), label);
          continue;
        }
        if (o.content && item.tlp === 'RED' && item.originatorId !== p.id) {
          expect(read.status === 428 && read.body.error?.code === 'purpose_required', `${label}: RED content without a purpose ${read.status}`);
          expect((await call(p.who, 'GET', `${url}/related`)).status === 428, `${label}: related without a purpose`);
          const stated = await call(p.who, 'POST', `/api/items/${r.id}/purpose`, { purpose: 'Matrix check of a RED report' });
          expect(stated.status === 200, `${label}: purpose ${stated.status}`);
          read = await call(p.who, 'GET', url);
        }
        expect(read.status === 200, `${label}: read ${read.status} ${JSON.stringify(read.body)}`);
        if (read.status !== 200) continue;
        const permissions = read.body.permissions as Record<string, boolean>;
        expect(permissions.readContent === o.content, `${label}: permissions.readContent ${permissions.readContent}`);
        for (const action of REPORT_ACTIONS)
          expect(permissions[action] === o[action], `${label}: permissions.${action} ${permissions[action]}, policy ${o[action]}`);
        if (o.content) expect(read.body.title === r.title, `${label}: the content is the report's`);
        else {
          expect(
            JSON.stringify(Object.keys(read.body).sort()) === JSON.stringify(METADATA_KEYS),
            `${label}: metadata only, got ${Object.keys(read.body)}`,
          );
          expect(!JSON.stringify(read.body).includes(r.title), `${label}: no title`);
        }
        const related = await call(p.who, 'GET', `${url}/related`);
        expect(related.status === (o.content ? 200 : 403), `${label}: related ${related.status}`);
        const listed = await call(p.who, 'GET', `${url}/sightings`);
        expect(listed.status === (o.content ? 200 : 403), `${label}: sightings ${listed.status}`);
        const sight = await call(p.who, 'POST', `${url}/sightings`, sighting);
        expect(sight.status === (o.content && o.sight ? 201 : 403), `${label}: sight ${sight.status}, policy content ${o.content} sight ${o.sight}`);
      }
      // The search's counts: the reports whose content the person reads (withdrawn ones only when asked for).
      const total = async (body: object) => {
        const res = await call(p.who, 'POST', '/api/reports/search', body);
        return res.status === 200 ? (res.body.total as number) : -res.status;
      };
      const readable = reports.map((r) => rows.get(r.id)!).filter((i) => oracle(p, i).content);
      const found = await total({});
      expect(found === readable.filter((i) => i.status !== 'withdrawn').length, `${p.name}: search finds ${found}`);
      for (const status of API_STATUSES) {
        const n = await total({ status });
        expect(n === readable.filter((i) => i.status === status).length, `${p.name}: search ${status} finds ${n}`);
      }
    }),
  );

  // The workflow: every step and an edit, refused (and nothing changed) for whom the policy refuses
  // it; then done by one it allows. The reports side by side.
  await Promise.all(
    reports.map(async (r, index) => {
      const item = rows.get(r.id)!;
      const url = `/api/reports/${r.id}`;
      for (const p of people) {
        const o = oracle(p, item);
        const label = labelOf(p, item);
        for (const action of steps) {
          if (o[action] && o.read) continue;
          const got = await call(p.who, 'POST', `${url}/${action}`);
          if (!o.read) {
            if (o[action])
              unreachable.add(`${p.name} ${action}s ${item.status}/${item.tlp}/${item.releasableTo.join('+') || '-'} by ${item.originatorCountry}`);
            unknown(p, action, got, label);
          } else expect(got.status === 403, `${label}: ${action} ${got.status}, policy refuses`);
        }
        if (!o.update) {
          const got = await call(p.who, 'PATCH', url, patch);
          if (!o.read) unknown(p, 'update', got, label);
          else expect(got.status === 403, `${label}: update ${got.status}, policy refuses`);
        }
      }
      const after = await rowOf(r.id);
      expect(after.status === item.status && after.updatedAt.getTime() === item.updatedAt.getTime(), `${r.title}: refused steps changed it`);
      // One allowed person does each allowed thing (publish and return alternate on submitted reports).
      const allowed = (action: (typeof REPORT_ACTIONS)[number]) => people.filter((p) => oracle(p, item)[action] && oracle(p, item).read);
      const editors = allowed('update');
      expect(editors.length === (item.status === 'draft' ? 1 : 0), `${r.title}: ${editors.length} editors`);
      for (const p of editors) {
        const edited = await call(p.who, 'PATCH', url, patch);
        // The edit route reads the draft's content first: a metadata-only reader's own draft is theirs to
        // edit by the ability, yet not to read.
        if (!oracle(p, item).content)
          unreachable.add(`${p.name} updates own draft ${item.tlp}/${item.releasableTo.join('+') || '-'}: ${edited.status}`);
        else expect(edited.status === 200, `${p.name}: edits ${r.title} ${edited.status}`);
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
        expect(doers.length > 0, `${r.title}: someone may ${action}`);
        const doer = doers[index % doers.length]!;
        const done = await call(doer.who, 'POST', `${url}/${action}`);
        expect(done.status === 200, `${doer.name}: ${action} ${r.title} ${done.status}`);
        const moved = await rowOf(r.id);
        const to = { submit: 'submitted', publish: 'published', return: 'draft', withdraw: 'withdrawn' }[action];
        expect(moved.status === to, `${r.title}: ${action} moved it`);
      } else for (const s of steps) expect(allowed(s).length === 0, `${r.title}: nobody may ${s} a withdrawn report`);
    }),
  );
  t.same(mismatches.slice(0, 30), [], 'the reports’ routes answer as the written policy says');
  t.comment(`${mismatches.length} disagreements in ${checks} checks`);
  t.ok(checks > 40_000, `${checks} checks`);
  // Found here: a Presidency member who also holds an officer's membership creates and submits
  // reports and is granted `update` on their own drafts, yet PATCH needs the content they may not read
  // (403). Whether the Presidency may author at all is the Presidency's issue (22) to settle; until
  // then it stays listed here. (The validators' network-wide `withdraw`, found here too, is now
  // granted only where they read the item.)
  t.same([...unreachable].sort(), [], 'every step the policy grants can be taken through its route', {
    todo: 'a metadata-only originator is granted update on its draft (403)',
  });
});
