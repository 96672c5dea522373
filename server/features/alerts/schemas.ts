import type { Static } from 'typebox';
import { Type } from 'typebox';
import { Nullable } from '../../platform/http/nullable.ts';
import { Line, Text } from '../../platform/http/text.ts';
import { ItemHandling, ItemHandlingView, type ItemPermissions, Tlp } from '../../platform/items/base.ts';
import { MEMBER_COUNTRIES } from '../../platform/reference/countries.ts';

const Uuid = Type.String({ format: 'uuid' });
const Instant = Type.String({ format: 'date-time' });

export const Severity = Type.Enum(['info', 'warning', 'urgent']);
/**
 * Who an alert is for: `targets`, its target countries' members and organisations; `contact_points`,
 * an urgent operational message to the contact points and substitutes of its space (of its target
 * countries, or all), sent by a contact point or substitute.
 */
export const Audience = Type.Enum(['targets', 'contact_points']);
export const TITLE_MAX = 300;
export const BODY_MAX = 20_000;

export const AlertCreate = Type.Object(
  {
    spaceId: Uuid,
    title: Line(TITLE_MAX),
    body: Text(BODY_MAX),
    severity: Severity,
    audience: Type.Optional(Audience),
    targetCountries: Type.Array(Type.Enum([...MEMBER_COUNTRIES]), { maxItems: MEMBER_COUNTRIES.length, uniqueItems: true }),
    targetOrganisations: Type.Array(Uuid, { maxItems: 50, uniqueItems: true }),
    ports: Type.Optional(Type.Array(Line(120), { maxItems: 20 })),
    validFrom: Instant,
    validUntil: Instant,
    specimenIds: Type.Optional(Type.Array(Uuid, { maxItems: 20, uniqueItems: true })),
    /** Intelligence reports it links (published, readable by the issuer, under a label an audience may be given). */
    reportIds: Type.Optional(Type.Array(Uuid, { maxItems: 20, uniqueItems: true })),
    ...ItemHandling.properties,
  },
  { additionalProperties: false },
);
export type AlertCreate = Static<typeof AlertCreate>;

/** What is sealed: the alert's words. */
export interface AlertContent {
  title: string;
  body: string;
  ports: string[];
}

export const Recipient = Nullable(Type.Object({ readAt: Nullable(Instant), acknowledgedAt: Nullable(Instant) }, { additionalProperties: false }));

const cardFields = {
  id: Uuid,
  spaceId: Uuid,
  status: Type.Enum(['draft', 'submitted', 'published', 'withdrawn', 'expired']),
  tlp: Tlp,
  severity: Severity,
  audience: Audience,
  title: Type.String(),
  originatorCountry: Type.String(),
  targetCountries: Type.Array(Type.String()),
  validFrom: Instant,
  validUntil: Instant,
  publishedAt: Nullable(Instant),
  expired: Type.Boolean(),
  reviewPending: Type.Boolean(),
  recipient: Recipient,
};

export const AlertCard = Type.Object(cardFields, { additionalProperties: false });
export type AlertCard = Static<typeof AlertCard>;

export const AlertPermissions = Type.Object(
  {
    submit: Type.Boolean(),
    publish: Type.Boolean(),
    return: Type.Boolean(),
    withdraw: Type.Boolean(),
    review: Type.Boolean(),
    track: Type.Boolean(),
    acknowledge: Type.Boolean(),
  },
  { additionalProperties: false },
);

export const AlertView = Type.Object(
  {
    ...cardFields,
    body: Type.String(),
    ports: Type.Array(Type.String()),
    targetOrganisations: Type.Array(
      Type.Object(
        { id: Uuid, code: Type.String(), country: Type.String(), nameEs: Type.String(), nameEn: Type.String() },
        { additionalProperties: false },
      ),
    ),
    specimens: Type.Array(
      Type.Object(
        { id: Uuid, tlp: Tlp, documentType: Type.String(), issuingCountry: Type.String(), category: Type.String() },
        { additionalProperties: false },
      ),
    ),
    /** The linked reports this reader reads, with their (opened) titles. */
    reports: Type.Array(Type.Object({ id: Uuid, tlp: Tlp, reportKind: Type.String(), title: Type.String() }, { additionalProperties: false })),
    handling: ItemHandlingView,
    createdAt: Instant,
    updatedAt: Instant,
    permissions: AlertPermissions,
  },
  { additionalProperties: false },
);
export type AlertView = Static<typeof AlertView>;
export type AlertPermissions = Static<typeof AlertPermissions>;
export type { ItemPermissions };

export const AlertParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export const NoBody = Type.Object({}, { additionalProperties: false });

export const Inbox = Type.Object(
  { unread: Type.Integer(), unacknowledged: Type.Integer(), urgentUnread: Type.Integer(), items: Type.Array(AlertCard) },
  { additionalProperties: false },
);

const Flag = Type.Enum(['true', 'false']);
export const AlertQuery = Type.Object(
  {
    q: Type.Optional(Line(200, { blank: true })),
    severity: Type.Optional(Severity),
    status: Type.Optional(Type.Enum(['submitted', 'published', 'withdrawn'])),
    expired: Type.Optional(Flag),
    mine: Type.Optional(Flag),
    reviewPending: Type.Optional(Flag),
    page: Type.Integer({ minimum: 1, maximum: 10_000, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  },
  { additionalProperties: false },
);
export type AlertQuery = Static<typeof AlertQuery>;

export const AlertPage = Type.Object(
  { total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), items: Type.Array(AlertCard) },
  { additionalProperties: false },
);

/** The delivery board's filters (all in SQL): targeted or not, acknowledged or not, mailed or not. */
export const DeliveriesQuery = Type.Object(
  {
    target: Type.Optional(Type.Enum(['targeted', 'other'])),
    acknowledged: Type.Optional(Flag),
    mailed: Type.Optional(Flag),
  },
  { additionalProperties: false },
);
export type DeliveriesQuery = Static<typeof DeliveriesQuery>;

/** How a recipient is targeted (server/features/alerts/targets.ts); `none`: reached under an earlier rule. */
export const TargetKind = Type.Enum(['organisation', 'country', 'space', 'none']);

export const Deliveries = Type.Object(
  {
    /** Over every recipient, whatever the filters. */
    summary: Type.Object(
      { recipients: Type.Integer(), targeted: Type.Integer(), read: Type.Integer(), acknowledged: Type.Integer(), mailed: Type.Integer() },
      { additionalProperties: false },
    ),
    /** The recipients the filters select: targeted first (organisation, country), then by country and name. */
    total: Type.Integer(),
    recipients: Type.Array(
      Type.Object(
        {
          userId: Uuid,
          displayName: Type.String(),
          country: Type.String(),
          organisation: Type.String(),
          via: Type.Enum(['member', 'organisation']),
          target: TargetKind,
          deliveredAt: Instant,
          readAt: Nullable(Instant),
          acknowledgedAt: Nullable(Instant),
          mail: Type.Enum(['pending', 'encrypted', 'plain', 'failed']),
          remindedAt: Nullable(Instant),
          escalatedAt: Nullable(Instant),
        },
        { additionalProperties: false },
      ),
    ),
    webhooks: Type.Array(
      Type.Object(
        {
          id: Uuid,
          organisation: Type.String(),
          host: Type.String(),
          status: Type.Enum(['pending', 'delivered', 'failed']),
          attempts: Type.Integer(),
          deliveredAt: Nullable(Instant),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type Deliveries = Static<typeof Deliveries>;
