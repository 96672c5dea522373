import type { Static } from 'typebox';
import { Type } from 'typebox';
import { Nullable } from '../../platform/http/nullable.ts';
import { Line, Text } from '../../platform/http/text.ts';
import { ItemHandling, ItemHandlingView, ItemMetadata, Tlp } from '../../platform/items/base.ts';
import { COUNTRY_CODES } from '../../platform/reference/countries.ts';
import {
  CATEGORY_CODES,
  DOCUMENT_TYPE_CODES,
  FEATURE_CODES,
  FORGERY_KIND_CODES,
  ISSUER_CODES,
  LIGHT_CODES,
  PAGE_CODES,
  PORT_KIND_CODES,
  STATES,
} from './taxonomy.ts';

const Uuid = Type.String({ format: 'uuid' });
const Year = Type.Integer({ minimum: 1900, maximum: 2100 });
const IsoDate = Type.String({ format: 'date' });

/** A place or nationality: a state (alpha-3) or one of the portal's organisation codes. */
export const Issuer = Type.Enum(ISSUER_CODES);
export const Place = Type.Enum([...new Set([...STATES.map((s) => s.code), ...COUNTRY_CODES])]);

export const DESCRIPTION_MAX = 10_000;

export const FeatureNote = Type.Object(
  { code: Type.Enum(FEATURE_CODES), note: Type.Optional(Nullable(Text(2000, { blank: true }))) },
  { additionalProperties: false },
);

export const Detection = Type.Object(
  {
    date: Type.Optional(Nullable(IsoDate)),
    country: Type.Optional(Nullable(Place)),
    port: Type.Optional(Nullable(Line(200, { blank: true }))),
    portKind: Type.Optional(Nullable(Type.Enum(PORT_KIND_CODES))),
    holderNationality: Type.Optional(Nullable(Place)),
    route: Type.Optional(Nullable(Text(1000, { blank: true }))),
  },
  { additionalProperties: false },
);

/** The specimen's own fields: what a create carries, and what a draft edit or a proposed correction may change. */
const specimenFields = {
  documentType: Type.Enum(DOCUMENT_TYPE_CODES),
  issuingCountry: Issuer,
  series: Type.Optional(Nullable(Line(100, { blank: true }))),
  version: Type.Optional(Nullable(Line(100, { blank: true }))),
  issuedFrom: Type.Optional(Nullable(Year)),
  issuedTo: Type.Optional(Nullable(Year)),
  category: Type.Enum(CATEGORY_CODES),
  forgeryKind: Type.Optional(Nullable(Type.Enum(FORGERY_KIND_CODES))),
  features: Type.Optional(Type.Array(FeatureNote, { maxItems: FEATURE_CODES.length })),
  detection: Type.Optional(Detection),
  documentNumber: Type.Optional(Nullable(Line(60, { blank: true }))),
  holderNames: Type.Optional(Type.Array(Line(200), { maxItems: 6 })),
  description: Text(DESCRIPTION_MAX, { blank: true }),
};

export const SpecimenCreate = Type.Object({ ...specimenFields, ...ItemHandling.properties }, { additionalProperties: false });
export type SpecimenCreate = Static<typeof SpecimenCreate>;

export const SpecimenChanges = Type.Partial(Type.Object(specimenFields), { additionalProperties: false, minProperties: 1 });
export type SpecimenChanges = Static<typeof SpecimenChanges>;

/** A draft's edit: its fields and its handling (an evaluation may be cleared with null). */
export const SpecimenPatch = Type.Partial(
  Type.Object({
    ...specimenFields,
    ...ItemHandling.properties,
    sourceEvaluation: Nullable(Type.Enum(['A', 'B', 'C', 'X'])),
    informationEvaluation: Nullable(Type.Integer({ minimum: 1, maximum: 4 })),
  }),
  { additionalProperties: false, minProperties: 1 },
);
export type SpecimenPatch = Static<typeof SpecimenPatch>;

export const SpecimenParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export const SpaceParams = Type.Object({ spaceId: Uuid }, { additionalProperties: false });
export const ImageParams = Type.Object({ id: Uuid, imageId: Uuid }, { additionalProperties: false });
export const ImageQuery = Type.Object({ size: Type.Optional(Type.Enum(['full', 'thumb'])) }, { additionalProperties: false });

