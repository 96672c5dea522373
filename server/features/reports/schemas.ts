import type { Static } from 'typebox';
import { Type } from 'typebox';
import { Nullable } from '../../platform/http/nullable.ts';
import { asReply, Line, Text } from '../../platform/http/text.ts';
import { ItemHandling, ItemHandlingView, ItemMetadata, Tlp } from '../../platform/items/base.ts';
import { DOCUMENT_TYPE_CODES, STATE_CODES } from '../../platform/reference/terms.ts';
import {
  ACQUISITION_CODES,
  CROSSING_CODES,
  MO_CODES,
  MODE_CODES,
  OPERATION_CODES,
  REPORT_KIND_CODES,
  RISK_CODES,
  ROLE_CODES,
  SIZE_CODES,
  STAGE_CODES,
} from './taxonomy.ts';

const Uuid = Type.String({ format: 'uuid' });
const IsoDate = Type.String({ format: 'date' });
const Instant = Type.String({ format: 'date-time' });
const State = Type.Enum(STATE_CODES);
const States = (maxItems: number) => Type.Array(State, { maxItems, uniqueItems: true });
const Count = Type.Integer({ minimum: 0, maximum: 10_000_000 });
const Currency = Type.String({ pattern: '^[A-Z]{3}$' });
const Amount = Type.Number({ minimum: 0, maximum: 1_000_000_000 });

export const TITLE_MAX = 300;
export const TEXT_MAX = 20_000;
export const MAX_WAYPOINTS = 41;
export const MAX_LINKS = 50;

export const ReportKind = Type.Enum(REPORT_KIND_CODES);

/** A place on a route: the country in clear (a facet), everything else sealed. */
export const Waypoint = Type.Object(
  {
    country: State,
    place: Line(160),
    latitude: Type.Optional(Nullable(Type.Number({ minimum: -90, maximum: 90 }))),
    longitude: Type.Optional(Nullable(Type.Number({ minimum: -180, maximum: 180 }))),
    crossing: Type.Optional(Nullable(Line(160, { blank: true }))),
    crossingKind: Type.Optional(Nullable(Type.Enum(CROSSING_CODES))),
  },
  { additionalProperties: false },
);

/** How the stretch from one waypoint to the next is travelled. */
export const Leg = Type.Object(
  {
    mode: Type.Enum(MODE_CODES),
    costAmount: Type.Optional(Nullable(Amount)),
    costCurrency: Type.Optional(Nullable(Currency)),
    durationDays: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 365 }))),
  },
  { additionalProperties: false },
);

/** A route: waypoints in order and one leg between each two (legs[i] goes from waypoints[i] to waypoints[i + 1]). */
export const RouteDetails = Type.Object(
  {
    waypoints: Type.Array(Waypoint, { minItems: 2, maxItems: MAX_WAYPOINTS }),
    legs: Type.Array(Leg, { minItems: 1, maxItems: MAX_WAYPOINTS - 1 }),
    nationalities: States(60),
    estimatedVolume: Type.Optional(Nullable(Line(200, { blank: true }))),
    risks: Type.Array(Type.Enum(RISK_CODES), { maxItems: RISK_CODES.length, uniqueItems: true }),
  },
  { additionalProperties: false },
);

export const ModusOperandiDetails = Type.Object(
  {
    category: Type.Enum(MO_CODES),
    indicators: Text(TEXT_MAX, { blank: true }),
    countermeasures: Text(TEXT_MAX, { blank: true }),
    documentTypes: Type.Array(Type.Enum(DOCUMENT_TYPE_CODES), { maxItems: DOCUMENT_TYPE_CODES.length, uniqueItems: true }),
  },
  { additionalProperties: false },
);

export const AcquisitionDetails = Type.Object(
  {
    method: Type.Enum(ACQUISITION_CODES),
    process: Text(TEXT_MAX, { blank: true }),
    documentTypes: Type.Array(Type.Enum(DOCUMENT_TYPE_CODES), { maxItems: DOCUMENT_TYPE_CODES.length, uniqueItems: true }),
    issuers: States(30),
    costAmount: Type.Optional(Nullable(Amount)),
    costCurrency: Type.Optional(Nullable(Currency)),
    indicators: Text(TEXT_MAX, { blank: true }),
  },
  { additionalProperties: false },
);

