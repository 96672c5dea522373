/**
 * Document specimens: the API's shapes (server/features/specimens/schemas.ts is the contract),
 * the shared vocabularies from GET /api/reference/specimens, and the helpers the screens share
 * (labels in the reader's language, search filters in the address, image addresses).
 */
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from './api.ts';
import { countryName, learnStates, sortedMembers, sortedOtherStates } from './countries.ts';
import type { MessageKey } from './i18n/en.ts';
import type { Language } from './i18n/index.tsx';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export const TLPS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const;
export type Tlp = (typeof TLPS)[number];
export type ItemStatus = 'draft' | 'submitted' | 'published' | 'withdrawn' | 'expired';
export const SOURCE_EVALUATIONS = ['A', 'B', 'C', 'X'] as const;
export const INFORMATION_EVALUATIONS = [1, 2, 3, 4] as const;

export interface Term {
  code: string;
  es: string;
  en: string;
}

export interface Reference {
  documentTypes: Term[];
  categories: Term[];
  forgeryKinds: Term[];
  featureGroups: (Term & { features: Term[] })[];
  views: Term[];
  portKinds: Term[];
  issuingOrganisations: Term[];
  states: { code: string; alpha2: string }[];
}

export interface ItemPermissions {
  readContent: boolean;
  update: boolean;
  submit: boolean;
  publish: boolean;
  return: boolean;
  withdraw: boolean;
  correct: boolean;
  amend: boolean;
  sight: boolean;
}

export interface Detection {
  date: string | null;
  country: string | null;
  port: string | null;
  portKind: string | null;
  holderNationality: string | null;
  route: string | null;
}

export interface SpecimenContent {
  documentType: string;
  issuingCountry: string;
  series: string | null;
  version: string | null;
  issuedFrom: number | null;
  issuedTo: number | null;
  category: string;
  forgeryKind: string | null;
  features: { code: string; note: string | null }[];
  detection: Detection;
  documentNumber: string | null;
  holderNames: string[];
  description: string;
}

export interface ImageView {
  id: string;
  view: string;
  caption: string | null;
  name: string;
  mediaType: string;
  byteSize: number;
  thumbnail: boolean;
  createdAt: string;
}

export interface SpecimenView {
  id: string;
  kind: 'specimen';
  spaceId: string;
  originatorCountry: string;
  status: ItemStatus;
  tlp: Tlp;
  createdAt: string;
  updatedAt: string;
  permissions: ItemPermissions;
  handling?: {
    originatorId: string;
    releasableTo: string[];
    namedRecipients: string[];
    sourceEvaluation: string | null;
    informationEvaluation: number | null;
  };
  specimen?: SpecimenContent;
  images?: ImageView[];
  sightingCounts?: { sightings: number; falsePositives: number };
  openCorrections?: number;
}

export interface SpecimenCard {
  id: string;
  spaceId: string;
  status: ItemStatus;
  tlp: Tlp;
  originatorCountry: string;
  createdAt: string;
  updatedAt: string;
  documentType: string;
  issuingCountry: string;
  category: string;
  forgeryKind: string | null;
  features: string[];
  detectedOn: string | null;
  detectionCountry: string | null;
  series: string | null;
  excerpt: string;
  imageCount: number;
  thumbnail: { imageId: string; view: string } | null;
  sightings: number;
}

export const FACETS = ['type', 'issuingCountry', 'category', 'feature', 'detectionCountry', 'year'] as const;
export type Facet = (typeof FACETS)[number];
/** The facets chosen with checkboxes (the year is a period: detectedFrom/To). */
export const LIST_FACETS = ['type', 'issuingCountry', 'category', 'feature', 'detectionCountry'] as const;
export type ListFacet = (typeof LIST_FACETS)[number];

export interface SearchResult {
  total: number;
  page: number;
  pageSize: number;
  items: SpecimenCard[];
  facets: Record<Facet, { value: string; count: number }[]>;
}

