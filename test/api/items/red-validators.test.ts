import t, { type Test } from 'tap';
import { buildTestApp, type TestApp } from '../../helpers/app.ts';
import { specimenCalls } from '../../helpers/specimens.ts';
import { type SignedIn, signIn } from '../../helpers/users.ts';
import { buildWorld, type World } from '../../helpers/world.ts';

/**
 * SECURITY.md, access control: a RED item's validators (the originator country's contact point
 * and substitute) read it only while it is a draft or submitted, and only after stating a purpose;
 * once it is published, only the originator and the named recipients read it (the recipients after
 * stating a purpose, the originator without one). Through HTTP, on both ways to an item's content:
 * a specimen's page and images, and any item's attachments.
 */

const PURPOSE = 'Validación nacional: cotejar con el expediente 2026-031';

/** The world, plus Costa Rica's substitute (the other validator) in the same space. */
async function setup(t: Test): Promise<{ env: TestApp; world: World; substitute: SignedIn }> {
  const env = await buildTestApp(t);
  const world = await buildWorld(env);
  const substitute = await signIn(env.app, env.database.db, env.clock, { country: 'CRI' });
  const added = await env.app.inject({
    method: 'POST',
    url: `/api/spaces/${world.spaceId}/members`,
    headers: world.secretariat.headers,
    payload: { userId: substitute.user.id, role: 'substitute' },
  });
  if (added.statusCode >= 300) throw new Error(`substitute: ${added.statusCode} ${added.body}`);
  return { env, world, substitute };
}

t.test(
  'a RED specimen: validators read the draft and the submitted item after stating a purpose; once published only the originator and the named recipients',
  async (t) => {
    const { env, world, substitute } = await setup(t);
    const { app } = env;
    const calls = specimenCalls(env, world);
    const purpose = (who: SignedIn, id: string) =>
      app.inject({ method: 'POST', url: `/api/items/${id}/purpose`, headers: who.headers, payload: { purpose: PURPOSE } });
    const image = (who: SignedIn, id: string, imageId: string) =>
      app.inject({ method: 'GET', url: `/api/specimens/${id}/images/${imageId}`, headers: who.headers });

    // The Costa Rican officer names the Guatemalan officer as recipient (the originator is one by rule).
    const created = await calls.create(world.officer, { tlp: 'RED', namedRecipients: [world.foreign.user.id] });
    t.equal(created.statusCode, 201, created.body);
    const id = created.json().id as string;
    t.same([...created.json().handling.namedRecipients].sort(), [world.officer.user.id, world.foreign.user.id].sort());
    const uploaded = await calls.images(world.officer, id, ['front']);
    t.equal(uploaded.statusCode, 201, uploaded.body);
    const imageId = uploaded.json()[0].id as string;

    // A draft: the contact point must state a purpose first; the named recipient does not know it yet.
    const draftRead = await calls.read(world.contact, id);
    t.equal(draftRead.statusCode, 428, 'a validator reading a RED draft without a purpose');
    t.equal(draftRead.json().error.code, 'purpose_required');
    t.equal((await calls.read(world.foreign, id)).statusCode, 404, 'a named recipient does not read a draft');
    t.equal((await purpose(world.foreign, id)).statusCode, 404, 'nor state a purpose for it');
    t.equal((await purpose(world.contact, id)).statusCode, 200);
    const draftWithPurpose = await calls.read(world.contact, id);
    t.equal(draftWithPurpose.statusCode, 200, 'with a purpose, the contact point reads the draft');
    t.equal(draftWithPurpose.json().specimen.documentNumber, 'P-1234567');

    // Submitted: the substitute, the other validator, likewise.
    t.equal((await calls.step(world.officer, id, 'submit')).statusCode, 200);
    const submittedRead = await calls.read(substitute, id);
    t.equal(submittedRead.statusCode, 428, 'a validator reading a submitted RED item without a purpose');
    t.equal(submittedRead.json().error.code, 'purpose_required');
    t.equal((await image(substitute, id, imageId)).statusCode, 428, 'its images neither');
    t.equal((await purpose(substitute, id)).statusCode, 200);
    const submittedWithPurpose = await calls.read(substitute, id);
    t.equal(submittedWithPurpose.statusCode, 200, 'with a purpose, the substitute reads the submitted item');
    t.equal(submittedWithPurpose.json().specimen.holderNames[0], 'María Núñez Pérez');
    t.equal((await image(substitute, id, imageId)).statusCode, 200);
    t.equal((await calls.read(world.foreign, id)).statusCode, 404, 'the named recipient still does not read it');

    // Published: the validators lose it, though their purposes are still live.
    const published = await calls.step(world.contact, id, 'publish');
    t.equal(published.statusCode, 200, published.body);
    t.notOk('specimen' in published.json(), 'the contact point publishes it, and gets its metadata only');
    t.equal(published.json().permissions.readContent, false);
    for (const [who, validator] of [
      ['contact point', world.contact],
      ['substitute', substitute],
    ] as const) {
      t.equal(
        (await calls.read(validator, id)).statusCode,
        404,
        `the ${who}, not a named recipient: 404 after publication, even with a purpose stated`,
      );
      t.equal((await image(validator, id, imageId)).statusCode, 404, `the ${who}: no image`);
      t.equal((await purpose(validator, id)).statusCode, 404, `the ${who} cannot state a new purpose either`);
      t.equal((await calls.read(validator, id)).statusCode, 404);
      t.notOk(
        (await calls.search(validator, {})).json().items.some((i: { id: string }) => i.id === id),
        `the ${who} does not find it`,
      );
    }

    // The named recipient: a purpose first, then the content.
    const recipientRead = await calls.read(world.foreign, id);
    t.equal(recipientRead.statusCode, 428, 'a named recipient without a purpose');
    t.equal(recipientRead.json().error.code, 'purpose_required');
    t.equal((await purpose(world.foreign, id)).statusCode, 200);
    const recipientWithPurpose = await calls.read(world.foreign, id);
    t.equal(recipientWithPurpose.statusCode, 200, 'a named recipient with a purpose');
    t.equal(recipientWithPurpose.json().specimen.documentNumber, 'P-1234567');
    t.equal((await image(world.foreign, id, imageId)).statusCode, 200);

    // The originator: no purpose needed.
    const own = await calls.read(world.officer, id);
    t.equal(own.statusCode, 200, 'the originator reads it without a purpose');
    t.equal(own.json().specimen.documentNumber, 'P-1234567');
    t.equal((await image(world.officer, id, imageId)).statusCode, 200);

    // Nobody else, purpose or not.
    t.equal((await calls.read(world.observer, id)).statusCode, 404);
    t.equal((await purpose(world.observer, id)).statusCode, 404);
  },
);

