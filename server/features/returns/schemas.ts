import type { Static } from 'typebox';
import { Type } from 'typebox';
import { Nullable } from '../../platform/http/nullable.ts';
import { asReply, Line, Text } from '../../platform/http/text.ts';

/**
 * The shapes of periodic returns: templates (a matrix's row dimensions and integer columns, or a
 * written report's sections), returns with their versions, the cell errors of a refused form or
 * file, and the roll-ups.
 */
const Uuid = Type.String({ format: 'uuid' });
const Instant = Type.String({ format: 'date-time' });
const Day = Type.String({ format: 'date' });
const Count = Type.Integer({ minimum: 0 });
/** A key in a template's layout: lower case, digits, `_` and `.` (e.g. `detected.female.minor`). */
const Key = Type.String({ pattern: '^[a-z][a-z0-9_.]{0,63}$' });
const MemberCountry = Type.String({ pattern: '^[A-Z]{3}$' });

export const ReturnKind = Type.Enum(['matrix', 'written']);
export const PeriodKind = Type.Enum(['semester', 'quarter', 'year', 'once']);
export const ReturnStatus = Type.Enum(['draft', 'submitted', 'amending']);

const Labelled = { key: Key, labelEs: Line(200), labelEn: Line(200) };

export const Choice = Type.Object(Labelled, { additionalProperties: false });

/** A row dimension: a country code (ISO 3166-1 alpha-3), free text (an entry point, a route) or a choice. */
export const Dimension = Type.Object(
  {
    ...Labelled,
    type: Type.Enum(['country', 'text', 'choice']),
    values: Type.Optional(Type.Array(Choice, { minItems: 1, maxItems: 100 })),
  },
  { additionalProperties: false },
);
export type Dimension = Static<typeof Dimension>;

/** An integer column, with what it counts: the measure, and the sex and age group it is about (minors apart). */
export const Column = Type.Object(
  {
    ...Labelled,
    measure: Type.Optional(Key),
    sex: Type.Optional(Type.Enum(['female', 'male'])),
    age: Type.Optional(Type.Enum(['adult', 'minor'])),
  },
  { additionalProperties: false },
);
export type Column = Static<typeof Column>;

export const Section = Type.Object(Labelled, { additionalProperties: false });
export type Section = Static<typeof Section>;

const Layout = {
  kind: ReturnKind,
  titleEs: Line(200),
  titleEn: Line(200),
  periodKind: PeriodKind,
  /** Days after a period's end that its return is due. */
  dueDays: Type.Integer({ minimum: 0, maximum: 366 }),
  /** A one-off return's own due date (and only theirs). */
  dueOn: Type.Optional(Day),
  /** The countries concerned; by default the conference's member countries. */
  countries: Type.Optional(Type.Array(MemberCountry, { minItems: 1, maxItems: 20 })),
  observersContribute: Type.Optional(Type.Boolean()),
  /** A matrix: one or two row dimensions and its integer columns. */
  dimensions: Type.Optional(Type.Array(Dimension, { minItems: 1, maxItems: 2 })),
  columns: Type.Optional(Type.Array(Column, { minItems: 1, maxItems: 120 })),
  /** A written return: its sections. */
  sections: Type.Optional(Type.Array(Section, { minItems: 1, maxItems: 30 })),
};

export const TemplateCreate = Type.Object({ networkId: Uuid, ...Layout }, { additionalProperties: false });
export type TemplateCreate = Static<typeof TemplateCreate>;

/**
 * The Secretariat's edit of a template: only the fields sent change. Titles, schedule, countries,
 * observers and `archived` at any time; the layout (kind, period kind, dimensions, columns,
 * sections) only while no return has been opened for it. `dueOn`: a one-off's date (null to clear
 * it when the period kind changes away from `once`).
 */
export const TemplatePatch = Type.Object(
  {
    titleEs: Type.Optional(Layout.titleEs),
    titleEn: Type.Optional(Layout.titleEn),
    dueDays: Type.Optional(Layout.dueDays),
    dueOn: Type.Optional(Nullable(Day)),
    countries: Type.Optional(Type.Array(MemberCountry, { minItems: 1, maxItems: 20 })),
    observersContribute: Type.Optional(Type.Boolean()),
    archived: Type.Optional(Type.Boolean()),
    kind: Type.Optional(ReturnKind),
    periodKind: Type.Optional(PeriodKind),
    dimensions: Layout.dimensions,
    columns: Layout.columns,
    sections: Layout.sections,
  },
  { additionalProperties: false, minProperties: 1 },
);
export type TemplatePatch = Static<typeof TemplatePatch>;

