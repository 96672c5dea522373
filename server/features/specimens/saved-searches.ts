import { randomUUID } from 'node:crypto';
import type { Actor } from '../../../policies/ability.ts';
import { portalUrl } from '../../config.ts';
import { actorOf, cachedAbility } from '../../platform/access.ts';
import { membershipsOf } from '../../platform/auth/sessions.ts';
import type { Keyring } from '../../platform/crypto/master-key.ts';
import type { Database } from '../../platform/db/database.ts';
import { ApiError } from '../../platform/http/errors.ts';
import { cleanLine } from '../../platform/http/text.ts';
import type { JobContext } from '../../platform/jobs/queue.ts';
import { addNotifications, mailWanted, notificationForMail, setNotificationMail } from '../../platform/notifications/store.ts';
import type { Services } from '../../services.ts';
import { searchSelects } from './queries.ts';
import {
  SAVED_SEARCHES_MAX,
  type SavedFilters,
  type SavedSearchCreate,
  type SavedSearchPatch,
  type SavedSearchView,
} from './saved-search-schemas.ts';

/**
 * Saved searches of specimens, and the notices they raise when a specimen is published.
 *
 * What is kept: the owner, the scope (a space, or every space they read) and the mail choice in
 * clear; the name and what it searches (keywords, facets, period, sort) as one value sealed with
 * AES-256-GCM under a key derived from the master key for this purpose alone, bound to the owner and
 * the row (so a value moved to another row or owner does not open). Not the space's OpenPGP key: a
 * saved search is the person's own, not the space's content — it may span every space they read,
 * must outlive a space key's rotation and shredding, and is read by the portal alone (the matcher),
 * never exchanged or escrowed.
 *
 * When a specimen is published, the publishing transaction sends `saved-search-match`. The job
 * takes the candidate searches (scope null or the item's space; owner active; not the item's
 * originator), and for each, as its owner is at that moment (their current memberships make their
 * ability), runs the specimen search's own SQL narrowed to the item: the policy, the keywords under
 * the item's space key, the facets. A match is a notification (and, when the owner asked for mail
 * and has not turned that kind of mail off, a `saved-search-mail` job). The mail says only that a
 * new item matches one of their saved searches, with a link to the portal's notifications.
 */
export const SAVED_SEARCH_JOBS = { match: 'saved-search-match', mail: 'saved-search-mail' } as const;

const PURPOSE = 'saved-search';
const bound = (userId: string, id: string) => `${userId}:${id}`;

interface Definition {
  name: string;
  search: SavedFilters;
}

const seal = (keyring: Keyring, userId: string, id: string, definition: Definition) =>
  keyring.seal(PURPOSE, JSON.stringify(definition), bound(userId, id));
const unseal = (keyring: Keyring, userId: string, id: string, sealed: string): Definition =>
  JSON.parse(keyring.open(PURPOSE, sealed, bound(userId, id))) as Definition;

/** The search as kept: empty values dropped, words trimmed. */
function tidy(search: SavedFilters): SavedFilters {
  const kept = Object.entries(search).filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0));
  const out = Object.fromEntries(kept) as SavedFilters;
  if (out.q !== undefined) out.q = cleanLine(out.q) || undefined;
  if (out.q === undefined) delete out.q;
  return out;
}

type Row = { id: string; userId: string; spaceId: string | null; definition: string; mail: boolean; createdAt: Date };

