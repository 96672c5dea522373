import { randomBytes, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import argon2 from 'argon2';
import countries from 'i18n-iso-countries';
import pLimit from 'p-limit';
import sharp from 'sharp';
import { type Ability, type Actor, abilityFor } from '../../policies/ability.ts';
import { insertUser } from '../features/identity/accounts.ts';
import { createSpace } from '../features/spaces/service.ts';
import { proposeCorrection, reportSighting } from '../features/specimens/exchange.ts';
import type { SpecimenCreate } from '../features/specimens/schemas.ts';
import { createSpecimen, type SpecimenDeps } from '../features/specimens/service.ts';
import { ISSUING_ORGANISATIONS, label } from '../features/specimens/taxonomy.ts';
import { actorFor } from '../platform/access.ts';
import { ARGON2_OPTIONS, PASSWORD_MAX, PASSWORD_MIN } from '../platform/auth/password.ts';
import type { User } from '../platform/auth/sessions.ts';
import { newTotpSecret, sealTotpSecret } from '../platform/auth/totp.ts';
import type { Database } from '../platform/db/database.ts';
import type { GlobalRole, SpaceRole } from '../platform/db/schema.ts';
import { IMAGE_TYPES } from '../platform/files/files.ts';
import { recordAttachments, type Upload } from '../platform/items/attachments.ts';
import { authorizeItem, type Item, transitionItem } from '../platform/items/base.ts';
import { setMembership } from '../platform/memberships/change.ts';
import { MEMBER_COUNTRIES } from '../platform/reference/countries.ts';
import type { Services } from '../services.ts';
import { type DemoAlertCounts, fillAlerts, type LinkableSpecimen } from './alerts.ts';
import { type DemoCommitmentCounts, fillCommitments } from './commitments.ts';
import * as data from './data.ts';
import { BackgroundCache, type DocumentPicture, type PictureView, renderDocument } from './images.ts';
import { type DemoLibraryCounts, fillLibrary } from './library.ts';
import { type DemoMeetingCounts, fillMeetings } from './meetings.ts';
import { type DemoPersonCounts, fillPersons } from './persons.ts';
import { Random } from './random.ts';
import { type DemoReferenceCounts, fillReference } from './reference.ts';
import { type DemoReportCounts, fillReports } from './reports.ts';
import { type DemoReturnCounts, fillReturns } from './returns.ts';

const require = createRequire(import.meta.url);
countries.registerLocale(require('i18n-iso-countries/langs/es.json'));
countries.registerLocale(require('i18n-iso-countries/langs/en.json'));

/**
 * `enlace demo`: fills an empty portal with fictional, realistic data for demonstrations and
 * trials — the member countries', observers' and migration authorities' organisations, two
 * networks and their spaces (made by the spaces service, so each has its key pair), an account for
 * every role (and the alert desk of each migration authority), a few hundred document specimens
 * with generated pictures, taken through the real workflow (created by an officer, images ingested
 * and sealed, submitted, validated by the country's contact point), with sightings, false
 * positives and proposed corrections from other countries, and a handful of early alerts issued,
 * validated and delivered by the alerts service (./alerts.ts). Everything is drawn from a seeded
 * generator: the same seed on the same day gives the same portal.
 */
export class DemoRefused extends Error {
  override name = 'DemoRefused';
}
export class DemoUsageError extends Error {
  override name = 'DemoUsageError';
}

/** The demo fills the portal through the features' own services (server/services.ts). */
export type DemoServices = Services;

export interface DemoOptions {
  specimens: number;
  seed: number;
  /** One password for every account (printed); random when not given. */
  password?: string | undefined;
  now: Date;
  log?: (message: string) => void;
}

export interface DemoAccount {
  email: string;
  name: string;
  role: string;
  country: string;
  password: string;
  totpSecret: string;
}

export interface DemoResult {
  password: string;
  accounts: DemoAccount[];
  networks: { code: string; nameEs: string; nameEn: string; spaces: { id: string; nameEs: string; nameEn: string }[] }[];
  counts: {
    organisations: number;
    networks: number;
    spaces: number;
    accounts: number;
    specimens: number;
    published: number;
    submitted: number;
    drafts: number;
    withdrawn: number;
    images: number;
    sightings: number;
    falsePositives: number;
    corrections: number;
  } & DemoAlertCounts &
    DemoReportCounts &
    DemoPersonCounts &
    DemoCommitmentCounts &
    DemoMeetingCounts &
    DemoReturnCounts &
    DemoReferenceCounts &
    DemoLibraryCounts;
  seconds: number;
}

export const DEMO_DOMAIN = 'demo-enlace.example';
export const MAX_SPECIMENS = 5000;
const DAY = 86_400_000;
const HOUR = 3_600_000;

/** The command line's options, checked: the number of specimens, the seed, the password. */
export function demoOptions(
  values: { specimens?: string | undefined; seed?: string | undefined; password?: string | undefined },
  now: Date,
): Omit<DemoOptions, 'log'> {
  const specimens = values.specimens === undefined ? 300 : Number(values.specimens);
  if (!Number.isInteger(specimens) || specimens < 0 || specimens > MAX_SPECIMENS)
    throw new DemoUsageError(`--specimens: a whole number from 0 to ${MAX_SPECIMENS}`);
  const seed = values.seed === undefined ? 2026 : Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0) throw new DemoUsageError('--seed: a whole number');
  if (values.password !== undefined && (values.password.length < PASSWORD_MIN || values.password.length > PASSWORD_MAX)) {
    throw new DemoUsageError(`--password: ${PASSWORD_MIN} to ${PASSWORD_MAX} characters`);
  }
  return { specimens, seed, password: values.password, now };
}