/** The content as read back (every optional field present, null when not given). */
export const SpecimenContent = Type.Object(
  {
    documentType: Type.String(),
    issuingCountry: Type.String(),
    series: Nullable(Type.String()),
    version: Nullable(Type.String()),
    issuedFrom: Nullable(Type.Integer()),
    issuedTo: Nullable(Type.Integer()),
    category: Type.String(),
    forgeryKind: Nullable(Type.String()),
    features: Type.Array(Type.Object({ code: Type.String(), note: Nullable(Type.String()) }, { additionalProperties: false })),
    detection: Type.Object(
      {
        date: Nullable(Type.String()),
        country: Nullable(Type.String()),
        port: Nullable(Type.String()),
        portKind: Nullable(Type.String()),
        holderNationality: Nullable(Type.String()),
        route: Nullable(Type.String()),
      },
      { additionalProperties: false },
    ),
    documentNumber: Nullable(Type.String()),
    holderNames: Type.Array(Type.String()),
    description: Type.String(),
  },
  { additionalProperties: false },
);
export type SpecimenContent = Static<typeof SpecimenContent>;

/** An image: the page it shows (null: not stated) and the light it was taken under. */
export const ImageView = Type.Object(
  {
    id: Uuid,
    page: Nullable(Type.Enum(PAGE_CODES)),
    light: Type.Enum(LIGHT_CODES),
    caption: Nullable(Type.String()),
    name: Type.String(),
    mediaType: Type.String(),
    byteSize: Type.Integer(),
    thumbnail: Type.Boolean(),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);

export const SightingCounts = Type.Object({ sightings: Type.Integer(), falsePositives: Type.Integer() }, { additionalProperties: false });

/**
 * One specimen. Metadata-only readers (auditors, the Presidency) get the item's metadata alone;
 * content readers also get the handling details, the content, the images and the sighting counts.
 */
export const SpecimenView = Type.Object(
  {
    ...ItemMetadata.properties,
    handling: Type.Optional(ItemHandlingView),
    specimen: Type.Optional(SpecimenContent),
    images: Type.Optional(Type.Array(ImageView)),
    sightingCounts: Type.Optional(SightingCounts),
    openCorrections: Type.Optional(Type.Integer()),
  },
  { additionalProperties: false },
);

/** A search result row: the clear facets, the series and an excerpt opened from the sealed content, a thumbnail. */
export const SpecimenCard = Type.Object(
  {
    id: Uuid,
    spaceId: Uuid,
    status: Type.String(),
    tlp: Tlp,
    originatorCountry: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    documentType: Type.String(),
    issuingCountry: Type.String(),
    category: Type.String(),
    forgeryKind: Nullable(Type.String()),
    features: Type.Array(Type.String()),
    detectedOn: Nullable(Type.String()),
    detectionCountry: Nullable(Type.String()),
    series: Nullable(Type.String()),
    excerpt: Type.String(),
    imageCount: Type.Integer(),
    thumbnail: Nullable(
      Type.Object({ imageId: Uuid, page: Nullable(Type.Enum(PAGE_CODES)), light: Type.Enum(LIGHT_CODES) }, { additionalProperties: false }),
    ),
    sightings: Type.Integer(),
  },
  { additionalProperties: false },
);
export type SpecimenCard = Static<typeof SpecimenCard>;

export const SORTS = ['newest', 'oldest', 'detected', 'updated'] as const;
const codeList = <T extends string>(values: readonly T[]) =>
  Type.Union([Type.Enum([...values]), Type.Array(Type.Enum([...values]), { maxItems: 20 })]);

/** Search filters (query string of GET, body of POST /api/specimens/search and the export). Several values of a facet are OR'ed. */
export const searchFilters = {
  q: Type.Optional(Line(200, { blank: true })),
  type: Type.Optional(codeList(DOCUMENT_TYPE_CODES)),
  issuingCountry: Type.Optional(codeList(ISSUER_CODES)),
  category: Type.Optional(codeList(CATEGORY_CODES)),
  feature: Type.Optional(codeList(FEATURE_CODES)),
  detectionCountry: Type.Optional(Type.Union([Place, Type.Array(Place, { maxItems: 20 })])),
  detectedFrom: Type.Optional(IsoDate),
  detectedTo: Type.Optional(IsoDate),
  status: Type.Optional(Type.Enum(['draft', 'submitted', 'published', 'withdrawn'])),
  mine: Type.Optional(Type.Boolean()),
  sort: Type.Optional(Type.Enum([...SORTS])),
};
const paging = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
};
export const SearchQuery = Type.Object({ ...searchFilters, ...paging }, { additionalProperties: false });
export const SearchBody = Type.Object({ ...searchFilters, ...paging, spaceId: Type.Optional(Uuid) }, { additionalProperties: false });
export type SearchQuery = Static<typeof SearchQuery>;
export type SearchFilters = Omit<SearchQuery, 'page' | 'pageSize'>;

export const FacetCount = Type.Object({ value: Type.String(), count: Type.Integer() }, { additionalProperties: false });
export const FACETS = ['type', 'issuingCountry', 'category', 'feature', 'detectionCountry', 'year'] as const;
export type Facet = (typeof FACETS)[number];

