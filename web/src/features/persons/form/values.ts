/**
 * What the person form's fields hold (strings, as forms hold them), and the record they make: the
 * body of a new record or of a draft's edit, and the values of a draft to edit again. The values
 * are shaped as the API's body (`detection.date`, `group.minors.0.age`), so that an error the
 * server names at a field finds that field here.
 */
import type { HandlingValues } from '../../../items/handling.tsx';
import type { Individual, NewPerson, PersonForm, PersonPatch, PersonView } from '../api.ts';

export interface DocumentValues {
  documentType: string;
  issuer: string;
  number: string;
  /** The specimen it matches: its id, or the address of its page. */
  specimen: string;
}

export interface IndividualValues {
  /** The name as written in the document first, then aliases and transliterations. */
  names: string[];
  sex: string;
  /** YYYY-MM-DD, or YYYY when only the year is known (DD/MM/YYYY is taken too). */
  dateOfBirth: string;
  placeOfBirth: string;
  nationalities: string[];
  documents: DocumentValues[];
}

export interface MinorValues extends IndividualValues {
  age: string;
}

export interface AdultValues extends IndividualValues {
  relationship: string;
  support: string;
}

export interface DetectionValues {
  date: string;
  country: string;
  port: string;
  route: string;
  carrier: string;
}

export interface GroupValues {
  minors: MinorValues[];
  adults: AdultValues[];
  destination: string;
  indicators: string[];
  referral: string;
  referralNote: string;
}

export interface PersonValues extends HandlingValues {
  spaceId: string;
  form: PersonForm;
  detection: DetectionValues;
  outcome: string;
  notes: string;
  /** Linked items' ids, one per line (a link to one of their pages will do). */
  links: string;
  person: IndividualValues;
  role: string;
  group: GroupValues;
}

export const MAX_PEOPLE = 20;
export const MAX_NAMES = 10;
export const MAX_DOCUMENTS = 10;

export const emptyDocument = (): DocumentValues => ({ documentType: '', issuer: '', number: '', specimen: '' });
const emptyIndividual = (): IndividualValues => ({ names: [''], sex: '', dateOfBirth: '', placeOfBirth: '', nationalities: [], documents: [] });
export const emptyMinor = (): MinorValues => ({ ...emptyIndividual(), age: '' });
export const emptyAdult = (): AdultValues => ({ ...emptyIndividual(), relationship: '', support: '' });

export function emptyValues(form: PersonForm): PersonValues {
  return {
    spaceId: '',
    form,
    detection: { date: '', country: '', port: '', route: '', carrier: '' },
    outcome: '',
    notes: '',
    links: '',
    person: emptyIndividual(),
    role: '',
    group: { minors: [emptyMinor()], adults: [emptyAdult()], destination: '', indicators: [], referral: '', referralNote: '' },
    // Person records are never CLEAR or GREEN: AMBER+STRICT unless the writer chooses otherwise.
    tlp: 'AMBER+STRICT',
    namedRecipients: [],
    sourceEvaluation: '',
    informationEvaluation: '',
  };
}

const UUIDS = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
export const linkIds = (value: string): string[] => [...new Set((value.match(UUIDS) ?? []).map((id) => id.toLowerCase()))];

const DAY_MONTH_YEAR = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

/** A date of birth as the API takes it: YYYY or YYYY-MM-DD; DD/MM/YYYY (the way it is written here) becomes the latter. */
export function birthDate(value: string): string {
  const text = value.trim();
  const m = DAY_MONTH_YEAR.exec(text);
  return m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : text;
}

export const BIRTH_DATE = /^(19|20)\d{2}(-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))?$/;

/** A given value only: blanks are left out of the body. */
const given = <T extends Record<string, unknown>>(fields: T): Partial<T> =>
  Object.fromEntries(
    Object.entries(fields).filter(([, v]) => v !== '' && v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0)),
  ) as Partial<T>;

function individual(v: IndividualValues) {
  return {
    names: v.names.map((n) => n.trim()).filter(Boolean),
    ...given({
      sex: v.sex,
      dateOfBirth: birthDate(v.dateOfBirth),
      placeOfBirth: v.placeOfBirth.trim(),
      nationalities: v.nationalities,
    }),
    documents: v.documents.map((d) => ({
      documentType: d.documentType,
      issuer: d.issuer,
      ...given({ number: d.number.trim(), specimenId: linkIds(d.specimen)[0] ?? '' }),
    })),
  };
}

