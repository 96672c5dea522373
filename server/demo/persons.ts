import type { Static } from 'typebox';
import type { Ability, Actor } from '../../policies/ability.ts';
import type { PersonCreate, PersonDocument } from '../features/persons/schemas.ts';
import { addSighting, createPerson, type PersonDeps, published } from '../features/persons/service.ts';
import { authorizeItem, type Item, readableContent, transitionItem } from '../platform/items/base.ts';
import { STATE_CODES } from '../platform/reference/terms.ts';
import type { Services } from '../services.ts';
import { inventedName } from './names.ts';
import type { Random } from './random.ts';

/**
 * The demo's person records, through the persons service itself (`createPerson`, the workflow's
 * submit and publish, `published`, `addSighting`), each written by an officer and validated by the
 * country's contact point: a traveller refused entry with a counterfeit passport (the document linked
 * to a published demo specimen), a suspected smuggler linked to the smuggling network's report, and
 * a group of an adult travelling with two minors in the common format, seen again further north by
 * another country. Fictional people only: every name is invented from syllables (names.ts), every
 * date of birth and document number drawn at random.
 */
type Person = { actor: Actor; ability: Ability };

export interface DemoPersonCounts {
  persons: number;
  personsPublished: number;
  personSightings: number;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/** A date of birth `years` before a day, on a day drawn at random. */
const bornBefore = (random: Random, from: Date, years: number) =>
  isoDate(new Date(Date.UTC(from.getUTCFullYear() - years, random.int(0, 11), random.int(1, 28))));

/** A published specimen of a state's document its author may link as the document used: a counterfeit passport if there is one. */
async function documentSpecimen(services: Services, author: Person, spaceId: string) {
  const candidates = await readableContent(services.db, author.ability, 'specimen')
    .innerJoin('specimen as sp', 'sp.itemId', 'item.id')
    .select(['item.id', 'sp.documentType', 'sp.issuingCountry', 'sp.category'])
    .where('item.spaceId', '=', spaceId)
    .where('item.status', '=', 'published')
    .where('item.releasabilityRestricted', '=', false)
    .where('sp.documentType', 'in', ['passport', 'identity_card', 'visa'])
    .orderBy('item.createdAt', 'desc')
    .execute();
  const rank = (c: (typeof candidates)[number]) =>
    (c.documentType === 'passport' ? 0 : 2) + (c.category === 'counterfeit' ? 0 : c.category === 'forgery' ? 1 : 3);
  return candidates.filter((c) => STATE_CODES.includes(c.issuingCountry)).sort((a, b) => rank(a) - rank(b))[0] ?? null;
}

/** Writes, validates and links the demo's person records; returns what was made. */
export async function fillPersons(
  services: Services,
  context: {
    now: Date;
    random: Random;
    spaces: Map<string, string>;
    personOf: (country: string, role: 'officer' | 'contact_point') => Person;
  },
): Promise<DemoPersonCounts> {
  const { db } = services;
  const { now, random } = context;
  const deps: PersonDeps = { db, sealer: services.sealer, keyring: services.keyring, retentionMonths: services.config.personRetentionMonths };
  const counts: DemoPersonCounts = { persons: 0, personsPublished: 0, personSightings: 0 };

  /** Created by the country's officer, submitted an hour later, validated by its contact point the next day. */
  const record = async (country: string, spaceId: string, body: PersonCreate, daysAgo: number): Promise<Item> => {
    const author = context.personOf(country, 'officer');
    const validator = context.personOf(country, 'contact_point');
    const at = new Date(now.getTime() - daysAgo * DAY);
    const item = await db.transaction().execute((trx) => createPerson(deps, trx, author.actor, author.ability, spaceId, body, at));
    await transitionItem(db, author.ability, 'person', item.id, 'submit', new Date(at.getTime() + HOUR));
    const publishedAt = new Date(at.getTime() + DAY);
    const moved = await db.transaction().execute(async (trx) => {
      const step = await transitionItem(trx, validator.ability, 'person', item.id, 'publish', publishedAt);
      await published(trx, step, publishedAt);
      return step;
    });
    counts.persons++;
    counts.personsPublished++;
    return moved;
  };

  // A traveller refused entry at the airport with a counterfeit passport: the specimen it matches linked.
  const documents = context.spaces.get('documents')!;
  const specimen = await documentSpecimen(services, context.personOf('CRI', 'officer'), documents);
  // The traveller a national of the document's issuer (a passport of Colombia when no specimen fits).
  const issuer = specimen?.issuingCountry ?? 'COL';
  const travelled = new Date(now.getTime() - 40 * DAY);
  const travellerSex = random.chance(0.5) ? 'F' : 'M';
  await record(
    'CRI',
    documents,
    {
      form: 'person',
      role: 'traveller',
      outcome: 'refused_entry',
      detection: {
        date: isoDate(travelled),
        country: 'CRI',
        port: 'Aeropuerto Internacional Juan Santamaría',
        route: 'BOG-PTY-SJO',
        carrier: `Vuelo CM ${random.int(100, 999)}`,
      },
      person: {
        names: [inventedName(random, travellerSex)],
        sex: travellerSex,
        dateOfBirth: bornBefore(random, travelled, random.int(24, 45)),
        placeOfBirth: null,
        nationalities: [issuer],
        documents: [
          {
            documentType: (specimen?.documentType ?? 'passport') as Static<typeof PersonDocument>['documentType'],
            issuer,
            number: `${random.letters(2)}${random.digits(7)}`,
            specimenId: specimen?.id ?? null,
          },
        ],
      },
      notes:
        'Documento con la página de datos sustituida; coincide con el espécimen enlazado. Declaró haberlo comprado a un intermediario en su país. (Persona ficticia de demostración.)',
      tlp: 'AMBER+STRICT',
      sourceEvaluation: 'A',
      informationEvaluation: 1,
    },
    40,
  );

  // A suspected smuggler detained at the southern border of Mexico, linked to the network's report.
  const routes = context.spaces.get('routes')!;
  const smugglerAuthor = context.personOf('MEX', 'officer');
  const network = await readableContent(db, smugglerAuthor.ability, 'report')
    .innerJoin('report as rp', 'rp.itemId', 'item.id')
    .select('item.id')
    .where('rp.kind', '=', 'network')
    .where('item.status', '=', 'published')
    .orderBy('item.createdAt', 'desc')
    .executeTakeFirst();
  const detained = new Date(now.getTime() - 18 * DAY);
  const alias = inventedName(random, 'M');
  await record(
    'MEX',
    routes,
    {
      form: 'person',
      role: 'smuggler',
      outcome: 'detained',
      detection: { date: isoDate(detained), country: 'MEX', port: 'Ciudad Hidalgo', route: 'Tecún Umán — Ciudad Hidalgo — Tapachula', carrier: null },
      person: {
        names: [inventedName(random, 'M'), alias.split(' ')[0]!],
        sex: 'M',
        dateOfBirth: String(detained.getUTCFullYear() - random.int(30, 50)),
        placeOfBirth: null,
        nationalities: ['GTM'],
        documents: [{ documentType: 'identity_card', issuer: 'GTM', number: null }],
      },
      notes:
        'Guiaba a un grupo de nueve personas en el cruce del río Suchiate; cobraba por tramo. Conocido por un apodo en la red. (Persona ficticia de demostración.)',
      links: network ? [network.id] : [],
      tlp: 'AMBER',
      sourceEvaluation: 'B',
      informationEvaluation: 2,
    },
    18,
  );

  // An adult travelling with two minors without family ties, then seen again further north by Guatemala.
  const seen = new Date(now.getTime() - 30 * DAY);
  const minorSex = random.chance(0.5) ? 'F' : 'M';
  const group = await record(
    'CRI',
    routes,
    {
      form: 'minors',
      outcome: 'referred',
      detection: { date: isoDate(seen), country: 'CRI', port: 'Peñas Blancas', route: 'Paso Canoas — Peñas Blancas', carrier: 'Autobús de línea' },
      group: {
        minors: [
          {
            names: [inventedName(random, minorSex)],
            sex: minorSex,
            dateOfBirth: bornBefore(random, seen, random.int(9, 14)),
            nationalities: ['HND'],
            documents: [{ documentType: 'passport', issuer: 'HND', number: `${random.letters(1)}${random.digits(7)}` }],
          },
          { names: [inventedName(random, 'M')], sex: 'M', age: random.int(4, 7), nationalities: ['HND'] },
        ],
        adults: [
          {
            names: [inventedName(random, 'F')],
            sex: 'F',
            dateOfBirth: bornBefore(random, seen, random.int(26, 40)),
            nationalities: ['NIC'],
            relationship: 'relative',
            support: 'none',
          },
        ],
        destination: 'USA',
        indicators: ['inconsistent_story', 'documents_held_by_adult', 'no_knowledge_of_destination'],
        referral: 'child_protection',
        referralNote: 'Oficina local de protección de la niñez',
      },
      notes: 'La adulta dijo ser tía de ambos menores; no presentó autorización de los padres. (Personas ficticias de demostración.)',
      tlp: 'AMBER',
      sourceEvaluation: 'B',
      informationEvaluation: 2,
    },
    30,
  );
  const seer = context.personOf('GTM', 'officer');
  // What the route checks (its purpose aside: the demo has no session to state one in).
  authorizeItem(seer.ability, 'read', group, 'content');
  authorizeItem(seer.ability, 'sight', group);
  const sighted = new Date(now.getTime() - 24 * DAY);
  await db
    .transaction()
    .execute((trx) =>
      addSighting(
        deps,
        trx,
        group,
        seer.actor,
        { seenOn: isoDate(sighted), country: 'GTM', port: 'Agua Caliente', note: 'El mismo grupo, rumbo a la frontera con México.' },
        sighted,
      ),
    );
  counts.personSightings++;
  return counts;
}
