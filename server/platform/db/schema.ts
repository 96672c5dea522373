import type { ColumnType, Generated } from 'kysely';

/**
 * The database as Kysely sees it. Migrations stay frozen in time (they take `Kysely<any>`);
 * this interface follows the latest migration and `migrations/schema.sql` shows the SQL.
 */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface InstanceTable {
  id: ColumnType<1, 1 | undefined, never>;
  instanceId: Generated<string>;
  createdAt: ColumnType<Date, never, never>;
}

export type UserStatus = 'invited' | 'active' | 'locked' | 'disabled';
export type GlobalRole = 'secretariat' | 'presidency' | 'auditor';

export interface AppUserTable {
  id: Generated<string>;
  email: string;
  displayName: string;
  country: string;
  organisation: string;
  language: ColumnType<'es' | 'en', 'es' | 'en' | undefined, 'es' | 'en'>;
  status: ColumnType<UserStatus, UserStatus | undefined, UserStatus>;
  roles: ColumnType<GlobalRole[], GlobalRole[] | undefined, GlobalRole[]>;
  passwordHash: string | null;
  passwordChangedAt: Timestamp | null;
  totpSecret: string | null;
  totpPendingSecret: string | null;
  totpEnabledAt: Timestamp | null;
  totpLastStep: number | null;
  pgpPublicKey: string | null;
  pgpFingerprint: string | null;
  organisationId: string | null;
  createdAt: CreatedAt;
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface RecoveryCodeTable {
  userId: string;
  codeHash: Buffer;
  usedAt: Timestamp | null;
}

export type SessionStage = 'enrol' | 'full';

export interface UserSessionTable {
  id: Generated<string>;
  userId: string;
  tokenHash: Buffer;
  csrfHash: Buffer;
  stage: SessionStage;
  createdAt: Timestamp;
  lastSeenAt: Timestamp;
  expiresAt: Timestamp;
  clientAddress: string | null;
  userAgent: string | null;
  revokedAt: Timestamp | null;
}

export interface OneTimeTokenTable {
  id: Generated<string>;
  userId: string;
  purpose: 'invitation' | 'reset';
  tokenHash: Buffer;
  createdBy: string | null;
  createdAt: Timestamp;
  expiresAt: Timestamp;
  usedAt: Timestamp | null;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  lastFailureAt: Timestamp;
  lockedUntil: Timestamp | null;
}

export interface OrganisationTable {
  id: Generated<string>;
  code: string;
  country: string;
  kind: 'member_authority' | 'observer' | 'partner' | 'migration_authority' | 'secretariat';
  nameEs: string;
  nameEn: string;
  createdAt: CreatedAt;
  /** Deactivated (never deleted: users and history reference it): no new users or memberships. */
  deactivatedAt: Timestamp | null;
  deactivatedBy: string | null;
  updatedAt: Timestamp | null;
}

export interface NetworkTable {
  id: Generated<string>;
  code: string;
  nameEs: string;
  nameEn: string;
  createdAt: CreatedAt;
}

export interface SpaceTable {
  id: Generated<string>;
  networkId: string;
  nameEs: string;
  nameEn: string;
  descriptionEs: ColumnType<string, string | undefined, string>;
  descriptionEn: ColumnType<string, string | undefined, string>;
  opensOn: ColumnType<string, string, string>;
  loadingDeadline: ColumnType<string, string, string>;
  createdBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export type SpaceRole = 'officer' | 'contact_point' | 'substitute' | 'observer';

export interface MembershipTable {
  spaceId: string;
  userId: string;
  networkId: string;
  country: string;
  role: SpaceRole;
  createdBy: string | null;
  createdAt: Timestamp;
}

export interface MembershipChangeTable {
  id: Generated<number>;
  spaceId: string;
  userId: string;
  change: 'added' | 'role_changed' | 'removed';
  role: SpaceRole | null;
  previousRole: SpaceRole | null;
  changedBy: string | null;
  changedAt: Timestamp;
}

export type Tlp = 'CLEAR' | 'GREEN' | 'AMBER' | 'AMBER+STRICT' | 'RED';
export type ItemStatus = 'draft' | 'submitted' | 'published' | 'withdrawn' | 'expired';

export interface ItemTable {
  id: Generated<string>;
  kind: 'specimen' | 'report' | 'alert' | 'person' | 'library';
  spaceId: string;
  /** The space's network, copied: contact points validate across their network. */
  networkId: string;
  originatorId: string;
  originatorCountry: string;
  originatorOrganisationId: string | null;
  status: ColumnType<ItemStatus, ItemStatus | undefined, ItemStatus>;
  tlp: Tlp;
  releasableTo: ColumnType<string[], string[] | undefined, string[]>;
  releasabilityRestricted: ColumnType<boolean, never, never>;
  namedRecipients: ColumnType<string[], string[] | undefined, string[]>;
  sourceEvaluation: 'A' | 'B' | 'C' | 'X' | null;
  informationEvaluation: number | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  /** When a validator last sent it back to its originator; cleared when it is submitted again. */
  returnedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** When it was last submitted, or published at once (an urgent alert): when its country loaded it. */
  submittedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** Set when the item's content was destroyed (crypto-shredding); the metadata stays. */
  shreddedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** Organisations the item is addressed to: an alert's targets, and for what alerts link to, theirs. */
  audienceOrganisations: ColumnType<string[], string[] | undefined, string[]>;
}

export interface MasterKeyCheckTable {
  id: ColumnType<1, 1 | undefined, never>;
  checkValue: Buffer;
  createdAt: ColumnType<Date, never, never>;
}

export interface SpaceKeyTable {
  spaceId: string;
  version: number;
  fingerprint: string;
  publicKey: string;
  /** Null once the version is destroyed (crypto-shredding). */
  privateKey: string | null;
  /** Sealed under the master key; wraps session keys. Null until first use, and once destroyed. */
  dataKey: string | null;
  createdAt: Timestamp;
  retiredAt: Timestamp | null;
  destroyedAt: Timestamp | null;
}

export interface SealedTable {
  id: Generated<string>;
  spaceId: string;
  itemId: string | null;
  keyVersion: number;
  /** A standard binary OpenPGP message to the space key. */
  message: Buffer;
  /** The message's session key under the version's data key (IV, ciphertext, tag). */
  wrappedKey: Buffer;
  createdAt: Timestamp;
}

export interface StoredFileTable {
  id: Generated<string>;
  spaceId: string;
  itemId: string | null;
  variant: 'original' | 'thumbnail';
  originalId: string | null;
  mediaType: string;
  byteSize: ColumnType<string, number | bigint | string, never>;
  chunkCount: number;
  keyVersion: number;
  wrappedKey: Buffer;
  createdBy: string | null;
  createdAt: Timestamp;
}

export interface FileChunkTable {
  fileId: string;
  index: number;
  blobKey: string;
}

export interface ItemAttachmentTable {
  fileId: string;
  /** Upload order. */
  seq: ColumnType<string, never, never>;
  itemId: string;
  detailsId: string;
  createdAt: Timestamp;
  /** A specimen image's page (front, data_page…; null: not stated); null for other attachments. */
  page: string | null;
  /** A specimen image's light (visible, uv…); null for attachments that are not images. */
  light: string | null;
}

export interface ImageAnnotationTable {
  id: Generated<string>;
  /** Marking order. */
  seq: ColumnType<string, never, never>;
  itemId: string;
  fileId: string;
  /** The region, the security feature and the note: one sealed record. */
  detailsId: string;
  createdBy: string;
  creatorCountry: string;
  createdAt: Timestamp;
}

export interface SpecimenTable {
  itemId: string;
  spaceId: string;
  documentType: string;
  issuingCountry: string;
  category: string;
  forgeryKind: string | null;
  issuedFrom: number | null;
  issuedTo: number | null;
  features: string[];
  detectedOn: ColumnType<string | null, string | null, string | null>;
  detectionCountry: string | null;
  contentId: string;
  numberIndex: Buffer | null;
  seriesIndex: Buffer | null;
  nameIndex: Buffer[];
  nationalityIndex: Buffer | null;
  tokens: string[];
  indexedVersion: ColumnType<number, number | undefined, number>;
}

export interface SightingTable {
  id: Generated<string>;
  itemId: string;
  kind: 'sighting' | 'false_positive';
  seenOn: ColumnType<string, string, string>;
  country: string;
  detailsId: string;
  reportedBy: string;
  reporterCountry: string;
  createdAt: Timestamp;
}

export interface CorrectionTable {
  id: Generated<string>;
  itemId: string;
  status: ColumnType<'proposed' | 'accepted' | 'rejected', 'proposed' | undefined, 'accepted' | 'rejected'>;
  proposalId: string;
  proposedBy: string;
  proposerCountry: string;
  createdAt: Timestamp;
  decidedBy: string | null;
  decidedAt: Timestamp | null;
}

export interface AuditEntryTable {
  seq: ColumnType<string, number, never>;
  at: ColumnType<Date, Date, never>;
  actorId: string | null;
  actorCountry: string | null;
  action: string;
  outcome: string;
  subjectType: string | null;
  subjectId: string | null;
  spaceId: string | null;
  requestId: string | null;
  clientAddress: string | null;
  userAgent: string | null;
  purpose: string | null;
  details: ColumnType<unknown, string, never>;
  prevHash: Buffer;
  hash: Buffer;
}

/** An entry committed with its change, waiting to be chained (migration 0012). */
export interface AuditQueueTable {
  id: Generated<string>;
  at: Date;
  actorId: string | null;
  actorCountry: string | null;
  action: string;
  outcome: string;
  subjectType: string | null;
  subjectId: string | null;
  spaceId: string | null;
  requestId: string | null;
  clientAddress: string | null;
  userAgent: string | null;
  purpose: string | null;
  details: ColumnType<unknown, string, never>;
  tail: Buffer;
}

export interface AuditKeyTable {
  fingerprint: string;
  publicKey: string;
  /** Armored, locked with a passphrase derived from the master key. */
  privateKey: string;
  createdAt: Date;
  retiredAt: Date | null;
}

export interface AuditCheckpointTable {
  seq: ColumnType<string, number, never>;
  hash: Buffer;
  at: ColumnType<Date, Date, never>;
  fingerprint: string;
  signature: string;
}

export interface AccessPurposeTable {
  sessionId: string;
  itemId: string;
  purpose: string;
  statedAt: Timestamp;
  expiresAt: Timestamp;
}

export type Severity = 'info' | 'warning' | 'urgent';

export type ReportKind = 'route' | 'modus_operandi' | 'acquisition_method' | 'network' | 'operation';

export interface ReportTable {
  itemId: string;
  spaceId: string;
  kind: ReportKind;
  category: string | null;
  countries: ColumnType<string[], string[] | undefined, string[]>;
  modes: ColumnType<string[], string[] | undefined, string[]>;
  periodFrom: ColumnType<string | null, string | null | undefined, string | null>;
  periodUntil: ColumnType<string | null, string | null | undefined, string | null>;
  contentId: string;
  tokens: ColumnType<string[], string[] | undefined, string[]>;
  facets: ColumnType<string[], string[] | undefined, string[]>;
  aliases: ColumnType<Buffer[], Buffer[] | undefined, Buffer[]>;
  migrantsAssisted: number | null;
  smugglersDetained: number | null;
  documentsSeized: number | null;
  victimsReferred: number | null;
  publishedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export type PersonForm = 'person' | 'minors';
export type PersonRole = 'traveller' | 'smuggler' | 'facilitator' | 'corrupted_official';
export type PersonOutcome = 'refused_entry' | 'detained' | 'referred' | 'returned' | 'released' | 'none';

export interface PersonTable {
  itemId: string;
  spaceId: string;
  form: PersonForm;
  role: PersonRole | null;
  outcome: PersonOutcome | null;
  detectionCountry: string;
  detectionYear: number;
  /** Null once the record is crypto-shredded (with `recordKey`). */
  contentId: string | null;
  /** The record's own key, wrapped under the master key; destroyed when the retention period ends. */
  recordKey: Buffer | null;
  nameKeys: ColumnType<Buffer[], Buffer[] | undefined, Buffer[]>;
  retainUntil: ColumnType<string, string, string>;
  publishedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface PersonLinkTable {
  personId: string;
  itemId: string;
}

export interface PersonRetentionTable {
  id: Generated<string>;
  personId: string;
  previousUntil: ColumnType<string, string, string>;
  retainUntil: ColumnType<string, string, string>;
  reasonId: string | null;
  extendedBy: string;
  extendedAt: Timestamp;
}

export interface ReportLinkTable {
  reportId: string;
  itemId: string;
}

export interface ReportOutcomeTable {
  id: Generated<string>;
  reportId: string;
  stage: 'investigation' | 'charges' | 'trial' | 'conviction' | 'acquittal' | 'other';
  decidedOn: ColumnType<string, string, string>;
  detailsId: string;
  addedBy: string;
  createdAt: Timestamp;
}

export interface AlertTable {
  itemId: string;
  spaceId: string;
  severity: Severity;
  contentId: string;
  targetCountries: ColumnType<string[], string[] | undefined, string[]>;
  targetOrganisations: ColumnType<string[], string[] | undefined, string[]>;
  /** 'contact_points': an urgent operational message (migration 0031). */
  audience: ColumnType<'targets' | 'contact_points', 'targets' | 'contact_points' | undefined, never>;
  validFrom: Timestamp;
  validUntil: Timestamp;
  tokens: ColumnType<string[], string[] | undefined, string[]>;
  publishedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  reviewPending: ColumnType<boolean, boolean | undefined, boolean>;
  reviewedBy: string | null;
  reviewedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface AlertLinkTable {
  alertId: string;
  itemId: string;
}

export type MailState = 'pending' | 'encrypted' | 'plain' | 'failed';
type MaybeTime = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface AlertRecipientTable {
  alertId: string;
  userId: string;
  via: 'member' | 'organisation';
  deliveredAt: Timestamp;
  readAt: MaybeTime;
  acknowledgedAt: MaybeTime;
  mail: ColumnType<MailState, MailState | undefined, MailState>;
  mailedAt: MaybeTime;
  remindedAt: MaybeTime;
  escalatedAt: MaybeTime;
}

export interface WebhookTable {
  id: Generated<string>;
  organisationId: string;
  url: string;
  createdBy: string | null;
  createdAt: Timestamp;
  disabledAt: MaybeTime;
}

export interface WebhookDeliveryTable {
  alertId: string;
  webhookId: string;
  status: ColumnType<'pending' | 'delivered' | 'failed', 'pending' | 'delivered' | 'failed' | undefined, 'pending' | 'delivered' | 'failed'>;
  attempts: ColumnType<number, number | undefined, number>;
  lastStatus: number | null;
  deliveredAt: MaybeTime;
}

/** A saved search: its name and what it searches are one value sealed under the master key (`definition`). */
export interface SavedSearchTable {
  id: Generated<string>;
  userId: string;
  kind: 'specimen';
  spaceId: string | null;
  definition: string;
  mail: ColumnType<boolean, boolean | undefined, boolean>;
  createdAt: Timestamp;
}

export type NotificationKind =
  | 'saved_search'
  | 'validation_waiting'
  | 'returned_to_draft'
  | 'correction_proposed'
  | 'correction_decided'
  | 'sighting'
  | 'deadline_due'
  | 'deadline_late'
  | 'entry_requirement_changed'
  | 'directory_unconfirmed'
  | 'meeting_reminder';
export type NotificationMail = 'none' | 'pending' | 'digest' | 'sent' | 'failed';
export type NotificationDelivery = 'immediate' | 'digest' | 'off';
/** What a deadline notice is about (migration 0021): a space's loading, a periodic return. */
export type Obligation = 'loading' | 'return';

export interface NotificationTable {
  id: Generated<string>;
  userId: string;
  kind: NotificationKind;
  /** The item of an item notice; null for a deadline notice. */
  itemId: string | null;
  sourceId: string | null;
  /** The correction or sighting of an item notice; the space or return of a deadline notice. */
  subjectId: string | null;
  obligation: Obligation | null;
  spaceId: string | null;
  dueOn: ColumnType<string | null, string | null | undefined, string | null>;
  /** The source's name or the obligation's, sealed under the master key (server/platform/notifications/store.ts). */
  label: string | null;
  /** The cell an entry-requirement notice is about (migration 0023); null when one change touched several. */
  destination: ColumnType<string | null, string | null | undefined, string | null>;
  nationality: ColumnType<string | null, string | null | undefined, string | null>;
  mail: ColumnType<NotificationMail, NotificationMail | undefined, NotificationMail>;
  createdAt: Timestamp;
  readAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface NotificationPreferenceTable {
  userId: string;
  kind: NotificationKind;
  delivery: NotificationDelivery;
}

export interface NotificationDigestTable {
  userId: string;
  lastAt: Timestamp;
}

export interface DeadlineReminderTable {
  obligation: Obligation;
  subjectId: string;
  country: string;
  threshold: 'due_14' | 'due_3' | 'late';
  dueOn: ColumnType<string, string, string>;
  sentAt: Timestamp;
}

export interface DirectoryEntryTable {
  id: Generated<string>;
  networkId: string;
  country: string;
  /** The network space whose key seals the content (set with the content). */
  keySpaceId: string | null;
  /** The sealed record of what the country keeps: organisation, phones, 24/7 line, languages, contacts. */
  contentId: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp | null;
  updatedBy: string | null;
  confirmedAt: Timestamp | null;
  confirmedBy: string | null;
}

export interface DirectoryReminderTable {
  entryId: string;
  /** The confirmation cycle reminded: the last confirmation, or the entry's creation. */
  cycleStart: Timestamp;
  sentAt: Timestamp;
}

export type MeetingKind = 'grcm' | 'crm_plenary' | 'network_meeting' | 'workshop' | 'training' | 'joint_exercise' | 'crm_csm';
export type TrainingTopic = 'document_fraud' | 'victim_identification' | 'asylum_refuge' | 'other';

export interface MeetingTable {
  id: Generated<string>;
  /** Null: a conference-wide meeting (no key space, so no sealed content). */
  networkId: string | null;
  keySpaceId: string | null;
  kind: MeetingKind;
  titleEs: string;
  titleEn: string;
  startsAt: Timestamp;
  endsAt: Timestamp;
  place: string | null;
  link: string | null;
  languages: ColumnType<string[], string[] | undefined, string[]>;
  participants: ColumnType<string[], string[] | undefined, string[]>;
  topic: TrainingTopic | null;
  /** Sealed `{ text }`. */
  agendaId: string | null;
  /** Sealed `{ es, en }`. */
  minutesId: string | null;
  createdBy: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface MeetingAgreementTable {
  id: Generated<string>;
  meetingId: string;
  /** Sealed `{ textEs, textEn }`. */
  contentId: string;
  responsibles: string[];
  dueOn: ColumnType<string, string, string>;
  commitmentId: string | null;
  createdBy: string;
  createdAt: Timestamp;
}

export type MeetingDocumentKind = 'agenda' | 'presentation' | 'minutes' | 'report' | 'participants' | 'other';

/** A document of a meeting (migrations/0032_meeting_documents.ts): a stored file, its name sealed. */
export interface MeetingDocumentTable {
  fileId: string;
  /** Upload order (documents sent together share their time). */
  seq: Generated<string>;
  meetingId: string;
  kind: MeetingDocumentKind;
  /** Sealed `{ name }`. */
  detailsId: string;
  createdBy: string;
  createdAt: Timestamp;
}

export interface MeetingTrainingTable {
  meetingId: string;
  country: string;
  officials: number;
}

export interface MeetingReminderTable {
  meetingId: string;
  threshold: 'week' | 'day';
  /** The meeting's start when reminded: a meeting moved is reminded again. */
  startsAt: Timestamp;
  sentAt: Timestamp;
}

export interface CalendarKeyTable {
  userId: string;
  keyHash: Buffer;
  createdAt: Timestamp;
}

export type CommitmentCalendar = 'once' | 'semiannual' | 'annual' | 'continuous';
export type CommitmentStatus = 'not_started' | 'in_progress' | 'done';

export interface CommitmentTable {
  id: Generated<string>;
  networkId: string;
  /** The network space whose key seals the updates' notes and evidence. */
  keySpaceId: string;
  plan: string | null;
  source: string | null;
  /** A meeting's agreement the commitment came from (linked by the calendar feature). */
  agreementId: string | null;
  activityEs: string | null;
  activityEn: string | null;
  indicatorEs: string | null;
  indicatorEn: string | null;
  calendar: CommitmentCalendar;
  dueOn: ColumnType<string | null, string | null | undefined, string | null>;
  startsOn: ColumnType<string | null, string | null | undefined, string | null>;
  createdBy: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface CommitmentResponsibleTable {
  commitmentId: string;
  /** A member country (alpha-3) or an organisation code (IOM, UNHCR, RROCM, SV). */
  responsible: string;
  networkId: string;
  /** The latest update's status (kept by a trigger). */
  status: ColumnType<CommitmentStatus, CommitmentStatus | undefined, never>;
  statusAt: ColumnType<Date | null, never, never>;
}

export interface CommitmentUpdateTable {
  id: Generated<string>;
  seq: ColumnType<string, never, never>;
  commitmentId: string;
  responsible: string;
  status: CommitmentStatus;
  noteId: string | null;
  authorId: string;
  authorCountry: string;
  createdAt: Timestamp;
}

export interface CommitmentEvidenceTable {
  fileId: string;
  updateId: string;
  detailsId: string;
}

export type ReturnKind = 'matrix' | 'written';
export type ReturnPeriodKind = 'semester' | 'quarter' | 'year' | 'once';
export type ReturnStatus = 'draft' | 'submitted' | 'amending';

/** A return template (server/features/returns): its layout in `definition` (no country's data). */
export interface ReturnTemplateTable {
  id: Generated<string>;
  networkId: string;
  kind: ReturnKind;
  titleEs: string;
  titleEn: string;
  periodKind: ReturnPeriodKind;
  dueDays: number;
  dueOn: string | null;
  countries: string[];
  observersContribute: ColumnType<boolean, boolean | undefined, boolean>;
  definition: ColumnType<unknown, string, string>;
  createdBy: string;
  createdAt: Timestamp;
  archivedAt: Timestamp | null;
  updatedAt: Timestamp | null;
}

export interface CountryReturnTable {
  id: Generated<string>;
  templateId: string;
  networkId: string;
  period: string;
  country: string;
  status: ReturnStatus;
  version: number;
  submittedVersion: number | null;
  dueOn: ColumnType<string, string, string>;
  createdBy: string;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface ReturnVersionTable {
  id: Generated<string>;
  returnId: string;
  version: number;
  reason: string | null;
  source: 'form' | 'xlsx' | 'csv';
  createdBy: string;
  createdAt: Timestamp;
  updatedBy: string;
  updatedAt: Timestamp;
  submittedBy: string | null;
  submittedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface ReturnCellTable {
  versionId: string;
  rowNo: number;
  dim1: string;
  dim2: string | null;
  columnKey: string;
  value: number;
}

/** A written return's section, sealed under the master key (bound to its version and key). */
export interface ReturnSectionTable {
  versionId: string;
  key: string;
  body: string;
}

export type EntryRequirementKind =
  | 'none'
  | 'visa'
  | 'electronic_authorisation'
  | 'visa_on_arrival'
  | 'transit_visa'
  | 'special_authorisation'
  | 'not_admitted';

/** The values of a cell of the entry-authorisation matrix (migration 0023), as a cell, a proposal and the history hold them. */
export interface EntryRequirementValues {
  requirement: EntryRequirementKind;
  daysAllowed: number | null;
  exceptionsEs: string | null;
  exceptionsEn: string | null;
  legalSource: string | null;
  effectiveOn: ColumnType<string | null, string | null | undefined, string | null>;
  note: string | null;
}

export interface EntryRequirementTable extends EntryRequirementValues {
  destination: string;
  nationality: string;
  version: ColumnType<number, number | undefined, number>;
  updatedBy: string;
  updatedAt: Timestamp;
}

export type EntryProposalStatus = 'pending' | 'accepted' | 'rejected';

export interface EntryRequirementProposalTable extends EntryRequirementValues {
  id: Generated<string>;
  destination: string;
  nationality: string;
  reason: string | null;
  status: ColumnType<EntryProposalStatus, EntryProposalStatus | undefined, EntryProposalStatus>;
  proposedBy: string;
  proposedCountry: string;
  proposedAt: Timestamp;
  decidedBy: string | null;
  decidedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  decisionNote: string | null;
}

export interface EntryRequirementChangeTable {
  id: Generated<string>;
  seq: ColumnType<string, never, never>;
  destination: string;
  nationality: string;
  oldValue: ColumnType<unknown, string | null, never>;
  newValue: ColumnType<unknown, string | null, never>;
  source: 'edit' | 'proposal' | 'import';
  proposalId: string | null;
  changedBy: string;
  changedAt: Timestamp;
}

export interface DB {
  instance: InstanceTable;
  appUser: AppUserTable;
  recoveryCode: RecoveryCodeTable;
  userSession: UserSessionTable;
  oneTimeToken: OneTimeTokenTable;
  loginThrottle: LoginThrottleTable;
  organisation: OrganisationTable;
  network: NetworkTable;
  space: SpaceTable;
  membership: MembershipTable;
  membershipChange: MembershipChangeTable;
  item: ItemTable;
  masterKeyCheck: MasterKeyCheckTable;
  spaceKey: SpaceKeyTable;
  sealed: SealedTable;
  storedFile: StoredFileTable;
  fileChunk: FileChunkTable;
  itemAttachment: ItemAttachmentTable;
  imageAnnotation: ImageAnnotationTable;
  auditEntry: AuditEntryTable;
  auditQueue: AuditQueueTable;
  auditKey: AuditKeyTable;
  auditCheckpoint: AuditCheckpointTable;
  accessPurpose: AccessPurposeTable;
  specimen: SpecimenTable;
  sighting: SightingTable;
  correction: CorrectionTable;
  alert: AlertTable;
  report: ReportTable;
  reportLink: ReportLinkTable;
  person: PersonTable;
  personLink: PersonLinkTable;
  personRetention: PersonRetentionTable;
  reportOutcome: ReportOutcomeTable;
  alertLink: AlertLinkTable;
  alertRecipient: AlertRecipientTable;
  webhook: WebhookTable;
  webhookDelivery: WebhookDeliveryTable;
  portalKey: AuditKeyTable;
  savedSearch: SavedSearchTable;
  notification: NotificationTable;
  notificationPreference: NotificationPreferenceTable;
  commitment: CommitmentTable;
  commitmentResponsible: CommitmentResponsibleTable;
  commitmentUpdate: CommitmentUpdateTable;
  commitmentEvidence: CommitmentEvidenceTable;
  notificationDigest: NotificationDigestTable;
  deadlineReminder: DeadlineReminderTable;
  returnTemplate: ReturnTemplateTable;
  countryReturn: CountryReturnTable;
  returnVersion: ReturnVersionTable;
  returnCell: ReturnCellTable;
  returnSection: ReturnSectionTable;
  entryRequirement: EntryRequirementTable;
  entryRequirementProposal: EntryRequirementProposalTable;
  entryRequirementChange: EntryRequirementChangeTable;
  directoryEntry: DirectoryEntryTable;
  libraryDocument: LibraryDocumentTable;
  libraryVersion: LibraryVersionTable;
  directoryReminder: DirectoryReminderTable;
  meeting: MeetingTable;
  meetingAgreement: MeetingAgreementTable;
  meetingTraining: MeetingTrainingTable;
  meetingDocument: MeetingDocumentTable;
  calendarKey: CalendarKeyTable;
  meetingReminder: MeetingReminderTable;
}

export type LibraryDocType = 'legislation' | 'comparative_matrix' | 'manual' | 'guideline' | 'asylum_mechanism' | 'campaign' | 'training' | 'other';

/** A library document (migrations/0027_library.ts): an item; title, summary, tags and URL sealed. */
export interface LibraryDocumentTable {
  itemId: string;
  spaceId: string;
  docType: LibraryDocType;
  country: string | null;
  year: number | null;
  language: 'es' | 'en' | 'fr' | 'pt' | 'other';
  isLink: ColumnType<boolean, boolean | undefined, boolean>;
  contentId: string;
  tokens: ColumnType<string[], string[] | undefined, string[]>;
}

/** One file version of a library document; `tokens`: the blind index of its PDF text. */
export interface LibraryVersionTable {
  fileId: string;
  itemId: string;
  seq: number;
  textPages: ColumnType<number, number | undefined, number>;
  tokens: ColumnType<string[], string[] | undefined, string[]>;
  createdBy: string;
  createdAt: Timestamp;
}