export const SearchResult = Type.Object(
  {
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
    items: Type.Array(SpecimenCard),
    /** For each facet, the count of every value under the other facets' filters (and the keyword and the policy). */
    facets: Type.Object(
      {
        type: Type.Array(FacetCount),
        issuingCountry: Type.Array(FacetCount),
        category: Type.Array(FacetCount),
        feature: Type.Array(FacetCount),
        detectionCountry: Type.Array(FacetCount),
        year: Type.Array(FacetCount),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export const ExportBody = Type.Object(
  { ...searchFilters, spaceId: Type.Optional(Uuid), format: Type.Enum(['csv', 'json']), language: Type.Optional(Type.Enum(['es', 'en'])) },
  { additionalProperties: false },
);

export const HitCheckBody = Type.Object(
  // Something a number is made of (a letter or a digit), in one line.
  { issuingCountry: Issuer, number: Type.String({ format: 'line', minLength: 1, maxLength: 60, pattern: '[\\p{L}\\p{N}]' }) },
  { additionalProperties: false },
);
export const HitCheckResult = Type.Object(
  {
    hit: Type.Boolean(),
    items: Type.Array(Uuid),
    /** Known in a network of the caller's under a label they do not read: ask the contact point. */
    withheld: Type.Boolean(),
  },
  { additionalProperties: false },
);

export const SightingCreate = Type.Object(
  {
    kind: Type.Enum(['sighting', 'false_positive']),
    seenOn: IsoDate,
    country: Place,
    place: Type.Optional(Nullable(Line(200, { blank: true }))),
    note: Type.Optional(Nullable(Text(2000, { blank: true }))),
  },
  { additionalProperties: false },
);
export const SightingView = Type.Object(
  {
    id: Uuid,
    kind: Type.String(),
    seenOn: Type.String(),
    country: Type.String(),
    place: Nullable(Type.String()),
    note: Nullable(Type.String()),
    reporterCountry: Type.String(),
    mine: Type.Boolean(),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);

export const CorrectionCreate = Type.Object({ changes: SpecimenChanges, comment: Text(2000) }, { additionalProperties: false });
export { CorrectionParams, CorrectionView } from '../../platform/items/corrections.ts';

export const RelatedView = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        {
          card: SpecimenCard,
          reasons: Type.Array(Type.Enum(['document_number', 'series', 'feature'])),
          features: Type.Array(Type.String()),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const TermView = Type.Object({ code: Type.String(), es: Type.String(), en: Type.String() }, { additionalProperties: false });
export const ReferenceView = Type.Object(
  {
    documentTypes: Type.Array(TermView),
    categories: Type.Array(TermView),
    forgeryKinds: Type.Array(TermView),
    featureGroups: Type.Array(Type.Object({ ...TermView.properties, features: Type.Array(TermView) }, { additionalProperties: false })),
    views: Type.Array(TermView),
    pages: Type.Array(TermView),
    lights: Type.Array(TermView),
    portKinds: Type.Array(TermView),
    issuingOrganisations: Type.Array(TermView),
    states: Type.Array(Type.Object({ code: Type.String(), alpha2: Type.String() }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);

export const AnnotationListParams = ImageParams;
export const AnnotationParams = Type.Object({ id: Uuid, imageId: Uuid, annotationId: Uuid }, { additionalProperties: false });

/** Where on the image: a rectangle in image-relative coordinates (0 to 1 from the top left corner, of the image as stored). */
const Fraction = Type.Number({ minimum: 0, maximum: 1 });
export const Region = Type.Object(
  // A size of at least a ten-thousandth of the image.
  { x: Fraction, y: Fraction, width: Type.Number({ minimum: 0.0001, maximum: 1 }), height: Type.Number({ minimum: 0.0001, maximum: 1 }) },
  { additionalProperties: false },
);
export type Region = Static<typeof Region>;

export const AnnotationCreate = Type.Object(
  { region: Region, feature: Type.Enum(FEATURE_CODES), note: Type.Optional(Nullable(Text(2000, { blank: true }))) },
  { additionalProperties: false },
);
export type AnnotationCreate = Static<typeof AnnotationCreate>;

/** A marked region as read back (region, feature and note opened from one sealed record). */
export const AnnotationView = Type.Object(
  {
    id: Uuid,
    imageId: Uuid,
    region: Region,
    feature: Type.String(),
    note: Nullable(Type.String()),
    creatorCountry: Type.String(),
    mine: Type.Boolean(),
    /** Whether the reader may remove it (its author, or the specimen's originator). */
    removable: Type.Boolean(),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
export type AnnotationView = Static<typeof AnnotationView>;
