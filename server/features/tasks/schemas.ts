import type { Static } from 'typebox';
import { Type } from 'typebox';
import { Nullable } from '../../platform/http/nullable.ts';
import { Tlp } from '../../platform/items/base.ts';

const Uuid = Type.String({ format: 'uuid' });
const Instant = Type.String({ format: 'date-time' });
const Day = Type.String({ format: 'date' });
const Count = Type.Integer({ minimum: 0 });

/**
 * One item on the home page: metadata and the coarse facets kept in clear (a specimen's type,
 * issuer and category; an alert's severity and validity), never sealed content — the page names
 * a specimen from its facets and an alert from its severity, and links to the item.
 */
export const TaskItem = Type.Object(
  {
    id: Uuid,
    kind: Type.Enum(['specimen', 'report', 'alert', 'person', 'library']),
    spaceId: Uuid,
    status: Type.Enum(['draft', 'submitted', 'published', 'withdrawn', 'expired']),
    tlp: Tlp,
    originatorCountry: Type.String(),
    createdAt: Instant,
    updatedAt: Instant,
    documentType: Nullable(Type.String()),
    issuingCountry: Nullable(Type.String()),
    category: Nullable(Type.String()),
    severity: Nullable(Type.Enum(['info', 'warning', 'urgent'])),
    validUntil: Nullable(Instant),
    /** A report's kind (route, network…), kept in clear. */
    reportKind: Nullable(Type.Enum(['route', 'modus_operandi', 'acquisition_method', 'network', 'operation'])),
    /** Corrections proposed and not yet decided (on the items of `corrections`; 0 elsewhere). */
    corrections: Count,
  },
  { additionalProperties: false },
);
export type TaskItem = Static<typeof TaskItem>;

/** A space I belong to, with its loading deadline. */
export const TaskSpace = Type.Object(
  {
    id: Uuid,
    networkId: Uuid,
    nameEs: Type.String(),
    nameEn: Type.String(),
    role: Type.Enum(['officer', 'contact_point', 'substitute', 'observer']),
    opensOn: Day,
    loadingDeadline: Day,
  },
  { additionalProperties: false },
);

export const Tasks = Type.Object(
  {
    counts: Type.Object(
      {
        specimensToValidate: Count,
        alertsToValidate: Count,
        reportsToValidate: Count,
        personsToValidate: Count,
        alertsToReview: Count,
        /** Proposed corrections of my published items, waiting for my decision. */
        corrections: Count,
        returned: Count,
        drafts: Count,
        unread: Count,
        unacknowledged: Count,
      },
      { additionalProperties: false },
    ),
    /** Oldest first, a few of each: what waits for me. */
    toValidate: Type.Array(TaskItem),
    toReview: Type.Array(TaskItem),
    corrections: Type.Array(TaskItem),
    returned: Type.Array(TaskItem),
    /** My latest items, newest first (drafts among them). */
    recent: Type.Array(TaskItem),
    spaces: Type.Array(TaskSpace),
  },
  { additionalProperties: false },
);
export type Tasks = Static<typeof Tasks>;
