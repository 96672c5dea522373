import { type Static, Type } from 'typebox';
import { NOTIFICATION_KINDS } from '../../platform/notifications/store.ts';

const Uuid = Type.String({ format: 'uuid' });
export const Kind = Type.Enum([...NOTIFICATION_KINDS]);

export const NotificationQuery = Type.Object(
  {
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);

export const NotificationParams = Type.Object({ id: Uuid }, { additionalProperties: false });

export const NotificationView = Type.Object(
  {
    id: Uuid,
    /** saved_search: a newly published item matches one of my saved searches. */
    kind: Kind,
    itemId: Uuid,
    itemKind: Type.String(),
    /** The saved search (null once removed). */
    sourceId: Type.Union([Uuid, Type.Null()]),
    /** What I called it (its name when the notice was made). */
    label: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
    readAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { additionalProperties: false },
);

export const NotificationPage = Type.Object(
  { total: Type.Integer(), unread: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), items: Type.Array(NotificationView) },
  { additionalProperties: false },
);

export const Preferences = Type.Object(
  {
    /** For each kind of notice, whether it may come by mail too (its source still decides: a saved search mails only when asked to). */
    preferences: Type.Array(Type.Object({ kind: Kind, mail: Type.Boolean() }, { additionalProperties: false }), {
      maxItems: NOTIFICATION_KINDS.length,
    }),
  },
  { additionalProperties: false },
);
export type Preferences = Static<typeof Preferences>;
