/**
 * The upload wizard's form: its fields as typed (strings, ticks), filled from a draft, checked a
 * step at a time, and sent as the body of the draft; the step each field (and each server error)
 * belongs to.
 */
import type { Reference } from '../../../items/reference.ts';
import type { ApiError } from '../../../lib/api.ts';
import { todayIso } from '../../../lib/dates.ts';
import type { FormError } from '../../../lib/errors.ts';
import type { MessageKey, Translate } from '../../../lib/i18n/index.tsx';
import type { Binder, FieldProps } from '../../../ui/form.tsx';
import type { DraftBody, SpecimenView } from '../api.ts';

export interface Fields {
  spaceId: string;
  documentType: string;
  issuingCountry: string;
  series: string;
  version: string;
  issuedFrom: string;
  issuedTo: string;
  category: string;
  forgeryKind: string;
  features: Record<string, { checked: boolean; note: string }>;
  detection: { date: string; country: string; port: string; portKind: string; holderNationality: string; route: string };
  documentNumber: string;
  holderNames: string;
  description: string;
  tlp: string;
  releasableTo: string[];
  namedRecipients: string[];
  sourceEvaluation: string;
  informationEvaluation: string;
}

export const EMPTY: Fields = {
  spaceId: '',
  documentType: '',
  issuingCountry: '',
  series: '',
  version: '',
  issuedFrom: '',
  issuedTo: '',
  category: '',
  forgeryKind: '',
  features: {},
  detection: { date: '', country: '', port: '', portKind: '', holderNationality: '', route: '' },
  documentNumber: '',
  holderNames: '',
  description: '',
  tlp: '',
  releasableTo: [],
  namedRecipients: [],
  sourceEvaluation: '',
  informationEvaluation: '',
};

/** What every step of the wizard is given: the fields, a setter, the error's marks, a field bound to each, the vocabularies. */
export interface StepProps {
  fields: Fields;
  set: <K extends keyof Fields>(name: K, value: Fields[K]) => void;
  fieldProps: (name: string) => FieldProps;
  bind: Binder<Fields>;
  reference: Reference | null;
}

export const STEPS: MessageKey[] = [
  'upload.step.document',
  'upload.step.features',
  'upload.step.detection',
  'upload.step.handling',
  'upload.step.images',
];
export const LAST = STEPS.length - 1;
/**
 * The document-status reports (server/features/specimens/taxonomy.ts): reported by number, they may
 * be submitted without an image, and then need the number.
 */
const STATUS_REPORT_CATEGORIES = ['stolen_blank', 'lost', 'stolen', 'revoked'];
export const isStatusReport = (category: string) => STATUS_REPORT_CATEGORIES.includes(category);
const YEAR = /^\d{4}$/;
export const MAX_NAMES = 6;

export const fieldsFrom = (view: SpecimenView): Fields => {
  const s = view.specimen!;
  const h = view.handling;
  const orNone = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));
  return {
    spaceId: view.spaceId,
    documentType: s.documentType,
    issuingCountry: s.issuingCountry,
    series: orNone(s.series),
    version: orNone(s.version),
    issuedFrom: orNone(s.issuedFrom),
    issuedTo: orNone(s.issuedTo),
    category: s.category,
    forgeryKind: orNone(s.forgeryKind),
    features: Object.fromEntries(s.features.map((f) => [f.code, { checked: true, note: f.note ?? '' }])),
    detection: {
      date: orNone(s.detection.date),
      country: orNone(s.detection.country),
      port: orNone(s.detection.port),
      portKind: orNone(s.detection.portKind),
      holderNationality: orNone(s.detection.holderNationality),
      route: orNone(s.detection.route),
    },
    documentNumber: orNone(s.documentNumber),
    holderNames: s.holderNames.join('\n'),
    description: s.description,
    tlp: view.tlp,
    releasableTo: h?.releasableTo ?? [],
    namedRecipients: h?.namedRecipients ?? [],
    sourceEvaluation: orNone(h?.sourceEvaluation),
    informationEvaluation: orNone(h?.informationEvaluation),
  };
};

/** The codes of the features ticked, in the taxonomy's order (the order of the array sent, and so of error paths). */
export function checkedFeatures(fields: Fields, reference: Reference | null): string[] {
  const order = reference?.featureGroups.flatMap((g) => g.features.map((f) => f.code)) ?? Object.keys(fields.features);
  return order.filter((code) => fields.features[code]?.checked);
}