export const NetworkDetails = Type.Object(
  {
    /** The network's name first, then its aliases (sealed; found by exact match of a normalised name). */
    names: Type.Array(Line(160), { minItems: 1, maxItems: 20 }),
    roles: Type.Array(Type.Enum(ROLE_CODES), { maxItems: ROLE_CODES.length, uniqueItems: true }),
    recruitment: Text(TEXT_MAX, { blank: true }),
    payment: Text(TEXT_MAX, { blank: true }),
    communication: Text(TEXT_MAX, { blank: true }),
    size: Type.Enum(SIZE_CODES),
  },
  { additionalProperties: false },
);

/** Counts that may stay in clear (the follow-up figures). */
export const OperationResults = Type.Object(
  {
    migrantsAssisted: Type.Optional(Nullable(Count)),
    smugglersDetained: Type.Optional(Nullable(Count)),
    documentsSeized: Type.Optional(Nullable(Count)),
    victimsReferred: Type.Optional(Nullable(Count)),
  },
  { additionalProperties: false },
);

export const OperationDetails = Type.Object(
  {
    operationKind: Type.Enum(OPERATION_CODES),
    agencies: Text(TEXT_MAX, { blank: true }),
    places: Type.Array(Line(160), { maxItems: 30 }),
    results: OperationResults,
    lessons: Text(TEXT_MAX, { blank: true }),
  },
  { additionalProperties: false },
);

/** Each kind's own fields, under the kind's name; a report carries exactly the one of its kind. */
const kindFields = {
  route: Type.Optional(RouteDetails),
  modusOperandi: Type.Optional(ModusOperandiDetails),
  acquisitionMethod: Type.Optional(AcquisitionDetails),
  network: Type.Optional(NetworkDetails),
  operation: Type.Optional(OperationDetails),
};
export const DETAIL_FIELD = {
  route: 'route',
  modus_operandi: 'modusOperandi',
  acquisition_method: 'acquisitionMethod',
  network: 'network',
  operation: 'operation',
} as const;

const commonFields = {
  title: Line(TITLE_MAX),
  summary: Type.Optional(Text(TEXT_MAX, { blank: true })),
  /** The countries the report concerns (a route's waypoint countries are added to them). */
  countries: Type.Optional(States(60)),
  periodFrom: Type.Optional(Nullable(IsoDate)),
  /** Null: still going on. */
  periodUntil: Type.Optional(Nullable(IsoDate)),
  /** Items the report links to: specimens, reports and alerts the author may read, published. */
  links: Type.Optional(Type.Array(Uuid, { maxItems: MAX_LINKS, uniqueItems: true })),
};

export const ReportCreate = Type.Object(
  { kind: ReportKind, ...commonFields, ...kindFields, ...ItemHandling.properties },
  { additionalProperties: false },
);
export type ReportCreate = Static<typeof ReportCreate>;

export const ReportPatch = Type.Object(
  { ...commonFields, title: Type.Optional(Line(TITLE_MAX)), ...kindFields, ...ItemHandling.properties, tlp: Type.Optional(Tlp) },
  { additionalProperties: false, minProperties: 1 },
);
export type ReportPatch = Static<typeof ReportPatch>;

/** A correction proposed on a published report: its content fields (the kind's details whole), not its handling or links. */
const { links: _links, ...correctable } = commonFields;
export const ReportChanges = Type.Object(
  { ...correctable, title: Type.Optional(Line(TITLE_MAX)), ...kindFields },
  { additionalProperties: false, minProperties: 1 },
);
export type ReportChanges = Static<typeof ReportChanges>;
export const ReportCorrectionCreate = Type.Object({ changes: ReportChanges, comment: Text(2000) }, { additionalProperties: false });

export type RouteDetails = Static<typeof RouteDetails>;
export type ModusOperandiDetails = Static<typeof ModusOperandiDetails>;
export type AcquisitionDetails = Static<typeof AcquisitionDetails>;
export type NetworkDetails = Static<typeof NetworkDetails>;
export type OperationDetails = Static<typeof OperationDetails>;

/** What is sealed: everything a report says but its clear facets and handling. */
export interface ReportContent {
  title: string;
  summary: string;
  route?: RouteDetails;
  modusOperandi?: ModusOperandiDetails;
  acquisitionMethod?: AcquisitionDetails;
  network?: NetworkDetails;
  operation?: OperationDetails;
}

export const ReportParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export const SpaceParams = Type.Object({ spaceId: Uuid }, { additionalProperties: false });

