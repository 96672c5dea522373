import type { Static } from 'typebox';
import { Type } from 'typebox';
import { Nullable } from '../../platform/http/nullable.ts';
import { Line, Text } from '../../platform/http/text.ts';
import { Place } from '../../platform/reference/countries.ts';

/**
 * Commitments: a network's plan-of-action activities (seeds 000–004) and their status updates. The
 * activity is written in Spanish, English or both; the responsible are member countries or the
 * organisations that take a country's place in the portal (IOM, UNHCR, RROCM, SV).
 */
const Uuid = Type.String({ format: 'uuid' });
const Day = Type.String({ format: 'date' });
const Instant = Type.String({ format: 'date-time' });
const Count = Type.Integer({ minimum: 0 });

export const CALENDARS = ['once', 'semiannual', 'annual', 'continuous'] as const;
export const STATUSES = ['not_started', 'in_progress', 'done'] as const;
export const Calendar = Type.Enum([...CALENDARS]);
export const Status = Type.Enum([...STATUSES]);

export const PLAN_MAX = 200;
export const SOURCE_MAX = 300;
export const ACTIVITY_MAX = 4000;
export const INDICATOR_MAX = 1000;
export const NOTE_MAX = 4000;
export const MAX_RESPONSIBLES = 15;

const editable = {
  plan: Type.Optional(Nullable(Line(PLAN_MAX))),
  source: Type.Optional(Nullable(Line(SOURCE_MAX))),
  activityEs: Type.Optional(Nullable(Text(ACTIVITY_MAX))),
  activityEn: Type.Optional(Nullable(Text(ACTIVITY_MAX))),
  indicatorEs: Type.Optional(Nullable(Text(INDICATOR_MAX))),
  indicatorEn: Type.Optional(Nullable(Text(INDICATOR_MAX))),
  /** `once`: a due date (none: to be defined); `semiannual`, `annual`: the start the periods count from; `continuous`: neither. */
  dueOn: Type.Optional(Nullable(Day)),
  startsOn: Type.Optional(Nullable(Day)),
  responsibles: Type.Array(Place, { minItems: 1, maxItems: MAX_RESPONSIBLES, uniqueItems: true }),
};

export const CommitmentBody = Type.Object({ networkId: Uuid, calendar: Calendar, ...editable }, { additionalProperties: false });
export type CommitmentBody = Static<typeof CommitmentBody>;

export const CommitmentPatch = Type.Object(
  { ...editable, calendar: Type.Optional(Calendar), responsibles: Type.Optional(editable.responsibles) },
  { additionalProperties: false, minProperties: 1 },
);
export type CommitmentPatch = Static<typeof CommitmentPatch>;

export const CommitmentParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export const EvidenceParams = Type.Object({ id: Uuid, fileId: Uuid }, { additionalProperties: false });

const filters = {
  networkId: Type.Optional(Uuid),
  plan: Type.Optional(Line(PLAN_MAX)),
  /** A responsible country or organisation: its commitments, and the status and overdue filters apply to its own. */
  responsible: Type.Optional(Place),
  status: Type.Optional(Status),
  overdue: Type.Optional(Type.Boolean()),
};
export const CommitmentQuery = Type.Object(
  {
    ...filters,
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  { additionalProperties: false },
);
export type CommitmentQuery = Static<typeof CommitmentQuery>;
export const ExportQuery = Type.Object({ ...filters, lang: Type.Optional(Type.Enum(['es', 'en'])) }, { additionalProperties: false });
export type ExportQuery = Static<typeof ExportQuery>;

export const ResponsibleView = Type.Object(
  { responsible: Type.String(), status: Status, statusAt: Nullable(Instant), overdue: Type.Boolean() },
  { additionalProperties: false },
);

export const CommitmentView = Type.Object(
  {
    id: Uuid,
    network: Type.Object({ id: Uuid, code: Type.String(), nameEs: Type.String(), nameEn: Type.String() }, { additionalProperties: false }),
    plan: Nullable(Type.String()),
    source: Nullable(Type.String()),
    agreementId: Nullable(Uuid),
    /** The meeting whose minutes recorded that agreement. */
    meetingId: Nullable(Uuid),
    activityEs: Nullable(Type.String()),
    activityEn: Nullable(Type.String()),
    indicatorEs: Nullable(Type.String()),
    indicatorEn: Nullable(Type.String()),
    calendar: Calendar,
    dueOn: Nullable(Day),
    startsOn: Nullable(Day),
    /** The end of the current period: a `once` commitment's due date, a periodic one's computed; null when there is none. */
    currentDueOn: Nullable(Day),
    responsibles: Type.Array(ResponsibleView),
    createdAt: Instant,
    updatedAt: Instant,
    /** What the caller may do: edit it (Secretariat, Presidency), report on it (a responsible), read notes and evidence. */
    permissions: Type.Object({ update: Type.Boolean(), report: Type.Boolean(), readContent: Type.Boolean() }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);
export type CommitmentView = Static<typeof CommitmentView>;

export const EvidenceView = Type.Object(
  { id: Uuid, name: Type.String(), mediaType: Type.String(), byteSize: Type.Integer() },
  { additionalProperties: false },
);

export const UpdateView = Type.Object(
  {
    id: Uuid,
    responsible: Type.String(),
    status: Status,
    /** Null when there is none, and for readers of metadata only (auditors). */
    note: Nullable(Type.String()),
    authorName: Type.String(),
    authorCountry: Type.String(),
    createdAt: Instant,
    evidenceCount: Count,
    /** Empty for readers of metadata only. */
    evidence: Type.Array(EvidenceView),
  },
  { additionalProperties: false },
);
export type UpdateView = Static<typeof UpdateView>;

export const CommitmentDetail = Type.Object({ commitment: CommitmentView, updates: Type.Array(UpdateView) }, { additionalProperties: false });

export const StatusCounts = Type.Object({ not_started: Count, in_progress: Count, done: Count, overdue: Count }, { additionalProperties: false });

export const CommitmentPage = Type.Object(
  {
    total: Count,
    page: Type.Integer(),
    pageSize: Type.Integer(),
    /** Responsible × commitment pairs of the filtered list by current status (and how many are late), counted with the list. */
    counts: StatusCounts,
    /** The plans of the commitments the caller may read (for the filter). */
    plans: Type.Array(Type.String()),
    items: Type.Array(CommitmentView),
  },
  { additionalProperties: false },
);
export type CommitmentPage = Static<typeof CommitmentPage>;