export const SORTS = ['newest', 'oldest', 'detected', 'updated'] as const;
export type Sort = (typeof SORTS)[number];
export const STATUS_FILTERS = ['draft', 'submitted', 'published', 'withdrawn'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export interface Sighting {
  id: string;
  kind: 'sighting' | 'false_positive';
  seenOn: string;
  country: string;
  place: string | null;
  note: string | null;
  reporterCountry: string;
  mine: boolean;
  createdAt: string;
}

export interface Correction {
  id: string;
  status: 'proposed' | 'accepted' | 'rejected';
  changes: Record<string, unknown>;
  comment: string;
  proposerCountry: string;
  mine: boolean;
  createdAt: string;
  decidedAt: string | null;
}

export type RelatedReason = 'document_number' | 'series' | 'feature';
export interface Related {
  items: { card: SpecimenCard; reasons: RelatedReason[]; features: string[] }[];
}

export interface HitCheck {
  hit: boolean;
  items: string[];
  withheld: boolean;
}

// --- The reference data: asked once per page load, shared by every screen.

let reference: Promise<Reference> | null = null;

function loadReference(): Promise<Reference> {
  reference ??= api<Reference>('GET', '/api/reference/specimens').then(
    (ref) => {
      learnStates(ref.states);
      return ref;
    },
    (err: unknown) => {
      reference = null;
      throw err;
    },
  );
  return reference;
}

export function useReference(): { ref: Reference | null; error: unknown } {
  const [state, setState] = useState<{ ref: Reference | null; error: unknown }>({ ref: null, error: null });
  useEffect(() => {
    let current = true;
    loadReference().then(
      (ref) => current && setState({ ref, error: null }),
      (error: unknown) => current && setState({ ref: null, error }),
    );
    return () => {
      current = false;
    };
  }, []);
  return state;
}

// --- Labels in the reader's language.

export const termLabel = (list: readonly Term[] | undefined, code: string, lang: Language): string =>
  list?.find((term) => term.code === code)?.[lang] ?? code;

export const allFeatures = (ref: Reference | null): Term[] => ref?.featureGroups.flatMap((g) => g.features) ?? [];

export const featureLabel = (ref: Reference | null, code: string, lang: Language): string => termLabel(allFeatures(ref), code, lang);

/** An issuer: a state (named by the browser) or an ICAO organisation code (named by the taxonomy). */
export function issuerName(ref: Reference | null, code: string, lang: Language, t: Translate): string {
  const organisation = ref?.issuingOrganisations.find((o) => o.code === code);
  return organisation ? organisation[lang] : countryName(code, lang, t);
}

/** How a specimen is named in a heading or a link: its type and who issued it. */
export function specimenTitle(
  ref: Reference | null,
  fields: { documentType: string; issuingCountry: string },
  lang: Language,
  t: Translate,
): string {
  return t('specimen.titleOf', {
    type: termLabel(ref?.documentTypes, fields.documentType, lang),
    issuer: issuerName(ref, fields.issuingCountry, lang, t),
  });
}

export function categoryLabel(ref: Reference | null, category: string, forgeryKind: string | null, lang: Language): string {
  const name = termLabel(ref?.categories, category, lang);
  return forgeryKind ? `${name} (${termLabel(ref?.forgeryKinds, forgeryKind, lang).toLocaleLowerCase(lang)})` : name;
}

/** The choices of a place select: member countries first, then every other state. */
export function placeChoices(lang: Language, t: Translate): { members: { code: string; name: string }[]; others: { code: string; name: string }[] } {
  return { members: sortedMembers(lang, t), others: sortedOtherStates(lang) };
}

export function formatBytes(bytes: number, lang: Language): string {
  const units = ['B', 'kB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${new Intl.NumberFormat(lang, { maximumFractionDigits: unit ? 1 : 0 }).format(value)} ${units[unit]}`;
}

// --- Images.

export const imageUrl = (specimenId: string, imageId: string, thumb = false): string =>
  `/api/specimens/${encodeURIComponent(specimenId)}/images/${encodeURIComponent(imageId)}${thumb ? '?size=thumb' : ''}`;

export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/tiff'] as const;

// --- Search filters: the facets, the period, the sort and the page live in the address (they are
// coarse); the keyword never does: it travels in the body of POST /api/specimens/search.

export interface Filters {
  type: string[];
  issuingCountry: string[];
  category: string[];
  feature: string[];
  detectionCountry: string[];
  from: string;
  to: string;
  status: StatusFilter | '';
  mine: boolean;
  sort: Sort;
  page: number;
  space: string;
}

export const NO_FILTERS: Filters = {
  type: [],
  issuingCountry: [],
  category: [],
  feature: [],
  detectionCountry: [],
  from: '',
  to: '',
  status: '',
  mine: false,
  sort: 'newest',
  page: 1,
  space: '',
};

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const CODE = /^[A-Za-z0-9_+-]{1,40}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function filtersFrom(query: URLSearchParams): Filters {
  const list = (name: string) => [...new Set(query.getAll(name).filter((v) => CODE.test(v)))].slice(0, 20);
  const day = (name: string) => {
    const value = query.get(name) ?? '';
    return ISO_DAY.test(value) ? value : '';
  };
  const status = query.get('status') ?? '';
  const sort = query.get('sort') ?? '';
  const page = Number(query.get('page') ?? '1');
  const space = query.get('space') ?? '';
  return {
    type: list('type'),
    issuingCountry: list('issuingCountry'),
    category: list('category'),
    feature: list('feature'),
    detectionCountry: list('detectionCountry'),
    from: day('from'),
    to: day('to'),
    status: (STATUS_FILTERS as readonly string[]).includes(status) ? (status as StatusFilter) : '',
    mine: query.get('mine') === '1',
    sort: (SORTS as readonly string[]).includes(sort) ? (sort as Sort) : 'newest',
    page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
    space: UUID.test(space) ? space.toLowerCase() : '',
  };
}

export function filtersQuery(filters: Filters): string {
  const query = new URLSearchParams();
  if (filters.space) query.set('space', filters.space);
  for (const facet of LIST_FACETS) for (const value of filters[facet]) query.append(facet, value);
  if (filters.from) query.set('from', filters.from);
  if (filters.to) query.set('to', filters.to);
  if (filters.status) query.set('status', filters.status);
  if (filters.mine) query.set('mine', '1');
  if (filters.sort !== 'newest') query.set('sort', filters.sort);
  if (filters.page > 1) query.set('page', String(filters.page));
  const text = query.toString();
  return text ? `?${text}` : '';
}

export const hasFilters = (f: Filters): boolean =>
  LIST_FACETS.some((facet) => f[facet].length > 0) || !!f.from || !!f.to || !!f.status || f.mine;

/** The body of POST /api/specimens/search (and, with a format, of the export). */
export function searchBody(filters: Filters, q: string): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (q.trim()) body.q = q.trim();
  for (const facet of LIST_FACETS) if (filters[facet].length) body[facet] = filters[facet];
  if (filters.from) body.detectedFrom = filters.from;
  if (filters.to) body.detectedTo = filters.to;
  if (filters.status) body.status = filters.status;
  if (filters.mine) body.mine = true;
  if (filters.space) body.spaceId = filters.space;
  body.sort = filters.sort;
  return body;
}

export const yearBounds = (year: string) => ({ from: `${year}-01-01`, to: `${year}-12-31` });

/** The year a period covers exactly, if it does. */
export function periodYear(filters: Filters): string | null {
  const year = filters.from.slice(0, 4);
  return filters.from && filters.to && filters.from === `${year}-01-01` && filters.to === `${year}-12-31` ? year : null;
}

// --- A message to show on the next screen, once (after submitting, publishing…).

let flash: string | null = null;
export function setFlash(message: string): void {
  flash = message;
}
export function takeFlash(): string | null {
  const message = flash;
  flash = null;
  return message;
}

/** Fields of the specimen the server may name in an error, with the wizard step they belong to. */
export function stepOfField(field: string | undefined): number | null {
  if (!field) return null;
  const top = field.split('.')[0] ?? '';
  if (['spaceId', 'documentType', 'issuingCountry', 'series', 'version', 'issuedFrom', 'issuedTo', 'category', 'forgeryKind'].includes(top)) return 0;
  if (top === 'features') return 1;
  if (['detection', 'documentNumber', 'holderNames', 'description'].includes(top)) return 2;
  if (['tlp', 'releasableTo', 'namedRecipients', 'sourceEvaluation', 'informationEvaluation'].includes(top)) return 3;
  if (top === 'images' || top === 'file' || top === 'view') return 4;
  return null;
}

/** The field an error is about when the server gives only its code. */
export function fieldOfError(err: ApiError): string | undefined {
  if (err.field) return err.field;
  if (err.code === 'forgery_kind_required' || err.code === 'forgery_kind_not_allowed') return 'forgeryKind';
  if (err.code === 'images_required') return 'images';
  return undefined;
}

export const shortId = (id: string) => id.slice(0, 8);
