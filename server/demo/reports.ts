import type { Ability, Actor } from '../../policies/ability.ts';
import type { ReportCreate } from '../features/reports/schemas.ts';
import { addOutcome, createReport, published, reportSighting } from '../features/reports/service.ts';
import { readableContent, transitionItem } from '../platform/items/base.ts';
import type { Services } from '../services.ts';
import type { LinkableSpecimen } from './alerts.ts';

/**
 * The demo's intelligence reports, through the reports service itself: fictional but geographically
 * plausible routes from extra-regional arrival points northward through the member countries,
 * modus operandi, an acquisition method, a smuggling network and a joint operation with its
 * outcomes — written by an officer, validated by the country's contact point, linked to published
 * demo specimens and to each other. Every name, place and figure is invented.
 */
type Person = { actor: Actor; ability: Ability };

export interface DemoReportCounts {
  reports: number;
  reportsPublished: number;
}

const DAY = 86_400_000;

type Seed = {
  country: string;
  daysAgo: number;
  body: Omit<ReportCreate, 'links'>;
  links?: number[];
  linkSpecimens?: number;
  /** How many published alerts its author reads it links (the newest first). */
  linkAlerts?: number;
  submitOnly?: boolean;
};

const wp = (
  country: string,
  place: string,
  latitude: number,
  longitude: number,
  crossing?: string,
  crossingKind?: 'airport' | 'land_border' | 'seaport' | 'river' | 'irregular',
) => ({
  country,
  place,
  latitude,
  longitude,
  crossing: crossing ?? null,
  crossingKind: crossingKind ?? null,
});

