import type { ItemStatus, SpaceRole, Tlp } from '../../server/platform/db/schema.ts';
import { MEMBER_COUNTRIES } from '../../server/platform/reference/countries.ts';
import type { TestApp } from './app.ts';
import { createUser, type SignedIn, signIn } from './users.ts';

/**
 * The authorization matrix's pieces (test/api/policies/items-matrix.test.ts, persons-matrix.test.ts):
 * the labels, statuses, releasabilities and actions it enumerates, the policy written a second time
 * as an oracle, and the matrix's people and originators made through the API for the tests that
 * hold each kind's own HTTP routes to that oracle.
 */

export const TLPS: Tlp[] = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'];
/** Person records are never CLEAR or GREEN (the schema and a database check refuse it). */
export const PERSON_TLPS: Tlp[] = ['AMBER', 'AMBER+STRICT', 'RED'];
export const STATUSES: ItemStatus[] = ['draft', 'submitted', 'published', 'withdrawn', 'expired'];
export const RELEASABILITY: string[][] = [[], ['CRI'], ['GTM', 'MEX']];
export const ACTIONS = [
  'read',
  'update',
  'submit',
  'publish',
  'return',
  'withdraw',
  'correct',
  'amend',
  'sight',
  'detect',
  'review',
  'track',
  'count',
] as const;

export interface Person {
  id: string;
  name: string;
  country: string;
  organisationId: string | null;
  roles: string[];
  memberships: { spaceId: string; networkId: string; role: SpaceRole }[];
}

export interface ItemRow {
  id: string;
  kind: 'specimen' | 'alert' | 'report' | 'person';
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
export function oracle(p: Person, item: ItemRow): Record<(typeof ACTIONS)[number] | 'content', boolean> {
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
    // The validators: in a space they belong to, under a label they read there (not RED nor AMBER+STRICT).
    withdraw:
      published &&
      (own ||
        (validator &&
          memberCountry &&
          (membership?.role === 'contact_point' || membership?.role === 'substitute') &&
          ['CLEAR', 'GREEN', 'AMBER'].includes(item.tlp))),
    // Others of the item's space propose corrections; the originator decides on them. Not on a
    // person record: its originator corrects it (a draft edit), nobody proposes.
    correct: published && !own && contributor(membership) && item.kind !== 'person',
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
    // The follow-up figures (the Presidency's and the Secretariat's dashboard) count every item but a draft.
    count: (p.roles.includes('presidency') || p.roles.includes('secretariat')) && item.status !== 'draft',
  };
}

/** What the API reaches: an item is made as a draft, then submitted, published, withdrawn. */
export const API_STATUSES = ['draft', 'submitted', 'published', 'withdrawn'] as const;
/** The keys of a metadata reader's view of an item (the item base's). */
export const METADATA_KEYS = ['createdAt', 'id', 'kind', 'originatorCountry', 'permissions', 'spaceId', 'status', 'tlp', 'updatedAt'];

export type ApiPerson = Person & { who: SignedIn };
export interface Originator {
  by: ApiPerson;
  spaces: string[];
  validator: ApiPerson;
}

/**
 * The matrix's organisations, networks, spaces (through the API: each gets its key, so what is made
 * is sealed as in production) and people (signed in), with the originators whose items the HTTP
 * matrices make. `redRecipients(by)`: the named recipients of a RED item made by `by`.
 */
