import type { Static } from 'typebox';
import { Type } from 'typebox';
import { Nullable } from '../../platform/http/nullable.ts';
import { Line, Text } from '../../platform/http/text.ts';
import { MEMBER_COUNTRIES } from '../../platform/reference/countries.ts';
import { STATE_CODES } from '../../platform/reference/terms.ts';

/**
 * The entry-authorisation matrix (issue 23): per member country (destination) and nationality (any
 * ISO 3166-1 alpha-3 code), what a national needs to enter. A cell not set is "no information".
 */
const Uuid = Type.String({ format: 'uuid' });
const Day = Type.String({ format: 'date' });
const Instant = Type.String({ format: 'date-time' });
const Count = Type.Integer({ minimum: 0 });

export const REQUIREMENTS = [
  'none',
  'visa',
  'electronic_authorisation',
  'visa_on_arrival',
  'transit_visa',
  'special_authorisation',
  'not_admitted',
] as const;
export const Requirement = Type.Enum([...REQUIREMENTS]);
export const Destination = Type.Enum([...MEMBER_COUNTRIES]);
export const Nationality = Type.Enum(STATE_CODES);

export const EXCEPTIONS_MAX = 2000;
export const SOURCE_MAX = 500;
export const NOTE_MAX = 2000;
export const DAYS_MAX = 3650;

/** A cell's values as a caller sends them: the requirement, and days allowed only with `none`. */
const values = {
  requirement: Requirement,
  daysAllowed: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: DAYS_MAX }))),
  /** Exceptions (passport types, residents of third countries), in Spanish and English. */
  exceptionsEs: Type.Optional(Nullable(Text(EXCEPTIONS_MAX))),
  exceptionsEn: Type.Optional(Nullable(Text(EXCEPTIONS_MAX))),
  /** The legal source (a decree, a resolution). */
  legalSource: Type.Optional(Nullable(Line(SOURCE_MAX))),
  effectiveOn: Type.Optional(Nullable(Day)),
  note: Type.Optional(Nullable(Text(NOTE_MAX))),
};

export const CellBody = Type.Object(values, { additionalProperties: false });
export type CellBody = Static<typeof CellBody>;

export const CellParams = Type.Object({ destination: Destination, nationality: Nationality }, { additionalProperties: false });

export const ListQuery = Type.Object(
  {
    /** A member country's row. */
    destination: Type.Optional(Destination),
    /** A nationality's column: where its nationals may enter, and how. */
    nationality: Type.Optional(Nationality),
    requirement: Type.Optional(Requirement),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  },
  { additionalProperties: false },
);
export type ListQuery = Static<typeof ListQuery>;

export const ExportQuery = Type.Object(
  {
    format: Type.Optional(Type.Enum(['csv'])),
    destination: Type.Optional(Destination),
    nationality: Type.Optional(Nationality),
    requirement: Type.Optional(Requirement),
  },
  { additionalProperties: false },
);
export type ExportQuery = Static<typeof ExportQuery>;

/** The values of a cell as stored (history: before and after). */
export const CellValues = Type.Object(
  {
    requirement: Requirement,
    daysAllowed: Nullable(Type.Integer()),
    exceptionsEs: Nullable(Type.String()),
    exceptionsEn: Nullable(Type.String()),
    legalSource: Nullable(Type.String()),
    effectiveOn: Nullable(Day),
    note: Nullable(Type.String()),
  },
  { additionalProperties: false },
);
export type CellValues = Static<typeof CellValues>;

export const CellView = Type.Object(
  {
    destination: Type.String(),
    nationality: Type.String(),
    ...CellValues.properties,
    /** How many times the cell was set. */
    version: Type.Integer(),
    updatedAt: Instant,
  },
  { additionalProperties: false },
);
export type CellView = Static<typeof CellView>;

