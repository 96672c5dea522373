import type { Ability, Actor } from '../../policies/ability.ts';
import { PRESETS } from '../features/returns/presets.ts';
import { createReturn, createTemplate, findReturn, findTemplate, saveRows, submitReturn } from '../features/returns/service.ts';
import type { MatrixRow } from '../features/returns/sheet.ts';
import { MEMBER_COUNTRIES } from '../platform/reference/countries.ts';
import type { Services } from '../services.ts';
import type { Random } from './random.ts';

/**
 * The demo's periodic returns: the seeds' semiannual matrix of extra-regional migrant flows for the
 * liaison network, defined by the Secretariat from its preset, and each member country's return
 * through the returns service — for the semester before last, every country's, submitted; for the
 * last semester, most submitted, some drafts and some not opened — so the follow-up dashboard and
 * the roll-ups have figures. Fictional figures, from the demo's seed.
 */
export interface DemoReturnCounts {
  returnTemplates: number;
  returns: number;
  returnsSubmitted: number;
}

type Person = { actor: Actor; ability: Ability };

const NATIONALITIES = ['CHN', 'IND', 'BGD', 'NPL', 'CMR', 'SEN', 'HTI', 'CUB', 'VEN', 'AGO', 'ERI', 'SOM'];
const ROUTES: Record<string, string[]> = {
  BLZ: ['Benque Viejo del Carmen', 'Santa Elena'],
  CAN: ['Aeropuerto Internacional Pearson'],
  CRI: ['Peñas Blancas', 'Paso Canoas'],
  DOM: ['Aeropuerto Internacional Las Américas'],
  GTM: ['Tecún Umán', 'La Mesilla'],
  HND: ['El Amatillo', 'Trojes'],
  MEX: ['Ciudad Hidalgo', 'Aeropuerto Internacional de Tapachula'],
  NIC: ['Peñas Blancas', 'El Guasaule'],
  PAN: ['Darién (Bajo Chiquito)', 'Paso Canoas'],
  SLV: ['La Hachadura', 'El Amatillo'],
  USA: ['San Ysidro'],
};

/** The semester `back` semesters before the one holding `day` ("2026-S1"), and the day it ends. */
function semester(day: Date, back: number): { label: string; end: Date } {
  const index = day.getUTCFullYear() * 2 + (day.getUTCMonth() < 6 ? 0 : 1) - back;
  const year = Math.floor(index / 2);
  const half = index % 2;
  return { label: `${year}-S${half + 1}`, end: new Date(Date.UTC(year, half * 6 + 6, 0, 12)) };
}

export async function fillReturns(
  services: Pick<Services, 'db'>,
  options: { now: Date; random: Random; networkCode: string; secretariat: Person; personOf: (country: string, role: string) => Person },
): Promise<DemoReturnCounts> {
  const { db } = services;
  const { now, random } = options;
  const network = await db.selectFrom('network').select('id').where('code', '=', options.networkCode).executeTakeFirstOrThrow();
  const { preset: _, ...layout } = PRESETS.find((p) => p.preset === 'extra_regional_flows')!;
  const before = semester(now, 2);
  const last = semester(now, 1);
  const { actor, ability } = options.secretariat;
  const templateId = await db
    .transaction()
    .execute((trx) => createTemplate(trx, actor, ability, { ...layout, networkId: network.id }, new Date(before.end.getTime() - 60 * 86_400_000)));
  const template = await findTemplate(db, ability, templateId);

  const figures = (country: string): MatrixRow[] =>
    (ROUTES[country] ?? ['—']).flatMap((route) =>
      NATIONALITIES.filter(() => random.chance(0.35)).map((nationality) => ({
        dims: [nationality, route],
        values: Object.fromEntries(template.columns.map((c) => [c.key, random.chance(0.3) ? 0 : random.int(0, c.key.includes('minor') ? 6 : 40)])),
      })),
    );

  let returns = 0;
  let submitted = 0;
  for (const [period, fates] of [
    [before, () => 'submitted'],
    // The last semester: three in four submitted (a few after the due date), some drafts, some not opened.
    [last, () => (random.chance(0.7) ? 'submitted' : random.chance(0.5) ? 'draft' : 'none')],
  ] as const) {
    for (const country of MEMBER_COUNTRIES) {
      const fate = fates();
      if (fate === 'none') continue;
      const filer = options.personOf(country, 'contact_point');
      // Opened a few days after the semester ended; submitted within the month, or a little late.
      const opened = new Date(period.end.getTime() + random.int(2, 20) * 86_400_000);
      const at = new Date(Math.min(now.getTime() - 3_600_000, opened.getTime()));
      const id = await db
        .transaction()
        .execute((trx) => createReturn(trx, filer.actor, filer.ability, { templateId, period: period.label, country }, at));
      returns += 1;
      await db
        .transaction()
        .execute(async (trx) => saveRows(trx, filer.actor, await findReturn(trx, filer.ability, id), figures(country), 'form', at));
      if (fate !== 'submitted') continue;
      const sent = new Date(Math.min(now.getTime() - 60_000, at.getTime() + random.int(1, 25) * 86_400_000));
      await db.transaction().execute(async (trx) => submitReturn(trx, filer.actor, template, await findReturn(trx, filer.ability, id), sent));
      submitted += 1;
    }
  }
  return { returnTemplates: 1, returns, returnsSubmitted: submitted };
}