export async function matrixThroughApi(env: TestApp) {
  const { app, database, clock } = env;
  const db = database.db;
  const now = clock.now();
  const secretariatLogin = await signIn(app, db, clock, { roles: ['secretariat'], country: 'SV' });
  const post = async (url: string, payload: object) => {
    const res = await app.inject({ method: 'POST', url, headers: secretariatLogin.headers, payload });
    if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json().id as string;
  };
  const org = async (code: string, country: string, kind: 'member_authority' | 'observer' | 'migration_authority') =>
    (await db.insertInto('organisation').values({ code, country, kind, nameEs: code, nameEn: code }).returning('id').executeTakeFirstOrThrow()).id;
  const dgme = await org('CRI-DGME', 'CRI', 'member_authority');
  const police = await org('CRI-PCF', 'CRI', 'member_authority');
  const igm = await org('GTM-IGM', 'GTM', 'member_authority');
  const iom = await org('IOM', 'IOM', 'observer');
  const mexBorder = await org('MEX-INM-AICM', 'MEX', 'migration_authority');
  const n1 = await post('/api/networks', { code: 'smuggling', nameEs: 'Tráfico', nameEn: 'Smuggling' });
  const n2 = await post('/api/networks', { code: 'consular', nameEs: 'Consular', nameEn: 'Consular' });
  const space = (networkId: string, name: string) => post('/api/spaces', { networkId, nameEs: name, nameEn: name, opensOn: '2026-03-01' });
  const s1 = await space(n1, 'S1');
  const s2 = await space(n1, 'S2');
  const s3 = await space(n2, 'S3');
  const networkOf: Record<string, string> = { [s1]: n1, [s2]: n1, [s3]: n2 };

  const people: ApiPerson[] = [];
  const person = async (name: string, country: string, organisationId: string | null, roles: string[], memberships: [string, SpaceRole][]) => {
    const user = await createUser(db, { country, roles: roles as never, email: `${name}@example.org` });
    await db.updateTable('appUser').set({ organisationId }).where('id', '=', user.id).execute();
    // The same memberships as the ability matrix's (some, such as a Presidency member's, the members API would not make).
    for (const [spaceId, role] of memberships) {
      await db.insertInto('membership').values({ spaceId, userId: user.id, networkId: networkOf[spaceId]!, country, role, createdAt: now }).execute();
    }
    const who = await signIn(app, db, clock, { user });
    const entry = {
      id: user.id,
      name,
      country,
      organisationId,
      roles,
      memberships: memberships.map(([spaceId, role]) => ({ spaceId, networkId: networkOf[spaceId]!, role })),
      who,
    };
    people.push(entry);
    return entry;
  };
  const criOfficer = await person('cri-officer', 'CRI', dgme, [], [[s1, 'officer']]);
  const criPolice = await person('cri-police', 'CRI', police, [], [[s1, 'officer']]);
  await db
    .insertInto('membership')
    .values({ spaceId: s2, userId: criPolice.id, networkId: n1, country: 'CRI', role: 'officer', createdAt: now })
    .execute();
  criPolice.memberships.push({ spaceId: s2, networkId: n1, role: 'officer' });
  const criContact = await person(
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
  const gtmContact = await person('gtm-contact', 'GTM', igm, [], [[s1, 'contact_point']]);
  await person('iom-observer', 'IOM', iom, [], [[s1, 'observer']]);
  await person('mex-elsewhere', 'MEX', null, [], [[s3, 'officer']]);
  await person('mex-border', 'MEX', mexBorder, [], []);
  await person('secretariat', 'SV', null, ['secretariat'], []);
  await person('auditor', 'PAN', null, ['auditor'], []);
  await person('presidency', 'HND', null, ['presidency'], []);
  const criPresidency = await person('cri-presidency', 'CRI', dgme, ['presidency'], [[s1, 'officer']]);
  const gtmAuditor = await person('gtm-auditor', 'GTM', igm, ['auditor'], [[s1, 'substitute']]);
  await person('mex-border-auditor', 'MEX', mexBorder, ['auditor'], []);

  const originators = [
    { by: criOfficer, spaces: [s1], validator: criContact },
    { by: gtmOfficer, spaces: [s1], validator: gtmContact },
    { by: criPolice, spaces: [s1, s2], validator: criContact },
    { by: criPresidency, spaces: [s1], validator: criContact },
  ];
  const redRecipients = (by: ApiPerson) => [by.id === gtmOfficer.id ? criPolice.id : gtmOfficer.id, gtmAuditor.id];
  return { people, originators, redRecipients, mexBorder, spaces: { s1, s2, s3 } };
}

/**
 * Items of one kind made through its own routes (`POST /api/spaces/:spaceId/<collection>`, then
 * `/api/<collection>/:id/submit|publish|withdraw`) by every originator, in every space of theirs,
 * each status the API reaches, each label of `tlps` and each releasability. `payload` gives the
 * body of the n-th item (the handling is added).
 */
export async function itemsThroughApi(
  env: TestApp,
  matrix: Awaited<ReturnType<typeof matrixThroughApi>>,
  collection: string,
  tlps: readonly Tlp[],
  payload: (n: number, label: string) => Record<string, unknown>,
) {
  const { app } = env;
  const items: { id: string; n: number; label: string }[] = [];
  const step = async (who: SignedIn, id: string, action: string) => {
    // A person record's validator states a purpose before deciding on it (the route asks).
    if (collection === 'persons' && action === 'publish') {
      const stated = await app.inject({
        method: 'POST',
        url: `/api/items/${id}/purpose`,
        headers: who.headers,
        payload: { purpose: 'Validación del registro de persona' },
      });
      if (stated.statusCode !== 200) throw new Error(`purpose: ${stated.statusCode} ${stated.body}`);
    }
    const res = await app.inject({ method: 'POST', url: `/api/${collection}/${id}/${action}`, headers: who.headers });
    if (res.statusCode !== 200) throw new Error(`${action}: ${res.statusCode} ${res.body}`);
  };
  for (const o of matrix.originators) {
    for (const spaceId of o.spaces) {
      for (const status of API_STATUSES) {
        for (const tlp of tlps) {
          for (const releasableTo of RELEASABILITY) {
            const n = items.length + 1;
            const label = `${n} ${o.by.name} ${status} ${tlp} ${releasableTo.join('+') || 'any'}`;
            const namedRecipients = tlp === 'RED' ? matrix.redRecipients(o.by) : [];
            const created = await app.inject({
              method: 'POST',
              url: `/api/spaces/${spaceId}/${collection}`,
              headers: o.by.who.headers,
              payload: { ...payload(n, label), tlp, releasableTo, namedRecipients },
            });
            if (created.statusCode !== 201) throw new Error(`create: ${created.statusCode} ${created.body}`);
            const id = created.json().id as string;
            if (status !== 'draft') await step(o.by.who, id, 'submit');
            if (status === 'published' || status === 'withdrawn') await step(o.validator.who, id, 'publish');
            if (status === 'withdrawn') await step(o.by.who, id, 'withdraw');
            items.push({ id, n, label });
          }
        }
      }
    }
  }
  return items;
}
