import type { Static } from 'typebox';
import { Type } from 'typebox';
import { Nullable } from '../../platform/http/nullable.ts';
import { asReply, Line, Text } from '../../platform/http/text.ts';
import { ItemHandling, ItemHandlingView, ItemMetadata } from '../../platform/items/base.ts';
import { DOCUMENT_TYPE_CODES, STATE_CODES } from '../../platform/reference/terms.ts';
import {
  INDICATOR_CODES,
  PERSON_FORM_CODES,
  PERSON_OUTCOME_CODES,
  PERSON_ROLE_CODES,
  REFERRAL_CODES,
  RELATIONSHIP_CODES,
  SEX_CODES,
  SUPPORT_CODES,
} from './taxonomy.ts';

const Uuid = Type.String({ format: 'uuid' });
const IsoDate = Type.String({ format: 'date' });
const Instant = Type.String({ format: 'date-time' });
const State = Type.Enum(STATE_CODES);
const States = (maxItems: number) => Type.Array(State, { maxItems, uniqueItems: true });
/** A date of birth: a full date or, when only that is known, a year. */
export const BirthDate = Type.String({ pattern: '^(19|20)[0-9]{2}(-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01]))?$' });

export const NAME_MAX = 200;
export const MAX_NAMES = 10;
export const MAX_PEOPLE = 20;
export const MAX_LINKS = 50;
export const TEXT_MAX = 20_000;
export const BATCH_MAX = 500;

export const Tlp = Type.Enum(['AMBER', 'AMBER+STRICT', 'RED']);
const Names = Type.Array(Line(NAME_MAX), { minItems: 1, maxItems: MAX_NAMES });

/** A document a person used: its type and issuer, its number (sealed), the specimen it matches if there is one. */
export const PersonDocument = Type.Object(
  {
    documentType: Type.Enum(DOCUMENT_TYPE_CODES),
    issuer: State,
    number: Type.Optional(Nullable(Line(60, { blank: true }))),
    specimenId: Type.Optional(Nullable(Uuid)),
  },
  { additionalProperties: false },
);
const Documents = Type.Array(PersonDocument, { maxItems: 10 });

/** One person: names (with aliases and transliterations), sex, date of birth, place and nationalities, documents. */
const individualFields = {
  names: Names,
  sex: Type.Optional(Nullable(Type.Enum(SEX_CODES))),
  dateOfBirth: Type.Optional(Nullable(BirthDate)),
  placeOfBirth: Type.Optional(Nullable(Line(160, { blank: true }))),
  nationalities: Type.Optional(States(4)),
  documents: Type.Optional(Documents),
};
export const Individual = Type.Object(individualFields, { additionalProperties: false });

/** A minor of the group: a date of birth, or an age when that is all that is known. */
export const Minor = Type.Object(
  { ...individualFields, age: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 17 }))) },
  { additionalProperties: false },
);
/** An accompanying adult: the relationship claimed to the minors and what supports it. */
export const Adult = Type.Object(
  { ...individualFields, relationship: Type.Enum(RELATIONSHIP_CODES), support: Type.Enum(SUPPORT_CODES) },
  { additionalProperties: false },
);

/** Where and how the person (or group) was detected: the country and the year stay in clear. */
export const Detection = Type.Object(
  {
    date: IsoDate,
    country: State,
    port: Type.Optional(Nullable(Line(160, { blank: true }))),
    route: Type.Optional(Nullable(Line(300, { blank: true }))),
    carrier: Type.Optional(Nullable(Line(160, { blank: true }))),
  },
  { additionalProperties: false },
);

/** The common format of seed 002 §1.3.2: the minors, the adults, the travel, the indicators, the referral. */
export const MinorsGroup = Type.Object(
  {
    minors: Type.Array(Minor, { minItems: 1, maxItems: MAX_PEOPLE }),
    adults: Type.Array(Adult, { maxItems: MAX_PEOPLE }),
    destination: Type.Optional(Nullable(State)),
    indicators: Type.Array(Type.Enum(INDICATOR_CODES), { maxItems: INDICATOR_CODES.length, uniqueItems: true }),
    referral: Type.Enum(REFERRAL_CODES),
    referralNote: Type.Optional(Nullable(Line(300, { blank: true }))),
  },
  { additionalProperties: false },
);

