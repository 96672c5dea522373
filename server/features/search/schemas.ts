import { Type } from 'typebox';
import { Nullable } from '../../platform/http/nullable.ts';
import { Line } from '../../platform/http/text.ts';
import { Tlp } from '../../platform/items/base.ts';

const KINDS = ['specimen', 'report', 'alert'] as const;
const Uuid = Type.String({ format: 'uuid' });

/** One box across every kind of item: words (in the body, out of addresses and logs), kinds, a page. */
export const SearchBody = Type.Object(
  {
    q: Line(200),
    kind: Type.Optional(Type.Array(Type.Enum(KINDS), { maxItems: KINDS.length, uniqueItems: true })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
  },
  { additionalProperties: false },
);

/** A hit: what any item shows in a list — its label, metadata and clear facets; the title opened for reports and alerts. */
export const SearchHit = Type.Object(
  {
    id: Uuid,
    kind: Type.Enum(KINDS),
    spaceId: Uuid,
    status: Type.String(),
    tlp: Tlp,
    originatorCountry: Type.String(),
    updatedAt: Type.String({ format: 'date-time' }),
    /** A report's or an alert's title; null for a specimen (named by its facets) or a shredded item. */
    title: Nullable(Type.String()),
    documentType: Nullable(Type.String()),
    issuingCountry: Nullable(Type.String()),
    reportKind: Nullable(Type.String()),
    severity: Nullable(Type.String()),
  },
  { additionalProperties: false },
);

export const SearchResult = Type.Object(
  {
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
    /** How many of each kind match (under the kind filter's absence: the counts to switch kinds by). */
    kinds: Type.Array(Type.Object({ value: Type.Enum(KINDS), count: Type.Integer() }, { additionalProperties: false })),
    items: Type.Array(SearchHit),
  },
  { additionalProperties: false },
);
