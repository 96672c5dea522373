import { Type } from 'typebox';
import { Line } from '../../platform/http/text.ts';

const Uuid = Type.String({ format: 'uuid' });
const Time = Type.String({ format: 'date-time' });
const Hex = Type.String({ pattern: '^[0-9a-f]{64}$' });
const Outcome = Type.Enum(['allowed', 'denied', 'error']);

const Filters = {
  actor: Type.Optional(Uuid),
  space: Type.Optional(Uuid),
  subject: Type.Optional(Line(200)),
  action: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9_.]{0,79}$' })),
  outcome: Type.Optional(Outcome),
  /** Entries whose stated purpose of access contains this text (any case): person reads, RED reads. */
  purpose: Type.Optional(Line(200)),
  from: Type.Optional(Time),
  to: Type.Optional(Time),
};

export const AuditQuery = Type.Object(
  {
    ...Filters,
    before: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  },
  { additionalProperties: false },
);
export const ExportQuery = Type.Object(Filters, { additionalProperties: false });

export const Person = Type.Object(
  { id: Uuid, displayName: Type.String(), email: Type.String(), country: Type.String() },
  { additionalProperties: false },
);
const SpaceName = Type.Object({ id: Uuid, nameEs: Type.String(), nameEn: Type.String() }, { additionalProperties: false });

export const EntryView = Type.Object(
  {
    seq: Type.Integer(),
    at: Time,
    actor: Type.Union([Person, Type.Null()]),
    actorCountry: Type.Union([Type.String(), Type.Null()]),
    action: Type.String(),
    outcome: Outcome,
    subjectType: Type.Union([Type.String(), Type.Null()]),
    subjectId: Type.Union([Type.String(), Type.Null()]),
    space: Type.Union([SpaceName, Type.Null()]),
    requestId: Type.Union([Type.String(), Type.Null()]),
    clientAddress: Type.Union([Type.String(), Type.Null()]),
    userAgent: Type.Union([Type.String(), Type.Null()]),
    purpose: Type.Union([Type.String(), Type.Null()]),
    details: Type.Record(Type.String(), Type.Unknown()),
    hash: Hex,
  },
  { additionalProperties: false },
);
export const EntryPage = Type.Object(
  { entries: Type.Array(EntryView), nextBefore: Type.Union([Type.Integer(), Type.Null()]) },
  { additionalProperties: false },
);

export const Facets = Type.Object(
  { actors: Type.Array(Person), spaces: Type.Array(SpaceName), actions: Type.Array(Type.String()) },
  { additionalProperties: false },
);

export const VerificationView = Type.Object(
  {
    at: Time,
    ok: Type.Boolean(),
    throughSeq: Type.Integer(),
    firstBad: Type.Union([Type.Integer(), Type.Null()]),
    reason: Type.Union([Type.String(), Type.Null()]),
  },
  { additionalProperties: false },
);

export const CheckpointView = Type.Object(
  { seq: Type.Integer(), hash: Hex, at: Time, signature: Type.String(), fingerprint: Type.String() },
  { additionalProperties: false },
);
export const CheckpointQuery = Type.Object(
  {
    before: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  },
  { additionalProperties: false },
);
export const CheckpointPage = Type.Object(
  { checkpoints: Type.Array(CheckpointView), nextBefore: Type.Union([Type.Integer(), Type.Null()]) },
  { additionalProperties: false },
);

export const Integrity = Type.Object(
  {
    head: Type.Union([Type.Object({ seq: Type.Integer(), at: Time }, { additionalProperties: false }), Type.Null()]),
    lastCheckpoint: Type.Union([
      Type.Object({ seq: Type.Integer(), hash: Hex, at: Time, fingerprint: Type.String() }, { additionalProperties: false }),
      Type.Null(),
    ]),
    lastVerification: Type.Union([VerificationView, Type.Null()]),
    fingerprint: Type.String(),
  },
  { additionalProperties: false },
);

export const AnomalyQuery = Type.Object({ from: Type.Optional(Time), to: Type.Optional(Time) }, { additionalProperties: false });
export const Anomalies = Type.Object(
  {
    thresholds: Type.Object(
      {
        readsPerHour: Type.Integer(),
        denialsPerHour: Type.Integer(),
        personLookupsPerHour: Type.Integer(),
        unusualHourShare: Type.Number(),
        minHistory: Type.Integer(),
      },
      { additionalProperties: false },
    ),
    anomalies: Type.Array(
      Type.Object(
        {
          kind: Type.Enum(['reads_per_hour', 'repeated_denials', 'person_lookups_per_hour', 'unusual_hour']),
          actor: Type.Union([Person, Type.Null()]),
          clientAddress: Type.Union([Type.String(), Type.Null()]),
          at: Time,
          count: Type.Integer(),
          threshold: Type.Number(),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