function view(keyring: Keyring, row: Row): SavedSearchView {
  const definition = unseal(keyring, row.userId, row.id, row.definition);
  return {
    id: row.id,
    name: definition.name,
    search: definition.search,
    spaceId: row.spaceId,
    mail: row.mail,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}

const COLUMNS = ['id', 'userId', 'spaceId', 'definition', 'mail', 'createdAt'] as const;

export async function listSavedSearches(db: Database, keyring: Keyring, userId: string): Promise<SavedSearchView[]> {
  const rows = await db.selectFrom('savedSearch').select(COLUMNS).where('userId', '=', userId).orderBy('createdAt', 'desc').orderBy('id').execute();
  return rows.map((r) => view(keyring, r));
}

/** A new saved search of the actor's, in a space they belong to or across all they read. */
export async function createSavedSearch(trx: Database, keyring: Keyring, actor: Actor, body: SavedSearchCreate, now: Date): Promise<SavedSearchView> {
  if (body.spaceId && !actor.memberships.some((m) => m.spaceId === body.spaceId)) throw new ApiError(404, 'not_found');
  // Counted under a lock on the owner's row, so that two saves at once cannot pass the limit together.
  await trx.selectFrom('appUser').select('id').where('id', '=', actor.id).forUpdate().executeTakeFirst();
  const { n } = await trx
    .selectFrom('savedSearch')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('userId', '=', actor.id)
    .executeTakeFirstOrThrow();
  if (Number(n) >= SAVED_SEARCHES_MAX) throw new ApiError(409, 'saved_searches_limit', { limit: SAVED_SEARCHES_MAX });
  const id = randomUUID();
  const definition = { name: cleanLine(body.name), search: tidy(body.search) };
  const row = await trx
    .insertInto('savedSearch')
    .values({
      id,
      userId: actor.id,
      kind: 'specimen',
      spaceId: body.spaceId ?? null,
      definition: seal(keyring, actor.id, id, definition),
      mail: body.mail,
      createdAt: now,
    })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  return view(keyring, row);
}

/** One of the owner's saved searches, for an update or a removal; someone else's is not found, like none. */
async function own(trx: Database, userId: string, id: string): Promise<Row> {
  const row = await trx.selectFrom('savedSearch').select(COLUMNS).where('id', '=', id).where('userId', '=', userId).forUpdate().executeTakeFirst();
  if (!row) throw new ApiError(404, 'not_found');
  return row;
}

export async function updateSavedSearch(
  trx: Database,
  keyring: Keyring,
  userId: string,
  id: string,
  patch: SavedSearchPatch,
): Promise<SavedSearchView> {
  const row = await own(trx, userId, id);
  const set: { mail?: boolean; definition?: string } = {};
  if (patch.mail !== undefined) set.mail = patch.mail;
  if (patch.name !== undefined)
    set.definition = seal(keyring, userId, id, { ...unseal(keyring, userId, id, row.definition), name: cleanLine(patch.name) });
  const updated = await trx.updateTable('savedSearch').set(set).where('id', '=', id).returning(COLUMNS).executeTakeFirstOrThrow();
  return view(keyring, updated);
}

export async function deleteSavedSearch(trx: Database, userId: string, id: string): Promise<void> {
  await own(trx, userId, id);
  await trx.deleteFrom('savedSearch').where('id', '=', id).execute();
}

/** The facets of a saved search as the audit trail keeps them (coarse codes; the words go as MACs). */
export function auditedFilters(search: SavedFilters): Record<string, unknown> {
  const { q: _q, ...facets } = search;
  return Object.fromEntries(Object.entries(facets).filter(([, v]) => v !== undefined));
}

const SYSTEM = { actorId: null, actorCountry: null } as const;

/**
 * The job: a published specimen against every candidate saved search, each under its owner's policy
 * as it is now. Idempotent (a notice is unique per user, item and search); returns the notices made.
 */
export async function matchPublished(services: Services, itemId: string): Promise<number> {
  const { db, keyring } = services;
  const item = await db.selectFrom('item').select(['id', 'kind', 'status', 'spaceId', 'originatorId']).where('id', '=', itemId).executeTakeFirst();
  if (item?.kind !== 'specimen' || item.status !== 'published') return 0;
  const candidates = await db
    .selectFrom('savedSearch as s')
    .innerJoin('appUser as u', 'u.id', 's.userId')
    .select([
      's.id',
      's.userId',
      's.spaceId',
      's.definition',
      's.mail',
      'u.country',
      'u.organisationId',
      'u.roles',
      membershipsOf('u.id').as('memberships'),
    ])
    .where('s.kind', '=', 'specimen')
    .where('u.status', '=', 'active')
    .where('s.userId', '<>', item.originatorId)
    .where((eb) => eb.or([eb('s.spaceId', 'is', null), eb('s.spaceId', '=', item.spaceId)]))
    .orderBy('s.id')
    .execute();
  const deps = { db, sealer: services.sealer, keyring };
  const matched: { id: string; userId: string; name: string; mail: boolean }[] = [];
  for (const c of candidates) {
    const actor = actorOf({ id: c.userId, country: c.country, organisationId: c.organisationId, roles: c.roles }, c.memberships);
    // A search of one space is for members of that space (as the search route holds).
    if (c.spaceId && !actor.memberships.some((m) => m.spaceId === c.spaceId)) continue;
    const definition = unseal(keyring, c.userId, c.id, c.definition);
    const plan = { filters: definition.search, spaceId: c.spaceId ?? undefined, actorId: c.userId, spaces: [item.spaceId] };
    if (await searchSelects(deps, cachedAbility(actor), plan, item.id)) {
      matched.push({ id: c.id, userId: c.userId, name: definition.name, mail: c.mail });
    }
  }
  const now = services.clock.now();
  return services.audit.transaction(async (trx, record) => {
    const added = await addNotifications(
      trx,
      keyring,
      matched.map((m) => ({ userId: m.userId, kind: 'saved_search' as const, itemId: item.id, sourceId: m.id, label: m.name, mail: m.mail })),
      now,
    );
    await services.jobs.sendMany(
      trx,
      SAVED_SEARCH_JOBS.mail,
      added.filter((a) => a.mail === 'pending').map((a) => ({ notificationId: a.id })),
    );
    await record({
      ...SYSTEM,
      action: 'saved_search.notify',
      outcome: 'allowed',
      subjectType: 'specimen',
      subjectId: item.id,
      spaceId: item.spaceId,
      details: { searches: candidates.length, notified: added.length, recipients: added.map((a) => a.userId) },
    });
    return added.length;
  });
}

const MAIL = {
  en: {
    subject: 'Enlace: a new item matches your saved search',
    text: (link: string) =>
      'A newly published item in Enlace matches one of your saved searches.\n\n' +
      `See it in the portal: ${link}\n\n` +
      'You receive this mail because you asked for mail with that saved search. You can change this in the portal, under Notifications.\n',
  },
  es: {
    subject: 'Enlace: un elemento nuevo coincide con su búsqueda guardada',
    text: (link: string) =>
      'Un elemento recién publicado en Enlace coincide con una de sus búsquedas guardadas.\n\n' +
      `Véalo en el portal: ${link}\n\n` +
      'Recibe este correo porque pidió avisos por correo para esa búsqueda guardada. Puede cambiarlo en el portal, en Notificaciones.\n',
  },
} as const;

/**
 * The job: the mail of one notice, in its user's language. It carries nothing restricted — not the
 * search's name, not its words, not the item: a sentence and a link to the portal's notifications.
 * The owner's choice for the kind decides at the notice's making: mailed now, in the weekly digest, or not.
 * Sent once (the notice's mail state), unless a worker dies between the send and that write.
 */
export async function mailNotice(services: Services, data: { notificationId: string }, context: JobContext): Promise<void> {
  const row = await notificationForMail(services.db, data.notificationId);
  if (row?.mail !== 'pending') return;
  if (row.status !== 'active' || !(await mailWanted(services.db, row.userId, row.kind))) {
    await setNotificationMail(services.db, row.id, 'none');
    return;
  }
  const text = MAIL[row.language];
  try {
    await services.mail.send({ to: row.email, subject: text.subject, text: text.text(`${portalUrl(services.config)}/notifications`) });
  } catch (err) {
    if (context.lastTry) await setNotificationMail(services.db, row.id, 'failed');
    throw err;
  }
  await services.audit.transaction(async (trx, record) => {
    await setNotificationMail(trx, row.id, 'sent');
    await record({
      ...SYSTEM,
      action: 'saved_search.mail',
      outcome: 'allowed',
      subjectType: 'notification',
      subjectId: row.id,
      details: { recipient: row.userId, itemId: row.itemId },
    });
  });
}