t.test('a RED report (any item, its attachments): the same rule', async (t) => {
  const { env, world, substitute } = await setup(t);
  const { app, database } = env;
  const red = await world.item({ tlp: 'RED' });
  await database.db
    .updateTable('item')
    .set({ namedRecipients: [world.officer.user.id, world.foreign.user.id] })
    .where('id', '=', red.id)
    .execute();
  const attachments = (who: SignedIn) => app.inject({ method: 'GET', url: `/api/items/${red.id}/attachments`, headers: who.headers });
  const purpose = (who: SignedIn) =>
    app.inject({ method: 'POST', url: `/api/items/${red.id}/purpose`, headers: who.headers, payload: { purpose: PURPOSE } });

  // Draft: each validator after stating a purpose.
  for (const validator of [world.contact, substitute]) {
    t.equal((await attachments(validator)).statusCode, 428, 'a validator, draft, no purpose');
    t.equal((await purpose(validator)).statusCode, 200);
    t.equal((await attachments(validator)).statusCode, 200, 'a validator, draft, with a purpose');
  }
  t.equal((await attachments(world.foreign)).statusCode, 404, 'the named recipient does not read the draft');

  await world.publish(red.id);
  for (const validator of [world.contact, substitute]) {
    t.equal((await attachments(validator)).statusCode, 404, 'a validator after publication, a purpose stated: not readable at all');
    t.equal((await purpose(validator)).statusCode, 404);
  }
  t.equal((await attachments(world.foreign)).statusCode, 428, 'a named recipient: a purpose first');
  t.equal((await purpose(world.foreign)).statusCode, 200);
  t.equal((await attachments(world.foreign)).statusCode, 200, 'then the content');
  t.equal((await attachments(world.officer)).statusCode, 200, 'the originator, without a purpose');
});