function common(v: PersonValues): PersonPatch {
  const d = v.detection;
  const body: PersonPatch = {
    detection: { date: d.date, country: d.country, ...given({ port: d.port.trim(), route: d.route.trim(), carrier: d.carrier.trim() }) },
    outcome: v.outcome,
    notes: v.notes.trim(),
    links: linkIds(v.links),
    tlp: v.tlp,
  };
  if (v.form === 'person') {
    body.person = individual(v.person);
    body.role = v.role;
  } else {
    const g = v.group;
    body.group = {
      minors: g.minors.map((m) => ({ ...individual(m), ...(m.age.trim() ? { age: Number(m.age) } : {}) })),
      adults: g.adults.map((a) => ({ ...individual(a), relationship: a.relationship, support: a.support })),
      indicators: g.indicators,
      referral: g.referral,
      ...given({ destination: g.destination, referralNote: g.referralNote.trim() }),
    };
  }
  if (v.tlp === 'RED') body.namedRecipients = v.namedRecipients;
  if (v.sourceEvaluation) body.sourceEvaluation = v.sourceEvaluation;
  if (v.informationEvaluation) body.informationEvaluation = Number(v.informationEvaluation);
  return body;
}

export function newPersonBody(v: PersonValues): NewPerson {
  const body = common(v);
  return { ...body, form: v.form, detection: body.detection!, outcome: v.outcome };
}
export const draftPatch = (v: PersonValues): PersonPatch => common(v);

function individualValues(p: Individual): IndividualValues {
  return {
    names: p.names.length ? [...p.names] : [''],
    sex: p.sex ?? '',
    dateOfBirth: p.dateOfBirth ?? '',
    placeOfBirth: p.placeOfBirth ?? '',
    nationalities: [...(p.nationalities ?? [])],
    documents: (p.documents ?? []).map((d) => ({
      documentType: d.documentType,
      issuer: d.issuer,
      number: d.number ?? '',
      specimen: d.specimenId ?? '',
    })),
  };
}

/** A draft's values, to edit it again. */
export function valuesOf(view: PersonView): PersonValues {
  const empty = emptyValues(view.form);
  const d = view.detection;
  const g = view.group;
  const h = view.handling;
  // A document's specimen is linked by the server too: the links to edit are the others.
  const documents = [view.person, ...(g?.minors ?? []), ...(g?.adults ?? [])].flatMap((p) => p?.documents ?? []);
  const bySpecimen = new Set(documents.map((doc) => doc.specimenId).filter(Boolean));
  return {
    ...empty,
    spaceId: view.spaceId,
    detection: d ? { date: d.date, country: d.country, port: d.port ?? '', route: d.route ?? '', carrier: d.carrier ?? '' } : empty.detection,
    outcome: view.outcome ?? '',
    notes: view.notes ?? '',
    links: (view.links ?? [])
      .filter((l) => l.direction === 'to' && !bySpecimen.has(l.id))
      .map((l) => l.id)
      .join('\n'),
    person: view.person ? individualValues(view.person) : empty.person,
    role: view.role ?? '',
    group: g
      ? {
          minors: g.minors.map((m) => ({ ...individualValues(m), age: m.age === null || m.age === undefined ? '' : String(m.age) })),
          adults: g.adults.map((a) => ({ ...individualValues(a), relationship: a.relationship, support: a.support })),
          destination: g.destination ?? '',
          indicators: [...g.indicators],
          referral: g.referral,
          referralNote: g.referralNote ?? '',
        }
      : empty.group,
    tlp: view.tlp,
    namedRecipients: h?.namedRecipients ?? [],
    sourceEvaluation: h?.sourceEvaluation ?? '',
    informationEvaluation: h?.informationEvaluation ? String(h.informationEvaluation) : '',
  };
}

/**
 * The form's field a server error names: the names of a person as a whole are its first name's
 * field (`person.names` → `person.names.0`); a minor with neither a date of birth nor an age, its age.
 */
export function formField(field: string | undefined): string | undefined {
  if (!field) return field;
  if (/\.names$/.test(field)) return `${field}.0`;
  if (/^group\.minors\.\d+$/.test(field)) return `${field}.age`;
  return field;
}
