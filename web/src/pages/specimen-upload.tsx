import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { api, ApiError, type Member, uploadWithProgress } from '../api.ts';
import { countryName, ORGANISATION_CODES, sortedMembers } from '../countries.ts';
import type { MessageKey } from '../i18n/en.ts';
import { useI18n } from '../i18n/index.tsx';
import { navigate, useLocation } from '../router.ts';
import { useUser } from '../session.tsx';
import {
  fieldOfError,
  formatBytes,
  IMAGE_TYPES,
  type ImageView,
  imageUrl,
  INFORMATION_EVALUATIONS,
  type Reference,
  setFlash,
  SOURCE_EVALUATIONS,
  type SpecimenView,
  stepOfField,
  termLabel,
  type Tlp,
  TLPS,
  useReference,
} from '../specimens.ts';
import { spaceName, todayIso, UUID } from '../spaces.ts';
import { ErrorAlert, type FormError, Notice, Page, SelectField, TextAreaField, TextField, TlpBadge, toFormError } from '../ui.tsx';
import { CountrySelect, INFO_KEYS, IssuerSelect, SOURCE_KEYS, TermOptions } from './specimen.tsx';
import { useSpecimenRoles } from './specimens.tsx';

/**
 * The upload wizard: the document, its security features, the detection and identifiers, the
 * handling, then the images (several, each with its view and caption, a progress bar each).
 * The draft is created on the first save; `?draft=` reopens one for editing.
 */

