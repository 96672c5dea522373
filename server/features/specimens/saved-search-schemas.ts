import { type Static, Type } from 'typebox';
import { Line } from '../../platform/http/text.ts';
import { searchFilters } from './schemas.ts';

const Uuid = Type.String({ format: 'uuid' });

export const SAVED_SEARCH_NAME_MAX = 100;
/** How many searches one person may keep (each is looked at whenever a specimen is published). */
export const SAVED_SEARCHES_MAX = 50;

/**
 * What a saved search searches: the keywords, the facets, the period and the sort of the specimen
 * search (the status and "mine" are left out: a notice is about someone else's newly published
 * specimen). The same names as POST /api/specimens/search, so the web runs it as it is.
 */
const { status: _status, mine: _mine, ...saved } = searchFilters;
export const SavedFilters = Type.Object(saved, { additionalProperties: false });
export type SavedFilters = Static<typeof SavedFilters>;

export const SavedSearchCreate = Type.Object(
  {
    name: Line(SAVED_SEARCH_NAME_MAX),
    search: SavedFilters,
    /** One space, or every space I read (absent). */
    spaceId: Type.Optional(Uuid),
    /** Notify me in the portal (false), or by mail as well (true). */
    mail: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type SavedSearchCreate = Static<typeof SavedSearchCreate>;

export const SavedSearchPatch = Type.Object(
  { name: Type.Optional(Line(SAVED_SEARCH_NAME_MAX)), mail: Type.Optional(Type.Boolean()) },
  { additionalProperties: false, minProperties: 1 },
);
export type SavedSearchPatch = Static<typeof SavedSearchPatch>;

export const SavedSearchParams = Type.Object({ id: Uuid }, { additionalProperties: false });

export const SavedSearchView = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    search: SavedFilters,
    spaceId: Type.Union([Uuid, Type.Null()]),
    mail: Type.Boolean(),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);
export type SavedSearchView = Static<typeof SavedSearchView>;

export const SavedSearchList = Type.Object({ items: Type.Array(SavedSearchView), max: Type.Integer() }, { additionalProperties: false });
