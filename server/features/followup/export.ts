import { stringify } from 'csv-stringify/sync';
import PDFDocument from 'pdfkit';
import { ITEM_KINDS } from '../../platform/followup/obligations.ts';
import type { Language } from '../../platform/i18n/language.ts';
import type { PlaceNamer } from '../../platform/reference/places.ts';
import type { Dashboard, LoadingState } from './schemas.ts';

/**
 * The dashboard as files: CSV (one table, a section column) and PDF (drawn by pdfkit from the same
 * figures). Only figures, dates, country and space names — what the dashboard shows.
 */

const T = {
  es: {
    title: 'Seguimiento — tablero de la Presidencia',
    period: 'Período',
    today: 'Situación al',
    section: 'sección',
    loading: 'Carga por espacio y país',
    items: 'Elementos del período por país',
    activity: 'Actividad por mes',
    alerts: 'Alertas: acuse de recibo por país',
    commitments: 'Compromisos por responsable',
    trainings: 'Funcionarios capacitados',
    topic: 'Tema',
    officials: 'funcionarios',
    meetings: 'actividades',
    topics: {
      document_fraud: 'Detección de documentos fraudulentos',
      victim_identification: 'Identificación de víctimas',
      asylum_refuge: 'Asilo y refugio',
      other: 'Otro',
    },
    returns: 'Declaraciones periódicas',
    template: 'declaración',
    periodCol: 'período',
    due: 'vence',
    returnStatus: { missing: 'sin abrir', draft: 'borrador', submitted: 'presentada', amending: 'en enmienda' },
    responsible: 'responsable',
    notStarted: 'no iniciados',
    inProgress: 'en curso',
    done: 'cumplidos',
    overdue: 'atrasados',
    space: 'espacio',
    deadline: 'fecha límite',
    country: 'país',
    state: 'situación',
    published: 'publicados',
    pending: 'pendientes',
    month: 'mes',
    count: 'cantidad',
    delivered: 'entregas',
    acknowledged: 'acusadas',
    median: 'mediana (h)',
    p90: 'p90 (h)',
    kinds: { specimen: 'especímenes', report: 'informes', alert: 'alertas', person: 'personas' },
    states: { on_time: 'a tiempo', loaded_late: 'cargado con retraso', due_soon: 'vence pronto', late: 'atrasado', open: 'en plazo' },
  },
  en: {
    title: 'Follow-up — the Presidency’s dashboard',
    period: 'Period',
    today: 'As of',
    section: 'section',
    loading: 'Loading by space and country',
    items: 'Items of the period by country',
    activity: 'Activity by month',
    alerts: 'Alerts: acknowledgement by country',
    commitments: 'Commitments by responsible',
    trainings: 'Officials trained',
    topic: 'Topic',
    officials: 'officials',
    meetings: 'activities',
    topics: {
      document_fraud: 'Detection of fraudulent documents',
      victim_identification: 'Identification of victims',
      asylum_refuge: 'Asylum and refuge',
      other: 'Other',
    },
    returns: 'Periodic returns',
    template: 'return',
    periodCol: 'period',
    due: 'due',
    returnStatus: { missing: 'not opened', draft: 'draft', submitted: 'submitted', amending: 'being amended' },
    responsible: 'responsible',
    notStarted: 'not started',
    inProgress: 'in progress',
    done: 'done',
    overdue: 'late',
    space: 'space',
    deadline: 'deadline',
    country: 'country',
    state: 'state',
    published: 'published',
    pending: 'pending',
    month: 'month',
    count: 'count',
    delivered: 'deliveries',
    acknowledged: 'acknowledged',
    median: 'median (h)',
    p90: 'p90 (h)',
    kinds: { specimen: 'specimens', report: 'reports', alert: 'alerts', person: 'persons' },
    states: { on_time: 'on time', loaded_late: 'loaded late', due_soon: 'due soon', late: 'late', open: 'open' },
  },
} as const satisfies Record<Language, unknown>;

const sum = (k: Record<string, number>) => Object.values(k).reduce((a, b) => a + b, 0);

/** Every place the dashboard names (what `placeNamer` looks up before its tables are drawn). */
export const dashboardPlaces = (d: Dashboard): string[] => [
  ...[d.loading, d.items, d.activity, d.alerts, d.returns, d.trainings].flatMap((rows) => rows.map((r) => r.country)),
  ...d.commitments.map((c) => c.responsible),
];