/** A ready definition the Secretariat creates a template from (the seeds' four). */
export const TemplatePreset = Type.Object({ preset: Key, ...Layout }, { additionalProperties: false });
export type TemplatePreset = Static<typeof TemplatePreset>;

const ReplyLabelled = { key: Type.String(), labelEs: Type.String(), labelEn: Type.String() };

export const TemplateView = Type.Object(
  {
    id: Uuid,
    networkId: Uuid,
    kind: ReturnKind,
    titleEs: Type.String(),
    titleEn: Type.String(),
    periodKind: PeriodKind,
    dueDays: Count,
    dueOn: Nullable(Day),
    countries: Type.Array(Type.String()),
    observersContribute: Type.Boolean(),
    dimensions: Type.Array(
      Type.Object(
        {
          ...ReplyLabelled,
          type: Type.Enum(['country', 'text', 'choice']),
          values: Type.Optional(Type.Array(Type.Object(ReplyLabelled, { additionalProperties: false }))),
        },
        { additionalProperties: false },
      ),
    ),
    columns: Type.Array(
      Type.Object(
        {
          ...ReplyLabelled,
          measure: Type.Optional(Type.String()),
          sex: Type.Optional(Type.Enum(['female', 'male'])),
          age: Type.Optional(Type.Enum(['adult', 'minor'])),
        },
        { additionalProperties: false },
      ),
    ),
    sections: Type.Array(Type.Object(ReplyLabelled, { additionalProperties: false })),
    /** Archived: it opens no new return (its returns stay readable). */
    archived: Type.Boolean(),
    archivedAt: Nullable(Instant),
    /** To whoever may edit it: whether a return has been opened for it (its layout can no longer change); null to others. */
    layoutLocked: Nullable(Type.Boolean()),
    /** What the reader may do with it (the web shows only these). */
    permissions: Type.Object({ update: Type.Boolean() }, { additionalProperties: false }),
    createdAt: Instant,
    updatedAt: Nullable(Instant),
  },
  { additionalProperties: false },
);
export type TemplateView = Static<typeof TemplateView>;

export const TemplateList = Type.Object({ items: Type.Array(TemplateView) }, { additionalProperties: false });
export const PresetList = Type.Object({ items: Type.Array(asReply(TemplatePreset)) }, { additionalProperties: false });

export const TemplateQuery = Type.Object({ networkId: Type.Optional(Uuid) }, { additionalProperties: false });
export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export const FileQuery = Type.Object(
  { format: Type.Optional(Type.Enum(['xlsx', 'csv'])), language: Type.Optional(Type.Enum(['es', 'en'])) },
  { additionalProperties: false },
);

/** A period: `2026-S1` (semester), `2026-Q3` (quarter), `2026` (year) or `once`. */
export const Period = Type.String({ pattern: '^(\\d{4}(-S[12]|-Q[1-4])?|once)$' });

export const ReturnCreate = Type.Object(
  {
    templateId: Uuid,
    period: Period,
    /** Whose return: the caller's country by default (an observer names the country it contributes for). */
    country: Type.Optional(MemberCountry),
  },
  { additionalProperties: false },
);
export type ReturnCreate = Static<typeof ReturnCreate>;

/** A matrix row as a form sends it: the row dimensions in order, and each column's value as typed, in the template's column order. */
export const FormRow = Type.Object(
  {
    dims: Type.Array(Line(200, { blank: true }), { maxItems: 2 }),
    values: Type.Array(Line(40, { blank: true }), { maxItems: 120 }),
  },
  { additionalProperties: false },
);
export type FormRow = Static<typeof FormRow>;

export const ReturnPatch = Type.Object(
  {
    rows: Type.Optional(Type.Array(FormRow, { maxItems: 5000 })),
    sections: Type.Optional(
      Type.Array(Type.Object({ key: Key, text: Text(20_000, { blank: true }) }, { additionalProperties: false }), { maxItems: 30 }),
    ),
  },
  { additionalProperties: false },
);
export type ReturnPatch = Static<typeof ReturnPatch>;

export const AmendBody = Type.Object({ reason: Line(500) }, { additionalProperties: false });