interface Fields {
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

const EMPTY: Fields = {
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

interface Pending {
  key: string;
  file: File;
  preview: string | null;
  view: string;
  caption: string;
  state: 'ready' | 'uploading' | 'done' | 'failed';
  progress: number;
  error: string | null;
  uploaded: ImageView | null;
}

const STEPS: MessageKey[] = ['upload.step.document', 'upload.step.features', 'upload.step.detection', 'upload.step.handling', 'upload.step.images'];
const LAST = STEPS.length - 1;
const YEAR = /^\d{4}$/;
const MAX_NAMES = 6;

const fieldsFrom = (view: SpecimenView): Fields => {
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
function checkedFeatures(fields: Fields, reference: Reference | null): string[] {
  const order = reference?.featureGroups.flatMap((g) => g.features.map((f) => f.code)) ?? Object.keys(fields.features);
  return order.filter((code) => fields.features[code]?.checked);
}

function bodyOf(fields: Fields, reference: Reference | null): Record<string, unknown> {
  const text = (v: string) => v.trim() || null;
  const year = (v: string) => (v.trim() ? Number(v.trim()) : null);
  const body: Record<string, unknown> = {
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

let keys = 0;

export function SpecimenUploadPage() {
  const { t, lang } = useI18n();
  const user = useUser();
  const { query } = useLocation();
  const { ref: reference } = useReference();
  const { creatable, spaces } = useSpecimenRoles();
  const [draftId, setDraftId] = useState<string | null>(() => {
    const draft = query.get('draft') ?? '';
    return UUID.test(draft) ? draft.toLowerCase() : null;
  });
  const [loadState, setLoadState] = useState<'loading' | 'ready' | 'notDraft' | 'missing'>(draftId ? 'loading' : 'ready');
  const [loadError, setLoadError] = useState<FormError | null>(null);
  const [fields, setFields] = useState<Fields>(EMPTY);
  const [existing, setExisting] = useState<ImageView[]>([]);
  const [pending, setPendingState] = useState<Pending[]>([]);
  const pendingRef = useRef<Pending[]>([]);
  const [step, setStep] = useState(0);
  const [error, setError] = useState<FormError | null>(null);
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [members, setMembers] = useState<Member[] | null>(null);
  // The server can change an evaluation on a draft but not remove it: once stored, "not evaluated" is no longer offered.
  const [storedEvaluation, setStoredEvaluation] = useState({ source: false, information: false });
  const form = useRef<HTMLFormElement>(null);
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const errorId = useId();
  const moved = useRef(false);

  const setPending = (update: (list: Pending[]) => Pending[]) => {
    pendingRef.current = update(pendingRef.current);
    setPendingState(pendingRef.current);
  };
  const patchPending = (key: string, patch: Partial<Pending>) => setPending((list) => list.map((p) => (p.key === key ? { ...p, ...patch } : p)));

  // An existing draft: its fields and images.
  useEffect(() => {
    if (!draftId) return;
    api<SpecimenView>('GET', `/api/specimens/${draftId}`).then(
      (view) => {
        if (view.status !== 'draft' || !view.permissions.update || !view.specimen) {
          setLoadState('notDraft');
          return;
        }
        setFields(fieldsFrom(view));
        setStoredEvaluation({ source: !!view.handling?.sourceEvaluation, information: !!view.handling?.informationEvaluation });
        setExisting(view.images ?? []);
        setLoadState('ready');
      },
      (err: unknown) => {
        if (err instanceof ApiError && err.status === 404) setLoadState('missing');
        else setLoadError(toFormError(err, t));
      },
    );
  }, []);

  // A new one: the space from the address, or my only space where I may create.
  useEffect(() => {
    if (draftId || fields.spaceId || !spaces) return;
    const wanted = (query.get('space') ?? '').toLowerCase();
    const chosen = creatable.find((s) => s.id === wanted) ?? (creatable.length === 1 ? creatable[0] : undefined);
    if (chosen) setFields((f) => ({ ...f, spaceId: chosen.id }));
  }, [spaces]);

  // RED: the space's members, to name who may read it.
  useEffect(() => {
    if (fields.tlp !== 'RED' || !fields.spaceId || members) return;
    api<Member[]>('GET', `/api/spaces/${fields.spaceId}/members`).then(setMembers, () => setMembers([]));
  }, [fields.tlp, fields.spaceId]);

  // Previews are object URLs: let them go with the page.
  useEffect(
    () => () => {
      for (const p of pendingRef.current) if (p.preview) URL.revokeObjectURL(p.preview);
    },
    [],
  );

  // A new step or an error: the focus goes to the field at fault, or else to the step's heading.
  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    if (error?.field) {
      const parts = error.field.split('.');
      for (let n = parts.length; n > 0; n--) {
        const target = form.current?.querySelector<HTMLElement>(`[name="${parts.slice(0, n).join('.')}"]`);
        if (target) {
          target.focus();
          return;
        }
      }
    }
    stepHeading.current?.focus();
  }, [step, error]);

  const set = <K extends keyof Fields>(name: K, value: Fields[K]) => setFields((f) => ({ ...f, [name]: value }));
  const setDetection = (name: keyof Fields['detection'], value: string) => setFields((f) => ({ ...f, detection: { ...f.detection, [name]: value } }));
  const fieldProps = (name: string) =>
    error?.field && (error.field === name || error.field.startsWith(`${name}.`)) ? { invalid: true, describedBy: errorId } : { invalid: false };
  const goTo = (next: number, problem: FormError | null = null) => {
    moved.current = true;
    setStep(next);
    setError(problem);
  };

  const required = (value: string, name: string, label: MessageKey): FormError | null =>
    value.trim() ? null : { message: t('form.required', { field: t(label) }), field: name };

  /** The first problem of a step, if any; `submitting` also asks for an image. */
  const check = (index: number, submitting: boolean): FormError | null => {
    const f = fields;
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
        return required(f.category, 'category', 'specimen.category') ?? (f.category === 'forgery' ? required(f.forgeryKind, 'forgeryKind', 'specimen.forgeryKind') : null);
      }
      case 2: {
        if (f.detection.date && f.detection.date > todayIso()) return { message: t('upload.dateFuture'), field: 'detection.date' };
        const names = f.holderNames.split('\n').filter((n) => n.trim());
        if (names.length > MAX_NAMES) return { message: t('upload.tooManyNames', { max: MAX_NAMES }), field: 'holderNames' };
        return required(f.description, 'description', 'specimen.description');
      }
      case 3:
        return required(f.tlp, 'tlp', 'specimen.tlp');
      case 4: {
        const unviewed = pendingRef.current.find((p) => p.state !== 'done' && !p.view);
        if (unviewed) return { message: t('upload.chooseView', { name: unviewed.file.name }), field: `images.${unviewed.key}.view` };
        if (submitting && existing.length + pendingRef.current.length === 0) return { message: t('upload.imagesRequired'), field: 'images' };
        return null;
      }
      default:
        return null;
    }
  };

  const uploadPending = async (id: string): Promise<boolean> => {
    let ok = true;
    for (const item of pendingRef.current.filter((p) => p.state !== 'done')) {
      patchPending(item.key, { state: 'uploading', progress: 0, error: null });
      const data = new FormData();
      data.append('view', item.view);
      if (item.caption.trim()) data.append('caption', item.caption.trim());
      data.append('file', item.file, item.file.name);
      try {
        const answer = await uploadWithProgress<ImageView[]>(`/api/specimens/${id}/images`, data, (share) => patchPending(item.key, { progress: share }));
        patchPending(item.key, { state: 'done', progress: 1, uploaded: answer[0] ?? null });
      } catch (err) {
        ok = false;
        patchPending(item.key, { state: 'failed', error: toFormError(err, t).message });
      }
    }
    return ok;
  };

  const save = async (submitting: boolean) => {
    if (busy) return;
    for (let i = 0; i <= LAST; i++) {
      const problem = check(i, submitting);
      if (problem) return goTo(i, problem);
    }
    setBusy(submitting ? 'submit' : 'save');
    setError(null);
    setNotice(null);
    try {
      let id = draftId;
      const body = bodyOf(fields, reference);
      if (!id) {
        const created = await api<SpecimenView>('POST', `/api/spaces/${fields.spaceId}/specimens`, body);
        id = created.id;
        setDraftId(id);
        // Still this screen (the query changes, not the path), so the files chosen stay.
        navigate(`/specimens/new?draft=${id}`, { replace: true });
      } else {
        await api<SpecimenView>('PATCH', `/api/specimens/${id}`, body);
      }
      setStoredEvaluation((stored) => ({ source: stored.source || !!fields.sourceEvaluation, information: stored.information || !!fields.informationEvaluation }));
      if (!(await uploadPending(id))) {
        goTo(LAST, { message: t('upload.someFailed'), field: 'images' });
        return;
      }
      if (submitting) {
        await api<SpecimenView>('POST', `/api/specimens/${id}/submit`);
        setFlash(t('upload.submitted'));
        navigate(`/specimens/${id}`);
        return;
      }
      setNotice(t('upload.saved'));
    } catch (err) {
      const problem = toFormError(err, t);
      const field = err instanceof ApiError ? fieldOfError(err) : undefined;
      goTo(stepOfField(field) ?? step, { message: problem.message, field });
    } finally {
      setBusy(null);
    }
  };

  const addFiles = (files: FileList | File[] | null) => {
    if (!files) return;
    const list = [...files];
    const refused = list.filter((f) => !(IMAGE_TYPES as readonly string[]).includes(f.type));
    const accepted = list.filter((f) => (IMAGE_TYPES as readonly string[]).includes(f.type));
    setError(refused.length ? { message: t('upload.refused', { names: refused.map((f) => f.name).join(', ') }), field: 'images' } : null);
    setPending((current) => [
      ...current,
      ...accepted.map((file) => ({
        key: `f${++keys}`,
        file,
        preview: file.type === 'image/tiff' ? null : URL.createObjectURL(file),
        view: '',
        caption: '',
        state: 'ready' as const,
        progress: 0,
        error: null,
        uploaded: null,
      })),
    ]);
  };

  const removePending = async (item: Pending) => {
    if (item.uploaded && draftId) {
      try {
        await api('DELETE', `/api/specimens/${draftId}/images/${item.uploaded.id}`);
      } catch (err) {
        setError(toFormError(err, t));
        return;
      }
    }
    if (item.preview) URL.revokeObjectURL(item.preview);
    setPending((list) => list.filter((p) => p.key !== item.key));
  };
  const removeExisting = async (image: ImageView) => {
    if (!draftId) return;
    try {
      await api('DELETE', `/api/specimens/${draftId}/images/${image.id}`);
      setExisting((list) => list.filter((i) => i.id !== image.id));
    } catch (err) {
      setError(toFormError(err, t));
    }
  };

  const title = draftId ? t('upload.editTitle') : t('upload.title');
  if (loadState === 'missing' || loadState === 'notDraft') {
    return (
      <Page title={title} lead={t(loadState === 'missing' ? 'specimen.notFoundText' : 'upload.notDraft')}>
        <p>{draftId && loadState === 'notDraft' ? <a href={`/specimens/${draftId}`}>{t('upload.openSpecimen')}</a> : <a href="/specimens">{t('specimen.backToList')}</a>}</p>
      </Page>
    );
  }
  if (loadState === 'loading') {
    return (
      <Page title={title}>
        <ErrorAlert error={loadError} />
        {loadError ? null : (
          <p class="loading" role="status">
            {t('specimen.loading')}
          </p>
        )}
      </Page>
    );
  }
  if (spaces && creatable.length === 0) {
    return <Page title={title} lead={t('upload.noSpace')} />;
  }

  const space = creatable.find((s) => s.id === fields.spaceId) ?? spaces?.find((s) => s.id === fields.spaceId);
  const features = checkedFeatures(fields, reference);

  return (
    <Page title={title} lead={t('upload.lead')}>
      <p class="page-actions">
        <a href={draftId ? `/specimens/${draftId}` : '/specimens'}>{draftId ? t('upload.openSpecimen') : t('specimen.backToList')}</a>
      </p>
      <nav aria-label={t('upload.steps')}>
        <ol class="wizard-steps">
          {STEPS.map((key, i) => (
            <li key={key}>
              <button type="button" class="wizard-step" aria-current={i === step ? 'step' : undefined} onClick={() => goTo(i)}>
                <span class="wizard-step-number">{i + 1}</span> {t(key)}
              </button>
            </li>
          ))}
        </ol>
      </nav>
      {notice ? <Notice>{notice}</Notice> : null}
      <form
        ref={form}
        class="panel form wizard"
        noValidate
        aria-labelledby={`${errorId}-step`}
        onSubmit={(e) => {
          e.preventDefault();
          if (step === LAST) return;
          const problem = check(step, false);
          if (problem) goTo(step, problem);
          else goTo(step + 1);
        }}
      >
        <h2 id={`${errorId}-step`} ref={stepHeading} tabIndex={-1}>
          {t('upload.stepOf', { step: step + 1, total: STEPS.length })} {t(STEPS[step]!)}
        </h2>
        <ErrorAlert error={error} id={errorId} />

        {step === 0 ? (
          <>
            {creatable.length > 1 || !space ? (
              <SelectField label={t('upload.space')} name="spaceId" value={fields.spaceId} onValue={(v) => set('spaceId', v)} required hint={t('upload.spaceHint')} {...fieldProps('spaceId')}>
                <option value="">{t('invite.choose')}</option>
                {creatable.map((s) => (
                  <option key={s.id} value={s.id}>
                    {spaceName(lang, s)}
                  </option>
                ))}
              </SelectField>
            ) : (
              <p class="scope-note">{t('upload.inSpace', { space: spaceName(lang, space) })}</p>
            )}
            <SelectField label={t('specimen.documentType')} name="documentType" value={fields.documentType} onValue={(v) => set('documentType', v)} required {...fieldProps('documentType')}>
              <TermOptions terms={reference?.documentTypes} empty={t('invite.choose')} />
            </SelectField>
            <IssuerSelect
              label={t('specimen.issuingCountry')}
              name="issuingCountry"
              value={fields.issuingCountry}
              onValue={(v) => set('issuingCountry', v)}
              reference={reference}
              required
              hint={t('upload.issuerHint')}
              {...fieldProps('issuingCountry')}
            />
            <div class="field-pair">
              <TextField label={t('upload.seriesOptional')} name="series" value={fields.series} onValue={(v) => set('series', v)} maxLength={100} hint={t('upload.seriesHint')} {...fieldProps('series')} />
              <TextField label={t('upload.versionOptional')} name="version" value={fields.version} onValue={(v) => set('version', v)} maxLength={100} hint={t('upload.versionHint')} {...fieldProps('version')} />
            </div>
            <div class="field-pair field-pair-narrow">
              <TextField label={t('upload.issuedFrom')} name="issuedFrom" inputMode="numeric" maxLength={4} value={fields.issuedFrom} onValue={(v) => set('issuedFrom', v)} hint={t('upload.yearHint')} {...fieldProps('issuedFrom')} />
              <TextField label={t('upload.issuedTo')} name="issuedTo" inputMode="numeric" maxLength={4} value={fields.issuedTo} onValue={(v) => set('issuedTo', v)} hint={t('upload.yearHint')} {...fieldProps('issuedTo')} />
            </div>
            <SelectField label={t('specimen.category')} name="category" value={fields.category} onValue={(v) => set('category', v)} required hint={t('upload.categoryHint')} {...fieldProps('category')}>
              <TermOptions terms={reference?.categories} empty={t('invite.choose')} />
            </SelectField>
            {fields.category === 'forgery' ? (
              <SelectField label={t('specimen.forgeryKind')} name="forgeryKind" value={fields.forgeryKind} onValue={(v) => set('forgeryKind', v)} required hint={t('upload.forgeryHint')} {...fieldProps('forgeryKind')}>
                <TermOptions terms={reference?.forgeryKinds} empty={t('invite.choose')} />
              </SelectField>
            ) : null}
          </>
        ) : null}

        {step === 1 ? (
          <>
            <p class="hint">{t('upload.featuresLead')}</p>
            <div class="feature-groups">
              {(reference?.featureGroups ?? []).map((group) => (
                <fieldset key={group.code} class="field checks feature-group">
                  <legend>{group[lang]}</legend>
                  {group.features.map((feature) => {
                    const choice = fields.features[feature.code] ?? { checked: false, note: '' };
                    const index = features.indexOf(feature.code);
                    return (
                      <div key={feature.code} class="feature-choice">
                        <label class="check">
                          <input
                            type="checkbox"
                            name="feature"
                            value={feature.code}
                            checked={choice.checked}
                            onChange={(e) => {
                              const checked = e.currentTarget.checked;
                              setFields((f) => ({ ...f, features: { ...f.features, [feature.code]: { ...choice, checked } } }));
                            }}
                          />
                          {feature[lang]}
                        </label>
                        {choice.checked ? (
                          <TextAreaField
                            label={t('upload.featureNote', { feature: feature[lang] })}
                            name={`features.${index}.note`}
                            prose
                            rows={2}
                            maxLength={2000}
                            value={choice.note}
                            onValue={(note) => setFields((f) => ({ ...f, features: { ...f.features, [feature.code]: { checked: true, note } } }))}
                            {...fieldProps(`features.${index}`)}
                          />
                        ) : null}
                      </div>
                    );
                  })}
                </fieldset>
              ))}
            </div>
          </>
        ) : null}

        {step === 2 ? (
          <>
            <fieldset class="field checks">
              <legend>{t('specimen.detection')}</legend>
              <p class="hint">{t('upload.detectionLead')}</p>
              <div class="field-pair">
                <TextField label={t('upload.detectedOn')} name="detection.date" type="date" value={fields.detection.date} onValue={(v) => setDetection('date', v)} {...fieldProps('detection.date')} />
                <CountrySelect label={t('upload.detectionCountry')} name="detection.country" value={fields.detection.country} onValue={(v) => setDetection('country', v)} {...fieldProps('detection.country')} />
              </div>
              <div class="field-pair">
                <TextField label={t('upload.port')} name="detection.port" value={fields.detection.port} onValue={(v) => setDetection('port', v)} maxLength={200} hint={t('upload.portHint')} {...fieldProps('detection.port')} />
                <SelectField label={t('upload.portKind')} name="detection.portKind" value={fields.detection.portKind} onValue={(v) => setDetection('portKind', v)} {...fieldProps('detection.portKind')}>
                  <TermOptions terms={reference?.portKinds} empty={t('upload.notSaid')} />
                </SelectField>
              </div>
              <CountrySelect
                label={t('upload.holderNationality')}
                name="detection.holderNationality"
                value={fields.detection.holderNationality}
                onValue={(v) => setDetection('holderNationality', v)}
                {...fieldProps('detection.holderNationality')}
              />
              <TextAreaField label={t('upload.route')} name="detection.route" prose rows={2} maxLength={1000} value={fields.detection.route} onValue={(v) => setDetection('route', v)} hint={t('upload.routeHint')} {...fieldProps('detection.route')} />
            </fieldset>
            <fieldset class="field checks">
              <legend>{t('specimen.identifiers')}</legend>
              <p class="hint">{t('upload.identifiersLead')}</p>
              <TextField label={t('upload.documentNumber')} name="documentNumber" code value={fields.documentNumber} onValue={(v) => set('documentNumber', v)} maxLength={60} {...fieldProps('documentNumber')} />
              <TextAreaField label={t('upload.holderNames')} name="holderNames" prose rows={2} value={fields.holderNames} onValue={(v) => set('holderNames', v)} hint={t('upload.holderNamesHint', { max: MAX_NAMES })} {...fieldProps('holderNames')} />
            </fieldset>
            <TextAreaField label={t('specimen.description')} name="description" prose rows={6} maxLength={10_000} value={fields.description} onValue={(v) => set('description', v)} hint={t('upload.descriptionHint')} {...fieldProps('description')} />
          </>
        ) : null}

        {step === 3 ? (
          <>
            <fieldset class="field checks tlp-choices" aria-describedby={fieldProps('tlp').invalid ? errorId : undefined}>
              <legend>{t('specimen.tlp')}</legend>
              <p class="hint">{t('upload.tlpLead')}</p>
              <TlpChoices labels={TLPS} value={fields.tlp} onChoose={(tlp) => set('tlp', tlp)} invalid={fieldProps('tlp').invalid} />
            </fieldset>
            {fields.tlp === 'RED' ? (
              <fieldset class="field checks">
                <legend>{t('upload.namedRecipients')}</legend>
                <p class="hint">{t('upload.namedRecipientsHint')}</p>
                <RecipientChecks members={members} chosen={fields.namedRecipients} onChosen={(ids) => set('namedRecipients', ids)} />
              </fieldset>
            ) : null}
            <fieldset class="field checks releasable">
              <legend>{t('upload.releasableTo')}</legend>
              <p class="hint">{t('upload.releasableHint', { country: countryName(user.country, lang, t) })}</p>
              <div class="check-grid">
                {[...sortedMembers(lang, t), ...ORGANISATION_CODES.filter((c) => c !== 'SV').map((code) => ({ code, name: countryName(code, lang, t) }))].map(({ code, name }) => (
                  <label key={code} class="check">
                    <input
                      type="checkbox"
                      name="releasableTo"
                      value={code}
                      checked={fields.releasableTo.includes(code)}
                      onChange={(e) => set('releasableTo', e.currentTarget.checked ? [...fields.releasableTo, code] : fields.releasableTo.filter((c) => c !== code))}
                    />
                    {name}
                  </label>
                ))}
              </div>
            </fieldset>
            <div class="field-pair">
              <SelectField label={t('upload.sourceEvaluation')} name="sourceEvaluation" value={fields.sourceEvaluation} onValue={(v) => set('sourceEvaluation', v)} hint={storedEvaluation.source ? t('upload.evaluationKept') : t('upload.sourceHint')} {...fieldProps('sourceEvaluation')}>
                <option value="" disabled={storedEvaluation.source}>
                  {t('upload.notEvaluated')}
                </option>
                {SOURCE_EVALUATIONS.map((code) => (
                  <option key={code} value={code}>
                    {code} — {t(SOURCE_KEYS[code])}
                  </option>
                ))}
              </SelectField>
              <SelectField
                label={t('upload.informationEvaluation')}
                name="informationEvaluation"
                value={fields.informationEvaluation}
                onValue={(v) => set('informationEvaluation', v)}
                hint={storedEvaluation.information ? t('upload.evaluationKept') : t('upload.informationHint')}
                {...fieldProps('informationEvaluation')}
              >
                <option value="" disabled={storedEvaluation.information}>
                  {t('upload.notEvaluated')}
                </option>
                {INFORMATION_EVALUATIONS.map((code) => (
                  <option key={code} value={String(code)}>
                    {code} — {t(INFO_KEYS[code])}
                  </option>
                ))}
              </SelectField>
            </div>
          </>
        ) : null}

        {step === 4 ? (
          <ImagesStep
            reference={reference}
            draftId={draftId}
            existing={existing}
            pending={pending}
            fieldProps={fieldProps}
            onFiles={addFiles}
            onPatch={patchPending}
            onRemovePending={removePending}
            onRemoveExisting={removeExisting}
            busy={!!busy}
          />
        ) : null}

        <div class="actions wizard-actions">
          {step > 0 ? (
            <button type="button" class="button button-secondary" onClick={() => goTo(step - 1)}>
              {t('upload.back')}
            </button>
          ) : null}
          {step < LAST ? (
            <button type="submit" class="button">
              {t('upload.next')}
            </button>
          ) : null}
          <button type="button" class={step === LAST ? 'button button-secondary' : 'button-link'} aria-disabled={busy ? 'true' : undefined} onClick={() => void save(false)}>
            {busy === 'save' ? t('upload.saving') : t('upload.saveDraft')}
          </button>
          {step === LAST ? (
            <button type="button" class="button" aria-disabled={busy ? 'true' : undefined} onClick={() => void save(true)}>
              {busy === 'submit' ? t('upload.submitting') : t('upload.submit')}
            </button>
          ) : null}
        </div>
        {step === LAST ? <p class="hint">{t('upload.submitHint')}</p> : null}
      </form>
    </Page>
  );
}

function ImagesStep({
  reference,
  draftId,
  existing,
  pending,
  fieldProps,
  onFiles,
  onPatch,
  onRemovePending,
  onRemoveExisting,
  busy,
}: {
  reference: Reference | null;
  draftId: string | null;
  existing: ImageView[];
  pending: Pending[];
  fieldProps: (name: string) => { invalid: boolean; describedBy?: string };
  onFiles: (files: FileList | File[] | null) => void;
  onPatch: (key: string, patch: Partial<Pending>) => void;
  onRemovePending: (item: Pending) => void;
  onRemoveExisting: (image: ImageView) => void;
  busy: boolean;
}) {
  const { t, lang } = useI18n();
  const [over, setOver] = useState(false);
  const inputId = useId();
  const hintId = useId();
  const images = fieldProps('images');
  const views = reference?.views ?? [];
  return (
    <>
      <div
        class={over ? 'dropzone dropzone-over' : 'dropzone'}
        onDragEnter={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragOver={(e) => {
          e.preventDefault();
          if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
          setOver(true);
        }}
        onDragLeave={(e) => {
          if (!(e.currentTarget as HTMLElement).contains(e.relatedTarget as Node | null)) setOver(false);
        }}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          onFiles(e.dataTransfer?.files ?? null);
        }}
      >
        <p class="dropzone-text" aria-hidden="true">
          {t('upload.dropHere')}
        </p>
        <input
          id={inputId}
          class="visually-hidden dropzone-input"
          type="file"
          name="images"
          multiple
          accept={IMAGE_TYPES.join(',')}
          aria-describedby={[hintId, images.describedBy].filter(Boolean).join(' ')}
          aria-invalid={images.invalid ? 'true' : undefined}
          onChange={(e) => {
            onFiles(e.currentTarget.files);
            e.currentTarget.value = '';
          }}
        />
        <label for={inputId} class="button button-secondary dropzone-label">
          {t('upload.chooseFiles')}
        </label>
        <p class="hint" id={hintId}>
          {t('upload.filesHint')}
        </p>
      </div>
      {existing.length === 0 && pending.length === 0 ? <p class="muted">{t('upload.noImagesYet')}</p> : null}
      <ul class="upload-list">
        {existing.map((image) => (
          <li key={image.id} class="upload-item">
            {draftId ? <img class="upload-preview" src={imageUrl(draftId, image.id, true)} alt={t('upload.previewOf', { name: image.name })} /> : null}
            <div class="upload-fields">
              <p class="upload-name">
                {image.name} <span class="muted">· {formatBytes(image.byteSize, lang)}</span>
              </p>
              <p>
                {termLabel(views, image.view, lang)}
                {image.caption ? ` — ${image.caption}` : ''}
              </p>
              <p class="upload-state upload-done">{t('upload.stored')}</p>
            </div>
            <button type="button" class="button button-danger button-small" aria-disabled={busy ? 'true' : undefined} onClick={() => !busy && onRemoveExisting(image)}>
              {t('upload.remove')}
              <span class="visually-hidden"> {image.name}</span>
            </button>
          </li>
        ))}
        {pending.map((item) => {
          const viewId = `${inputId}-${item.key}-view`;
          const captionId = `${inputId}-${item.key}-caption`;
          const viewInvalid = fieldProps(`images.${item.key}.view`);
          const locked = item.state === 'done' || item.state === 'uploading';
          return (
            <li key={item.key} class={`upload-item upload-item-${item.state}`}>
              {item.preview ? (
                <img class="upload-preview" src={item.preview} alt={t('upload.previewOf', { name: item.file.name })} />
              ) : (
                <div class="upload-preview upload-preview-none">{t('upload.noPreview')}</div>
              )}
              <div class="upload-fields">
                <p class="upload-name">
                  {item.file.name} <span class="muted">· {formatBytes(item.file.size, lang)}</span>
                </p>
                <div class="field-pair">
                  <div class="field">
                    <label for={viewId}>
                      {t('upload.view')}
                      <span class="visually-hidden"> {t('upload.ofFile', { name: item.file.name })}</span>
                    </label>
                    <select
                      id={viewId}
                      name={`images.${item.key}.view`}
                      value={item.view}
                      disabled={locked}
                      aria-invalid={viewInvalid.invalid ? 'true' : undefined}
                      aria-describedby={viewInvalid.describedBy}
                      onChange={(e) => onPatch(item.key, { view: e.currentTarget.value })}
                    >
                      <option value="">{t('invite.choose')}</option>
                      {views.map((v) => (
                        <option key={v.code} value={v.code}>
                          {v[lang]}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div class="field">
                    <label for={captionId}>
                      {t('upload.caption')}
                      <span class="visually-hidden"> {t('upload.ofFile', { name: item.file.name })}</span>
                    </label>
                    <input
                      id={captionId}
                      type="text"
                      name={`images.${item.key}.caption`}
                      value={item.caption}
                      maxLength={300}
                      disabled={locked}
                      autoComplete="off"
                      onInput={(e) => onPatch(item.key, { caption: e.currentTarget.value })}
                    />
                  </div>
                </div>
                <div class="upload-progress">
                  <progress max={100} value={Math.round(item.progress * 100)} aria-label={t('upload.progressOf', { name: item.file.name })} />
                  <span class={`upload-state upload-state-${item.state}`}>
                    {item.state === 'uploading'
                      ? t('upload.uploading', { percent: Math.round(item.progress * 100) })
                      : item.state === 'done'
                        ? t('upload.uploaded')
                        : item.state === 'failed'
                          ? t('upload.failed', { error: item.error ?? '' })
                          : t('upload.waiting')}
                  </span>
                </div>
              </div>
              <button type="button" class="button button-danger button-small" aria-disabled={busy ? 'true' : undefined} onClick={() => !busy && onRemovePending(item)}>
                {t('upload.remove')}
                <span class="visually-hidden"> {item.file.name}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </>
  );
}

/** The TLP labels to choose from, each with what it means. */
export function TlpChoices({ labels, value, onChoose, invalid }: { labels: readonly Tlp[]; value: string; onChoose: (tlp: Tlp) => void; invalid?: boolean }) {
  const { t } = useI18n();
  return (
    <>
      {labels.map((tlp) => (
        <label key={tlp} class="pick tlp-choice">
          <input type="radio" name="tlp" value={tlp} checked={value === tlp} onChange={() => onChoose(tlp)} aria-invalid={invalid ? 'true' : undefined} />
          <span class="pick-text">
            <TlpBadge tlp={tlp} />
            <span class="tlp-explain">{t(`tlp.explain.${tlp}`)}</span>
          </span>
        </label>
      ))}
    </>
  );
}

/** The space's members (but the writer) to name as recipients of a RED item. */
export function RecipientChecks({ members, chosen, onChosen }: { members: Member[] | null; chosen: string[]; onChosen: (ids: string[]) => void }) {
  const { t, lang } = useI18n();
  const user = useUser();
  if (members === null) return <p class="loading">{t('members.loading')}</p>;
  return (
    <>
      {members
        .filter((m) => m.userId !== user.id)
        .map((m) => (
          <label key={m.userId} class="check">
            <input
              type="checkbox"
              name="namedRecipients"
              value={m.userId}
              checked={chosen.includes(m.userId)}
              onChange={(e) => onChosen(e.currentTarget.checked ? [...chosen, m.userId] : chosen.filter((id) => id !== m.userId))}
            />
            {m.displayName} · {countryName(m.country, lang, t)}
          </label>
        ))}
    </>
  );
}
