/**
 * What the composer's fields hold (strings, as forms hold them), and the report they make: the
 * body of a new report or of a draft's edit, and the values of a draft to edit again.
 */
import type { HandlingValues } from '../../../items/handling.tsx';
import type { NewReport, ReportKind, ReportPatch, ReportView } from '../api.ts';

export interface WaypointValues {
  country: string;
  place: string;
  latitude: string;
  longitude: string;
  crossing: string;
  crossingKind: string;
}

export interface LegValues {
  mode: string;
  costAmount: string;
  costCurrency: string;
  durationDays: string;
}

export interface RouteValues {
  waypoints: WaypointValues[];
  legs: LegValues[];
  nationalities: string[];
  estimatedVolume: string;
  risks: string[];
}

export interface ComposerValues extends HandlingValues {
  spaceId: string;
  kind: ReportKind | '';
  title: string;
  summary: string;
  countries: string[];
  periodFrom: string;
  periodUntil: string;
  /** Linked items' ids, one per line (a link to one of their pages will do). */
  links: string;
  route: RouteValues;
  moCategory: string;
  indicators: string;
  countermeasures: string;
  documentTypes: string[];
  method: string;
  process: string;
  issuers: string[];
  costAmount: string;
  costCurrency: string;
  names: string;
  roles: string[];
  recruitment: string;
  payment: string;
  communication: string;
  size: string;
  operationKind: string;
  agencies: string;
  places: string;
  migrantsAssisted: string;
  smugglersDetained: string;
  documentsSeized: string;
  victimsReferred: string;
  lessons: string;
}

export const emptyWaypoint = (): WaypointValues => ({ country: '', place: '', latitude: '', longitude: '', crossing: '', crossingKind: '' });
export const emptyLeg = (): LegValues => ({ mode: '', costAmount: '', costCurrency: 'USD', durationDays: '' });

export const EMPTY: ComposerValues = {
  spaceId: '',
  kind: '',
  title: '',
  summary: '',
  countries: [],
  periodFrom: '',
  periodUntil: '',
  links: '',
  route: { waypoints: [emptyWaypoint(), emptyWaypoint()], legs: [emptyLeg()], nationalities: [], estimatedVolume: '', risks: [] },
  moCategory: '',
  indicators: '',
  countermeasures: '',
  documentTypes: [],
  method: '',
  process: '',
  issuers: [],
  costAmount: '',
  costCurrency: 'USD',
  names: '',
  roles: [],
  recruitment: '',
  payment: '',
  communication: '',
  size: '',
  operationKind: '',
  agencies: '',
  places: '',
  migrantsAssisted: '',
  smugglersDetained: '',
  documentsSeized: '',
  victimsReferred: '',
  lessons: '',
  tlp: '',
  namedRecipients: [],
  sourceEvaluation: '',
  informationEvaluation: '',
};

const UUIDS = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const number = (value: string): number | null => (value.trim() === '' ? null : Number(value.replace(',', '.')));
const lines = (value: string): string[] =>
  value
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
/**
 * Only the optional values that are given: the server coerces types (`coerceTypes`), so a null
 * sent for a nullable number arrives as 0 (a cost of 0 without its currency, coordinates 0, 0).
 */
function given<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null && v !== undefined && v !== '')) as Partial<T>;
}
const text = (value: number | null | undefined): string => (value === null || value === undefined ? '' : String(value));

/** The ids of the linked items, found in what was typed (ids or addresses), once each. */
export const linkIds = (value: string): string[] => [...new Set((value.match(UUIDS) ?? []).map((id) => id.toLowerCase()))];

/** The kind's own fields, under the kind's name, as the API takes them. */
function details(v: ComposerValues): Partial<NewReport> {
  switch (v.kind) {
    case 'route':
      return {
        route: {
          waypoints: v.route.waypoints.map((w) => ({
            country: w.country,
            place: w.place.trim(),
            ...given({ latitude: number(w.latitude), longitude: number(w.longitude), crossing: w.crossing.trim(), crossingKind: w.crossingKind }),
          })),
          legs: v.route.legs.map((l) => ({
            mode: l.mode,
            ...given({
              costAmount: number(l.costAmount),
              costCurrency: l.costAmount.trim() ? l.costCurrency.trim().toUpperCase() : null,
              durationDays: number(l.durationDays),
            }),
          })),
          nationalities: v.route.nationalities,
          ...given({ estimatedVolume: v.route.estimatedVolume.trim() }),
          risks: v.route.risks,
        },
      };
    case 'modus_operandi':
      return {
        modusOperandi: { category: v.moCategory, indicators: v.indicators, countermeasures: v.countermeasures, documentTypes: v.documentTypes },
      };
    case 'acquisition_method':
      return {
        acquisitionMethod: {
          method: v.method,
          process: v.process,
          documentTypes: v.documentTypes,
          issuers: v.issuers,
          ...given({ costAmount: number(v.costAmount), costCurrency: v.costAmount.trim() ? v.costCurrency.trim().toUpperCase() : null }),
          indicators: v.indicators,
        },
      };
    case 'network':
      return {
        network: {
          names: lines(v.names),
          roles: v.roles,
          recruitment: v.recruitment,
          payment: v.payment,
          communication: v.communication,
          size: v.size,
        },
      };
    case 'operation':
      return {
        operation: {
          operationKind: v.operationKind,
          agencies: v.agencies,
          places: lines(v.places),
          results: given({
            migrantsAssisted: number(v.migrantsAssisted),
            smugglersDetained: number(v.smugglersDetained),
            documentsSeized: number(v.documentsSeized),
            victimsReferred: number(v.victimsReferred),
          }),
          lessons: v.lessons,
        },
      };
    default:
      return {};
  }
}

