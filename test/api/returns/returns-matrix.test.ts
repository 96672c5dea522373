import t from 'tap';
import { buildTestApp } from '../../helpers/app.ts';
import { returnCalls } from '../../helpers/returns.ts';
import { type SignedIn, signIn } from '../../helpers/users.ts';
import { buildWorld } from '../../helpers/world.ts';

/**
 * The returns' authorization matrix: every kind of person against returns of two countries, in
 * every status, of a template observers contribute to and of one they do not — the policy written
 * a second time, plainly, as the oracle that the single reads (CASL), the lists (SQL) and the
 * permissions the web app is given are all held to.
 */
type Status = 'draft' | 'submitted' | 'amending';
type Role = 'officer' | 'contact_point' | 'observer';

interface Person {
  name: string;
  who: SignedIn;
  country: string;
  roles: string[];
  /** Their role in the test's network, if any. */
  role: Role | null;
}

interface Ret {
  id: string;
  country: string;
  status: Status;
  observers: boolean;
}

function oracle(p: Person, r: Ret) {
  const secretariat = p.roles.includes('secretariat');
  const presidency = p.roles.includes('presidency');
  const auditor = p.roles.includes('auditor');
  const ownCountry = p.role !== null && p.role !== 'observer' && p.country === r.country;
  const lead = p.role === 'contact_point' && p.country === r.country;
  const contributes = p.role === 'observer' && r.observers;
  const working = r.status !== 'submitted';
  const read = secretariat || presidency || auditor || ownCountry || contributes;
  const whole = secretariat || ownCountry || contributes;
  return {
    read,
    figures: whole || (presidency && r.status !== 'draft'),
    content: whole,
    draft: whole,
    update: (lead || contributes) && working,
    submit: lead && working,
    amend: lead && r.status === 'submitted',
  };
}