// ---------------------------------------------------------------------------------------------
// Accounts

interface AccountSeed {
  email: string;
  name: string;
  country: string;
  organisation: string;
  roles: GlobalRole[];
  /** The role shown in the printed table. */
  role: string;
  language: 'es' | 'en';
}

const ENGLISH = new Set(['BLZ', 'CAN', 'USA']);
const email = (local: string) => `${local}@${DEMO_DOMAIN}`;

function accountSeeds(): AccountSeed[] {
  const seeds: AccountSeed[] = [
    {
      email: email('secretaria'),
      name: 'Secretaría Técnica (demo)',
      country: 'SV',
      organisation: 'SV',
      roles: ['secretariat'],
      role: 'secretariat',
      language: 'es',
    },
    {
      email: email('presidencia'),
      name: 'Presidencia Pro Tempore (demo)',
      country: 'HND',
      organisation: 'HND-INM',
      roles: ['presidency'],
      role: 'presidency',
      language: 'es',
    },
    { email: email('auditoria'), name: 'Auditoría (demo)', country: 'SV', organisation: 'SV', roles: ['auditor'], role: 'auditor', language: 'es' },
  ];
  for (const country of MEMBER_COUNTRIES) {
    const organisation = data.ORGANISATIONS.find((o) => o.country === country && o.kind === 'member_authority')!.code;
    const [officer, contact, substitute] = data.PEOPLE[country]!;
    const language = ENGLISH.has(country) ? 'en' : 'es';
    const cc = country.toLowerCase();
    seeds.push(
      { email: email(`${cc}.oficial`), name: officer, country, organisation, roles: [], role: 'officer', language },
      { email: email(`${cc}.punto-contacto`), name: contact, country, organisation, roles: [], role: 'contact_point', language },
      { email: email(`${cc}.suplente`), name: substitute, country, organisation, roles: [], role: 'substitute', language },
    );
  }
  seeds.push(
    {
      email: email('oim.observador'),
      name: 'Observadora OIM (demo)',
      country: 'IOM',
      organisation: 'IOM',
      roles: [],
      role: 'observer',
      language: 'es',
    },
    {
      email: email('acnur.observador'),
      name: 'Observador ACNUR (demo)',
      country: 'UNHCR',
      organisation: 'UNHCR',
      roles: [],
      role: 'observer',
      language: 'en',
    },
    {
      email: email('rrocm.observador'),
      name: 'Observadora RROCM (demo)',
      country: 'RROCM',
      organisation: 'RROCM',
      roles: [],
      role: 'observer',
      language: 'es',
    },
  );
  // The alert desk of each migration authority: its country, its organisation, no space.
  for (const desk of data.ALERT_RECIPIENTS) {
    const organisation = data.ORGANISATIONS.find((o) => o.code === desk.organisation)!;
    const language = ENGLISH.has(organisation.country) ? 'en' : 'es';
    seeds.push({
      email: email(desk.email),
      name: desk.name,
      country: organisation.country,
      organisation: organisation.code,
      roles: [],
      role: 'alert_recipient',
      language,
    });
  }
  return seeds;
}

/** Which spaces (by key) each kind of account joins, and as what. */
function membershipsOf(seed: AccountSeed): { space: string; role: SpaceRole }[] {
  const all = ['documents', 'routes', 'control'];
  // Outside every network: an alert desk reads what is addressed to its organisation, nothing else.
  if (seed.role === 'alert_recipient') return [];
  if (seed.role === 'officer' || seed.role === 'contact_point' || seed.role === 'substitute')
    return all.map((space) => ({ space, role: seed.role as SpaceRole }));
  if (seed.country === 'IOM') return all.map((space) => ({ space, role: 'observer' }));
  if (seed.country === 'UNHCR') return [{ space: 'documents', role: 'observer' }];
  if (seed.country === 'RROCM') return [{ space: 'routes', role: 'observer' }];
  return [];
}

// ---------------------------------------------------------------------------------------------
// The portal must be empty

async function ensureEmpty(db: Database, emails: string[]): Promise<void> {
  const count = async (table: 'network' | 'space' | 'item' | 'specimen') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const [networks, spaces, items, specimens] = await Promise.all([count('network'), count('space'), count('item'), count('specimen')]);
  if (networks + spaces + items + specimens > 0) {
    throw new DemoRefused(
      `the portal is not empty (${networks} network(s), ${spaces} space(s), ${items} item(s) of which ${specimens} specimen(s)); enlace demo only fills an empty portal, so that demo data never mixes with real data`,
    );
  }
  const taken = await db.selectFrom('appUser').select('email').where('email', 'in', emails).execute();
  if (taken.length) throw new DemoRefused(`demo accounts already exist (${taken.map((t) => t.email).join(', ')})`);
}