const commonFields = {
  detection: Detection,
  outcome: Type.Enum(PERSON_OUTCOME_CODES),
  notes: Type.Optional(Text(TEXT_MAX, { blank: true })),
  links: Type.Optional(Type.Array(Uuid, { maxItems: MAX_LINKS, uniqueItems: true })),
};

const handling = { ...ItemHandling.properties, tlp: Type.Optional(Tlp) };

export const PersonCreate = Type.Object(
  {
    form: Type.Enum(PERSON_FORM_CODES),
    ...commonFields,
    /** The person detected (form `person`). */
    person: Type.Optional(Individual),
    role: Type.Optional(Type.Enum(PERSON_ROLE_CODES)),
    /** The group (form `minors`). */
    group: Type.Optional(MinorsGroup),
    ...handling,
  },
  { additionalProperties: false },
);
export type PersonCreate = Static<typeof PersonCreate>;

export const PersonPatch = Type.Object(
  {
    detection: Type.Optional(Detection),
    outcome: Type.Optional(Type.Enum(PERSON_OUTCOME_CODES)),
    notes: Type.Optional(Text(TEXT_MAX, { blank: true })),
    links: commonFields.links,
    person: Type.Optional(Individual),
    role: Type.Optional(Type.Enum(PERSON_ROLE_CODES)),
    group: Type.Optional(MinorsGroup),
    ...handling,
  },
  { additionalProperties: false, minProperties: 1 },
);
export type PersonPatch = Static<typeof PersonPatch>;

type IndividualInput = Static<typeof Individual>;
type DocumentInput = Static<typeof PersonDocument>;
type AdultInput = Static<typeof Adult>;
type GroupInput = Static<typeof MinorsGroup>;

export type IndividualContent = {
  names: string[];
  sex: NonNullable<IndividualInput['sex']> | null;
  dateOfBirth: string | null;
  placeOfBirth: string | null;
  nationalities: string[];
  documents: { documentType: DocumentInput['documentType']; issuer: string; number: string | null; specimenId: string | null }[];
};
export type MinorContent = IndividualContent & { age: number | null };
export type AdultContent = IndividualContent & { relationship: AdultInput['relationship']; support: AdultInput['support'] };

/** What is sealed (under the record's own key): everything but the clear facets and handling. */
export interface PersonContent {
  detection: { date: string; country: string; port: string | null; route: string | null; carrier: string | null };
  notes: string;
  person?: IndividualContent;
  group?: {
    minors: MinorContent[];
    adults: AdultContent[];
    destination: string | null;
    indicators: GroupInput['indicators'];
    referral: GroupInput['referral'];
    referralNote: string | null;
  };
}

export const PersonParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export const SpaceParams = Type.Object({ spaceId: Uuid }, { additionalProperties: false });

export const PersonLink = Type.Object(
  {
    id: Uuid,
    kind: Type.Enum(['specimen', 'report', 'alert', 'person', 'library']),
    tlp: Type.String(),
    status: Type.String(),
    /** A specimen's type and issuer, a report's kind: codes the reader's screen names. */
    documentType: Nullable(Type.String()),
    issuingCountry: Nullable(Type.String()),
    reportKind: Nullable(Type.String()),
    direction: Type.Enum(['to', 'from']),
  },
  { additionalProperties: false },
);

export const RetentionStep = Type.Object(
  { previousUntil: Type.String(), retainUntil: Type.String(), reason: Type.String(), extendedAt: Instant, mine: Type.Boolean() },
  { additionalProperties: false },
);

const facetFields = {
  form: Type.Enum(PERSON_FORM_CODES),
  role: Nullable(Type.Enum(PERSON_ROLE_CODES)),
  outcome: Nullable(Type.Enum(PERSON_OUTCOME_CODES)),
  detectionCountry: Type.String(),
  detectionYear: Type.Integer(),
  retainUntil: Type.String(),
  publishedAt: Nullable(Instant),
};

/** Only to those who read the content (and stated a purpose): what the record says. */
const contentFields = {
  detection: Nullable(asReply(Detection)),
  notes: Type.String(),
  person: Nullable(asReply(Individual)),
  group: Nullable(asReply(MinorsGroup)),
  links: Type.Array(PersonLink),
  sightings: Type.Integer(),
  retention: Type.Array(RetentionStep),
  handling: ItemHandlingView,
  shredded: Type.Boolean(),
};