t.test('returns: who reads, lists, fills, submits and amends which return, and who reads the roll-ups', async (t) => {
  const env = await buildTestApp(t);
  const { app } = env;
  const db = env.database.db;
  env.clock.set(new Date('2026-07-10T12:00:00Z'));
  const world = await buildWorld(env);
  const calls = returnCalls(env);
  const member = async (country: string, role: Role) => {
    const person = await signIn(app, db, env.clock, { country });
    const res = await app.inject({
      method: 'POST',
      url: `/api/spaces/${world.spaceId}/members`,
      headers: world.secretariat.headers,
      payload: { userId: person.user.id, role },
    });
    t.equal(res.statusCode, 201, res.body);
    return person;
  };
  const gtmContact = await member('GTM', 'contact_point');
  const elsewhere = await buildWorld(env);
  const people: Person[] = [
    { name: 'Secretariat', who: world.secretariat, country: 'SV', roles: ['secretariat'], role: null },
    {
      name: 'Presidency',
      who: await signIn(app, db, env.clock, { roles: ['presidency'], country: 'HND' }),
      country: 'HND',
      roles: ['presidency'],
      role: null,
    },
    { name: 'auditor', who: world.auditor, country: 'PAN', roles: ['auditor'], role: null },
    { name: 'CRI contact point', who: world.contact, country: 'CRI', roles: [], role: 'contact_point' },
    { name: 'CRI officer', who: world.officer, country: 'CRI', roles: [], role: 'officer' },
    { name: 'GTM contact point', who: gtmContact, country: 'GTM', roles: [], role: 'contact_point' },
    { name: 'GTM officer', who: world.foreign, country: 'GTM', roles: [], role: 'officer' },
    { name: 'IOM observer', who: world.observer, country: 'IOM', roles: [], role: 'observer' },
    { name: 'CRI contact point of another network', who: elsewhere.contact, country: 'CRI', roles: [], role: null },
  ];

  const flows = (await calls.template(world.secretariat, world.networkId, 'extra_regional_flows')).json();
  const legislation = (await calls.template(world.secretariat, world.networkId, 'legislation_matrix')).json();
  const rows = (template: { dimensions: { type: string; values?: { key: string }[] }[]; columns: unknown[] }) => [
    {
      dims: template.dimensions.map((d) => (d.type === 'country' ? 'CHN' : d.type === 'choice' ? d.values![0]!.key : 'Peñas Blancas')),
      values: template.columns.map(() => '1'),
    },
  ];

  const returns: Ret[] = [];
  const periods: Record<Status, string> = { draft: '2025-S1', submitted: '2025-S2', amending: '2026-S1' };
  for (const template of [flows, legislation]) {
    for (const [country, lead] of [
      ['CRI', world.contact],
      ['GTM', gtmContact],
    ] as const) {
      for (const status of ['draft', 'submitted', 'amending'] as const) {
        const opened = await calls.open(lead, template.id, periods[status]);
        t.equal(opened.statusCode, 201, opened.body);
        const id = opened.json().id;
        t.equal((await calls.patch(lead, id, { rows: rows(template) })).statusCode, 200);
        if (status !== 'draft') t.equal((await calls.submit(lead, id)).statusCode, 200);
        if (status === 'amending') t.equal((await calls.amend(lead, id, 'Corrected')).statusCode, 200);
        returns.push({ id, country, status, observers: template.observersContribute });
      }
    }
  }

  for (const p of people) {
    const listed = new Set((await calls.list(p.who)).json().items.map((r: { id: string }) => r.id));
    for (const r of returns) {
      const expected = oracle(p, r);
      const where = `${p.name} × ${r.country} ${r.status}${r.observers ? ' (observers contribute)' : ''}`;
      t.equal(listed.has(r.id), expected.read, `${where}: listed`);
      const res = await calls.get(p.who, r.id);
      t.equal(res.statusCode, expected.read ? 200 : 404, `${where}: read`);
      if (!expected.read) continue;
      const { read: _, ...actions } = expected;
      t.same(res.json().permissions, actions, `${where}: permissions`);
      t.equal(res.json().shown !== null, expected.figures, `${where}: figures shown`);
    }
    // Roll-ups: the network's members, the Secretariat and the Presidency; auditors know the template only.
    const rollup = await calls.rollup(p.who, `templateId=${flows.id}`);
    const readsTemplate = p.role !== null || p.roles.length > 0;
    const readsRollup = p.role !== null || p.roles.includes('secretariat') || p.roles.includes('presidency');
    t.equal(rollup.statusCode, readsRollup ? 200 : readsTemplate ? 403 : 404, `${p.name}: roll-up`);
    if (readsRollup) {
      // Submitted versions only: two countries' returns for 2025-S2 and 2026-S1 (its first version), none of 2025-S1.
      t.same(
        rollup.json().periods.map((x: { period: string; submitted: number }) => [x.period, x.submitted]),
        [
          ['2025-S2', 2],
          ['2026-S1', 2],
        ],
        `${p.name}: the roll-up counts submitted returns only`,
      );
    }
  }

  // Writes are held to the same oracle: an update by each person who may not is refused (404 or 403), nothing changed.
  for (const p of people) {
    for (const r of returns.filter((x) => x.status !== 'submitted')) {
      const expected = oracle(p, r);
      if (expected.update) continue;
      const res = await calls.patch(p.who, r.id, { rows: [] });
      t.equal(res.statusCode, expected.read ? 403 : 404, `${p.name} × ${r.country} ${r.status}: no update`);
    }
  }

  // Templates: only the Secretariat edits one (and is told so in the template's permissions); everyone
  // else is refused with the same 403 for an existing template as for one that does not exist.
  const missing = '00000000-0000-4000-8000-000000000000';
  for (const p of people) {
    const secretariat = p.roles.includes('secretariat');
    const read = await app.inject({ url: `/api/returns/templates/${flows.id}`, headers: p.who.headers });
    if (read.statusCode === 200) t.same(read.json().permissions, { update: secretariat }, `${p.name}: template permissions`);
    const edit = await calls.edit(p.who, flows.id, { dueDays: flows.dueDays });
    t.equal(edit.statusCode, secretariat ? 200 : 403, `${p.name}: template edit`);
    t.equal((await calls.edit(p.who, missing, { dueDays: 1 })).statusCode, secretariat ? 404 : 403, `${p.name}: edit of no template`);
  }
});
