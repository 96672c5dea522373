import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { useItemRoles } from '../../../items/item-roles.ts';
import { useSpaceMembers } from '../../../items/recipients.tsx';
import { useReference } from '../../../items/reference.ts';
import { ApiError } from '../../../lib/api.ts';
import { type FormError, toFormError } from '../../../lib/errors.ts';
import { setFlash } from '../../../lib/flash.ts';
import { uuidOrEmpty } from '../../../lib/format.ts';
import { useI18n } from '../../../lib/i18n/index.tsx';
import { navigate, useLocation } from '../../../lib/router.ts';
import { useCurrentSpace } from '../../../lib/spaces.ts';
import { useResource } from '../../../lib/use-resource.ts';
import { binder, ErrorAlert, errorFieldProps, focusField, Notice } from '../../../ui/form.tsx';
import { LoadingPage, NotFoundPage, Page } from '../../../ui/page.tsx';
import { createDraft, fetchSpecimen, specimenStep, updateDraft } from '../api.ts';
import { bodyOf, checkStep, EMPTY, type Fields, fieldOfError, fieldsFrom, isStatusReport, LAST, STEPS, stepOfField } from './draft-fields.ts';
import { DetectionStep } from './step-detection.tsx';
import { DocumentStep } from './step-document.tsx';
import { FeaturesStep } from './step-features.tsx';
import { HandlingStep } from './step-handling.tsx';
import { ImagesStep } from './step-images.tsx';
import { useDraftImages } from './use-draft-images.ts';

/**
 * The upload wizard: the document, its security features, the detection and identifiers, the
 * handling, then the images (several, each with its view and caption, a progress bar each; none
 * needed for a status report, which goes by its number).
 * The draft is created on the first save; `?draft=` reopens one for editing.
 */
export function SpecimenUploadPage() {
  const { t } = useI18n();
  const { query } = useLocation();
  const { ref: reference } = useReference();
  const { creatable, spaces } = useItemRoles();
  const currentSpace = useCurrentSpace();
  const [draftId, setDraftId] = useState<string | null>(() => uuidOrEmpty(query.get('draft')) || null);
  const [fields, setFields] = useState<Fields>(EMPTY);
  const [step, setStep] = useState(0);
  const [error, setError] = useState<FormError | null>(null);
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const images = useDraftImages(setError);
  // The server can change an evaluation on a draft but not remove it: once stored, "not evaluated" is no longer offered.
  const [kept, setKept] = useState({ source: false, information: false });
  // RED: the space's members, to name who may read it.
  const members = useSpaceMembers(fields.tlp === 'RED' && fields.spaceId ? fields.spaceId : null);
  const form = useRef<HTMLFormElement>(null);
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const errorId = useId();
  const moved = useRef(false);

  // An existing draft (`?draft=`): its fields and images. Asked for once: saving a new draft changes the address, not the screen.
  const [opened] = useState(draftId);
  const draft = useResource(
    opened
      ? () =>
          fetchSpecimen(opened).then((view) => {
            const editable = view.status === 'draft' && view.permissions.update && !!view.specimen;
            if (editable) {
              setFields(fieldsFrom(view));
              setKept({ source: !!view.handling?.sourceEvaluation, information: !!view.handling?.informationEvaluation });
              images.setExisting(view.images ?? []);
            }
            return editable;
          })
      : null,
    [],
  );
  const loadState = !opened || draft.data ? 'ready' : draft.missing ? 'missing' : draft.data === false ? 'notDraft' : 'loading';

  // A new one: the space from the address, the current one (the switcher's), or my only space where I may create.
  useEffect(() => {
    if (draftId || fields.spaceId || !spaces) return;
    const wanted = (query.get('space') ?? '').toLowerCase();
    const chosen =
      creatable.find((s) => s.id === wanted) ??
      creatable.find((s) => s.id === currentSpace?.id) ??
      (creatable.length === 1 ? creatable[0] : undefined);
    if (chosen) setFields((f) => ({ ...f, spaceId: chosen.id }));
  }, [spaces]);

  // A new step or an error: the focus goes to the field at fault, or else to the step's heading.
  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    if (error?.field && focusField(form.current, error.field)) return;
    stepHeading.current?.focus();
  }, [step, error]);

  const set = <K extends keyof Fields>(name: K, value: Fields[K]) => setFields((f) => ({ ...f, [name]: value }));
  const fieldProps = errorFieldProps(error, errorId, true);
  const goTo = (next: number, problem: FormError | null = null) => {
    moved.current = true;
    setStep(next);
    setError(problem);
  };
  const check = (index: number, submitting: boolean) => checkStep(index, fields, images.state(), submitting, t);

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
        const created = await createDraft(fields.spaceId, body);
        id = created.id;
        setDraftId(id);
        // Still this screen (the query changes, not the path), so the files chosen stay.
        navigate(`/specimens/new?draft=${id}`, { replace: true });
      } else {
        await updateDraft(id, body);
      }
      setKept((stored) => ({
        source: stored.source || !!fields.sourceEvaluation,
        information: stored.information || !!fields.informationEvaluation,
      }));
      if (!(await images.uploadAll(id))) {
        goTo(LAST, { message: t('upload.someFailed'), field: 'images' });
        return;
      }
      if (submitting) {
        await specimenStep(id, 'submit');
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

  const title = draftId ? t('upload.editTitle') : t('upload.title');
  if (loadState === 'missing' || loadState === 'notDraft') {
    const back =
      draftId && loadState === 'notDraft'
        ? { href: `/specimens/${draftId}`, label: t('upload.openSpecimen') }
        : { href: '/specimens', label: t('specimen.backToList') };
    return <NotFoundPage title={title} text={t(loadState === 'missing' ? 'specimen.notFoundText' : 'upload.notDraft')} back={back} />;
  }
  if (loadState === 'loading') return <LoadingPage title={title} error={draft.error} text={t('specimen.loading')} />;
  if (spaces && creatable.length === 0) return <Page title={title} lead={t('upload.noSpace')} />;

  const stepProps = { fields, set, fieldProps, bind: binder(fields, set, fieldProps), reference };
  const busyAttr = busy ? 'true' : undefined;

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
        {step === 0 ? <DocumentStep {...stepProps} creatable={creatable} spaces={spaces} /> : null}
        {step === 1 ? <FeaturesStep {...stepProps} /> : null}
        {step === 2 ? <DetectionStep {...stepProps} /> : null}
        {step === 3 ? <HandlingStep {...stepProps} kept={kept} members={members} /> : null}
        {step === 4 ? (
          <ImagesStep
            reference={reference}
            draftId={draftId}
            existing={images.existing}
            pending={images.pending}
            fieldProps={fieldProps}
            onFiles={images.addFiles}
            onPatch={images.patch}
            onRemovePending={(item) => images.removePending(item, draftId)}
            onRemoveExisting={(image) => images.removeExisting(image, draftId)}
            busy={!!busy}
            statusReport={isStatusReport(fields.category)}
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
          <button
            type="button"
            class={step === LAST ? 'button button-secondary' : 'button-link'}
            aria-disabled={busyAttr}
            onClick={() => void save(false)}
          >
            {busy === 'save' ? t('upload.saving') : t('upload.saveDraft')}
          </button>
          {step === LAST ? (
            <button type="button" class="button" aria-disabled={busyAttr} onClick={() => void save(true)}>
              {busy === 'submit' ? t('upload.submitting') : t('upload.submit')}
            </button>
          ) : null}
        </div>
        {step === LAST ? <p class="hint">{t('upload.submitHint')}</p> : null}
      </form>
    </Page>
  );
}
