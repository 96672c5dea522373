import { Fragment } from 'preact';
import { useEffect, useId, useState } from 'preact/hooks';
import { api, ApiError } from '../api.ts';
import type { RouteParams } from '../app.tsx';
import { countryName } from '../countries.ts';
import { useI18n } from '../i18n/index.tsx';
import { navigate, useLocation } from '../router.ts';
import {
  categoryLabel,
  type Correction,
  featureLabel,
  imageUrl,
  issuerName,
  placeChoices,
  type Reference,
  type Related,
  type Sighting,
  type SpecimenView,
  specimenTitle,
  setFlash,
  takeFlash,
  type Term,
  termLabel,
  type Translate,
  useReference,
} from '../specimens.ts';
import { todayIso, UUID } from '../spaces.ts';
import {
  Badge,
  ConfirmDialog,
  ErrorAlert,
  type FormError,
  formatDate,
  formatDay,
  Notice,
  Page,
  SelectField,
  Submit,
  TextAreaField,
  TextField,
  TlpBadge,
  toFormError,
  useForm,
} from '../ui.tsx';
import { ImageViewer } from '../viewer.tsx';
import type { Language } from '../i18n/index.tsx';
import { SpecimenRow, StatusBadge } from './specimens.tsx';

// --- Loading a specimen, with the purpose a RED one asks for first.

export function useSpecimen(id: string) {
  const { t } = useI18n();
  const valid = UUID.test(id);
  const [view, setView] = useState<SpecimenView | null>(null);
  const [missing, setMissing] = useState(!valid && id !== '');
  const [needsPurpose, setNeedsPurpose] = useState(false);
  const [error, setError] = useState<FormError | null>(null);
  const load = () => {
    if (!valid) return;
    setError(null);
    api<SpecimenView>('GET', `/api/specimens/${id}`).then(
      (found) => {
        setNeedsPurpose(false);
        setView(found);
      },
      (err: unknown) => {
        if (err instanceof ApiError && err.status === 428) setNeedsPurpose(true);
        else if (err instanceof ApiError && err.status === 404) setMissing(true);
        else setError(toFormError(err, t));
      },
    );
  };
  useEffect(load, [id]);
  const statePurpose = async (purpose: string) => {
    await api('POST', `/api/items/${id}/purpose`, { purpose });
    load();
  };
  return { view, setView, missing, needsPurpose, error, reload: load, statePurpose };
}

/** A RED item asks why it is opened (10–500 characters, kept in the audit trail) before it shows anything. */
export function PurposeDialog({ onState, onCancel }: { onState: (purpose: string) => Promise<void>; onCancel: () => void }) {
  const { t } = useI18n();
  const [purpose, setPurpose] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<FormError | null>(null);
  const confirm = () => {
    const text = purpose.trim();
    if (text.length < 10 || text.length > 500) {
      setError({ message: t('purpose.length'), field: 'purpose' });
      return;
    }
    setBusy(true);
    setError(null);
    onState(text).catch((err: unknown) => {
      setError(toFormError(err, t));
      setBusy(false);
    });
  };
  return (
    <ConfirmDialog title={t('purpose.title')} confirmLabel={t('purpose.submit')} tone="primary" busy={busy} error={error} onConfirm={confirm} onCancel={onCancel}>
      <p>{t('purpose.text')}</p>
      <TextAreaField
        label={t('purpose.label')}
        name="purpose"
        prose
        rows={3}
        maxLength={500}
        value={purpose}
        onValue={setPurpose}
        hint={t('purpose.hint')}
        invalid={error?.field === 'purpose'}
      />
    </ConfirmDialog>
  );
}

// --- Values in words.

/** "Not given", for an empty field. */
export function Empty() {
  const { t } = useI18n();
  return <span class="muted">{t('specimens.notGiven')}</span>;
}

const years = (from: number | null, to: number | null) => (from && to ? (from === to ? `${from}` : `${from}–${to}`) : from ? `${from}–` : to ? `–${to}` : null);

export const SOURCE_KEYS = { A: 'evaluation.source.A', B: 'evaluation.source.B', C: 'evaluation.source.C', X: 'evaluation.source.X' } as const;
export const INFO_KEYS = { 1: 'evaluation.info.1', 2: 'evaluation.info.2', 3: 'evaluation.info.3', 4: 'evaluation.info.4' } as const;