const cardFields = {
  id: Uuid,
  spaceId: Uuid,
  kind: ReportKind,
  status: Type.Enum(['draft', 'submitted', 'published', 'withdrawn', 'expired']),
  tlp: Tlp,
  title: Type.String(),
  category: Nullable(Type.String()),
  originatorCountry: Type.String(),
  countries: Type.Array(Type.String()),
  modes: Type.Array(Type.String()),
  periodFrom: Nullable(Type.String()),
  periodUntil: Nullable(Type.String()),
  publishedAt: Nullable(Instant),
  updatedAt: Instant,
};
export const ReportCard = Type.Object(cardFields, { additionalProperties: false });
export type ReportCard = Static<typeof ReportCard>;

/** A linked item as a reader sees it: only items they may read; a label from what they may see. */
export const LinkedItem = Type.Object(
  {
    id: Uuid,
    kind: Type.Enum(['specimen', 'report', 'alert', 'person', 'library']),
    reportKind: Nullable(ReportKind),
    tlp: Tlp,
    status: Type.String(),
    label: Type.String(),
    /** A specimen's type and issuer (codes), by which the reader's screen names it; null for the other kinds. */
    documentType: Nullable(Type.String()),
    issuingCountry: Nullable(Type.String()),
    /** 'to': this report links to it; 'from': it links to this report. */
    direction: Type.Enum(['to', 'from']),
  },
  { additionalProperties: false },
);

export const OutcomeCreate = Type.Object(
  { stage: Type.Enum(STAGE_CODES), decidedOn: IsoDate, note: Text(TEXT_MAX) },
  { additionalProperties: false },
);
export const OutcomeView = Type.Object(
  { id: Uuid, stage: Type.String(), decidedOn: Type.String(), note: Type.String(), createdAt: Instant },
  { additionalProperties: false },
);

export const ReportSightingCreate = Type.Object(
  {
    kind: Type.Enum(['sighting', 'false_positive']),
    seenOn: IsoDate,
    country: State,
    volume: Type.Optional(Nullable(Line(200, { blank: true }))),
    note: Type.Optional(Nullable(Text(2000, { blank: true }))),
  },
  { additionalProperties: false },
);
export const ReportSightingView = Type.Object(
  {
    id: Uuid,
    kind: Type.String(),
    seenOn: Type.String(),
    country: Type.String(),
    volume: Nullable(Type.String()),
    note: Nullable(Type.String()),
    reporterCountry: Type.String(),
    mine: Type.Boolean(),
    createdAt: Instant,
  },
  { additionalProperties: false },
);

const contentFields = {
  reportKind: ReportKind,
  title: Type.String(),
  summary: Type.String(),
  category: Nullable(Type.String()),
  countries: Type.Array(Type.String()),
  modes: Type.Array(Type.String()),
  periodFrom: Nullable(Type.String()),
  periodUntil: Nullable(Type.String()),
  publishedAt: Nullable(Instant),
  route: Nullable(asReply(RouteDetails)),
  modusOperandi: Nullable(asReply(ModusOperandiDetails)),
  acquisitionMethod: Nullable(asReply(AcquisitionDetails)),
  network: Nullable(asReply(NetworkDetails)),
  operation: Nullable(asReply(OperationDetails)),
  outcomes: Type.Array(OutcomeView),
  links: Type.Array(LinkedItem),
  sightings: Type.Object({ sightings: Type.Integer(), falsePositives: Type.Integer() }, { additionalProperties: false }),
  handling: ItemHandlingView,
  shredded: Type.Boolean(),
};

/** A report: its metadata for every reader, the rest (all of it, always together) for those who read its content. */
export const ReportView = Type.Object(
  {
    ...ItemMetadata.properties,
    ...(Object.fromEntries(Object.entries(contentFields).map(([k, v]) => [k, Type.Optional(v)])) as {
      [K in keyof typeof contentFields]: ReturnType<typeof Type.Optional<(typeof contentFields)[K]>>;
    }),
  },
  { additionalProperties: false },
);
export type ReportView = Static<typeof ReportView>;

