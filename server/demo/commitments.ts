import type { CommitmentBody } from '../features/commitments/schemas.ts';
import { createCommitment, recordUpdate } from '../features/commitments/service.ts';
import { MEMBER_COUNTRIES } from '../platform/reference/countries.ts';
import type { Services } from '../services.ts';

/**
 * The demo's commitments: activities of the liaison network's plan of action as the seeds write
 * them (000: the semiannual flow matrices, the exchange of specimens, the shelters' guidelines with
 * IOM; 002: each country's information within four months; 000: UNHCR's training modules), created
 * by the Secretariat through the commitments service, and a few status updates by the responsible.
 */
export interface DemoCommitmentCounts {
  commitments: number;
  commitmentUpdates: number;
}

const DAY = 86_400_000;
const isoDate = (date: Date) => date.toISOString().slice(0, 10);
const firstOfMonth = (now: Date, monthsAgo: number) => isoDate(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsAgo, 1)));

type Person = { user: { id: string; country: string } };
type Report = { by: [country: string, role: string]; status: 'not_started' | 'in_progress' | 'done'; note: string; daysAgo: number };

export async function fillCommitments(
  services: Pick<Services, 'db' | 'sealer' | 'files'>,
  options: { now: Date; networkCode: string; createdBy: string; personOf: (country: string, role: string) => Person },
): Promise<DemoCommitmentCounts> {
  const { db } = services;
  const { now } = options;
  const network = await db.selectFrom('network').select('id').where('code', '=', options.networkCode).executeTakeFirstOrThrow();
  const plan = 'Plan de acción 2026–2027';
  const members = [...MEMBER_COUNTRIES];
  const seeds: [Omit<CommitmentBody, 'networkId'>, Report[]][] = [
    [
      {
        plan,
        source: 'Plan de acción de la Red (eje Información)',
        activityEs: 'Completar y enviar en tiempo y forma las matrices para la recopilación de información de flujos de migrantes extra-regionales.',
        activityEn: 'Fill in and send on time the matrices that collect information on extra-regional migrant flows.',
        indicatorEs: 'Matrices recibidas por la ST cada semestre',
        indicatorEn: 'Matrices received by the Technical Secretariat each semester',
        calendar: 'semiannual',
        startsOn: firstOfMonth(now, 8),
        responsibles: [...members, 'SV'],
      },
      [
        { by: ['CRI', 'contact_point'], status: 'done', note: 'Matriz del semestre enviada a la ST.', daysAgo: 20 },
        { by: ['MEX', 'contact_point'], status: 'in_progress', note: 'Consolidando las cifras de los puntos de internación.', daysAgo: 9 },
      ],
    ],
    [
      {
        plan,
        source: 'Plan de acción de la Red (eje Coordinación)',
        activityEs: 'Intercambiar regularmente información de especímenes de documentos de viaje y/o migratorios.',
        activityEn: 'Regularly exchange specimens of travel and migration documents.',
        indicatorEs: 'Especímenes publicados por país',
        indicatorEn: 'Specimens published per country',
        calendar: 'continuous',
        responsibles: members,
      },
      [{ by: ['GTM', 'substitute'], status: 'in_progress', note: 'Especímenes de la frontera con México cargados en el espacio.', daysAgo: 30 }],
    ],
    [
      {
        plan,
        source: 'Plan de acción de la Red (eje Coordinación)',
        activityEs:
          'Elaborar lineamientos para la atención de albergues y gestión de crisis migratorias, tomando como línea de base el manual que OIM elaboró con Panamá.',
        activityEn: 'Draft guidelines for shelters and migration crisis management, starting from the manual IOM wrote with Panama.',
        calendar: 'once',
        responsibles: ['PAN', 'IOM'],
      },
      [
        { by: ['PAN', 'contact_point'], status: 'in_progress', note: 'Borrador compartido con OIM.', daysAgo: 15 },
        { by: ['IOM', 'observer'], status: 'in_progress', note: 'Revisión del borrador en curso.', daysAgo: 5 },
      ],
    ],
    [
      {
        plan: 'Plan de trabajo regional',
        source: 'Plan de trabajo regional, área Intercambio de información',
        activityEs: 'Cada país deberá ingresar la información en 4 meses a partir de la aprobación de la creación del espacio virtual.',
        activityEn: 'Each country loads its information within 4 months of the approval of the virtual space.',
        indicatorEs: 'Información disponible en el sitio privado de la Secretaría Virtual',
        indicatorEn: 'Information available on the Virtual Secretariat’s private site',
        calendar: 'once',
        dueOn: isoDate(new Date(now.getTime() - 40 * DAY)),
        responsibles: members,
      },
      [
        { by: ['HND', 'contact_point'], status: 'done', note: 'Información cargada.', daysAgo: 60 },
        { by: ['SLV', 'contact_point'], status: 'done', note: 'Información cargada.', daysAgo: 45 },
      ],
    ],
    [
      {
        plan,
        source: 'Plan de acción de la Red (eje Cooperación)',
        activityEs: 'Solicitar apoyo a ACNUR para implementar módulos de capacitación sobre refugio y asilo.',
        activityEn: 'Ask UNHCR for support to run training modules on refuge and asylum.',
        calendar: 'annual',
        startsOn: firstOfMonth(now, 3),
        responsibles: [...members, 'UNHCR'],
      },
      [],
    ],
  ];

  let updates = 0;
  for (const [i, [body, reports]] of seeds.entries()) {
    const created = new Date(now.getTime() - (90 - i) * DAY);
    const id = await db.transaction().execute((trx) => createCommitment(trx, options.createdBy, { ...body, networkId: network.id }, created));
    const { keySpaceId } = await db.selectFrom('commitment').select('keySpaceId').where('id', '=', id).executeTakeFirstOrThrow();
    for (const report of reports) {
      const author = options.personOf(...report.by).user;
      const form = { status: report.status, note: report.note, files: [] };
      const at = new Date(now.getTime() - report.daysAgo * DAY);
      await db.transaction().execute((trx) => recordUpdate(trx, services, { id, keySpaceId }, author, form, at));
      updates += 1;
    }
  }
  return { commitments: seeds.length, commitmentUpdates: updates };
}
