import t from 'tap';
import { buildTestApp } from '../../helpers/app.ts';
import { signIn } from '../../helpers/users.ts';
import { buildWorld } from '../../helpers/world.ts';
import { CUBA_VISA, matrixCalls, member } from './helpers.ts';

interface Notice {
  kind: string;
  destination: string | null;
  nationality: string | null;
  itemId: string | null;
  label: string | null;
}

t.test('a contact point proposes for its own country only; the Secretariat accepts or rejects', async (t) => {
  const env = await buildTestApp(t);
  const { app, database, clock } = env;
  const world = await buildWorld(env);
  const calls = matrixCalls(env);
  const substitute = await signIn(app, database.db, clock, { country: 'CRI' });
  await member(env, world, substitute, 'substitute');
  const gtmContact = await signIn(app, database.db, clock, { country: 'GTM' });
  await member(env, world, gtmContact, 'contact_point');
  await calls.set(world.secretariat, 'GTM', 'CUB', { requirement: 'visa' });

  t.equal((await calls.list(world.contact)).json().permissions.proposeFor, 'CRI');
  const proposed = await calls.propose(world.contact, { destination: 'CRI', nationality: 'CUB', ...CUBA_VISA, reason: 'Decreto nuevo' });
  t.equal(proposed.statusCode, 201);
  t.match(proposed.json(), {
    destination: 'CRI',
    nationality: 'CUB',
    status: 'pending',
    proposedCountry: 'CRI',
    current: null,
    proposed: { requirement: 'visa' },
  });
  const proposalId = proposed.json().id as string;

  // Another country's row: refused alike whether the cell exists (GTM/CUB) or not (GTM/VEN), and for anyone else.
  const refusals = [];
  for (const nationality of ['CUB', 'VEN']) {
    const res = await calls.propose(world.contact, { destination: 'GTM', nationality, requirement: 'none' });
    refusals.push([res.statusCode, res.json().error]);
  }
  t.equal(refusals[0]![0], 403);
  t.equal((refusals[0]![1] as { code: string }).code, 'entry_requirement_not_own_row');
  t.same(refusals[0], refusals[1], 'the same answer whether the cell exists or not');
  for (const who of [world.officer, world.observer, world.auditor, world.secretariat]) {
    const res = await calls.propose(who, { destination: 'CRI', nationality: 'VEN', requirement: 'none' });
    t.equal(res.statusCode, 403, 'officers, observers, auditors and the Secretariat do not propose');
  }
  t.equal((await calls.propose(substitute, { destination: 'CRI', nationality: 'VEN', requirement: 'none', daysAllowed: 90 })).statusCode, 201);
  const bad = await calls.propose(substitute, { destination: 'CRI', nationality: 'VEN', requirement: 'visa', daysAllowed: 90 });
  t.equal(bad.json().error.code, 'entry_requirement_days_none_only');

  // Who sees which proposals.
  t.equal((await calls.proposals(world.secretariat)).json().total, 2);
  t.equal((await calls.proposals(world.contact)).json().total, 2, 'its own country’s');
  t.equal((await calls.proposals(gtmContact)).json().total, 0, 'not another country’s');
  t.equal((await calls.proposals(world.officer)).json().total, 0);

  // Only the Secretariat decides.
  for (const who of [world.contact, gtmContact, world.officer]) t.equal((await calls.decide(who, proposalId, 'accept')).statusCode, 403);
  t.equal((await calls.get(world.officer, 'CRI', 'CUB')).statusCode, 404, 'nothing applied');

  // Accepted: applied with history naming the proposal; the contact points hear of it.
  clock.advance(60_000);
  const accepted = await calls.decide(world.secretariat, proposalId, 'accept', { note: 'Conforme' });
  t.equal(accepted.statusCode, 200);
  t.match(accepted.json(), { status: 'accepted', decisionNote: 'Conforme' });
  t.match((await calls.get(world.officer, 'CRI', 'CUB')).json(), { requirement: 'visa', legalSource: CUBA_VISA.legalSource });
  const history = (await calls.history(world.officer, 'CRI', 'CUB')).json().items;
  t.equal(history.length, 1);
  t.match(history[0], { source: 'proposal', proposalId, oldValue: null, newValue: { requirement: 'visa' }, changedByCountry: 'SV' });
  t.equal((await calls.decide(world.secretariat, proposalId, 'reject')).statusCode, 409, 'decided once');

  // Rejected: nothing applied, no history.
  const other = (await calls.proposals(world.secretariat, '?status=pending')).json().items[0].id as string;
  t.match((await calls.decide(world.secretariat, other, 'reject')).json(), { status: 'rejected' });
  t.equal((await calls.get(world.officer, 'CRI', 'VEN')).statusCode, 404);
  t.equal((await calls.history(world.officer, 'CRI', 'VEN')).json().items.length, 0);
  t.equal((await calls.decide(world.secretariat, '00000000-0000-4000-8000-000000000000', 'accept')).statusCode, 404);

  // Notices: the contact points and substitutes of member countries (not officers, observers, the actor).
  const notices = async (who: typeof world.officer) =>
    ((await app.inject({ url: '/api/notifications', headers: who.headers })).json() as { items: Notice[] }).items.filter(
      (n) => n.kind === 'entry_requirement_changed',
    );
  for (const who of [world.contact, substitute, gtmContact]) {
    const mine = await notices(who);
    t.equal(mine.length, 2, 'one notice per change (the GTM cell, then the accepted proposal)');
    t.match(mine[0], { destination: 'CRI', nationality: 'CUB', itemId: null, label: null });
  }
  for (const who of [world.officer, world.observer, world.secretariat]) t.equal((await notices(who)).length, 0);
  const mails = await database.db.selectFrom('notification').select('mail').where('kind', '=', 'entry_requirement_changed').execute();
  t.ok(
    mails.every((m) => m.mail === 'pending'),
    'mailed as the users chose (immediately by default)',
  );
});
