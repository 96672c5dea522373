import { subject } from '@casl/ability';
import { type Ability, permissions } from '../../../policies/ability.ts';
import { insertSealed, openRecord } from '../../platform/crypto/sealed-records.ts';
import type { Sealer } from '../../platform/crypto/sealer.ts';
import type { Database } from '../../platform/db/database.ts';
import { ApiError } from '../../platform/http/errors.ts';
import { cleanLine, lineOrNull } from '../../platform/http/text.ts';
import type { Language } from '../../platform/i18n/language.ts';
import { type MembershipContext, setMembership } from '../../platform/memberships/change.ts';
import { countryName } from '../../platform/reference/countries.ts';
import {
  candidatesOf,
  confirmEntry,
  dropSealed,
  type EntryRow,
  entriesOf,
  findEntry,
  keySpaceOf,
  lockEntry,
  membershipsIn,
  networkOf,
  readableNetworks,
  setContent,
  substitutesOf,
} from './queries.ts';
import type { Contact, DirectoryView, EntryContent, EntryPatch, EntryView } from './schemas.ts';
import { type Card, vcards } from './vcard.ts';

/**
 * The directory: what the routes do, between the schemas and the SQL. What a country keeps of its
 * entry — organisation, phones, 24/7 line, languages, further contacts with their names, e-mail
 * addresses and phones — is personal data of officials: it is sealed as one record under the
 * network's key space (its first space), like an item's content, so a leaked database or backup
 * shows only which countries have an entry and when they confirmed it. The contact point's and
 * substitute's names and e-mail come from their accounts (which the portal keeps in clear to sign
 * them in and mail them). Audit entries name the fields changed, never their values.
 */

const EMPTY: EntryContent = { organisation: null, officePhone: null, mobilePhone: null, line24h: null, languages: [], contacts: [] };
const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());

async function contentOf(sealer: Sealer, row: Pick<EntryRow, 'keySpaceId' | 'content'>): Promise<EntryContent> {
  if (!row.content || !row.keySpaceId) return EMPTY;
  return { ...EMPTY, ...(await openRecord<EntryContent>(sealer, row.keySpaceId, row.content)) };
}

const subjectOf = (row: Pick<EntryRow, 'networkId' | 'country'>) => ({ networkId: row.networkId, country: row.country });

async function view(db: Database, sealer: Sealer, ability: Ability, row: EntryRow): Promise<EntryView> {
  const allowed = permissions(ability, 'DirectoryEntry', subjectOf(row), ['update', 'confirm', 'appoint'] as const);
  const content = await contentOf(sealer, row);
  return {
    id: row.id,
    networkId: row.networkId,
    country: row.country,
    contactPoint: row.contactPoint,
    substitute: row.substitute,
    organisation: content.organisation,
    officePhone: content.officePhone,
    mobilePhone: content.mobilePhone,
    line24h: content.line24h,
    languages: content.languages,
    contacts: content.contacts.map((c) => ({
      kind: c.kind,
      name: c.name,
      title: c.title ?? null,
      organisation: c.organisation ?? null,
      email: c.email ?? null,
      phone: c.phone ?? null,
      mobile: c.mobile ?? null,
    })),
    updatedAt: iso(row.updatedAt),
    confirmedAt: iso(row.confirmedAt),
    confirmedBy: row.confirmedBy,
    unconfirmed: Boolean(row.unconfirmed),
    permissions: allowed,
    candidates: allowed.appoint ? await candidatesOf(db, row.networkId, row.country) : [],
  };
}

/**
 * A network's directory. Permission before existence: a caller who reads no directory of this
 * network gets 404, exactly as for a network that does not exist.
 */
export async function readDirectory(db: Database, sealer: Sealer, ability: Ability, networkId: string, now: Date): Promise<DirectoryView> {
  if (!ability.can('read', subjectFor(networkId))) throw new ApiError(404, 'not_found');
  const network = await networkOf(db, networkId);
  if (!network) throw new ApiError(404, 'not_found');
  const rows = await entriesOf(db, ability, networkId, now);
  return { network, entries: await Promise.all(rows.map((row) => view(db, sealer, ability, row))) };
}

/** "An entry of this network", for the network-wide check (the read rules look at the network only). */
const subjectFor = (networkId: string) => subject('DirectoryEntry', { networkId });

/**
 * The entry the caller may act on, or an answer that tells nothing: 403 when the caller may take
 * this action on no entry at all, else 404 for an entry that is not there and for one that is not
 * theirs alike (another country's, another network's).
 */
export async function entryFor(db: Database, ability: Ability, action: 'update' | 'confirm' | 'appoint', id: string, now: Date): Promise<EntryRow> {
  if (!ability.can(action, 'DirectoryEntry')) throw new ApiError(403, 'forbidden');
  const row = await findEntry(db, ability, action, id, now);
  if (!row) throw new ApiError(404, 'not_found');
  return row;
}

export async function readEntry(db: Database, sealer: Sealer, ability: Ability, id: string, now: Date): Promise<EntryView> {
  const row = await findEntry(db, ability, 'read', id, now);
  if (!row) throw new ApiError(404, 'not_found');
  return view(db, sealer, ability, row);
}

const cleanContact = (c: Contact): Contact => ({
  kind: c.kind,
  name: cleanLine(c.name),
  title: lineOrNull(c.title),
  organisation: lineOrNull(c.organisation),
  email: c.email ? c.email.trim() : null,
  phone: c.phone ?? null,
  mobile: c.mobile ?? null,
});

