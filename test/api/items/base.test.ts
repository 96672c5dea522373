import t from 'tap';
import { abilityFor } from '../../../policies/ability.ts';
import { actorFor } from '../../../server/platform/access.ts';
import type { Database } from '../../../server/platform/db/database.ts';
import { createItem, findItem, itemHandling, itemMetadata, readableItems, transitionItem } from '../../../server/platform/items/base.ts';
import { createTestDatabase } from '../../helpers/db.ts';
import { createUser } from '../../helpers/users.ts';

const now = new Date('2026-03-02T09:00:00Z');

async function world(db: Database) {
  const network = await db.insertInto('network').values({ code: 'smuggling', nameEs: 'R', nameEn: 'N' }).returning('id').executeTakeFirstOrThrow();
  const space = await db
    .insertInto('space')
    .values({ networkId: network.id, nameEs: 'E', nameEn: 'S', opensOn: '2026-01-01', loadingDeadline: '2026-05-01', createdAt: now, updatedAt: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const person = async (country: string, role: 'officer' | 'contact_point' | 'observer' | null, roles: string[] = []) => {
    const u = await createUser(db, { country, roles: roles as never });
    if (role)
      await db.insertInto('membership').values({ spaceId: space.id, userId: u.id, networkId: network.id, country, role, createdAt: now }).execute();
    const user = await db.selectFrom('appUser').selectAll().where('id', '=', u.id).executeTakeFirstOrThrow();
    const actor = await actorFor(db, user);
    return { actor, ability: abilityFor(actor) };
  };
  return {
    spaceId: space.id,
    officer: await person('CRI', 'officer'),
    contact: await person('CRI', 'contact_point'),
    foreign: await person('GTM', 'officer'),
    observer: await person('IOM', 'observer'),
    auditor: await person('PAN', null, ['auditor']),
  };
}

t.test('the item base: create as a draft, submit, publish by the contact point, withdraw; 404 and 403 as documented', async (t) => {
  const { db } = await createTestDatabase(t);
  const w = await world(db);
  const item = await createItem(
    db,
    w.officer.actor,
    w.officer.ability,
    'specimen',
    w.spaceId,
    { tlp: 'AMBER', sourceEvaluation: 'B', informationEvaluation: 2 },
    now,
  );
  t.match(item, { status: 'draft', originatorCountry: 'CRI', tlp: 'AMBER', sourceEvaluation: 'B' });
  t.same(itemMetadata(w.officer.ability, item).permissions, {
    readContent: true,
    update: true,
    submit: true,
    publish: false,
    return: false,
    withdraw: false,
    correct: false,
    amend: false,
    sight: false,
    review: false,
    track: false,
  });

  await t.rejects(
    findItem(db, w.foreign.ability, 'specimen', item.id),
    { name: 'ApiError', statusCode: 404 },
    'a draft is unknown to another country',
  );
  await t.rejects(
    transitionItem(db, w.contact.ability, 'specimen', item.id, 'publish', now),
    { name: 'ApiError', statusCode: 403 },
    'not yet submitted',
  );
  const submitted = await transitionItem(db, w.officer.ability, 'specimen', item.id, 'submit', now);
  t.equal(submitted.status, 'submitted');
  t.same(itemMetadata(w.contact.ability, submitted).permissions.publish, true, 'the contact point sees it may publish');
  await t.rejects(
    transitionItem(db, w.officer.ability, 'specimen', item.id, 'publish', now),
    { name: 'ApiError', statusCode: 403 },
    'the originator does not validate its own',
  );
  const published = await transitionItem(db, w.contact.ability, 'specimen', item.id, 'publish', now);
  t.equal(published.status, 'published');
  await t.rejects(transitionItem(db, w.contact.ability, 'specimen', item.id, 'publish', now), { name: 'ApiError', statusCode: 403 }, 'not twice');

  t.equal((await findItem(db, w.foreign.ability, 'specimen', item.id)).id, item.id, 'published AMBER: another member country reads it');
  await t.rejects(findItem(db, w.observer.ability, 'specimen', item.id), { name: 'ApiError', statusCode: 404 }, 'an observer does not read AMBER');
  const audited = await findItem(db, w.auditor.ability, 'specimen', item.id);
  t.same(
    itemMetadata(w.auditor.ability, audited).permissions,
    {
      readContent: false,
      update: false,
      submit: false,
      publish: false,
      return: false,
      withdraw: false,
      correct: false,
      amend: false,
      sight: false,
      review: false,
      track: false,
    },
    'an auditor: metadata only',
  );
  t.same(Object.keys(itemHandling(published)).sort(), [
    'informationEvaluation',
    'namedRecipients',
    'originatorId',
    'releasableTo',
    'sourceEvaluation',
  ]);

  const list = await readableItems(db, w.observer.ability, 'specimen').select('item.id').execute();
  t.same(list, [], 'the observer’s list agrees with its single read');
  const withdrawn = await transitionItem(db, w.officer.ability, 'specimen', item.id, 'withdraw', now);
  t.equal(withdrawn.status, 'withdrawn');
});

t.test('creating: only where the policy allows; RED always names its originator', async (t) => {
  const { db } = await createTestDatabase(t);
  const w = await world(db);
  await t.rejects(
    createItem(db, w.observer.actor, w.observer.ability, 'specimen', w.spaceId, { tlp: 'GREEN' }, now),
    { name: 'ApiError', statusCode: 404 },
    'observers do not create',
  );
  await t.rejects(createItem(db, w.auditor.actor, w.auditor.ability, 'specimen', w.spaceId, { tlp: 'GREEN' }, now), {
    name: 'ApiError',
    statusCode: 404,
  });
  await t.rejects(createItem(db, w.officer.actor, w.officer.ability, 'specimen', '00000000-0000-4000-8000-000000000000', { tlp: 'GREEN' }, now), {
    name: 'ApiError',
    statusCode: 404,
  });
  const red = await createItem(
    db,
    w.officer.actor,
    w.officer.ability,
    'specimen',
    w.spaceId,
    { tlp: 'RED', namedRecipients: [w.foreign.actor.id] },
    now,
  );
  t.same(red.namedRecipients.sort(), [w.officer.actor.id, w.foreign.actor.id].sort());
  await transitionItem(db, w.officer.ability, 'specimen', red.id, 'submit', now);
  await transitionItem(db, w.contact.ability, 'specimen', red.id, 'publish', now);
  t.ok(await findItem(db, w.foreign.ability, 'specimen', red.id), 'the named recipient reads RED');
  await t.rejects(
    findItem(db, w.contact.ability, 'specimen', red.id),
    { name: 'ApiError', statusCode: 404 },
    'even the contact point does not, once published, unless named',
  );
});