const SEEDS: Seed[] = [
  {
    country: 'PAN',
    daysAgo: 120,
    linkSpecimens: 2,
    linkAlerts: 1,
    body: {
      kind: 'route',
      title: 'Ruta del Darién hacia el norte por la costa del Pacífico',
      summary:
        'Personas que llegan por vía aérea a Sudamérica cruzan la selva del Darién a pie y continúan en autobús hacia el norte; los guías cambian en cada frontera y cobran por tramo.',
      periodFrom: '2025-06-01',
      periodUntil: null,
      tlp: 'GREEN',
      route: {
        waypoints: [
          wp('COL', 'Necoclí', 8.426, -76.784, 'Muelle de Necoclí', 'seaport'),
          wp('PAN', 'Bajo Chiquito', 8.04, -77.47, 'Paso irregular del Darién', 'irregular'),
          wp('CRI', 'Paso Canoas', 8.535, -82.84, 'Paso Canoas', 'land_border'),
          wp('NIC', 'Peñas Blancas', 11.218, -85.61, 'Peñas Blancas', 'land_border'),
          wp('HND', 'Trojes', 14.06, -85.98, 'Las Manos', 'land_border'),
          wp('GTM', 'Ciudad de Guatemala', 14.634, -90.507),
        ],
        legs: [
          { mode: 'boat', costAmount: 350, costCurrency: 'USD', durationDays: 1 },
          { mode: 'foot', costAmount: 400, costCurrency: 'USD', durationDays: 6 },
          { mode: 'bus', costAmount: 60, costCurrency: 'USD', durationDays: 1 },
          { mode: 'bus', costAmount: 150, costCurrency: 'USD', durationDays: 2 },
          { mode: 'car', costAmount: 300, costCurrency: 'USD', durationDays: 2 },
        ],
        nationalities: ['VEN', 'HTI', 'ECU', 'CHN'],
        estimatedVolume: 'Entre 500 y 1.500 personas por semana',
        risks: ['extortion', 'abandonment', 'deaths', 'abuse'],
      },
    },
  },
  {
    country: 'GTM',
    daysAgo: 80,
    body: {
      kind: 'route',
      title: 'Variante por el Pacífico guatemalteco hacia Tapachula',
      summary: 'Desde la capital, grupos pequeños en camiones de carga hasta la frontera con México; cruce del río Suchiate en balsa.',
      periodFrom: '2025-09-01',
      periodUntil: null,
      tlp: 'AMBER',
      route: {
        waypoints: [
          wp('GTM', 'Ciudad de Guatemala', 14.634, -90.507),
          wp('GTM', 'Tecún Umán', 14.678, -92.14, 'Río Suchiate', 'river'),
          wp('MEX', 'Tapachula', 14.906, -92.263),
        ],
        legs: [
          { mode: 'car', costAmount: 2500, costCurrency: 'GTQ', durationDays: 1 },
          { mode: 'boat', costAmount: 50, costCurrency: 'MXN', durationDays: 0.1 },
        ],
        nationalities: ['HND', 'SLV', 'VEN'],
        estimatedVolume: 'Decenas de personas al día',
        risks: ['extortion', 'trafficking_indicators'],
      },
    },
  },
  {
    country: 'CRI',
    daysAgo: 60,
    linkSpecimens: 1,
    body: {
      kind: 'modus_operandi',
      title: 'Falsos grupos turísticos con un solo organizador',
      summary: 'Viajeros presentados como grupo de turismo; un organizador guarda todos los boletos y reservas y responde por todos.',
      countries: ['CRI', 'PAN', 'NIC'],
      tlp: 'GREEN',
      modusOperandi: {
        category: 'false_group',
        indicators:
          'Reservas de hotel idénticas compradas el mismo día; ninguno conoce el itinerario; el organizador contesta las preguntas dirigidas a otros.',
        countermeasures:
          'Entrevistar por separado a cada integrante; verificar las reservas con el hotel; consultar la lista de agencias registradas.',
        documentTypes: ['passport', 'visa'],
      },
    },
  },
  {
    country: 'HND',
    daysAgo: 45,
    body: {
      kind: 'acquisition_method',
      title: 'Pasaportes auténticos obtenidos con partidas de nacimiento tardías',
      summary: 'Inscripciones tardías de nacimiento en registros rurales con testigos falsos, que luego sirven para obtener un pasaporte genuino.',
      tlp: 'AMBER',
      acquisitionMethod: {
        method: 'breeder_document',
        process: 'Inscripción tardía con dos testigos pagados; la partida se usa semanas después para solicitar el pasaporte.',
        documentTypes: ['passport', 'birth_certificate'],
        issuers: ['HND'],
        costAmount: 1200,
        costCurrency: 'USD',
        indicators: 'Pasaporte emitido pocas semanas después de una primera inscripción de nacimiento en la edad adulta.',
      },
    },
  },
  {
    country: 'MEX',
    daysAgo: 30,
    links: [0, 1],
    body: {
      kind: 'network',
      title: 'Red «Los Vencejos» en el corredor del Pacífico',
      summary: 'Red que capta por redes sociales y mueve personas desde Panamá hasta la frontera norte de México.',
      countries: ['PAN', 'CRI', 'GTM', 'MEX'],
      tlp: 'AMBER',
      network: {
        names: ['Los Vencejos', 'Vencejo Tours'],
        roles: ['recruiter', 'guide', 'transporter', 'money_handler'],
        recruitment: 'Anuncios de empleo en el extranjero en redes sociales.',
        payment: 'Pagos en efectivo por tramo y remesas a terceros.',
        communication: 'Grupos de mensajería cifrada que cambian cada semana.',
        size: 'large',
      },
    },
  },
  {
    country: 'CRI',
    daysAgo: 20,
    links: [0, 4],
    body: {
      kind: 'operation',
      title: 'Operación conjunta «Frontera Sur»',
      summary: 'Operación coordinada en Paso Canoas con las autoridades de Panamá.',
      countries: ['CRI', 'PAN'],
      periodFrom: '2026-09-01',
      periodUntil: '2026-09-10',
      tlp: 'GREEN',
      operation: {
        operationKind: 'joint_operation',
        agencies: 'Dirección General de Migración y Extranjería; Servicio Nacional de Fronteras',
        places: ['Paso Canoas', 'Río Sereno'],
        results: { migrantsAssisted: 212, smugglersDetained: 9, documentsSeized: 37, victimsReferred: 5 },
        lessons: 'Un canal de radio común acortó los traspasos; faltaron intérpretes de criollo haitiano.',
      },
    },
  },
  {
    country: 'SLV',
    daysAgo: 3,
    submitOnly: true,
    body: {
      kind: 'modus_operandi',
      title: 'Alquiler de pasaportes entre personas parecidas',
      summary: 'Pasaportes auténticos alquilados a personas de parecido físico para un solo viaje.',
      countries: ['SLV', 'GTM'],
      tlp: 'GREEN',
      modusOperandi: {
        category: 'document_rental',
        indicators: 'La persona no reconoce datos del pasaporte; la firma no coincide.',
        countermeasures: 'Preguntas de control sobre datos personales; comparación biométrica.',
        documentTypes: ['passport'],
      },
    },
  },
];

