import type { Ability } from '../../policies/ability.ts';
import { confirm, editEntry, entryFor } from '../features/directory/service.ts';
import { setCell, type Values } from '../features/entry-requirements/queries.ts';
import { MEMBER_COUNTRIES } from '../platform/reference/countries.ts';
import type { Services } from '../services.ts';

/**
 * The demo's shared reference information: a part of the entry-authorisation matrix and the
 * networks' directories. Every value is invented — the phones are in the fictional 555 range, the
 * legal sources say they are demo data — but shaped like what the member countries publish.
 */
export interface DemoReferenceCounts {
  entryRequirements: number;
  directoryEntries: number;
}

const DAY = 86_400_000;
const isoDate = (date: Date) => date.toISOString().slice(0, 10);

/** Nationalities the demo rows cover, and how each member country treats them (deterministic, varied). */
const NATIONALITIES = ['CUB', 'HTI', 'VEN', 'IND', 'CHN', 'CMR', 'DEU', 'ESP', 'COL', 'ECU'] as const;
const VISA_EXEMPT = new Set(['DEU', 'ESP']);

function requirementFor(destination: string, nationality: string, index: number): Values {
  const legalSource = `Demo — fuente ficticia ${destination}-${String(index + 1).padStart(3, '0')}`;
  const base = { daysAllowed: null, exceptionsEs: null, exceptionsEn: null, legalSource, effectiveOn: null, note: null } as const;
  if (VISA_EXEMPT.has(nationality)) return { ...base, requirement: 'none', daysAllowed: destination === 'CAN' || destination === 'USA' ? null : 90 };
  const turn = (destination.charCodeAt(0) + destination.charCodeAt(2) + index) % 6;
  if (nationality === 'CUB' || nationality === 'HTI')
    return {
      ...base,
      requirement: turn % 2 === 0 ? 'visa' : 'special_authorisation',
      exceptionsEs: 'Salvo titulares de visa vigente de los Estados Unidos o residentes permanentes de un país miembro.',
      exceptionsEn: 'Except holders of a valid United States visa or permanent residents of a member country.',
    };
  if (nationality === 'COL' || nationality === 'ECU')
    return { ...base, requirement: turn < 3 ? 'none' : 'electronic_authorisation', daysAllowed: turn < 3 ? 90 : null };
  if (nationality === 'CMR') return { ...base, requirement: turn === 0 ? 'not_admitted' : 'visa', note: turn === 0 ? 'Dato de demostración.' : null };
  return { ...base, requirement: turn === 5 ? 'visa_on_arrival' : 'visa' };
}

const PHONE_PREFIX: Record<string, string> = {
  BLZ: '+501',
  CAN: '+1',
  CRI: '+506',
  SLV: '+503',
  USA: '+1',
  GTM: '+502',
  HND: '+504',
  MEX: '+52',
  NIC: '+505',
  PAN: '+507',
  DOM: '+1',
};
const LANGUAGES: Record<string, string[]> = { BLZ: ['en', 'es'], CAN: ['en', 'fr'], USA: ['en', 'es'] };

type Person = { user: { id: string; country: string } };

export async function fillReference(
  services: Pick<Services, 'db' | 'sealer'>,
  options: {
    now: Date;
    networkCodes: string[];
    createdBy: string;
    secretariat: Ability;
    personOf: (country: string, role: string) => Person;
  },
): Promise<DemoReferenceCounts> {
  const { db, sealer } = services;
  const { now } = options;
  let entryRequirements = 0;
  await db.transaction().execute(async (trx) => {
    for (const destination of MEMBER_COUNTRIES) {
      for (const [index, nationality] of NATIONALITIES.entries()) {
        const values = requirementFor(destination, nationality, index);
        const changed = await setCell(
          trx,
          { destination, nationality },
          { ...values, effectiveOn: isoDate(new Date(now.getTime() - (200 + index * 30) * DAY)) },
          {
            source: 'edit',
            by: options.createdBy,
            now: new Date(now.getTime() - (40 + index) * DAY),
          },
        );
        if (changed) entryRequirements++;
      }
    }
  });

  // The directory: each member country's contact point fills its entry and confirms it — most
  // within the last months, three long ago, so the "to confirm" flag and its reminder show.
  const entries = await db
    .selectFrom('directoryEntry')
    .innerJoin('network', 'network.id', 'directoryEntry.networkId')
    .select(['directoryEntry.id', 'directoryEntry.country'])
    .where('network.code', 'in', options.networkCodes)
    .orderBy('network.code')
    .orderBy('directoryEntry.country')
    .execute();
  let directoryEntries = 0;
  for (const [index, { id, country }] of entries.entries()) {
    const prefix = PHONE_PREFIX[country] ?? '+1';
    const contact = options.personOf(country, 'contact_point');
    const monthsAgo = index % 4 === 3 ? 8 : index % 3;
    const at = new Date(now.getTime() - (monthsAgo * 30 + 2) * DAY);
    const entry = await entryFor(db, options.secretariat, 'update', id, now);
    await db.transaction().execute(async (trx) => {
      await editEntry(
        trx,
        sealer,
        entry,
        {
          organisation: `Autoridad migratoria de demostración (${country})`,
          officePhone: `${prefix} 555 01${String(index).padStart(2, '0')}`,
          mobilePhone: `${prefix} 555 02${String(index).padStart(2, '0')}`,
          line24h: `${prefix} 555 0911`,
          languages: LANGUAGES[country] ?? ['es'],
          contacts: [
            {
              kind: 'duty',
              name: `Oficial de guardia (${country})`,
              title: 'Centro de control migratorio',
              email: `guardia.${country.toLowerCase()}@demo-enlace.example`,
              phone: `${prefix} 555 0912`,
            },
            { kind: 'consular', name: `Enlace consular (${country})`, email: `consular.${country.toLowerCase()}@demo-enlace.example` },
          ],
        },
        contact.user.id,
        at,
      );
      await confirm(trx, entry, contact.user.id, at);
    });
    directoryEntries++;
  }
  return { entryRequirements, directoryEntries };
}