/** A patch over the stored content, sealed anew in the caller's transaction (the old record dropped). Returns the fields changed. */
export async function editEntry(trx: Database, sealer: Sealer, entry: EntryRow, patch: EntryPatch, by: string, now: Date): Promise<string[]> {
  const locked = await lockEntry(trx, entry.id);
  const current = await contentOf(sealer, locked);
  const next: EntryContent = {
    organisation: 'organisation' in patch ? lineOrNull(patch.organisation) : current.organisation,
    officePhone: 'officePhone' in patch ? (patch.officePhone ?? null) : current.officePhone,
    mobilePhone: 'mobilePhone' in patch ? (patch.mobilePhone ?? null) : current.mobilePhone,
    line24h: 'line24h' in patch ? (patch.line24h ?? null) : current.line24h,
    languages: patch.languages ?? current.languages,
    contacts: patch.contacts ? patch.contacts.map(cleanContact) : current.contacts,
  };
  const keySpaceId = locked.keySpaceId ?? (await keySpaceOf(trx, entry.networkId))?.id;
  if (!keySpaceId) throw new ApiError(409, 'network_without_space');
  const contentId = await insertSealed(trx, sealer, { spaceId: keySpaceId, itemId: null, now }, next);
  await setContent(trx, entry.id, keySpaceId, contentId, by, now);
  if (locked.contentId) await dropSealed(trx, locked.contentId);
  return Object.keys(patch);
}

export const confirm = (trx: Database, entry: EntryRow, by: string, now: Date) => confirmEntry(trx, entry.id, by, now);

/**
 * Appoints the country's substitute in the network, through the memberships' one path (policy on
 * the membership as it would be, `membership_change`, the member's mail): the substitute before,
 * if another, becomes an officer in each space where they held the role; the person appointed
 * becomes the substitute in each of the network's spaces where they are a member. Only the
 * country's members of the network (not its contact point) may be appointed; any other id, an
 * account or not, gets the same answer.
 */
export async function appointSubstitute(ctx: MembershipContext, entry: EntryRow, userId: string) {
  const candidates = await candidatesOf(ctx.db, entry.networkId, entry.country);
  if (!candidates.some((c) => c.userId === userId)) throw new ApiError(400, 'directory_substitute_not_member', {}, 'body.userId');
  const previous = (await substitutesOf(ctx.db, entry.networkId, entry.country)).filter((s) => s.userId !== userId);
  for (const s of previous) await setMembership(ctx, s.spaceId, s.userId, 'officer', true);
  const spaces: string[] = [];
  for (const m of await membershipsIn(ctx.db, entry.networkId, userId)) {
    if (m.role !== 'substitute') await setMembership(ctx, m.spaceId, userId, 'substitute', true);
    spaces.push(m.spaceId);
  }
  return { userId, previous: [...new Set(previous.map((p) => p.userId))], spaces };
}

export const networksOf = (db: Database, ability: Ability) => readableNetworks(db, ability);

const WORDS = {
  es: {
    contactPoint: 'Punto de contacto',
    substitute: 'Suplente',
    line: 'Línea 24/7',
    languages: 'Idiomas',
    kinds: { duty: 'Contacto de guardia de la autoridad migratoria', campaign: 'Punto focal de campañas', consular: 'Punto focal consular' },
  },
  en: {
    contactPoint: 'Contact point',
    substitute: 'Substitute',
    line: '24/7 line',
    languages: 'Languages',
    kinds: { duty: 'Migration authority duty contact', campaign: 'Campaign focal point', consular: 'Consular focal point' },
  },
} as const;

/** Every contact of the directory as vCard 4.0: contact point, substitute, the 24/7 line and the further contacts of each country. */
export function directoryVcards(directory: DirectoryView, language: Language): { body: string; count: number } {
  const words = WORDS[language];
  const network = language === 'es' ? directory.network.nameEs : directory.network.nameEn;
  const cards: Card[] = [];
  for (const e of directory.entries) {
    const country = countryName(e.country, language);
    const org = e.organisation ?? country;
    const where = `${country} — ${network}`;
    if (e.contactPoint)
      cards.push({
        name: e.contactPoint.displayName,
        organisation: org,
        title: `${words.contactPoint}, ${where}`,
        email: e.contactPoint.email,
        phones: [
          ...(e.officePhone ? [{ type: 'work' as const, number: e.officePhone }] : []),
          ...(e.mobilePhone ? [{ type: 'cell' as const, number: e.mobilePhone }] : []),
        ],
        note: e.languages.length ? `${words.languages}: ${e.languages.join(', ')}` : null,
      });
    if (e.substitute)
      cards.push({ name: e.substitute.displayName, organisation: org, title: `${words.substitute}, ${where}`, email: e.substitute.email });
    if (e.line24h) cards.push({ name: `${words.line} — ${country}`, organisation: org, phones: [{ type: 'voice', number: e.line24h }], note: where });
    for (const c of e.contacts) {
      cards.push({
        name: c.name,
        organisation: c.organisation ?? org,
        title: c.title,
        email: c.email,
        phones: [
          ...(c.phone ? [{ type: 'work' as const, number: c.phone }] : []),
          ...(c.mobile ? [{ type: 'cell' as const, number: c.mobile }] : []),
        ],
        note: `${words.kinds[c.kind]}, ${where}`,
      });
    }
  }
  return { body: vcards(cards), count: cards.length };
}