/** Writes, validates and links the seeds' reports in the routes space; returns what was made. */
export async function fillReports(
  services: Services,
  context: {
    now: Date;
    spaces: Map<string, string>;
    personOf: (country: string, role: 'officer' | 'contact_point') => Person;
    specimens: LinkableSpecimen[];
  },
): Promise<DemoReportCounts> {
  const { db } = services;
  const spaceId = context.spaces.get('routes')!;
  const deps = { db, sealer: services.sealer, keyring: services.keyring };
  // Specimens the authors may link: published, in the network's documents space, not narrowed.
  const linkable = context.specimens.filter((s) => s.status === 'published' && s.releasable && ['GREEN', 'CLEAR'].includes(s.tlp));
  const made: string[] = [];
  let publishedCount = 0;
  for (const seed of SEEDS) {
    const author = context.personOf(seed.country, 'officer');
    const validator = context.personOf(seed.country, 'contact_point');
    const at = new Date(context.now.getTime() - seed.daysAgo * DAY);
    // Alerts it links: published ones its author reads, not narrowed, the newest first (the alerts are filled before).
    const alerts = seed.linkAlerts
      ? await readableContent(db, author.ability, 'alert')
          .select('item.id')
          .where('item.status', '=', 'published')
          .where('item.releasabilityRestricted', '=', false)
          .orderBy('item.createdAt', 'desc')
          .limit(seed.linkAlerts)
          .execute()
      : [];
    const links = [
      ...(seed.links ?? []).map((i) => made[i]!),
      ...linkable.splice(0, seed.linkSpecimens ?? 0).map((s) => s.id),
      ...alerts.map((a) => a.id),
    ];
    const item = await db.transaction().execute((trx) => createReport(deps, trx, author.actor, author.ability, spaceId, { ...seed.body, links }, at));
    await transitionItem(db, author.ability, 'report', item.id, 'submit', new Date(at.getTime() + 3_600_000));
    made.push(item.id);
    if (seed.submitOnly) continue;
    const publishedAt = new Date(at.getTime() + DAY);
    await db.transaction().execute(async (trx) => {
      const moved = await transitionItem(trx, validator.ability, 'report', item.id, 'publish', publishedAt);
      await published(trx, moved, publishedAt);
    });
    publishedCount++;
    if (seed.body.kind === 'operation') {
      const later = new Date(publishedAt.getTime() + 5 * DAY);
      await db
        .transaction()
        .execute((trx) =>
          addOutcome(
            deps,
            trx,
            { ...item, status: 'published' },
            author.actor,
            { stage: 'charges', decidedOn: later.toISOString().slice(0, 10), note: 'Nueve personas acusadas de tráfico ilícito de migrantes.' },
            later,
          ),
        );
    }
    if (seed.body.kind === 'route' && seed.country === 'PAN') {
      const seer = context.personOf('GTM', 'officer');
      const seen = new Date(publishedAt.getTime() + 7 * DAY);
      await db.transaction().execute((trx) =>
        reportSighting(
          deps,
          trx,
          { ...item, status: 'published' },
          seer.actor,
          {
            kind: 'sighting',
            seenOn: seen.toISOString().slice(0, 10),
            country: 'GTM',
            volume: 'Unas 40 personas al día',
            note: 'Mismos guías en la frontera con Honduras.',
          },
          seen,
        ),
      );
    }
  }
  return { reports: made.length, reportsPublished: publishedCount };
}