/** What the caller may do with the matrix (the web application shows only these). */
export const MatrixPermissions = Type.Object(
  {
    update: Type.Boolean(),
    import: Type.Boolean(),
    decide: Type.Boolean(),
    /** The member country whose row the caller may propose changes to, if any. */
    proposeFor: Nullable(Type.String()),
  },
  { additionalProperties: false },
);

export const CellPage = Type.Object(
  { total: Count, page: Type.Integer(), pageSize: Type.Integer(), items: Type.Array(CellView), permissions: MatrixPermissions },
  { additionalProperties: false },
);
export type CellPage = Static<typeof CellPage>;

export const ChangeView = Type.Object(
  {
    id: Uuid,
    destination: Type.String(),
    nationality: Type.String(),
    /** Null: the cell had no information before. */
    oldValue: Nullable(CellValues),
    /** Null: the cell was cleared (no information since). */
    newValue: Nullable(CellValues),
    source: Type.Enum(['edit', 'proposal', 'import']),
    proposalId: Nullable(Uuid),
    changedByName: Type.String(),
    changedByCountry: Type.String(),
    changedAt: Instant,
  },
  { additionalProperties: false },
);
export type ChangeView = Static<typeof ChangeView>;

export const HistoryReply = Type.Object({ items: Type.Array(ChangeView) }, { additionalProperties: false });

export const ChangesQuery = Type.Object(
  {
    /** Changes at or after this instant (default: 30 days ago), oldest first. */
    since: Type.Optional(Instant),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  },
  { additionalProperties: false },
);
export const ChangesReply = Type.Object(
  {
    items: Type.Array(ChangeView),
    /** More changes follow: ask again from the last one's `changedAt`. */
    more: Type.Boolean(),
  },
  { additionalProperties: false },
);

export const PROPOSAL_STATUSES = ['pending', 'accepted', 'rejected'] as const;

export const ProposalBody = Type.Object(
  { destination: Destination, nationality: Nationality, ...values, reason: Type.Optional(Nullable(Text(NOTE_MAX))) },
  { additionalProperties: false },
);
export type ProposalBody = Static<typeof ProposalBody>;

export const ProposalQuery = Type.Object(
  {
    status: Type.Optional(Type.Enum([...PROPOSAL_STATUSES])),
    destination: Type.Optional(Destination),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  { additionalProperties: false },
);
export type ProposalQuery = Static<typeof ProposalQuery>;

export const ProposalParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export const DecisionBody = Type.Object({ note: Type.Optional(Nullable(Text(NOTE_MAX))) }, { additionalProperties: false });

export const ProposalView = Type.Object(
  {
    id: Uuid,
    destination: Type.String(),
    nationality: Type.String(),
    proposed: CellValues,
    /** The cell as it is now (null: no information), to compare with. */
    current: Nullable(CellValues),
    reason: Nullable(Type.String()),
    status: Type.Enum([...PROPOSAL_STATUSES]),
    proposedByName: Type.String(),
    proposedCountry: Type.String(),
    proposedAt: Instant,
    decidedAt: Nullable(Instant),
    decisionNote: Nullable(Type.String()),
  },
  { additionalProperties: false },
);
export type ProposalView = Static<typeof ProposalView>;

export const ProposalPage = Type.Object(
  { total: Count, page: Type.Integer(), pageSize: Type.Integer(), items: Type.Array(ProposalView) },
  { additionalProperties: false },
);

/** A refused import: each wrong cell named by its row (1 is the header) and column. */
export const ImportError = Type.Object(
  { row: Type.Integer(), column: Type.String(), code: Type.String(), message: Type.String() },
  { additionalProperties: false },
);
export type ImportError = Static<typeof ImportError>;

export const ImportRefusal = Type.Object(
  {
    error: Type.Object(
      {
        code: Type.String(),
        message: Type.String(),
        field: Type.Optional(Type.String()),
        requestId: Type.Optional(Type.String()),
        rows: Type.Optional(Type.Array(ImportError)),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export const ImportReply = Type.Object({ rows: Count, changed: Count, unchanged: Count }, { additionalProperties: false });