/** An item's evaluation (source reliability and information accuracy): the code, then both in words. */
export function Evaluation({ source, information }: { source: string | null; information: number | null }) {
  const { t } = useI18n();
  if (!source && !information) return <Empty />;
  return (
    <>
      <span class="code-tag">
        {source ?? '–'}
        {information ?? '–'}
      </span>{' '}
      {[
        source && source in SOURCE_KEYS ? t(SOURCE_KEYS[source as keyof typeof SOURCE_KEYS]) : null,
        information && information in INFO_KEYS ? t(INFO_KEYS[information as keyof typeof INFO_KEYS]) : null,
      ]
        .filter(Boolean)
        .join(' · ')}
    </>
  );
}

/** A proposed change's value in words, for the fields a correction may carry. */
function changeValue(field: string, value: unknown, reference: Reference | null, lang: Language, t: Translate): string {
  if (value === null || value === undefined || value === '') return t('corrections.cleared');
  switch (field) {
    case 'documentType':
      return termLabel(reference?.documentTypes, String(value), lang);
    case 'category':
      return termLabel(reference?.categories, String(value), lang);
    case 'forgeryKind':
      return termLabel(reference?.forgeryKinds, String(value), lang);
    case 'issuingCountry':
      return issuerName(reference, String(value), lang, t);
    case 'features':
      return Array.isArray(value) ? value.map((f: { code?: string }) => featureLabel(reference, String(f?.code ?? f), lang)).join(', ') : String(value);
    case 'holderNames':
      return Array.isArray(value) ? value.join('; ') : String(value);
    case 'detection':
      return typeof value === 'object'
        ? Object.entries(value as Record<string, unknown>)
            .filter(([, v]) => v !== null && v !== undefined && v !== '')
            .map(([k, v]) => `${k}: ${String(v)}`)
            .join(', ')
        : String(value);
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

export const CORRECTABLE = ['documentType', 'issuingCountry', 'series', 'version', 'issuedFrom', 'issuedTo', 'category', 'description'] as const;
type Correctable = (typeof CORRECTABLE)[number];
const FIELD_KEYS: Record<string, 'specimen.documentType' | 'specimen.issuingCountry' | 'specimen.series' | 'specimen.version' | 'specimen.issuedFrom' | 'specimen.issuedTo' | 'specimen.category' | 'specimen.forgeryKind' | 'specimen.description' | 'specimen.features' | 'specimen.detection' | 'specimen.documentNumber' | 'specimen.holderNames'> = {
  documentType: 'specimen.documentType',
  issuingCountry: 'specimen.issuingCountry',
  series: 'specimen.series',
  version: 'specimen.version',
  issuedFrom: 'specimen.issuedFrom',
  issuedTo: 'specimen.issuedTo',
  category: 'specimen.category',
  forgeryKind: 'specimen.forgeryKind',
  description: 'specimen.description',
  features: 'specimen.features',
  detection: 'specimen.detection',
  documentNumber: 'specimen.documentNumber',
  holderNames: 'specimen.holderNames',
};

// --- The page.

type Step = 'submit' | 'publish' | 'return' | 'withdraw';

export function SpecimenPage({ params }: { params: RouteParams }) {
  const { t, lang } = useI18n();
  const id = (params.id ?? '').toLowerCase();
  const { query } = useLocation();
  const fromQueue = query.get('from') === 'validation';
  const { ref: reference } = useReference();
  const { view, setView, missing, needsPurpose, error, statePurpose } = useSpecimen(id);
  const [notice, setNotice] = useState<string | null>(() => takeFlash());
  const [step, setStep] = useState<Step | null>(null);
  const [stepBusy, setStepBusy] = useState(false);
  const [stepError, setStepError] = useState<FormError | null>(null);
  const [shown, setShown] = useState<string | null>(null);

  if (missing) {
    return (
      <Page title={t('specimen.notFoundTitle')} lead={t('specimen.notFoundText')}>
        <p>
          <a href="/specimens">{t('specimen.backToList')}</a>
        </p>
      </Page>
    );
  }
  if (!view) {
    return (
      <Page title={t('specimen.title')}>
        <ErrorAlert error={error} />
        {needsPurpose ? (
          <>
            <p class="panel muted">{t('purpose.waiting')}</p>
            <PurposeDialog onState={statePurpose} onCancel={() => navigate('/specimens')} />
          </>
        ) : error ? null : (
          <p class="loading" role="status">
            {t('specimen.loading')}
          </p>
        )}
      </Page>
    );
  }

  const s = view.specimen;
  const title = s ? specimenTitle(reference, s, lang, t) : t('specimen.title');
  const images = view.images ?? [];
  const current = images.find((i) => i.id === shown) ?? images[0] ?? null;
  const p = view.permissions;

  const runStep = (action: Step) => {
    setStepBusy(true);
    setStepError(null);
    api<SpecimenView>('POST', `/api/specimens/${view.id}/${action}`).then(
      (updated) => {
        setStep(null);
        setStepBusy(false);
        if ((action === 'publish' || action === 'return') && fromQueue) {
          setFlash(t(action === 'publish' ? 'specimen.published' : 'specimen.returned', { title }));
          navigate('/specimens/validation');
          return;
        }
        setView(updated);
        setNotice(t(`specimen.done.${action}`));
      },
      (err: unknown) => {
        setStepError(toFormError(err, t));
        setStepBusy(false);
      },
    );
  };

  return (
    <Page
      title={title}
      lead={
        <span class="specimen-lead">
          <TlpBadge tlp={view.tlp} />
          <StatusBadge status={view.status} />
          {s ? <span>{categoryLabel(reference, s.category, s.forgeryKind, lang)}</span> : null}
        </span>
      }
    >
      <p class="page-actions">
        {fromQueue ? <a href="/specimens/validation">{t('specimen.backToQueue')}</a> : <a href="/specimens">{t('specimen.backToList')}</a>}
      </p>
      {notice ? <Notice>{notice}</Notice> : null}
      <div class="workflow-bar">
        {p.update ? (
          <a class="button" href={`/specimens/new?draft=${view.id}`}>
            {t('specimen.edit')}
          </a>
        ) : null}
        {p.submit ? (
          <button type="button" class="button" onClick={() => setStep('submit')}>
            {t('specimen.submit')}
          </button>
        ) : null}
        {p.publish ? (
          <button type="button" class="button" onClick={() => setStep('publish')}>
            {t('specimen.publish')}
          </button>
        ) : null}
        {p.return ? (
          <button type="button" class="button button-secondary" onClick={() => setStep('return')}>
            {t('specimen.return')}
          </button>
        ) : null}
        {p.withdraw ? (
          <button type="button" class="button button-danger" onClick={() => setStep('withdraw')}>
            {t('specimen.withdraw')}
          </button>
        ) : null}
        {s && images.length ? (
          <a class="button button-secondary" href={`/specimens/compare?a=${view.id}`}>
            {t('specimen.compare')}
          </a>
        ) : null}
      </div>
      {step ? (
        <ConfirmDialog
          title={t(`specimen.confirm.${step}`)}
          confirmLabel={t(`specimen.${step}`)}
          tone={step === 'withdraw' ? 'danger' : 'primary'}
          busy={stepBusy}
          error={stepError}
          onConfirm={() => runStep(step)}
          onCancel={() => {
            setStep(null);
            setStepError(null);
          }}
        >
          <p>{t(`specimen.confirmText.${step}`)}</p>
        </ConfirmDialog>
      ) : null}

      {!s ? (
        <section class="panel" aria-labelledby="metadata-only">
          <h2 id="metadata-only">{t('specimen.metadataOnly')}</h2>
          <p class="muted">{t('specimen.metadataOnlyText')}</p>
          <Metadata view={view} />
        </section>
      ) : (
        <>
          <div class="specimen-top">
            <section class="panel specimen-images" aria-labelledby="images-title">
              <h2 id="images-title">{t('specimen.imagesTitle', { count: images.length })}</h2>
              {images.length === 0 ? <p class="muted">{t('specimen.noImages')}</p> : null}
              {current ? (
                <ImageViewer
                  key={current.id}
                  src={imageUrl(view.id, current.id)}
                  alt={t('specimen.imageAlt', { view: termLabel(reference?.views, current.view, lang), title })}
                  viewLabel={termLabel(reference?.views, current.view, lang)}
                  tlp={view.tlp}
                  caption={current.caption}
                />
              ) : null}
              {images.length ? (
                <ul class="gallery">
                  {images.map((image) => {
                    const viewName = termLabel(reference?.views, image.view, lang);
                    return (
                      <li key={image.id}>
                        <button
                          type="button"
                          class="gallery-item"
                          aria-pressed={image.id === current?.id}
                          aria-label={t('specimen.openImage', { view: viewName })}
                          onClick={() => setShown(image.id)}
                        >
                          <img src={imageUrl(view.id, image.id, true)} alt="" loading="lazy" />
                          <span class="gallery-view">{viewName}</span>
                        </button>
                        {image.caption ? <span class="gallery-caption">{image.caption}</span> : null}
                      </li>
                    );
                  })}
                </ul>
              ) : null}
            </section>
            <section class="panel" aria-labelledby="document-title">
              <h2 id="document-title">{t('specimen.document')}</h2>
              <dl class="facts">
                <dt>{t('specimen.documentType')}</dt>
                <dd>{termLabel(reference?.documentTypes, s.documentType, lang)}</dd>
                <dt>{t('specimen.issuingCountry')}</dt>
                <dd>
                  {issuerName(reference, s.issuingCountry, lang, t)} <span class="code-tag">{s.issuingCountry}</span>
                </dd>
                <dt>{t('specimen.series')}</dt>
                <dd>{s.series ?? <Empty />}</dd>
                <dt>{t('specimen.version')}</dt>
                <dd>{s.version ?? <Empty />}</dd>
                <dt>{t('specimen.issued')}</dt>
                <dd>{years(s.issuedFrom, s.issuedTo) ?? <Empty />}</dd>
                <dt>{t('specimen.category')}</dt>
                <dd>{termLabel(reference?.categories, s.category, lang)}</dd>
                {s.forgeryKind ? (
                  <>
                    <dt>{t('specimen.forgeryKind')}</dt>
                    <dd>{termLabel(reference?.forgeryKinds, s.forgeryKind, lang)}</dd>
                  </>
                ) : null}
              </dl>
              <h3>{t('specimen.detection')}</h3>
              <dl class="facts">
                <dt>{t('specimen.detectedOn')}</dt>
                <dd>{s.detection.date ? formatDay(s.detection.date, lang) : <Empty />}</dd>
                <dt>{t('specimen.detectionCountry')}</dt>
                <dd>{s.detection.country ? countryName(s.detection.country, lang, t) : <Empty />}</dd>
                <dt>{t('specimen.port')}</dt>
                <dd>
                  {s.detection.port || s.detection.portKind
                    ? [s.detection.port, s.detection.portKind ? termLabel(reference?.portKinds, s.detection.portKind, lang) : null].filter(Boolean).join(' · ')
                    : <Empty />}
                </dd>
                <dt>{t('specimen.holderNationality')}</dt>
                <dd>{s.detection.holderNationality ? countryName(s.detection.holderNationality, lang, t) : <Empty />}</dd>
                <dt>{t('specimen.route')}</dt>
                <dd>{s.detection.route ?? <Empty />}</dd>
              </dl>
              <h3>{t('specimen.identifiers')}</h3>
              <dl class="facts">
                <dt>{t('specimen.documentNumber')}</dt>
                <dd>{s.documentNumber ? <span class="mono">{s.documentNumber}</span> : <Empty />}</dd>
                <dt>{t('specimen.holderNames')}</dt>
                <dd>{s.holderNames.length ? s.holderNames.join('; ') : <Empty />}</dd>
              </dl>
            </section>
          </div>
          <section class="panel" aria-labelledby="description-title">
            <h2 id="description-title">{t('specimen.description')}</h2>
            {s.description ? <p class="prose">{s.description}</p> : <p class="muted">{t('specimen.noDescription')}</p>}
            <h3>{t('specimen.features')}</h3>
            {s.features.length === 0 ? (
              <p class="muted">{t('specimen.noFeatures')}</p>
            ) : (
              <ul class="feature-list">
                {s.features.map((f) => (
                  <li key={f.code}>
                    <span class="feature-name">{featureLabel(reference, f.code, lang)}</span>
                    {f.note ? <span class="feature-note">{f.note}</span> : null}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section class="panel" aria-labelledby="handling-title">
            <h2 id="handling-title">{t('specimen.handling')}</h2>
            <Metadata view={view} />
          </section>
          <Sightings view={view} onCounts={(counts) => setView({ ...view, sightingCounts: counts })} />
          <Corrections view={view} reference={reference} onAmended={(updated) => setView(updated)} />
          <RelatedSpecimens view={view} reference={reference} />
        </>
      )}
    </Page>
  );
}

function Metadata({ view }: { view: SpecimenView }) {
  const { t, lang } = useI18n();
  const h = view.handling;
  return (
    <dl class="facts">
      <dt>{t('specimen.tlp')}</dt>
      <dd>
        <TlpBadge tlp={view.tlp} /> <span class="hint">{t(`tlp.explain.${view.tlp}`)}</span>
      </dd>
      <dt>{t('specimen.originator')}</dt>
      <dd>{countryName(view.originatorCountry, lang, t)}</dd>
      <dt>{t('specimen.created')}</dt>
      <dd>{formatDate(view.createdAt, lang)}</dd>
      <dt>{t('specimen.updated')}</dt>
      <dd>{formatDate(view.updatedAt, lang)}</dd>
      {h ? (
        <>
          <dt>{t('specimen.releasableTo')}</dt>
          <dd>{h.releasableTo.length ? h.releasableTo.map((c) => countryName(c, lang, t)).join(', ') : t('specimen.releasableAll')}</dd>
          {view.tlp === 'RED' ? (
            <>
              <dt>{t('specimen.namedRecipients')}</dt>
              <dd>{t('specimen.recipientsCount', { count: h.namedRecipients.length })}</dd>
            </>
          ) : null}
          <dt>{t('specimen.evaluation')}</dt>
          <dd>
            <Evaluation source={h.sourceEvaluation} information={h.informationEvaluation} />
          </dd>
        </>
      ) : null}
    </dl>
  );
}

// --- Sightings.

/** A place: member countries, then every other state. */
export function CountrySelect(props: Omit<Parameters<typeof IssuerSelect>[0], 'reference'>) {
  return <IssuerSelect {...props} reference={null} />;
}

function Sightings({ view, onCounts }: { view: SpecimenView; onCounts: (counts: { sightings: number; falsePositives: number }) => void }) {
  const { t, lang } = useI18n();
  const [list, setList] = useState<Sighting[] | null>(null);
  const [error, setError] = useState<FormError | null>(null);
  const [kind, setKind] = useState<'sighting' | 'false_positive'>('sighting');
  const [seenOn, setSeenOn] = useState(todayIso());
  const [country, setCountry] = useState('');
  const [place, setPlace] = useState('');
  const [note, setNote] = useState('');
  const [sent, setSent] = useState<string | null>(null);
  const kindName = useId();
  useEffect(() => {
    api<Sighting[]>('GET', `/api/specimens/${view.id}/sightings`).then(setList, (err: unknown) => setError(toFormError(err, t)));
  }, [view.id]);
  const form = useForm(
    async () => {
      const created = await api<Sighting>('POST', `/api/specimens/${view.id}/sightings`, {
        kind,
        seenOn,
        country,
        ...(place.trim() ? { place: place.trim() } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      const next = [created, ...(list ?? [])];
      setList(next);
      onCounts({ sightings: next.filter((x) => x.kind === 'sighting').length, falsePositives: next.filter((x) => x.kind === 'false_positive').length });
      setPlace('');
      setNote('');
      setSent(t(kind === 'sighting' ? 'sightings.sentSighting' : 'sightings.sentFalsePositive'));
    },
    () => {
      setSent(null);
      if (!seenOn) return { message: t('form.required', { field: t('sightings.seenOn') }), field: 'seenOn' };
      if (seenOn > todayIso()) return { message: t('sightings.future'), field: 'seenOn' };
      if (!country) return { message: t('form.required', { field: t('sightings.country') }), field: 'country' };
      return null;
    },
  );
  const counts = view.sightingCounts ?? { sightings: list?.filter((x) => x.kind === 'sighting').length ?? 0, falsePositives: list?.filter((x) => x.kind === 'false_positive').length ?? 0 };
  return (
    <section class="panel" aria-labelledby="sightings-title">
      <h2 id="sightings-title">{t('sightings.title')}</h2>
      <p class="sighting-counts">
        <strong>{t('sightings.count', { count: counts.sightings })}</strong> · {t('sightings.falseCount', { count: counts.falsePositives })}
      </p>
      <ErrorAlert error={error} />
      {list && list.length ? (
        <div class="table-wrap">
          <table class="table table-dense">
            <caption class="visually-hidden">{t('sightings.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('sightings.seenOn')}</th>
                <th scope="col">{t('sightings.kind')}</th>
                <th scope="col">{t('sightings.country')}</th>
                <th scope="col">{t('sightings.place')}</th>
                <th scope="col">{t('sightings.reporter')}</th>
                <th scope="col">{t('sightings.note')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((x) => (
                <tr key={x.id}>
                  <td class="cell-time">{formatDay(x.seenOn, lang, 'medium')}</td>
                  <td>
                    <Badge tone={x.kind === 'sighting' ? 'sighting' : 'muted'}>{t(x.kind === 'sighting' ? 'sightings.kindSighting' : 'sightings.kindFalse')}</Badge>
                  </td>
                  <td>{countryName(x.country, lang, t)}</td>
                  <td>{x.place ?? <Empty />}</td>
                  <td>
                    {countryName(x.reporterCountry, lang, t)}
                    {x.mine ? <span class="person-you"> {t('sightings.mine')}</span> : null}
                  </td>
                  <td>{x.note ?? <Empty />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : list ? (
        <p class="muted">{t('sightings.none')}</p>
      ) : null}
      {view.permissions.sight ? (
        <form class="form sub-form" noValidate onSubmit={form.onSubmit} aria-labelledby="sighting-form-title">
          <h3 id="sighting-form-title">{t('sightings.report')}</h3>
          {sent ? <Notice>{sent}</Notice> : null}
          <ErrorAlert error={form.error} id={form.errorId} />
          <fieldset class="field checks">
            <legend>{t('sightings.kind')}</legend>
            <label class="check">
              <input type="radio" name={kindName} value="sighting" checked={kind === 'sighting'} onChange={() => setKind('sighting')} />
              {t('sightings.kindSightingLong')}
            </label>
            <label class="check">
              <input type="radio" name={kindName} value="false_positive" checked={kind === 'false_positive'} onChange={() => setKind('false_positive')} />
              {t('sightings.kindFalseLong')}
            </label>
          </fieldset>
          <div class="field-pair">
            <TextField label={t('sightings.seenOn')} name="seenOn" type="date" value={seenOn} onValue={setSeenOn} required {...form.fieldProps('seenOn')} />
            <CountrySelect label={t('sightings.country')} name="country" value={country} onValue={setCountry} required {...form.fieldProps('country')} />
          </div>
          <TextField label={t('sightings.placeOptional')} name="place" value={place} onValue={setPlace} maxLength={200} hint={t('sightings.placeHint')} {...form.fieldProps('place')} />
          <TextAreaField label={t('sightings.noteOptional')} name="note" prose rows={3} maxLength={2000} value={note} onValue={setNote} {...form.fieldProps('note')} />
          <div class="actions">
            <Submit busy={form.busy}>{t('sightings.submit')}</Submit>
          </div>
        </form>
      ) : null}
    </section>
  );
}

// --- Corrections.

function Corrections({ view, reference, onAmended }: { view: SpecimenView; reference: Reference | null; onAmended: (view: SpecimenView) => void }) {
  const { t, lang } = useI18n();
  const [list, setList] = useState<Correction[] | null>(null);
  const [error, setError] = useState<FormError | null>(null);
  const [deciding, setDeciding] = useState<{ correction: Correction; action: 'accept' | 'reject' } | null>(null);
  const [busy, setBusy] = useState(false);
  const [decideError, setDecideError] = useState<FormError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    api<Correction[]>('GET', `/api/specimens/${view.id}/corrections`).then(setList, (err: unknown) => setError(toFormError(err, t)));
  }, [view.id]);
  const decide = () => {
    if (!deciding) return;
    const { correction, action } = deciding;
    setBusy(true);
    setDecideError(null);
    api<Correction>('POST', `/api/specimens/${view.id}/corrections/${correction.id}/${action}`).then(
      (decided) => {
        setList((l) => (l ?? []).map((c) => (c.id === decided.id ? decided : c)));
        setDeciding(null);
        setBusy(false);
        setNotice(t(action === 'accept' ? 'corrections.accepted' : 'corrections.rejected'));
        if (action === 'accept') api<SpecimenView>('GET', `/api/specimens/${view.id}`).then(onAmended, () => {});
      },
      (err: unknown) => {
        setDecideError(toFormError(err, t));
        setBusy(false);
      },
    );
  };
  return (
    <section class="panel" aria-labelledby="corrections-title">
      <h2 id="corrections-title">{t('corrections.title')}</h2>
      <ErrorAlert error={error} />
      {notice ? <Notice>{notice}</Notice> : null}
      {list && list.length === 0 ? <p class="muted">{t('corrections.none')}</p> : null}
      {list && list.length ? (
        <ul class="correction-list">
          {list.map((c) => (
            <li key={c.id} class={`correction correction-${c.status}`}>
              <p class="correction-head">
                <Badge tone={`correction-${c.status}`}>{t(`corrections.status.${c.status}`)}</Badge>{' '}
                {t('corrections.by', { country: countryName(c.proposerCountry, lang, t), date: formatDate(c.createdAt, lang) })}
                {c.mine ? <span class="person-you"> {t('corrections.mine')}</span> : null}
              </p>
              <dl class="facts facts-compact">
                {Object.entries(c.changes).map(([field, value]) => (
                  <Fragment key={field}>
                    <dt>{field in FIELD_KEYS ? t(FIELD_KEYS[field]!) : field}</dt>
                    <dd>{changeValue(field, value, reference, lang, t)}</dd>
                  </Fragment>
                ))}
              </dl>
              <p class="correction-comment">{c.comment}</p>
              {view.permissions.amend && c.status === 'proposed' ? (
                <div class="actions">
                  <button type="button" class="button button-small" onClick={() => setDeciding({ correction: c, action: 'accept' })}>
                    {t('corrections.accept')}
                  </button>
                  <button type="button" class="button button-secondary button-small" onClick={() => setDeciding({ correction: c, action: 'reject' })}>
                    {t('corrections.reject')}
                  </button>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {deciding ? (
        <ConfirmDialog
          title={t(deciding.action === 'accept' ? 'corrections.acceptTitle' : 'corrections.rejectTitle')}
          confirmLabel={t(deciding.action === 'accept' ? 'corrections.accept' : 'corrections.reject')}
          tone={deciding.action === 'accept' ? 'primary' : 'danger'}
          busy={busy}
          error={decideError}
          onConfirm={decide}
          onCancel={() => {
            setDeciding(null);
            setDecideError(null);
          }}
        >
          <p>{t(deciding.action === 'accept' ? 'corrections.acceptText' : 'corrections.rejectText')}</p>
        </ConfirmDialog>
      ) : null}
      {view.permissions.correct && view.specimen ? <ProposeCorrection view={view} reference={reference} onProposed={(c) => setList((l) => [c, ...(l ?? [])])} /> : null}
    </section>
  );
}

function ProposeCorrection({ view, reference, onProposed }: { view: SpecimenView; reference: Reference | null; onProposed: (c: Correction) => void }) {
  const { t, lang } = useI18n();
  const s = view.specimen!;
  const [field, setField] = useState<Correctable>('series');
  const currentValue = (f: Correctable) => {
    const v = s[f];
    return v === null || v === undefined ? '' : String(v);
  };
  const [value, setValue] = useState(currentValue('series'));
  const [forgeryKind, setForgeryKind] = useState(s.forgeryKind ?? '');
  const [comment, setComment] = useState('');
  const [sent, setSent] = useState(false);
  const form = useForm(
    async () => {
      const changes: Record<string, unknown> = {};
      if (field === 'issuedFrom' || field === 'issuedTo') changes[field] = value ? Number(value) : null;
      else if (field === 'series' || field === 'version') changes[field] = value.trim() || null;
      else if (field === 'description') changes[field] = value.trim();
      else changes[field] = value;
      if (field === 'category') changes.forgeryKind = value === 'forgery' ? forgeryKind : null;
      const created = await api<Correction>('POST', `/api/specimens/${view.id}/corrections`, { changes, comment: comment.trim() });
      onProposed(created);
      setComment('');
      setSent(true);
    },
    () => {
      setSent(false);
      if ((field === 'issuedFrom' || field === 'issuedTo') && value && !/^\d{4}$/.test(value)) return { message: t('upload.yearFormat'), field: 'value' };
      if (['documentType', 'issuingCountry', 'category'].includes(field) && !value) return { message: t('form.required', { field: t(FIELD_KEYS[field]!) }), field: 'value' };
      if (field === 'category' && value === 'forgery' && !forgeryKind) return { message: t('form.required', { field: t('specimen.forgeryKind') }), field: 'forgeryKind' };
      if (!comment.trim()) return { message: t('form.required', { field: t('corrections.comment') }), field: 'comment' };
      return null;
    },
  );
  const valueLabel = t('corrections.newValue', { field: t(FIELD_KEYS[field]!) });
  const valueControl = () => {
    const props = { label: valueLabel, name: 'value', value, onValue: setValue, ...form.fieldProps('value') };
    switch (field) {
      case 'documentType':
      case 'category': {
        const list = field === 'documentType' ? reference?.documentTypes : reference?.categories;
        return (
          <SelectField {...props}>
            <TermOptions terms={list} />
          </SelectField>
        );
      }
      case 'issuingCountry':
        return <IssuerSelect {...props} reference={reference} />;
      case 'description':
        return <TextAreaField {...props} prose rows={5} maxLength={10_000} />;
      case 'issuedFrom':
      case 'issuedTo':
        return <TextField {...props} inputMode="numeric" maxLength={4} />;
      default:
        return <TextField {...props} maxLength={100} />;
    }
  };
  return (
    <form class="form sub-form" noValidate onSubmit={form.onSubmit} aria-labelledby="correction-form-title">
      <h3 id="correction-form-title">{t('corrections.propose')}</h3>
      <p class="hint">{t('corrections.proposeHint')}</p>
      {sent ? <Notice>{t('corrections.sent')}</Notice> : null}
      <ErrorAlert error={form.error} id={form.errorId} />
      <SelectField
        label={t('corrections.field')}
        name="field"
        value={field}
        onValue={(v) => {
          setField(v as Correctable);
          setValue(currentValue(v as Correctable));
        }}
      >
        {CORRECTABLE.map((f) => (
          <option key={f} value={f}>
            {t(FIELD_KEYS[f]!)}
          </option>
        ))}
      </SelectField>
      {valueControl()}
      {field === 'category' && value === 'forgery' ? (
        <SelectField label={t('specimen.forgeryKind')} name="forgeryKind" value={forgeryKind} onValue={setForgeryKind} {...form.fieldProps('forgeryKind')}>
          <TermOptions terms={reference?.forgeryKinds} empty={t('invite.choose')} />
        </SelectField>
      ) : null}
      <TextAreaField label={t('corrections.comment')} name="comment" prose rows={3} maxLength={2000} value={comment} onValue={setComment} hint={t('corrections.commentHint')} {...form.fieldProps('comment')} />
      <div class="actions">
        <Submit busy={form.busy}>{t('corrections.submit')}</Submit>
      </div>
    </form>
  );
}

/** The options of a select over one vocabulary, labelled in the reader's language, after an optional empty choice. */
export function TermOptions({ terms, empty }: { terms: readonly Term[] | undefined; empty?: string }) {
  const { lang } = useI18n();
  return (
    <>
      {empty === undefined ? null : <option value="">{empty}</option>}
      {(terms ?? []).map((term) => (
        <option key={term.code} value={term.code}>
          {term[lang]}
        </option>
      ))}
    </>
  );
}

/** Issuers: member countries, every other state, then (given the reference) the ICAO codes of organisations. */
export function IssuerSelect({
  label,
  name,
  value,
  onValue,
  reference,
  invalid,
  describedBy,
  required,
  hint,
}: {
  label: string;
  name: string;
  value: string;
  onValue: (v: string) => void;
  reference: Reference | null;
  invalid?: boolean;
  describedBy?: string | undefined;
  required?: boolean;
  hint?: string;
}) {
  const { t, lang } = useI18n();
  const { members, others } = placeChoices(lang, t);
  return (
    <SelectField label={label} name={name} value={value} onValue={onValue} invalid={invalid} describedBy={describedBy} required={required} hint={hint}>
      <option value="">{t('invite.choose')}</option>
      <optgroup label={t('invite.members')}>
        {members.map((c) => (
          <option key={c.code} value={c.code}>
            {c.name}
          </option>
        ))}
      </optgroup>
      {others.length ? (
        <optgroup label={t('upload.otherStates')}>
          {others.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </optgroup>
      ) : null}
      {reference?.issuingOrganisations.length ? (
        <optgroup label={t('upload.issuingOrganisations')}>
          {reference.issuingOrganisations.map((o) => (
            <option key={o.code} value={o.code}>
              {o[lang]} ({o.code})
            </option>
          ))}
        </optgroup>
      ) : null}
    </SelectField>
  );
}

// --- Related specimens.

function RelatedSpecimens({ view, reference }: { view: SpecimenView; reference: Reference | null }) {
  const { t, lang } = useI18n();
  const [related, setRelated] = useState<Related | null>(null);
  const [error, setError] = useState<FormError | null>(null);
  useEffect(() => {
    api<Related>('GET', `/api/specimens/${view.id}/related`).then(setRelated, (err: unknown) => setError(toFormError(err, t)));
  }, [view.id]);
  return (
    <section class="panel" aria-labelledby="related-title">
      <h2 id="related-title">{t('related.title')}</h2>
      <p class="hint">{t('related.lead')}</p>
      <ErrorAlert error={error} />
      {related && related.items.length === 0 ? <p class="muted">{t('related.none')}</p> : null}
      {related && related.items.length ? (
        <ol class="specimen-list specimen-list-compact">
          {related.items.map(({ card, reasons, features }) => (
            <SpecimenRow key={card.id} card={card} reference={reference} headingLevel={3}>
              <p class="related-reasons">
                <strong>{t('related.why')}</strong>{' '}
                {reasons
                  .map((r) =>
                    r === 'feature'
                      ? t('related.reason.feature', { features: features.map((f) => featureLabel(reference, f, lang)).join(', ') })
                      : t(`related.reason.${r}`),
                  )
                  .join(' · ')}
              </p>
              {(view.images?.length ?? 0) > 0 && card.imageCount > 0 ? (
                <p>
                  <a href={`/specimens/compare?a=${view.id}&b=${card.id}`}>{t('related.compare')}</a>
                </p>
              ) : null}
            </SpecimenRow>
          ))}
        </ol>
      ) : null}
    </section>
  );
}