/** The tables of the dashboard, each a title, a header and rows of cells: what both formats draw. */
export function tables(d: Dashboard, language: Language, country: PlaceNamer): { title: string; header: string[]; rows: (string | number)[][] }[] {
  const t = T[language];
  const state = (s: LoadingState) => t.states[s];
  return [
    {
      title: t.loading,
      header: [t.space, t.deadline, t.country, t.state, t.published, t.pending],
      rows: d.loading.map((l) => [
        language === 'es' ? l.spaceNameEs : l.spaceNameEn,
        l.loadingDeadline,
        country(l.country),
        state(l.state),
        sum(l.published),
        sum(l.pending),
      ]),
    },
    {
      title: t.items,
      header: [t.country, ...ITEM_KINDS.map((k) => `${t.kinds[k]} (${t.published})`), ...ITEM_KINDS.map((k) => `${t.kinds[k]} (${t.pending})`)],
      rows: d.items.map((i) => [country(i.country), ...ITEM_KINDS.map((k) => i.published[k]), ...ITEM_KINDS.map((k) => i.pending[k])]),
    },
    { title: t.activity, header: [t.month, t.country, t.count], rows: d.activity.map((a) => [a.month, country(a.country), a.count]) },
    {
      title: t.alerts,
      header: [t.country, t.delivered, t.acknowledged, t.median, t.p90],
      rows: d.alerts.map((a) => [country(a.country), a.delivered, a.acknowledged, a.medianHours ?? '', a.p90Hours ?? '']),
    },
    {
      title: t.returns,
      header: [t.template, t.periodCol, t.country, t.due, t.state],
      rows: d.returns.map((r) => [
        language === 'es' ? r.titleEs : r.titleEn,
        r.period,
        country(r.country),
        r.dueOn,
        `${t.returnStatus[r.status]} · ${state(r.state)}`,
      ]),
    },
    {
      title: t.commitments,
      header: [t.responsible, t.notStarted, t.inProgress, t.done, t.overdue],
      rows: d.commitments.map((c) => [country(c.responsible), c.notStarted, c.inProgress, c.done, c.overdue]),
    },
    {
      title: t.trainings,
      header: [t.country, t.topic, t.officials, t.meetings],
      rows: d.trainings.map((r) => [country(r.country), t.topics[r.topic], r.officials, r.meetings]),
    },
  ];
}

/** One CSV: a section column, then each table's own columns under its header row. */
export function dashboardCsv(d: Dashboard, language: Language, place: PlaceNamer): string {
  const t = T[language];
  const lines: (string | number)[][] = [
    [t.period, d.period.label, d.period.from, d.period.to],
    [t.today, d.today],
  ];
  for (const table of tables(d, language, place)) {
    lines.push([], [t.section, ...table.header]);
    for (const row of table.rows) lines.push([table.title, ...row]);
  }
  return stringify(lines, { bom: true });
}

/** A PDF of the same tables (A4, landscape), each header repeated when a table runs onto a new page. */
export function dashboardPdf(d: Dashboard, language: Language, place: PlaceNamer): Promise<Buffer> {
  const t = T[language];
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 36, info: { Title: t.title, Producer: 'Enlace' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.fontSize(16).text(t.title);
  doc.fontSize(10).text(`${t.period}: ${d.period.label} (${d.period.from} – ${d.period.to}) · ${t.today} ${d.today}`);
  const names = d.networks.map((n) => (language === 'es' ? n.nameEs : n.nameEn)).join(', ');
  if (names) doc.text(names);
  const width = doc.page.width - 72;
  for (const table of tables(d, language, place)) {
    doc.moveDown().fontSize(12).text(table.title, 36).fontSize(8);
    const column = width / table.header.length;
    const line = (cells: (string | number)[], bold: boolean) => {
      if (doc.y > doc.page.height - 60) {
        doc.addPage();
        if (!bold) line(table.header, true);
      }
      const y = doc.y;
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica');
      let height = 0;
      cells.forEach((cell, i) => {
        doc.text(String(cell), 36 + i * column, y, { width: column - 4 });
        height = Math.max(height, doc.y - y);
      });
      doc.x = 36;
      doc.y = y + height + 2;
    };
    line(table.header, true);
    for (const row of table.rows) line(row, false);
  }
  doc.end();
  return done;
}
