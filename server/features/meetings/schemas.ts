import type { Static } from 'typebox';
import { Type } from 'typebox';
import { MEMBER_COUNTRIES } from '../../../policies/actor.ts';
import { Nullable } from '../../platform/http/nullable.ts';
import { Line, Text } from '../../platform/http/text.ts';
import { Country } from '../../platform/reference/countries.ts';

/**
 * Meetings and events (DOMAIN.md: GRCM, CRM plenary, network meetings, workshops and trainings,
 * joint exercises, CRM–CSM), their agenda, bilingual minutes, agreements (each making its
 * network's commitment) and, for workshops and trainings, the officials each country trained.
 */
const Uuid = Type.String({ format: 'uuid' });
const Instant = Type.String({ format: 'date-time' });
const Day = Type.String({ format: 'date' });

export const MEETING_KINDS = ['grcm', 'crm_plenary', 'network_meeting', 'workshop', 'training', 'joint_exercise', 'crm_csm'] as const;
export const TRAINING_TOPICS = ['document_fraud', 'victim_identification', 'asylum_refuge', 'other'] as const;
export const MeetingKind = Type.Enum([...MEETING_KINDS]);
export const TrainingTopic = Type.Enum([...TRAINING_TOPICS]);
const LanguageCode = Type.String({ pattern: '^[a-z]{2}$', maxLength: 2 });
/** https only, no spaces or control characters. */
const Link = Type.String({ format: 'uri', pattern: '^https://[^\\s\\p{Cc}]+$', maxLength: 500 });
export const AGENDA_MAX = 20_000;
export const MINUTES_MAX = 100_000;
export const AGREEMENT_MAX = 4000;

const meetingFields = {
  kind: MeetingKind,
  titleEs: Line(300),
  titleEn: Line(300),
  startsAt: Instant,
  endsAt: Instant,
  place: Type.Optional(Nullable(Line(300))),
  /** A video-conference link (https only). */
  link: Type.Optional(Nullable(Link)),
  languages: Type.Optional(Type.Array(LanguageCode, { maxItems: 8, uniqueItems: true })),
  /** The countries and organisations taking part. */
  participants: Type.Optional(Type.Array(Country, { maxItems: 40, uniqueItems: true })),
  /** Workshops and trainings only. */
  topic: Type.Optional(Nullable(TrainingTopic)),
  /** Sealed; only in a network's meeting. */
  agenda: Type.Optional(Nullable(Text(AGENDA_MAX))),
};

export const MeetingBody = Type.Object(
  { ...meetingFields, /** Null or absent: conference-wide. */ networkId: Type.Optional(Nullable(Uuid)) },
  { additionalProperties: false },
);
export type MeetingBody = Static<typeof MeetingBody>;

export const MeetingPatch = Type.Partial(Type.Object(meetingFields, { additionalProperties: false }), {
  additionalProperties: false,
  minProperties: 1,
});
export type MeetingPatch = Static<typeof MeetingPatch>;

export const MeetingParams = Type.Object({ id: Uuid }, { additionalProperties: false });