export function bodyOf(fields: Fields, reference: Reference | null): DraftBody {
  const text = (v: string) => v.trim() || null;
  const year = (v: string) => (v.trim() ? Number(v.trim()) : null);
  const body: DraftBody = {
    documentType: fields.documentType,
    issuingCountry: fields.issuingCountry,
    series: text(fields.series),
    version: text(fields.version),
    issuedFrom: year(fields.issuedFrom),
    issuedTo: year(fields.issuedTo),
    category: fields.category,
    forgeryKind: fields.category === 'forgery' ? fields.forgeryKind || null : null,
    features: checkedFeatures(fields, reference).map((code) => ({ code, note: text(fields.features[code]?.note ?? '') })),
    detection: {
      date: text(fields.detection.date),
      country: text(fields.detection.country),
      port: text(fields.detection.port),
      portKind: text(fields.detection.portKind),
      holderNationality: text(fields.detection.holderNationality),
      route: text(fields.detection.route),
    },
    documentNumber: text(fields.documentNumber),
    holderNames: fields.holderNames
      .split('\n')
      .map((n) => n.trim())
      .filter(Boolean),
    description: fields.description.trim(),
    tlp: fields.tlp,
    releasableTo: fields.releasableTo,
    namedRecipients: fields.tlp === 'RED' ? fields.namedRecipients : [],
  };
  if (fields.sourceEvaluation) body.sourceEvaluation = fields.sourceEvaluation;
  if (fields.informationEvaluation) body.informationEvaluation = Number(fields.informationEvaluation);
  return body;
}

/** Fields of the specimen the server may name in an error, with the wizard step they belong to. */
export function stepOfField(field: string | undefined): number | null {
  if (!field) return null;
  const top = field.split('.')[0] ?? '';
  if (['spaceId', 'documentType', 'issuingCountry', 'series', 'version', 'issuedFrom', 'issuedTo', 'category', 'forgeryKind'].includes(top)) return 0;
  if (top === 'features') return 1;
  if (['detection', 'documentNumber', 'holderNames', 'description'].includes(top)) return 2;
  if (['tlp', 'releasableTo', 'namedRecipients', 'sourceEvaluation', 'informationEvaluation'].includes(top)) return 3;
  if (top === 'images' || top === 'file' || top === 'view' || top === 'page' || top === 'light') return 4;
  return null;
}

/** The field an error is about when the server gives only its code. */
export function fieldOfError(err: ApiError): string | undefined {
  if (err.field) return err.field;
  if (err.code === 'forgery_kind_required' || err.code === 'forgery_kind_not_allowed') return 'forgeryKind';
  if (err.code === 'images_required') return 'images';
  return undefined;
}

/** The images of the draft as the last step sees them: one still without its page, and how many there are. */
export interface ImagesState {
  unviewed: { key: string; name: string } | null;
  total: number;
}

/** The first problem of a step, if any; `submitting` also asks for an image, or for a status report without one its number. */
export function checkStep(index: number, f: Fields, images: ImagesState, submitting: boolean, t: Translate): FormError | null {
  const required = (value: string, name: string, label: MessageKey): FormError | null =>
    value.trim() ? null : { message: t('form.required', { field: t(label) }), field: name };
  switch (index) {
    case 0: {
      const problem =
        required(f.spaceId, 'spaceId', 'upload.space') ??
        required(f.documentType, 'documentType', 'specimen.documentType') ??
        required(f.issuingCountry, 'issuingCountry', 'specimen.issuingCountry');
      if (problem) return problem;
      for (const name of ['issuedFrom', 'issuedTo'] as const) {
        const v = f[name].trim();
        if (v && (!YEAR.test(v) || Number(v) < 1900 || Number(v) > 2100)) return { message: t('upload.yearFormat'), field: name };
      }
      if (f.issuedFrom && f.issuedTo && Number(f.issuedTo) < Number(f.issuedFrom)) return { message: t('upload.yearsReversed'), field: 'issuedTo' };
      return (
        required(f.category, 'category', 'specimen.category') ??
        (f.category === 'forgery' ? required(f.forgeryKind, 'forgeryKind', 'specimen.forgeryKind') : null)
      );
    }
    case 2: {
      if (f.detection.date && f.detection.date > todayIso()) return { message: t('upload.dateFuture'), field: 'detection.date' };
      const names = f.holderNames.split('\n').filter((n) => n.trim());
      if (names.length > MAX_NAMES) return { message: t('upload.tooManyNames', { max: MAX_NAMES }), field: 'holderNames' };
      if (submitting && images.total === 0 && isStatusReport(f.category) && !/[\p{L}\p{N}]/u.test(f.documentNumber)) {
        return { message: t('upload.numberRequired'), field: 'documentNumber' };
      }
      return required(f.description, 'description', 'specimen.description');
    }
    case 3:
      return required(f.tlp, 'tlp', 'specimen.tlp');
    case 4: {
      if (images.unviewed) return { message: t('upload.choosePage', { name: images.unviewed.name }), field: `images.${images.unviewed.key}.page` };
      if (submitting && images.total === 0 && !isStatusReport(f.category)) return { message: t('upload.imagesRequired'), field: 'images' };
      return null;
    }
    default:
      return null;
  }
}
