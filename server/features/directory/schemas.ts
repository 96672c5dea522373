import type { Static } from 'typebox';
import { Type } from 'typebox';
import { Nullable } from '../../platform/http/nullable.ts';
import { Line } from '../../platform/http/text.ts';

/**
 * The network directory (DOMAIN.md; seeds 002 §1.2, 003): per network, one entry per member
 * country — its contact point and substitute (from the memberships), and what the country keeps:
 * organisation, office and mobile phones, a 24/7 line, languages, and further contacts by kind.
 */
const Uuid = Type.String({ format: 'uuid' });
const Instant = Type.String({ format: 'date-time' });

/** A telephone number as people write it: digits, an optional leading +, spaces, ( ) . - / between. */
export const Phone = Type.String({ pattern: '^\\+?[0-9][0-9 ().\\-/]{1,38}[0-9]$', maxLength: 40 });
export const Email = Type.String({ format: 'email', minLength: 3, maxLength: 254 });
/** A language, as an ISO 639-1 code (es, en, fr, pt…). */
export const LanguageCode = Type.String({ pattern: '^[a-z]{2}$', maxLength: 2 });

export const CONTACT_KINDS = ['duty', 'campaign', 'consular'] as const;
/** duty: a migration authority's duty contact; campaign: a campaign focal point; consular: a consular focal point. */
export const ContactKind = Type.Enum([...CONTACT_KINDS]);

export const MAX_CONTACTS = 40;
export const MAX_LANGUAGES = 8;

export const Contact = Type.Object(
  {
    kind: ContactKind,
    name: Line(200),
    title: Type.Optional(Nullable(Line(200))),
    organisation: Type.Optional(Nullable(Line(300))),
    email: Type.Optional(Nullable(Email)),
    phone: Type.Optional(Nullable(Phone)),
    mobile: Type.Optional(Nullable(Phone)),
  },
  { additionalProperties: false },
);
export type Contact = Static<typeof Contact>;

export const EntryPatch = Type.Object(
  {
    organisation: Type.Optional(Nullable(Line(300))),
    officePhone: Type.Optional(Nullable(Phone)),
    mobilePhone: Type.Optional(Nullable(Phone)),
    /** The line answered day and night for urgent operational actions. */
    line24h: Type.Optional(Nullable(Phone)),
    languages: Type.Optional(Type.Array(LanguageCode, { maxItems: MAX_LANGUAGES, uniqueItems: true })),
    /** Replaces the whole list. */
    contacts: Type.Optional(Type.Array(Contact, { maxItems: MAX_CONTACTS })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type EntryPatch = Static<typeof EntryPatch>;

export const DirectoryParams = Type.Object({ networkId: Uuid }, { additionalProperties: false });
export const DirectoryQuery = Type.Object(
  {
    /** json (default) or vcard: a .vcf of every contact of the directory (vCard 4.0). */
    format: Type.Optional(Type.Enum(['json', 'vcard'])),
    /** The language of the vCard's titles and notes (default: the caller's). */
    lang: Type.Optional(Type.Enum(['es', 'en'])),
  },
  { additionalProperties: false },
);
export const EntryParams = Type.Object({ countryEntryId: Uuid }, { additionalProperties: false });
export const AppointBody = Type.Object({ userId: Uuid }, { additionalProperties: false });

const Person = Type.Object({ userId: Uuid, displayName: Type.String(), email: Type.String() }, { additionalProperties: false });

/** What a country keeps of its entry (sealed at rest). */
export interface EntryContent {
  organisation: string | null;
  officePhone: string | null;
  mobilePhone: string | null;
  line24h: string | null;
  languages: string[];
  contacts: Contact[];
}

export const EntryView = Type.Object(
  {
    id: Uuid,
    networkId: Uuid,
    country: Type.String(),
    contactPoint: Nullable(Person),
    substitute: Nullable(Person),
    organisation: Nullable(Type.String()),
    officePhone: Nullable(Type.String()),
    mobilePhone: Nullable(Type.String()),
    line24h: Nullable(Type.String()),
    languages: Type.Array(Type.String()),
    contacts: Type.Array(
      Type.Object(
        {
          kind: ContactKind,
          name: Type.String(),
          title: Nullable(Type.String()),
          organisation: Nullable(Type.String()),
          email: Nullable(Type.String()),
          phone: Nullable(Type.String()),
          mobile: Nullable(Type.String()),
        },
        { additionalProperties: false },
      ),
    ),
    updatedAt: Nullable(Instant),
    confirmedAt: Nullable(Instant),
    confirmedBy: Nullable(Type.String()),
    /** Never confirmed, or last confirmed six months ago or more (the clock's today). */
    unconfirmed: Type.Boolean(),
    permissions: Type.Object({ update: Type.Boolean(), confirm: Type.Boolean(), appoint: Type.Boolean() }, { additionalProperties: false }),
    /** Who may be appointed substitute (the country's other members of the network): only for those who appoint. */
    candidates: Type.Array(Type.Object({ userId: Uuid, displayName: Type.String() }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
export type EntryView = Static<typeof EntryView>;

const NetworkView = Type.Object({ id: Uuid, code: Type.String(), nameEs: Type.String(), nameEn: Type.String() }, { additionalProperties: false });

export const DirectoryView = Type.Object({ network: NetworkView, entries: Type.Array(EntryView) }, { additionalProperties: false });
export type DirectoryView = Static<typeof DirectoryView>;

/** The networks whose directory the caller reads (to choose one). */
export const DirectoryNetworks = Type.Object({ networks: Type.Array(NetworkView) }, { additionalProperties: false });
