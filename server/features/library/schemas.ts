import type { Static } from 'typebox';
import { Type } from 'typebox';
import { Nullable } from '../../platform/http/nullable.ts';
import { Line, Text } from '../../platform/http/text.ts';
import { ItemHandling, ItemMetadata, Tlp } from '../../platform/items/base.ts';
import { Country } from '../../platform/reference/countries.ts';

/**
 * The library (issue 23): documents and links per space, and conference-wide (TLP CLEAR) — each with
 * a title and summary in Spanish and English, a type, the country it concerns, a year, a language,
 * tags and a TLP; a file document keeps its versions (PDFs and images), a link document a https URL.
 */
const Uuid = Type.String({ format: 'uuid' });
const Instant = Type.String({ format: 'date-time' });

export const DOC_TYPES = ['legislation', 'comparative_matrix', 'manual', 'guideline', 'asylum_mechanism', 'campaign', 'training', 'other'] as const;
export const DocType = Type.Enum([...DOC_TYPES]);
export const LANGUAGES = ['es', 'en', 'fr', 'pt', 'other'] as const;
export const DocLanguage = Type.Enum([...LANGUAGES]);
export const Year = Type.Integer({ minimum: 1900, maximum: 2100 });
export const Tag = Line(60);
/** A link: https only (no other scheme reaches a reader's browser). */
export const HttpsUrl = Type.String({ format: 'uri', pattern: '^https://[^\\s]+$', maxLength: 2000 });

const Bilingual = (max: number, text: boolean) =>
  Type.Object({ es: text ? Text(max) : Line(max), en: text ? Text(max) : Line(max) }, { additionalProperties: false });

export const LibraryFields = {
  title: Bilingual(300, false),
  summary: Bilingual(4000, true),
  docType: DocType,
  country: Type.Optional(Nullable(Country)),
  year: Type.Optional(Nullable(Year)),
  language: DocLanguage,
  tags: Type.Optional(Type.Array(Tag, { maxItems: 20, uniqueItems: true })),
};

export const LibraryCreate = Type.Object(
  { ...ItemHandling.properties, spaceId: Uuid, ...LibraryFields, url: Type.Optional(HttpsUrl) },
  { additionalProperties: false },
);
export type LibraryCreate = Static<typeof LibraryCreate>;

export const LibraryPatch = Type.Object(
  {
    title: Type.Optional(LibraryFields.title),
    summary: Type.Optional(LibraryFields.summary),
    docType: Type.Optional(DocType),
    country: LibraryFields.country,
    year: LibraryFields.year,
    language: Type.Optional(DocLanguage),
    tags: LibraryFields.tags,
    url: Type.Optional(HttpsUrl),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type LibraryPatch = Static<typeof LibraryPatch>;

/** What is sealed of a document. */
export interface LibraryContent {
  title: { es: string; en: string };
  summary: { es: string; en: string };
  tags: string[];
  url: string | null;
}

export const LibraryParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export const VersionParams = Type.Object({ id: Uuid, versionId: Uuid }, { additionalProperties: false });

export const VersionView = Type.Object(
  {
    id: Uuid,
    seq: Type.Integer(),
    name: Type.String(),
    mediaType: Type.String(),
    byteSize: Type.Integer(),
    /** Whether words were read out of it (a PDF with a text layer). */
    textIndexed: Type.Boolean(),
    createdAt: Instant,
  },
  { additionalProperties: false },
);

export const LibraryCard = Type.Object(
  {
    id: Uuid,
    spaceId: Uuid,
    tlp: Tlp,
    originatorCountry: Type.String(),
    title: Type.Object({ es: Type.String(), en: Type.String() }, { additionalProperties: false }),
    docType: DocType,
    country: Nullable(Type.String()),
    year: Nullable(Type.Integer()),
    language: DocLanguage,
    tags: Type.Array(Type.String()),
    isLink: Type.Boolean(),
    versions: Type.Integer(),
    createdAt: Instant,
  },
  { additionalProperties: false },
);
export type LibraryCard = Static<typeof LibraryCard>;

export const LibraryView = Type.Object(
  {
    ...LibraryCard.properties,
    summary: Type.Object({ es: Type.String(), en: Type.String() }, { additionalProperties: false }),
    url: Nullable(Type.String()),
    updatedAt: Instant,
    canEdit: Type.Boolean(),
    versionList: Type.Array(VersionView),
  },
  { additionalProperties: false },
);
export type LibraryView = Static<typeof LibraryView>;

/** The item metadata alone (auditors and the Presidency, who never read content). */
export const LibraryReply = Type.Union([LibraryView, ItemMetadata]);

export const LibrarySearch = Type.Object(
  {
    q: Type.Optional(Line(200, { blank: true })),
    type: Type.Optional(DocType),
    country: Type.Optional(Country),
    year: Type.Optional(Year),
    language: Type.Optional(DocLanguage),
    tag: Type.Optional(Tag),
    spaceId: Type.Optional(Uuid),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  },
  { additionalProperties: false },
);
export type LibrarySearch = Static<typeof LibrarySearch>;

export const LibraryListQuery = Type.Object(
  { spaceId: Type.Optional(Uuid), page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })) },
  { additionalProperties: false },
);

export const PAGE_SIZE = 20;

export const LibraryPage = Type.Object(
  { total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), items: Type.Array(LibraryCard) },
  { additionalProperties: false },
);