/** A record: its metadata and clear facets for every reader who may know it; its content for those who read it. */
export const PersonView = Type.Object(
  {
    ...ItemMetadata.properties,
    ...facetFields,
    ...(Object.fromEntries(Object.entries(contentFields).map(([k, v]) => [k, Type.Optional(v)])) as {
      [K in keyof typeof contentFields]: ReturnType<typeof Type.Optional<(typeof contentFields)[K]>>;
    }),
  },
  { additionalProperties: false },
);
export type PersonView = Static<typeof PersonView>;

/** What a list shows of a record: its clear facets and handling, never a name. */
export const PersonCard = Type.Object(
  {
    id: Uuid,
    spaceId: Uuid,
    status: Type.String(),
    tlp: Type.String(),
    originatorCountry: Type.String(),
    mine: Type.Boolean(),
    createdAt: Instant,
    updatedAt: Instant,
    shredded: Type.Boolean(),
    ...facetFields,
  },
  { additionalProperties: false },
);

export const PersonList = Type.Object(
  {
    spaceId: Type.Optional(Uuid),
    form: Type.Optional(Type.Enum(PERSON_FORM_CODES)),
    role: Type.Optional(Type.Enum(PERSON_ROLE_CODES)),
    outcome: Type.Optional(Type.Enum(PERSON_OUTCOME_CODES)),
    detectionCountry: Type.Optional(State),
    detectionYear: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2200 })),
    status: Type.Optional(Type.Enum(['draft', 'submitted', 'published', 'withdrawn'])),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  { additionalProperties: false },
);
export type PersonList = Static<typeof PersonList>;
export const PersonPage = Type.Object(
  { total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), items: Type.Array(PersonCard) },
  { additionalProperties: false },
);

export const RetentionExtend = Type.Object({ retainUntil: IsoDate, reason: Line(500, { minLength: 10 }) }, { additionalProperties: false });

export const PersonSightingCreate = Type.Object(
  {
    seenOn: IsoDate,
    country: State,
    port: Type.Optional(Nullable(Line(160, { blank: true }))),
    note: Type.Optional(Nullable(Text(2000, { blank: true }))),
  },
  { additionalProperties: false },
);
export const PersonSightingView = Type.Object(
  {
    id: Uuid,
    seenOn: Type.String(),
    country: Type.String(),
    port: Nullable(Type.String()),
    note: Nullable(Type.String()),
    reporterCountry: Type.String(),
    mine: Type.Boolean(),
    createdAt: Instant,
  },
  { additionalProperties: false },
);

/** One person asked for: names (one or more, each one or more parts), date of birth (full or year), nationality. */
export const PersonCheck = Type.Object(
  {
    names: Type.Array(Line(NAME_MAX), { minItems: 1, maxItems: 5 }),
    dateOfBirth: BirthDate,
    nationality: Type.Optional(Nullable(State)),
  },
  { additionalProperties: false },
);
export type PersonCheck = Static<typeof PersonCheck>;

export const PersonMatch = Type.Object(
  {
    id: Uuid,
    kind: Type.Enum(['person', 'specimen']),
    /** exact: every name part asked matched with the date; phonetic: some only by sound (a weaker match); holder_name: a specimen's holder. */
    match: Type.Enum(['exact', 'phonetic', 'holder_name']),
  },
  { additionalProperties: false },
);
export const PersonCheckResult = Type.Object(
  {
    hit: Type.Boolean(),
    /** The ids the caller may open (a person record's content still needs a stated purpose). */
    items: Type.Array(Uuid),
    matches: Type.Array(PersonMatch),
    /** Known in the caller's networks under a label they do not read: ask the contact point. */
    withheld: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type PersonCheckResult = Static<typeof PersonCheckResult>;

export const PersonBatch = Type.Object({ entries: Type.Array(PersonCheck, { minItems: 1, maxItems: BATCH_MAX }) }, { additionalProperties: false });
export const PersonBatchResult = Type.Object({ results: Type.Array(PersonCheckResult) }, { additionalProperties: false });

const TermView = Type.Object({ code: Type.String(), es: Type.String(), en: Type.String() }, { additionalProperties: false });
export const PersonReference = Type.Object(
  {
    forms: Type.Array(TermView),
    roles: Type.Array(TermView),
    outcomes: Type.Array(TermView),
    sexes: Type.Array(TermView),
    relationships: Type.Array(TermView),
    supports: Type.Array(TermView),
    indicators: Type.Array(TermView),
    referrals: Type.Array(TermView),
    documentTypes: Type.Array(TermView),
    states: Type.Array(Type.Object({ code: Type.String(), alpha2: Type.String() }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
