import { type Static, Type } from 'typebox';
import { DELIVERIES, NOTIFICATION_KINDS } from '../../platform/notifications/store.ts';

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
    /**
     * saved_search: a newly published item matches one of my saved searches; validation_waiting: an
     * item of my country waits for my validation; returned_to_draft: my item was returned to me;
     * correction_proposed / correction_decided: a correction of my item proposed, or one I proposed
     * decided; sighting: a sighting reported on my item; deadline_due / deadline_late: my country's
     * obligation (a space's loading) due soon, or late; entry_requirement_changed: a cell of the
     * entry-authorisation matrix changed.
     * obligation (a space's loading) due soon, or late; directory_unconfirmed: my country's directory
     * entry in a network (the label) not confirmed for six months; meeting_reminder: a meeting I read
     * (the subject; its title the label, its day `dueOn`) starts within a week, or a day.
     */
    kind: Kind,
    /** The item (null for a deadline notice). */
    itemId: Type.Union([Uuid, Type.Null()]),
    itemKind: Type.Union([Type.String(), Type.Null()]),
    /** The saved search (null once removed, and for other kinds). */
    sourceId: Type.Union([Uuid, Type.Null()]),
    /** The correction or sighting; for a deadline, the space (or return) that is due. */
    subjectId: Type.Union([Uuid, Type.Null()]),
    /** What is due: a space's loading, a periodic return (deadline notices). */
    obligation: Type.Union([Type.Enum(['loading', 'return']), Type.Null()]),
    /** The space a deadline notice leads to. */
    spaceId: Type.Union([Uuid, Type.Null()]),
    dueOn: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
    /** The cell of the entry-authorisation matrix a change notice is about (alpha-3 codes; null: several cells changed at once). */
    destination: Type.Union([Type.String(), Type.Null()]),
    nationality: Type.Union([Type.String(), Type.Null()]),
    /** What I called its source (a saved search's name), or the obligation's name; null for the workflow's notices. */
    label: Type.Union([Type.String(), Type.Null()]),
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
    /**
     * For each kind of notice, how it comes by mail: one by one (immediate), in a weekly digest, or
     * not at all (the portal's list has it anyway). A saved search still mails only when asked to.
     */
    preferences: Type.Array(Type.Object({ kind: Kind, mail: Type.Enum([...DELIVERIES]) }, { additionalProperties: false }), {
      maxItems: NOTIFICATION_KINDS.length,
    }),
  },
  { additionalProperties: false },
);
export type Preferences = Static<typeof Preferences>;
