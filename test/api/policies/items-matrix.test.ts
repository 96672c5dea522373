import { subject } from '@casl/ability';
import { sql } from 'kysely';
import t from 'tap';
import { abilityFor } from '../../../policies/ability.ts';
import { ITEM_SQL_FIELDS } from '../../../policies/items.ts';
import { permittedCondition } from '../../../policies/sql.ts';
import { actorFor } from '../../../server/platform/access.ts';
import type { Database } from '../../../server/platform/db/database.ts';
import type { ItemStatus, SpaceRole, Tlp } from '../../../server/platform/db/schema.ts';
import { MEMBER_COUNTRIES } from '../../../server/platform/reference/countries.ts';
import { createTestDatabase } from '../../helpers/db.ts';
import { createUser } from '../../helpers/users.ts';

const TLPS: Tlp[] = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'];
const STATUSES: ItemStatus[] = ['draft', 'submitted', 'published', 'withdrawn', 'expired'];
const RELEASABILITY: string[][] = [[], ['CRI'], ['GTM', 'MEX']];
const ACTIONS = ['read', 'update', 'submit', 'publish', 'return', 'withdraw', 'correct', 'amend', 'sight', 'detect', 'review', 'track'] as const;

interface Person {
  id: string;
  name: string;
  country: string;
  organisationId: string | null;
  roles: string[];
  memberships: { spaceId: string; networkId: string; role: SpaceRole }[];
}

interface ItemRow {
  id: string;
  kind: 'specimen' | 'alert';
  audienceOrganisations: string[];
  spaceId: string;
  networkId: string;
  originatorId: string;
  originatorCountry: string;
  originatorOrganisationId: string | null;
  status: ItemStatus;
  tlp: Tlp;
  releasableTo: string[];
  releasabilityRestricted: boolean;
  namedRecipients: string[];
}

/**
 * The policy written a second time, plainly, from SECURITY.md's tables: the oracle that both
 * the CASL ability and its SQL translation are held to.
 */
function oracle(p: Person, item: ItemRow): Record<(typeof ACTIONS)[number] | 'content', boolean> {
  // Metadata-only readers (auditors, the Presidency): id, space, kind, country, status, label and
  // dates of every item — never content, whatever the label (CLEAR included) and whatever else
  // they hold (a membership, a targeted organisation, a named recipient's place, their own items).
  const metadataReader = p.roles.includes('auditor') || p.roles.includes('presidency');
  const own = p.id === item.originatorId;
  const membership = p.memberships.find((m) => m.spaceId === item.spaceId);
  const leadsNetwork = p.memberships.some((m) => m.networkId === item.networkId && (m.role === 'contact_point' || m.role === 'substitute'));
  const validator = leadsNetwork && p.country === item.originatorCountry;
  const memberCountry = (MEMBER_COUNTRIES as readonly string[]).includes(p.country);
  const releasable = !item.releasabilityRestricted || item.releasableTo.includes(p.country) || item.originatorCountry === p.country;
  let content = false;
  if (metadataReader) content = false;
  else if (own) content = true;
  else if (!releasable) content = false;
  else if (item.status === 'draft' || item.status === 'submitted') content = validator;
  else if (item.status === 'withdrawn')
    content = item.tlp !== 'RED' && !!membership && membership.role !== 'observer' && memberCountry && p.country === item.originatorCountry;
  else if (item.status === 'published') {
    switch (item.tlp) {
      case 'CLEAR':
        content = true;
        break;
      case 'GREEN':
        content = !!membership;
        break;
      case 'AMBER':
        content = !!membership && membership.role !== 'observer' && memberCountry;
        break;
      case 'AMBER+STRICT':
        content = !!membership && membership.role !== 'observer' && p.organisationId !== null && p.organisationId === item.originatorOrganisationId;
        break;
      // RED once published: the named recipients (and the originator, above) — not the validators.
      case 'RED':
        content = item.namedRecipients.includes(p.id);
        break;
    }
    // Addressed to the reader's organisation (an alert's target, or what such an alert links to).
    if (['CLEAR', 'GREEN', 'AMBER'].includes(item.tlp) && p.organisationId !== null && item.audienceOrganisations.includes(p.organisationId))
      content = true;
  }
  const contributor = (m: { role: SpaceRole } | undefined) => !!m && m.role !== 'observer' && memberCountry;
  const published = item.status === 'published';
  return {
    content,
    read: content || metadataReader,
    update: own && item.status === 'draft',
    submit: own && item.status === 'draft',
    publish: validator && item.status === 'submitted',
    return: validator && item.status === 'submitted',
    withdraw: published && (own || validator),
    // Others of the item's space propose corrections; the originator decides on them.
    correct: published && !own && contributor(membership),
    amend: published && own,
    // Anyone contributing somewhere reports a sighting (of what they can read: the route checks that).
    sight: published && p.memberships.some(contributor),
    // The hit check's "known" without ids: not RED, in a network where they contribute, within releasability.
    detect:
      published &&
      releasable &&
      ['GREEN', 'AMBER', 'AMBER+STRICT'].includes(item.tlp) &&
      p.memberships.some((m) => m.networkId === item.networkId && contributor(m)),
    // An urgent alert published at once is reviewed afterwards by the country's validators.
    review: item.kind === 'alert' && published && validator,
    // The originator and the country's validators follow an alert's deliveries.
    track: item.kind === 'alert' && (own || validator),
  };
}

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
  for (const kind of ['specimen', 'alert'] as const) {
    for (const o of originators) {
      for (const spaceId of o.spaces) {
        for (const status of STATUSES) {
          for (const tlp of TLPS) {
            for (const releasableTo of RELEASABILITY) {
              const namedRecipients = tlp === 'RED' ? [o.id === gtmOfficer ? criPolice : gtmOfficer, gtmAuditor] : [];
              const row = await db
                .insertInto('item')
                .values({
                  kind,
                  spaceId,
                  // Alerts target the border authority; specimens of S2 are linked from such alerts.
                  audienceOrganisations: kind === 'alert' || spaceId === s2 ? [mexBorder] : [],
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
  t.equal(items.length, 750);
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