/** The fields a new report and a draft's edit share. */
function common(v: ComposerValues): ReportPatch {
  const body: ReportPatch = {
    title: v.title.trim(),
    summary: v.summary.trim(),
    countries: v.countries,
    periodFrom: v.periodFrom || null,
    periodUntil: v.periodUntil || null,
    links: linkIds(v.links),
    tlp: v.tlp,
    ...details(v),
  };
  if (v.tlp === 'RED') body.namedRecipients = v.namedRecipients;
  if (v.sourceEvaluation) body.sourceEvaluation = v.sourceEvaluation;
  if (v.informationEvaluation) body.informationEvaluation = Number(v.informationEvaluation);
  return body;
}

export const newReportBody = (v: ComposerValues): NewReport => ({ kind: v.kind, ...common(v), title: v.title.trim(), tlp: v.tlp });
export const draftPatch = (v: ComposerValues): ReportPatch => common(v);

/** A draft's values, to edit it again. */
export function valuesOf(view: ReportView): ComposerValues {
  const h = view.handling;
  const r = view.route;
  const mo = view.modusOperandi;
  const a = view.acquisitionMethod;
  const n = view.network;
  const o = view.operation;
  return {
    ...EMPTY,
    spaceId: view.spaceId,
    kind: view.reportKind ?? '',
    title: view.title ?? '',
    summary: view.summary ?? '',
    // A route's waypoint countries are added by the server: only the others are the writer's.
    countries: (view.countries ?? []).filter((c) => !r?.waypoints.some((w) => w.country === c)),
    periodFrom: view.periodFrom ?? '',
    periodUntil: view.periodUntil ?? '',
    links: (view.links ?? [])
      .filter((l) => l.direction === 'to')
      .map((l) => l.id)
      .join('\n'),
    route: r
      ? {
          waypoints: r.waypoints.map((w) => ({
            country: w.country,
            place: w.place,
            latitude: text(w.latitude),
            longitude: text(w.longitude),
            crossing: w.crossing ?? '',
            crossingKind: w.crossingKind ?? '',
          })),
          legs: r.legs.map((l) => ({
            mode: l.mode,
            costAmount: text(l.costAmount),
            costCurrency: l.costCurrency ?? 'USD',
            durationDays: text(l.durationDays),
          })),
          nationalities: [...r.nationalities],
          estimatedVolume: r.estimatedVolume ?? '',
          risks: [...r.risks],
        }
      : EMPTY.route,
    moCategory: mo?.category ?? '',
    indicators: mo?.indicators ?? a?.indicators ?? '',
    countermeasures: mo?.countermeasures ?? '',
    documentTypes: [...(mo?.documentTypes ?? a?.documentTypes ?? [])],
    method: a?.method ?? '',
    process: a?.process ?? '',
    issuers: [...(a?.issuers ?? [])],
    costAmount: text(a?.costAmount),
    costCurrency: a?.costCurrency ?? 'USD',
    names: (n?.names ?? []).join('\n'),
    roles: [...(n?.roles ?? [])],
    recruitment: n?.recruitment ?? '',
    payment: n?.payment ?? '',
    communication: n?.communication ?? '',
    size: n?.size ?? '',
    operationKind: o?.operationKind ?? '',
    agencies: o?.agencies ?? '',
    places: (o?.places ?? []).join('\n'),
    migrantsAssisted: text(o?.results.migrantsAssisted),
    smugglersDetained: text(o?.results.smugglersDetained),
    documentsSeized: text(o?.results.documentsSeized),
    victimsReferred: text(o?.results.victimsReferred),
    lessons: o?.lessons ?? '',
    tlp: view.tlp,
    namedRecipients: h?.namedRecipients ?? [],
    sourceEvaluation: h?.sourceEvaluation ?? '',
    informationEvaluation: h?.informationEvaluation ? String(h.informationEvaluation) : '',
  };
}