const searchFields = {
  spaceId: Type.Optional(Uuid),
  kind: Type.Optional(Type.Array(ReportKind, { maxItems: REPORT_KIND_CODES.length, uniqueItems: true })),
  q: Type.Optional(Line(200, { blank: true })),
  country: Type.Optional(States(60)),
  mode: Type.Optional(Type.Array(Type.Enum(MODE_CODES), { maxItems: MODE_CODES.length, uniqueItems: true })),
  category: Type.Optional(Type.Array(Type.String({ pattern: '^[a-z_]{2,40}$' }), { maxItems: 20, uniqueItems: true })),
  /** A nationality moved along a route (matched through the blind facet index). */
  nationality: Type.Optional(State),
  documentType: Type.Optional(Type.Enum(DOCUMENT_TYPE_CODES)),
  /** A network's name or alias, matched exactly once normalised (blind index). */
  name: Type.Optional(Line(160)),
  /** Reports whose period overlaps [from, until]. */
  from: Type.Optional(IsoDate),
  until: Type.Optional(IsoDate),
  status: Type.Optional(Type.Enum(['draft', 'submitted', 'published', 'withdrawn'])),
  mine: Type.Optional(Type.Boolean()),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
};
export const ReportSearch = Type.Object(searchFields, { additionalProperties: false });
const { page: _page, pageSize: _pageSize, ...exportFilters } = searchFields;
/** An export of what a search selects (every match, no page): CSV, JSON, or GeoJSON of the routes among them. */
export const ReportExport = Type.Object(
  { ...exportFilters, format: Type.Enum(['csv', 'json', 'geojson']), language: Type.Optional(Type.Enum(['es', 'en'])) },
  { additionalProperties: false },
);
export type ReportSearch = Static<typeof ReportSearch>;

const Counts = Type.Array(Type.Object({ value: Type.String(), count: Type.Integer() }, { additionalProperties: false }));
export const REPORT_FACETS = ['kind', 'country', 'mode', 'category'] as const;
export type ReportFacet = (typeof REPORT_FACETS)[number];

export const ReportPage = Type.Object(
  {
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
    items: Type.Array(ReportCard),
    facets: Type.Object({ kind: Counts, country: Counts, mode: Counts, category: Counts }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);

export const RelatedReport = Type.Object(
  {
    ...cardFields,
    /** What it shares with the report: crossing points, legs, countries, names (counts only). */
    shared: Type.Object(
      { crossings: Type.Integer(), legs: Type.Integer(), names: Type.Integer(), nationalities: Type.Integer(), links: Type.Integer() },
      { additionalProperties: false },
    ),
    score: Type.Integer(),
  },
  { additionalProperties: false },
);
/** A specimen detected at one of a route's crossing points, carried by a nationality it moves, or linked with the report: its clear facets, what matched. */
export const RelatedSpecimen = Type.Object(
  {
    id: Uuid,
    tlp: Tlp,
    documentType: Type.String(),
    issuingCountry: Type.String(),
    category: Type.String(),
    detectionCountry: Nullable(Type.String()),
    detectedOn: Nullable(IsoDate),
    crossings: Type.Array(Type.String()),
    /** The nationalities the route moves that its holder has (matched through blind indexes). */
    nationalities: Type.Array(Type.String()),
    linked: Type.Boolean(),
  },
  { additionalProperties: false },
);
export const Related = Type.Object({ reports: Type.Array(RelatedReport), specimens: Type.Array(RelatedSpecimen) }, { additionalProperties: false });

const TermView = Type.Object({ code: Type.String(), es: Type.String(), en: Type.String() }, { additionalProperties: false });
export const ReportReference = Type.Object(
  {
    kinds: Type.Array(TermView),
    transportModes: Type.Array(TermView),
    crossingKinds: Type.Array(TermView),
    risks: Type.Array(TermView),
    modusOperandi: Type.Array(TermView),
    acquisitionMethods: Type.Array(TermView),
    networkRoles: Type.Array(TermView),
    networkSizes: Type.Array(TermView),
    operationKinds: Type.Array(TermView),
    outcomeStages: Type.Array(TermView),
    documentTypes: Type.Array(TermView),
    states: Type.Array(Type.Object({ code: Type.String(), alpha2: Type.String() }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);

export const MapQuery = Type.Object(
  {
    mode: Type.Optional(Type.Array(Type.Enum(MODE_CODES), { maxItems: MODE_CODES.length, uniqueItems: true })),
    country: Type.Optional(States(60)),
    nationality: Type.Optional(State),
    from: Type.Optional(IsoDate),
    until: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
);

const Position = Type.Array(Type.Number(), { minItems: 2, maxItems: 2 });
/** The space map as GeoJSON (RFC 7946): legs as lines, crossing points as points; `tlp` the most restrictive label drawn. */
export const SpaceMap = Type.Object(
  {
    type: Type.Literal('FeatureCollection'),
    tlp: Nullable(Tlp),
    features: Type.Array(
      Type.Object(
        {
          type: Type.Literal('Feature'),
          geometry: Type.Union([
            Type.Object({ type: Type.Literal('LineString'), coordinates: Type.Array(Position) }, { additionalProperties: false }),
            Type.Object({ type: Type.Literal('Point'), coordinates: Position }, { additionalProperties: false }),
          ]),
          properties: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Null()])),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