// ---------------------------------------------------------------------------------------------
// Specimens: a plan drawn first (sequentially, from the seed), then carried out in parallel

type Fate = 'draft' | 'submitted' | 'published' | 'withdrawn';

interface SightingPlan {
  country: string;
  kind: 'sighting' | 'false_positive';
  seenOn: string;
  at: Date;
  place: string;
  note: string;
}

interface SpecimenPlan {
  index: number;
  space: 'documents' | 'control';
  country: string;
  byOfficer: boolean;
  fate: Fate;
  createdAt: Date;
  submittedAt: Date;
  publishedAt: Date;
  withdrawnAt: Date;
  body: SpecimenCreate;
  picture: DocumentPicture;
  views: PictureView[];
  language: 'es' | 'en';
  redRecipients: string[];
  sightings: SightingPlan[];
  correction: { country: string; at: Date; changes: { port: string; portKind: data.PortKind }; comment: string } | null;
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

const countryName = (code: string, language: 'es' | 'en') =>
  ISSUING_ORGANISATIONS.some((o) => o.code === code) ? label(ISSUING_ORGANISATIONS, code, language) : (countries.getName(code, language) ?? code);

function documentNumber(random: Random, issuer: string, type: string): string {
  if (type === 'passport' || type === 'refugee_travel_document') {
    if (issuer === 'USA') return random.digits(9);
    if (issuer === 'CAN') return `${random.letters(2)}${random.digits(6)}`;
    return `${random.letters(1)}${random.digits(random.pick([7, 8]))}`;
  }
  if (type === 'identity_card') {
    if (issuer === 'GTM') return `${random.digits(4)} ${random.digits(5)} ${random.digits(4)}`;
    if (issuer === 'SLV') return `${random.digits(8)}-${random.digits(1)}`;
    if (issuer === 'HND') return `0${random.digits(3)}-${random.int(1960, 2005)}-${random.digits(5)}`;
    if (issuer === 'CRI') return `${random.int(1, 7)}-${random.digits(4)}-${random.digits(4)}`;
    if (issuer === 'DOM') return `${random.digits(3)}-${random.digits(7)}-${random.digits(1)}`;
    if (issuer === 'MEX') return `${random.letters(6)}${random.digits(8)}${random.letters(1)}${random.digits(3)}`;
    return random.digits(9);
  }
  if (type === 'visa') return issuer === 'USA' ? random.digits(8) : `V${random.digits(9)}`;
  if (type === 'residence_permit') return issuer === 'CRI' ? random.digits(12) : `R${random.digits(10)}`;
  return `${random.letters(2)}-${random.digits(6)}`;
}

function holder(random: Random): { given: string; surname: string; sex: 'F' | 'M' } {
  const sex = random.chance(0.5) ? 'F' : 'M';
  const given = random.chance(0.35)
    ? `${random.pick(data.GIVEN_NAMES[sex])} ${random.pick(data.GIVEN_NAMES[sex])}`
    : random.pick(data.GIVEN_NAMES[sex]);
  const [a, b] = random.sample(data.SURNAMES, 2);
  return { given, surname: random.chance(0.8) ? `${a} ${b}` : a!, sex };
}

function describe(plan: { language: 'es' | 'en'; body: SpecimenCreate }, random: Random): string {
  const { language: lang, body } = plan;
  const d = body.detection!;
  const parts: string[] = [];
  const doc = data.DOCUMENT_WORDS[body.documentType]![lang];
  const issuer = countryName(body.issuingCountry, lang);
  const series = body.series ? `, ${body.series}` : '';
  parts.push(lang === 'es' ? `${doc} de ${issuer}${series}.` : `${doc} issued by ${issuer}${series}.`);
  parts.push(body.category === 'forgery' ? data.FORGERY_SENTENCES[body.forgeryKind!]![lang] : data.CATEGORY_SENTENCES[body.category]![lang]);
  const note = body.features?.find((f) => f.note)?.note;
  if (note && random.chance(0.5)) parts.push(note);
  const date = d.date!.split('-').reverse().join('/');
  const nationality = countryName(d.holderNationality!, lang);
  parts.push(
    lang === 'es'
      ? `Detectado el ${date} en ${d.port} a una persona nacional de ${nationality}${d.route ? `, que declaró la ruta ${d.route}` : ''}.`
      : `Detected on ${date} at ${d.port} on a national of ${nationality}${d.route ? ` who declared the route ${d.route}` : ''}.`,
  );
  if (random.chance(0.6)) {
    parts.push(
      random
        .pick(data.CONTEXT_SENTENCES)
        [lang].replace('{amount}', String(random.int(8, 60) * 100))
        .replace('{count}', String(random.int(3, 14))),
    );
  }
  return parts.join(' ');
}

/**
 * The page and light of a rendered picture: UV and IR are drawn on the page that carries the data
 * (a booklet's data page, a card's front), the front of a booklet is its cover.
 */
function pageAndLight(view: PictureView, documentType: string): { page: string; light: string } {
  const booklet = documentType === 'passport' || documentType === 'refugee_travel_document';
  if (view === 'uv' || view === 'ir') return { page: booklet ? 'data_page' : 'front', light: view };
  return { page: view === 'front' && booklet ? 'cover' : view, light: 'visible' };
}

const VIEWS_BY_TYPE: Record<string, PictureView[]> = {
  passport: ['data_page', 'uv', 'front', 'ir', 'detail'],
  refugee_travel_document: ['data_page', 'uv', 'front', 'detail'],
  identity_card: ['front', 'back', 'uv', 'ir', 'detail'],
  residence_permit: ['front', 'back', 'uv', 'detail'],
};

function planSpecimens(random: Random, count: number, now: Date): SpecimenPlan[] {
  const plans: SpecimenPlan[] = [];
  const clamp = (d: Date) => new Date(Math.min(d.getTime(), now.getTime() - 5 * 60_000));
  for (let index = 0; index < count; index++) {
    const r = random.fork();
    const country = r.pick(MEMBER_COUNTRIES);
    const fate = r.weighted<Fate>([
      ['published', 84],
      ['submitted', 7],
      ['draft', 6],
      ['withdrawn', 3],
    ]);
    // Pending work is recent; published work spreads over the last two years.
    const daysAgo = fate === 'draft' || fate === 'submitted' ? r.int(1, 45) : r.int(3, 725);
    const detected = new Date(now.getTime() - daysAgo * DAY);
    const createdAt = clamp(new Date(detected.getTime() + r.int(0, Math.min(daysAgo - 1, 9)) * DAY + r.int(7, 18) * HOUR));
    const submittedAt = clamp(new Date(createdAt.getTime() + r.int(1, 30) * HOUR));
    const publishedAt = clamp(new Date(submittedAt.getTime() + r.int(2, 96) * HOUR));
    const withdrawnAt = clamp(new Date(publishedAt.getTime() + r.int(5, 60) * DAY));
    const documentType = r.weighted(data.DOCUMENT_TYPES);
    const issuingCountry = r.chance(0.35) ? country : r.weighted(data.ISSUERS);
    const category = r.weighted(data.CATEGORIES);
    const forgeryKind = category === 'forgery' ? r.pick(data.FORGERY_KINDS) : null;
    const language: 'es' | 'en' = ENGLISH.has(country) ? (r.chance(0.85) ? 'en' : 'es') : r.chance(0.9) ? 'es' : 'en';
    const featureCodes = r.sample(
      data.FEATURES_BY_CATEGORY[category]!,
      r.weighted([
        [1, 35],
        [2, 40],
        [3, 25],
      ]),
    );
    const features = featureCodes.map((code) => ({ code, note: r.chance(0.85) ? r.pick(data.FEATURE_NOTES[code]![language]) : null }));
    const [port, portKind] = r.pick(data.PORTS[country]!);
    const ownNational =
      ['fraudulently_obtained', 'impostor', 'lost', 'stolen', 'revoked', 'genuine_reference'].includes(category) &&
      !ISSUING_ORGANISATIONS.some((o) => o.code === issuingCountry);
    const holderNationality = ownNational && r.chance(0.7) ? issuingCountry : r.weighted(data.NATIONALITIES);
    const person = holder(r);
    const issuedFrom = r.int(2008, 2022);
    const withSeries = r.chance(0.6);
    const number = documentNumber(r, issuingCountry, documentType);
    const tlp = r.weighted<SpecimenCreate['tlp']>([
      ['GREEN', 45],
      ['AMBER', 35],
      ['CLEAR', 7],
      ['AMBER+STRICT', 8],
      ['RED', 5],
    ]);
    const body: SpecimenCreate = {
      documentType: documentType as SpecimenCreate['documentType'],
      issuingCountry,
      series: withSeries ? r.pick(data.SERIES[documentType]!) : null,
      version: r.chance(0.4) ? String(r.int(1, 4)) : null,
      issuedFrom: r.chance(0.7) ? issuedFrom : null,
      issuedTo: r.chance(0.5) ? issuedFrom + r.int(0, 6) : null,
      category: category as SpecimenCreate['category'],
      forgeryKind,
      features: features as SpecimenCreate['features'],
      detection: { date: isoDate(detected), country, port, portKind, holderNationality, route: r.chance(0.85) ? r.pick(data.ROUTES) : null },
      documentNumber: documentType === 'entry_exit_stamp' ? null : number,
      holderNames: documentType === 'entry_exit_stamp' && r.chance(0.5) ? [] : [`${person.given} ${person.surname}`],
      description: '',
      tlp,
      releasableTo: tlp === 'AMBER' && r.chance(0.12) ? [...new Set([country, ...r.sample(MEMBER_COUNTRIES, r.int(2, 4))])].sort() : undefined,
      sourceEvaluation: r.weighted([
        ['A', 35],
        ['B', 40],
        ['C', 20],
        ['X', 5],
      ]),
      informationEvaluation: r.weighted([
        [1, 30],
        [2, 45],
        [3, 20],
        [4, 5],
      ]),
    };
    if (body.issuedFrom === null && body.issuedTo !== null) body.issuedTo = null;
    const birth = `${r.int(1958, 2004)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
    const expiry = `${r.int(2026, 2034)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
    const picture: DocumentPicture = {
      documentType,
      issuer: issuingCountry,
      surname: person.surname,
      givenNames: person.given,
      nationality: holderNationality,
      number,
      birth,
      expiry,
      sex: person.sex,
      hue: data.HUES[issuingCountry] ?? 200,
    };
    const choices = VIEWS_BY_TYPE[documentType] ?? ['data_page', 'uv', 'detail'];
    const views = choices.slice(0, 1).concat(
      r.sample(
        choices.slice(1),
        r.weighted([
          [0, 40],
          [1, 40],
          [2, 20],
        ]),
      ),
    );
    plans.push({
      index,
      space: r.chance(0.7) ? 'documents' : 'control',
      country,
      byOfficer: r.chance(0.8),
      fate,
      createdAt,
      submittedAt,
      publishedAt,
      withdrawnAt,
      body,
      picture,
      views,
      language,
      redRecipients:
        tlp === 'RED'
          ? r.sample(
              MEMBER_COUNTRIES.filter((c) => c !== country),
              r.int(1, 3),
            )
          : [],
      sightings: [],
      correction: null,
    });
  }
  linkSome(random, plans);
  for (const plan of plans) plan.body.description = describe(plan, new Random(plan.index * 7919 + 17));
  addSightings(random, plans, now);
  return plans;
}

/** A handful of specimens share a document number, others a series: what correlation shows. */
function linkSome(random: Random, plans: SpecimenPlan[]): void {
  const linkable = plans.filter((p) => p.body.documentType !== 'entry_exit_stamp');
  const used = new Set<number>();
  const take = (n: number) => {
    const free = linkable.filter((p) => !used.has(p.index));
    const chosen = random.sample(free, n);
    for (const p of chosen) used.add(p.index);
    return chosen;
  };
  const publishable = (p: SpecimenPlan) => {
    p.fate = 'published';
    if (p.body.tlp === 'RED' || p.body.tlp === 'AMBER+STRICT') p.body.tlp = 'GREEN';
    p.redRecipients = [];
    p.body.releasableTo = undefined;
  };
  const numberGroups = Math.max(2, Math.round(plans.length / 60));
  for (let g = 0; g < numberGroups && linkable.length >= 2; g++) {
    const group = take(random.int(2, 3));
    const [first, ...rest] = group;
    if (!first || rest.length === 0) break;
    publishable(first);
    for (const p of rest) {
      publishable(p);
      // Another country meets the same document: same issuer, type and number.
      for (const key of ['documentType', 'issuingCountry', 'documentNumber', 'series', 'holderNames'] as const)
        (p.body as Record<string, unknown>)[key] = first.body[key];
      p.picture = { ...first.picture };
    }
  }
  const seriesGroups = Math.max(1, Math.round(plans.length / 100));
  for (let g = 0; g < seriesGroups; g++) {
    const group = take(3);
    const [first, ...rest] = group;
    if (!first || rest.length === 0) break;
    first.body.series ??= random.pick(data.SERIES[first.body.documentType]!);
    publishable(first);
    for (const p of rest) {
      publishable(p);
      p.body.documentType = first.body.documentType;
      p.body.issuingCountry = first.body.issuingCountry;
      p.body.series = first.body.series;
      p.picture = { ...p.picture, documentType: first.picture.documentType, issuer: first.picture.issuer, hue: first.picture.hue };
      p.views = [...first.views];
    }
  }
}

/** Other countries report seeing some published specimens too (and a few false positives). */
function addSightings(random: Random, plans: SpecimenPlan[], now: Date): void {
  const candidates = plans.filter((p) => p.fate === 'published' && ['CLEAR', 'GREEN', 'AMBER'].includes(p.body.tlp) && !p.body.releasableTo);
  const chosen = random.sample(candidates, Math.max(Math.min(2, candidates.length), Math.round(candidates.length * 0.22)));
  for (const plan of chosen) {
    const others = random.sample(
      MEMBER_COUNTRIES.filter((c) => c !== plan.country),
      random.weighted([
        [1, 45],
        [2, 30],
        [3, 15],
        [4, 10],
      ]),
    );
    for (const country of others) {
      const from = plan.publishedAt.getTime();
      const seen = new Date(from + random.next() * Math.max(0, now.getTime() - from - HOUR));
      const kind = random.chance(0.15) ? 'false_positive' : 'sighting';
      const language = ENGLISH.has(country) ? 'en' : 'es';
      plan.sightings.push({
        country,
        kind,
        seenOn: isoDate(seen),
        at: new Date(Math.min(seen.getTime() + random.int(1, 20) * HOUR, now.getTime() - 60_000)),
        place: random.pick(data.PORTS[country]!)[0],
        note: random.pick(kind === 'sighting' ? data.SIGHTING_NOTES : data.FALSE_POSITIVE_NOTES)[language],
      });
    }
  }
  const correctable = chosen.length ? chosen : candidates;
  for (const plan of random.sample(correctable, Math.max(1, Math.round(plans.length / 100)))) {
    const country = random.pick(MEMBER_COUNTRIES.filter((c) => c !== plan.country));
    const [port, portKind] = random.pick(data.PORTS[plan.country]!.filter(([name]) => name !== plan.body.detection!.port));
    plan.correction = {
      country,
      at: new Date(Math.min(plan.publishedAt.getTime() + 2 * DAY, now.getTime() - 60_000)),
      changes: { port, portKind },
      comment: ENGLISH.has(country)
        ? 'Our records show the detection took place at another post.'
        : 'Según nuestros registros, la detección fue en otro puesto.',
    };
  }
}

// ---------------------------------------------------------------------------------------------

interface Person {
  seed: AccountSeed;
  user: User;
  actor: Actor;
  ability: Ability;
}

/** Fills the portal; refuses (DemoRefused) unless it is empty. */
export async function fillDemo(services: DemoServices, options: DemoOptions): Promise<DemoResult> {
  const started = performance.now();
  const { db, keyring, sealer, files } = services;
  const log = options.log ?? (() => undefined);
  const now = options.now;
  const seeds = accountSeeds();
  await ensureEmpty(
    db,
    seeds.map((s) => s.email),
  );
  const random = new Random(options.seed);
  const password = options.password ?? `Enlace-demo-${randomBytes(4).toString('hex')}`;
  const opening = (monthsAgo: number) => new Date(now.getTime() - monthsAgo * 30.5 * DAY);
  const beginning = opening(31);

  // Organisations (those already registered under the same code are kept).
  await db
    .insertInto('organisation')
    .values(data.ORGANISATIONS.map(({ code, country, kind, nameEs, nameEn }) => ({ code, country, kind, nameEs, nameEn })))
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  const organisations = new Map((await db.selectFrom('organisation').select(['id', 'code']).execute()).map((o) => [o.code, o.id]));

  // Accounts: active, second factor provisioned (as `enlace admin create-user` does). One password
  // for all, so one hash for all: the demo's weakness is the shared password, not the shared salt.
  log(`creating ${seeds.length} accounts`);
  const passwordHash = await argon2.hash(password, ARGON2_OPTIONS);
  const secrets = new Map<string, string>();
  const users: User[] = [];
  for (const seed of seeds) {
    const id = randomUUID();
    const totpSecret = newTotpSecret();
    secrets.set(seed.email, totpSecret);
    const organisation = data.ORGANISATIONS.find((o) => o.code === seed.organisation)!;
    users.push(
      await insertUser(
        db,
        {
          id,
          email: seed.email,
          displayName: seed.name,
          country: seed.country,
          organisation: organisation.nameEs,
          organisationId: organisations.get(seed.organisation),
          language: seed.language,
          roles: seed.roles,
          status: 'active',
          passwordHash,
          totpSecret: sealTotpSecret(keyring, id, totpSecret),
        },
        beginning,
      ),
    );
  }
  const secretariatUser = users[0]!;
  const secretariatActor = await actorFor(db, secretariatUser);
  const secretariat = abilityFor(secretariatActor);

  // Networks and spaces (the spaces service makes each space's key pair), then memberships.
  log('creating networks, spaces and memberships');
  const spaces = new Map<string, string>();
  const networks: DemoResult['networks'] = [];
  for (const network of data.NETWORKS) {
    const row = await db
      .insertInto('network')
      .values({ code: network.code, nameEs: network.nameEs, nameEn: network.nameEn })
      .returning('id')
      .executeTakeFirstOrThrow();
    const made: DemoResult['networks'][number] = { code: network.code, nameEs: network.nameEs, nameEn: network.nameEn, spaces: [] };
    for (const space of network.spaces) {
      const opens = opening(space.monthsAgo);
      const body = {
        networkId: row.id,
        nameEs: space.nameEs,
        nameEn: space.nameEn,
        descriptionEs: space.descriptionEs,
        descriptionEn: space.descriptionEn,
        opensOn: isoDate(opens),
      };
      const id = await db.transaction().execute((trx) => createSpace(trx, keyring, secretariatUser.id, body, opens));
      spaces.set(space.key, id);
      made.spaces.push({ id, nameEs: space.nameEs, nameEn: space.nameEn });
    }
    networks.push(made);
  }
  const silent = { kind: 'console' as const, send: async () => undefined, close: async () => undefined };
  for (const [i, seed] of seeds.entries()) {
    for (const m of membershipsOf(seed)) {
      const context = { db, mail: silent, actor: secretariatActor, ability: secretariat, now: beginning, portalUrl: '' };
      await setMembership(context, spaces.get(m.space)!, users[i]!.id, m.role, false);
    }
  }
  const people: Person[] = [];
  for (const [i, seed] of seeds.entries()) {
    const actor = await actorFor(db, users[i]!);
    people.push({ seed, user: users[i]!, actor, ability: abilityFor(actor) });
  }
  const personOf = (country: string, role: string) => people.find((p) => p.seed.country === country && p.seed.role === role)!;

  // Specimens through the real services, several at a time; the plan fixed every choice beforehand.
  const plans = planSpecimens(random, options.specimens, now);
  log(`creating ${plans.length} specimens with their pictures`);
  const deps: SpecimenDeps = { db, sealer, keyring };
  const backgrounds = new BackgroundCache();
  // Pictures are drawn and ingested several at a time: one libvips thread each wastes less CPU.
  const vipsThreads = sharp.concurrency();
  sharp.concurrency(1);
  const counts = { images: 0, sightings: 0, falsePositives: 0, corrections: 0 };
  const specimenIds = new Map<number, string>();
  const limit = pLimit(3);
  let done = 0;
  const carryOut = async (plan: SpecimenPlan) => {
    const spaceId = spaces.get(plan.space)!;
    const author = personOf(plan.country, plan.byOfficer ? 'officer' : 'substitute');
    const validator = personOf(plan.country, 'contact_point');
    const body = { ...plan.body, namedRecipients: plan.redRecipients.map((c) => personOf(c, 'contact_point').user.id) };
    let item: Item = await db.transaction().execute((trx) => createSpecimen(deps, trx, author.actor, author.ability, spaceId, body, plan.createdAt));
    specimenIds.set(plan.index, item.id);

    const pictures = new Random(plan.index * 104_729 + 3);
    const uploads: Upload[] = [];
    try {
      for (const view of plan.views) {
        const image = await renderDocument(plan.picture, view, pictures, backgrounds);
        const pending = await files.ingest(spaceId, Readable.from([image]), IMAGE_TYPES, `${view}.jpg`);
        uploads.push({
          pending,
          name: `${plan.body.issuingCountry.toLowerCase()}-${plan.body.documentType}-${view}.jpg`,
          caption: caption(view, plan.language),
          ...pageAndLight(view, plan.body.documentType),
        });
      }
      await db.transaction().execute((trx) => recordAttachments(trx, sealer, files, item, author.user.id, uploads, plan.createdAt));
    } catch (err) {
      await Promise.all(uploads.map((u) => files.discard(u.pending)));
      throw err;
    }
    counts.images += uploads.length;

    if (plan.fate !== 'draft') item = await transitionItem(db, author.ability, 'specimen', item.id, 'submit', plan.submittedAt);
    if (plan.fate === 'published' || plan.fate === 'withdrawn')
      item = await transitionItem(db, validator.ability, 'specimen', item.id, 'publish', plan.publishedAt);
    for (const sighting of plan.sightings) {
      const reporter = personOf(sighting.country, 'officer');
      // What the route checks (the plan only picks readers of the specimen; a mistake would throw here).
      authorizeItem(reporter.ability, 'read', item, 'content');
      authorizeItem(reporter.ability, 'sight', item);
      const seen = { kind: sighting.kind, seenOn: sighting.seenOn, country: sighting.country, place: sighting.place, note: sighting.note };
      await db.transaction().execute((trx) => reportSighting(deps, trx, item, reporter.actor, seen, sighting.at));
      if (sighting.kind === 'sighting') counts.sightings++;
      else counts.falsePositives++;
    }
    if (plan.correction) {
      const proposer = personOf(plan.correction.country, 'officer');
      authorizeItem(proposer.ability, 'read', item, 'content');
      authorizeItem(proposer.ability, 'correct', item);
      const proposal = { changes: { detection: plan.correction.changes }, comment: plan.correction.comment };
      await db.transaction().execute((trx) => proposeCorrection(deps, trx, item, proposer.actor, proposal, plan.correction!.at));
      counts.corrections++;
    }
    if (plan.fate === 'withdrawn') await transitionItem(db, author.ability, 'specimen', item.id, 'withdraw', plan.withdrawnAt);
    done++;
    if (done % 50 === 0) log(`${done} of ${plans.length} specimens`);
  };
  try {
    await Promise.all(plans.map((plan) => limit(() => carryOut(plan))));
  } finally {
    sharp.concurrency(vipsThreads);
  }

  // Early alerts, once the specimens they link are published.
  log(`creating ${data.ALERTS.length} alerts and delivering them`);
  const alerts = await fillAlerts(services, {
    now,
    random,
    spaces,
    organisations,
    people: {
      personOf,
      deskOf: (organisation) => people.find((p) => p.seed.role === 'alert_recipient' && p.seed.organisation === organisation)!.user,
    },
    specimens: plans.map(
      (p): LinkableSpecimen => ({
        id: specimenIds.get(p.index)!,
        space: p.space,
        documentType: p.body.documentType,
        tlp: p.body.tlp,
        status: p.fate,
        releasable: !p.body.releasableTo,
        publishedAt: p.publishedAt,
      }),
    ),
  });

  // Intelligence reports in the routes space, linking published specimens and each other.
  log('creating intelligence reports');
  const reports = await fillReports(services, {
    now,
    spaces,
    personOf: (country, role) => personOf(country, role),
    specimens: plans.map(
      (p): LinkableSpecimen => ({
        id: specimenIds.get(p.index)!,
        space: p.space,
        documentType: p.body.documentType,
        tlp: p.body.tlp,
        status: p.fate,
        releasable: !p.body.releasableTo,
        publishedAt: p.publishedAt,
      }),
    ),
  });

  // Person records: fictional people with invented names, linked to a specimen and to the network's report.
  log('creating person records');
  const persons = await fillPersons(services, {
    now,
    // A generator of their own: the rest of the portal stays what the same seed made before.
    random: new Random(options.seed * 7 + 21),
    spaces,
    personOf: (country, role) => personOf(country, role),
  });

  // The liaison network's plan of action as commitments, with a few updates by the responsible.
  log('creating commitments');
  const commitments = await fillCommitments(services, {
    now,
    networkCode: data.NETWORKS[0]!.code,
    createdBy: secretariatUser.id,
    personOf: (country, role) => personOf(country, role),
  });

  // The liaison network's meetings: minutes with an agreement (and its commitment), a workshop's trainees, what comes next.
  log('creating meetings');
  const meetings = await fillMeetings(services, { now, networkCode: data.NETWORKS[0]!.code, createdBy: secretariatUser.id });

  // The seeds' semiannual flow matrix and each member country's returns of the last two semesters.
  log('creating periodic returns');
  const returns = await fillReturns(services, {
    now,
    random: new Random(options.seed * 11 + 5),
    networkCode: data.NETWORKS[0]!.code,
    secretariat: { actor: secretariatActor, ability: secretariat },
    personOf: (country, role) => personOf(country, role),
  });

  // The entry-authorisation matrix and the networks' directories.
  log('filling the entry requirements and the directory');
  const reference = await fillReference(services, {
    now,
    networkCodes: data.NETWORKS.map((n) => n.code),
    createdBy: secretariatUser.id,
    secretariat,
    personOf: (country, role) => personOf(country, role),
  });

  // The library: a manual with its PDF, a guideline and a campaign link.
  log('filling the library');
  const library = await fillLibrary(services, { now, spaceId: spaces.get('documents')!, author: personOf('CRI', 'officer') });

  const fates = (fate: Fate) => plans.filter((p) => p.fate === fate).length;
  return {
    password,
    accounts: seeds.map((seed) => ({
      email: seed.email,
      name: seed.name,
      role: seed.role,
      country: seed.country,
      password,
      totpSecret: secrets.get(seed.email)!,
    })),
    networks,
    counts: {
      organisations: data.ORGANISATIONS.length,
      networks: networks.length,
      spaces: spaces.size,
      accounts: seeds.length,
      specimens: plans.length,
      published: fates('published'),
      submitted: fates('submitted'),
      drafts: fates('draft'),
      withdrawn: fates('withdrawn'),
      ...counts,
      ...alerts,
      ...reports,
      ...persons,
      ...commitments,
      ...meetings,
      ...returns,
      ...reference,
      ...library,
    },
    seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
  };
}

const CAPTIONS: Record<PictureView, { es: string; en: string }> = {
  front: { es: 'Anverso, luz visible', en: 'Front, visible light' },
  back: { es: 'Reverso, luz visible', en: 'Back, visible light' },
  data_page: { es: 'Página de datos, luz visible', en: 'Data page, visible light' },
  uv: { es: 'Bajo luz ultravioleta (365 nm)', en: 'Under ultraviolet light (365 nm)' },
  ir: { es: 'Infrarrojo (870 nm)', en: 'Infrared (870 nm)' },
  detail: { es: 'Detalle ampliado', en: 'Magnified detail' },
};
const caption = (view: PictureView, language: 'es' | 'en') => CAPTIONS[view][language];

/** The accounts as a table for a terminal, with the counts above it. */
export function formatDemo(result: DemoResult): string {
  const c = result.counts;
  const lines = [
    `Enlace demo portal ready in ${result.seconds} s: ${c.organisations} organisations, ${c.networks} networks, ${c.spaces} spaces, ${c.accounts} accounts,`,
    `${c.specimens} specimens (${c.published} published, ${c.submitted} awaiting validation, ${c.drafts} drafts, ${c.withdrawn} withdrawn), ${c.images} images,`,
    `${c.sightings} sightings, ${c.falsePositives} false positives, ${c.corrections} proposed corrections,`,
    `${c.alerts} early alerts (${c.alertsPublished} published, ${c.alertsExpired} of them expired; ${c.alertsSubmitted} awaiting validation), ${c.alertDeliveries} inbox deliveries`,
    `(no mail sent), ${c.acknowledgements} acknowledged, ${c.reports} intelligence reports (${c.reportsPublished} published: routes, modus operandi,`,
    'an acquisition method, a smuggling network, a joint operation),',
    `${c.persons} person records (${c.personsPublished} published: a traveller with a counterfeit passport, a suspected smuggler, an adult with two`,
    `minors seen again by another country) with invented names, ${c.commitments} commitments of the liaison network's plan of action, ${c.returns} periodic returns (${c.returnsSubmitted} submitted)`,
    `(${c.commitmentUpdates} status updates), ${c.entryRequirements} cells of the entry-authorisation matrix and ${c.directoryEntries} directory entries, ${c.libraryDocuments} library documents. All of it is fictional.`,
    '',
    ...result.networks.flatMap((n) => [`  ${n.nameEs}`, ...n.spaces.map((s) => `    · ${s.nameEs} (${s.id})`)]),
    '',
    `Every account's password: ${result.password}`,
    'Sign in with the e-mail, this password and the 6-digit code of the account’s TOTP secret (add it to an authenticator app).',
    '',
  ];
  const header = ['email', 'role', 'country', 'password', 'totpSecret'];
  const rows = result.accounts.map((a) => [a.email, a.role, a.country, a.password, a.totpSecret]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  lines.push(line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line));
  return `${lines.join('\n')}\n`;
}