export const ReturnQuery = Type.Object(
  {
    templateId: Type.Optional(Uuid),
    networkId: Type.Optional(Uuid),
    period: Type.Optional(Period),
    country: Type.Optional(MemberCountry),
    status: Type.Optional(ReturnStatus),
  },
  { additionalProperties: false },
);
export const VersionQuery = Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })) }, { additionalProperties: false });

export const ReturnPermissions = Type.Object(
  {
    figures: Type.Boolean(),
    content: Type.Boolean(),
    draft: Type.Boolean(),
    update: Type.Boolean(),
    submit: Type.Boolean(),
    amend: Type.Boolean(),
  },
  { additionalProperties: false },
);

export const ReturnSummary = Type.Object(
  {
    id: Uuid,
    templateId: Uuid,
    networkId: Uuid,
    kind: ReturnKind,
    titleEs: Type.String(),
    titleEn: Type.String(),
    period: Type.String(),
    country: Type.String(),
    status: ReturnStatus,
    version: Count,
    submittedVersion: Nullable(Count),
    dueOn: Day,
    /** Due and not submitted (by the server's clock). */
    late: Type.Boolean(),
    createdAt: Instant,
    updatedAt: Instant,
  },
  { additionalProperties: false },
);
export type ReturnSummary = Static<typeof ReturnSummary>;

export const ReturnList = Type.Object({ items: Type.Array(ReturnSummary) }, { additionalProperties: false });

/** What a version holds, as far as the reader may see it. */
export const VersionContent = Type.Object(
  {
    version: Count,
    submitted: Type.Boolean(),
    rows: Nullable(
      Type.Array(Type.Object({ dims: Type.Array(Type.String()), values: Type.Record(Type.String(), Count) }, { additionalProperties: false })),
    ),
    sections: Nullable(Type.Record(Type.String(), Type.String())),
  },
  { additionalProperties: false },
);
export type VersionContent = Static<typeof VersionContent>;

export const ReturnView = Type.Object(
  { ...ReturnSummary.properties, permissions: ReturnPermissions, shown: Nullable(VersionContent) },
  { additionalProperties: false },
);
export type ReturnView = Static<typeof ReturnView>;

export const HistoryEntry = Type.Object(
  {
    version: Count,
    reason: Nullable(Type.String()),
    source: Type.Enum(['form', 'xlsx', 'csv']),
    createdBy: Type.String(),
    createdAt: Instant,
    updatedBy: Type.String(),
    updatedAt: Instant,
    submittedBy: Nullable(Type.String()),
    submittedAt: Nullable(Instant),
  },
  { additionalProperties: false },
);
export const History = Type.Object({ items: Type.Array(HistoryEntry) }, { additionalProperties: false });

/** One refused cell: where (sheet and A1 reference; `form` for the form) and why, in the caller's language. */
export const CellError = Type.Object(
  { sheet: Nullable(Type.String()), cell: Type.String(), code: Type.String(), message: Type.String() },
  { additionalProperties: false },
);
export type CellError = Static<typeof CellError>;

/** The API's error body, with the refused cells when there are some (`return_cells_invalid`). */
export const CellsReply = Type.Object(
  {
    error: Type.Object(
      {
        code: Type.String(),
        message: Type.String(),
        field: Type.Optional(Type.String()),
        requestId: Type.Optional(Type.String()),
        cells: Type.Optional(Type.Array(CellError)),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export const RollupQuery = Type.Object(
  {
    templateId: Uuid,
    /** One period; every period when absent (a trend). */
    period: Type.Optional(Period),
    /** A row dimension's key, or `country` (the reporting country). Default: the first dimension. */
    by: Type.Optional(Key),
    language: Type.Optional(Type.Enum(['es', 'en'])),
  },
  { additionalProperties: false },
);
export type RollupQuery = Static<typeof RollupQuery>;

export const RollupExportQuery = Type.Object({ ...RollupQuery.properties, format: Type.Enum(['csv', 'xlsx']) }, { additionalProperties: false });

export const Rollup = Type.Object(
  {
    template: TemplateView,
    by: Type.String(),
    periods: Type.Array(Type.Object({ period: Type.String(), submitted: Count, concerned: Count }, { additionalProperties: false })),
    rows: Type.Array(
      Type.Object(
        {
          period: Type.String(),
          key: Type.String(),
          label: Type.String(),
          total: Count,
          adults: Count,
          minors: Count,
          values: Type.Record(Type.String(), Count),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type Rollup = Static<typeof Rollup>;