export const MeetingQuery = Type.Object(
  {
    networkId: Type.Optional(Uuid),
    kind: Type.Optional(MeetingKind),
    /** upcoming (ending now or later, soonest first) or past (latest first). */
    when: Type.Optional(Type.Enum(['upcoming', 'past'])),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);
export type MeetingQuery = Static<typeof MeetingQuery>;

export const MinutesBody = Type.Object({ es: Nullable(Text(MINUTES_MAX)), en: Nullable(Text(MINUTES_MAX)) }, { additionalProperties: false });
export type MinutesBody = Static<typeof MinutesBody>;

export const AgreementBody = Type.Object(
  {
    textEs: Type.Optional(Nullable(Text(AGREEMENT_MAX))),
    textEn: Type.Optional(Nullable(Text(AGREEMENT_MAX))),
    responsibles: Type.Array(Country, { minItems: 1, maxItems: 20, uniqueItems: true }),
    dueOn: Day,
  },
  { additionalProperties: false },
);
export type AgreementBody = Static<typeof AgreementBody>;

export const TrainingBody = Type.Object(
  {
    counts: Type.Array(
      Type.Object(
        { country: Type.Enum([...MEMBER_COUNTRIES]), officials: Type.Integer({ minimum: 0, maximum: 100_000 }) },
        { additionalProperties: false },
      ),
      { maxItems: MEMBER_COUNTRIES.length },
    ),
  },
  { additionalProperties: false },
);
export type TrainingBody = Static<typeof TrainingBody>;

const NetworkRef = Type.Object({ id: Uuid, code: Type.String(), nameEs: Type.String(), nameEn: Type.String() });

export const MeetingView = Type.Object({
  id: Uuid,
  network: Nullable(NetworkRef),
  kind: MeetingKind,
  titleEs: Type.String(),
  titleEn: Type.String(),
  startsAt: Instant,
  endsAt: Instant,
  place: Nullable(Type.String()),
  link: Nullable(Type.String()),
  languages: Type.Array(Type.String()),
  participants: Type.Array(Type.String()),
  topic: Nullable(TrainingTopic),
  hasMinutes: Type.Boolean(),
  permissions: Type.Object({ update: Type.Boolean() }),
});
export type MeetingView = Static<typeof MeetingView>;

export const MeetingPage = Type.Object({ total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), items: Type.Array(MeetingView) });
export type MeetingPage = Static<typeof MeetingPage>;

export const AgreementView = Type.Object({
  id: Uuid,
  textEs: Nullable(Type.String()),
  textEn: Nullable(Type.String()),
  responsibles: Type.Array(Type.String()),
  dueOn: Day,
  commitmentId: Nullable(Uuid),
  createdAt: Instant,
});
export type AgreementView = Static<typeof AgreementView>;

export const MeetingDocumentView = Type.Object({
  /** The file's id (download: /api/meetings/:id/documents/:fileId). */
  id: Uuid,
  kind: Type.Union([
    Type.Literal('agenda'),
    Type.Literal('presentation'),
    Type.Literal('minutes'),
    Type.Literal('report'),
    Type.Literal('participants'),
    Type.Literal('other'),
  ]),
  name: Type.String(),
  mediaType: Type.String(),
  byteSize: Type.Integer(),
  authorName: Type.String(),
  createdAt: Instant,
});

export const MeetingDocumentParams = Type.Object({ id: Uuid, fileId: Uuid }, { additionalProperties: false });

export const MeetingDetail = Type.Object({
  meeting: MeetingView,
  agenda: Nullable(Type.String()),
  minutes: Type.Object({ es: Nullable(Type.String()), en: Nullable(Type.String()) }),
  agreements: Type.Array(AgreementView),
  trainings: Type.Array(Type.Object({ country: Type.String(), officials: Type.Integer() })),
  /** Presentations, signed minutes, reports… (a network's meeting; sealed under its key space). */
  documents: Type.Array(MeetingDocumentView),
});
export type MeetingDetail = Static<typeof MeetingDetail>;

export const TrainingSummaryQuery = Type.Object(
  { networkId: Type.Optional(Uuid), from: Type.Optional(Day), to: Type.Optional(Day) },
  { additionalProperties: false },
);
export type TrainingSummaryQuery = Static<typeof TrainingSummaryQuery>;

export const TrainingSummary = Type.Object({
  rows: Type.Array(Type.Object({ country: Type.String(), topic: TrainingTopic, officials: Type.Integer(), meetings: Type.Integer() })),
});
export type TrainingSummary = Static<typeof TrainingSummary>;

export const CalendarKeyView = Type.Object({
  /** Shown once: only its hash is kept. */
  key: Type.String(),
  url: Type.String(),
  createdAt: Instant,
});

export const CalendarKeyStatus = Type.Object({ active: Type.Boolean(), createdAt: Nullable(Instant) });

/** The key as made (base64url): anything else is a 400 before any lookup, which says nothing of any key. */
export const CalendarQuery = Type.Object(
  { key: Type.String({ pattern: '^[A-Za-z0-9_-]{1,100}$', maxLength: 100 }) },
  { additionalProperties: false },
);
