import { Readable } from 'node:stream';
import { abilityFor } from '../../policies/ability.ts';
import { findMeeting } from '../features/meetings/queries.ts';
import { createMeeting, recordAgreement, recordDocuments, recordMinutes, recordTrainings } from '../features/meetings/service.ts';
import { DOCUMENT_TYPES } from '../platform/files/files.ts';
import type { Services } from '../services.ts';
import { demoPdf } from './pdf.ts';

/**
 * The demo's meetings, from the seeds' calendar of the liaison network: a past network meeting
 * with its minutes and one agreement (which makes its commitment), an upcoming one, a past
 * document-fraud workshop with the officials each country trained, and the next CRM plenary
 * (conference-wide). Made through the meetings service, as the Secretariat.
 */
export interface DemoMeetingCounts {
  meetings: number;
  agreements: number;
  meetingDocuments: number;
}

const DAY = 86_400_000;

export async function fillMeetings(
  services: Pick<Services, 'db' | 'sealer' | 'files'>,
  options: { now: Date; networkCode: string; createdBy: string },
): Promise<DemoMeetingCounts> {
  const { db, sealer, files } = services;
  const { now, createdBy } = options;
  const network = await db.selectFrom('network').select('id').where('code', '=', options.networkCode).executeTakeFirstOrThrow();
  const at = (days: number, hour: number) => {
    const d = new Date(now.getTime() + days * DAY);
    d.setUTCHours(hour, 0, 0, 0);
    return d.toISOString();
  };
  const ability = abilityFor({ id: createdBy, country: 'SV', organisationId: null, roles: ['secretariat'], memberships: [] });
  const make = (body: Parameters<typeof createMeeting>[3], when: Date) =>
    db.transaction().execute((trx) => createMeeting(trx, sealer, createdBy, body, when));
  const created = new Date(now.getTime() - 60 * DAY);

  const past = await make(
    {
      networkId: network.id,
      kind: 'network_meeting',
      titleEs: 'Reunión virtual de la Red de Funcionarios de Enlace',
      titleEn: 'Virtual meeting of the Liaison Officers’ Network',
      startsAt: at(-30, 15),
      endsAt: at(-30, 17),
      link: 'https://meet.example.org/red-enlace',
      languages: ['es', 'en'],
      participants: ['BLZ', 'CAN', 'CRI', 'DOM', 'GTM', 'HND', 'MEX', 'NIC', 'PAN', 'SLV', 'USA', 'IOM', 'UNHCR'],
      agenda: '1. Matrices de flujos extra-regionales del semestre\n2. Directorio de puntos focales consulares\n3. Varios',
    },
    created,
  );
  const row = (await findMeeting(db, ability, past))!;
  await db.transaction().execute((trx) =>
    recordMinutes(
      trx,
      sealer,
      row,
      {
        es: 'Los países revisaron las matrices del semestre. Se acordó actualizar el directorio de puntos focales consulares antes del cierre del trimestre.',
        en: 'The countries reviewed the semester’s matrices. It was agreed to update the directory of consular focal points before the quarter closes.',
      },
      new Date(now.getTime() - 29 * DAY),
    ),
  );
  await db.transaction().execute((trx) =>
    recordAgreement(
      trx,
      sealer,
      row,
      createdBy,
      {
        textEs: 'Actualizar el directorio de puntos focales consulares.',
        textEn: 'Update the directory of consular focal points.',
        responsibles: ['CRI', 'GTM', 'HND'],
        dueOn: new Date(now.getTime() + 45 * DAY).toISOString().slice(0, 10),
      },
      new Date(now.getTime() - 29 * DAY),
    ),
  );

  // The signed minutes, attached as the meeting's document.
  const minutesPdf = await demoPdf('Acta (demo)', 'Acta de la reunión virtual de la Red de Funcionarios de Enlace', [
    '1. Los países revisaron las matrices de flujos extra-regionales del semestre.',
    '2. Se acordó actualizar el directorio de puntos focales consulares antes del cierre del trimestre.',
  ]);
  const pending = await files.ingest(row.keySpaceId!, Readable.from([minutesPdf]), DOCUMENT_TYPES, 'acta-reunion-virtual.pdf');
  await db
    .transaction()
    .execute((trx) =>
      recordDocuments(
        trx,
        { sealer, files },
        row,
        createdBy,
        { kind: 'minutes', files: [{ pending, name: 'acta-reunion-virtual.pdf' }] },
        new Date(now.getTime() - 28 * DAY),
      ),
    );

  const workshop = await make(
    {
      networkId: network.id,
      kind: 'workshop',
      topic: 'document_fraud',
      titleEs: 'Taller regional de detección de fraude documental',
      titleEn: 'Regional workshop on document-fraud detection',
      startsAt: at(-14, 14),
      endsAt: at(-13, 22),
      place: 'Ciudad de Guatemala',
      languages: ['es'],
      participants: ['CRI', 'GTM', 'HND', 'SLV', 'NIC', 'PAN'],
    },
    created,
  );
  const workshopRow = (await findMeeting(db, ability, workshop))!;
  await db.transaction().execute((trx) =>
    recordTrainings(trx, workshopRow, {
      counts: [
        { country: 'CRI', officials: 6 },
        { country: 'GTM', officials: 14 },
        { country: 'HND', officials: 9 },
        { country: 'NIC', officials: 4 },
        { country: 'PAN', officials: 5 },
        { country: 'SLV', officials: 8 },
      ],
    }),
  );

  await make(
    {
      networkId: network.id,
      kind: 'network_meeting',
      titleEs: 'Reunión presencial de la Red de Funcionarios de Enlace',
      titleEn: 'In-person meeting of the Liaison Officers’ Network',
      startsAt: at(21, 14),
      endsAt: at(22, 22),
      place: 'San José, Costa Rica',
      languages: ['es', 'en'],
      participants: ['CRI', 'GTM', 'HND', 'MEX', 'PAN', 'SLV', 'IOM'],
      agenda: '1. Seguimiento de acuerdos\n2. Ejercicio conjunto en la frontera norte',
    },
    created,
  );
  await make(
    {
      kind: 'crm_plenary',
      titleEs: 'Reunión Viceministerial de la Conferencia Regional sobre Migración',
      titleEn: 'Vice-ministerial meeting of the Regional Conference on Migration',
      startsAt: at(60, 14),
      endsAt: at(61, 22),
      place: 'Ciudad de Panamá',
      languages: ['es', 'en', 'fr'],
    },
    created,
  );
  return { meetings: 4, agreements: 1, meetingDocuments: 1 };
}
