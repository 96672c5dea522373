import { useEffect } from 'preact/hooks';
import { HandlingFields } from '../../../items/handling.tsx';
import { useItemRoles } from '../../../items/item-roles.ts';
import { useItem } from '../../../items/purpose.tsx';
import { useSpaceMembers } from '../../../items/recipients.tsx';
import { SpaceChoice } from '../../../items/space-choice.tsx';
import { StateSelect } from '../../../items/states.tsx';
import type { Tlp } from '../../../items/tlp.tsx';
import { ApiError } from '../../../lib/api.ts';
import { todayIso } from '../../../lib/dates.ts';
import { useI18n } from '../../../lib/i18n/index.tsx';
import { navigate, useLocation } from '../../../lib/router.ts';
import { useCurrentSpace } from '../../../lib/spaces.ts';
import { SelectField, TextAreaField, TextField } from '../../../ui/fields.tsx';
import { ErrorAlert, Submit, useForm } from '../../../ui/form.tsx';
import { Loading, Page } from '../../../ui/page.tsx';
import { createPerson, fetchPerson, PERSON_FORMS, type PersonForm, updatePerson } from '../api.ts';
import { BlankFormLink } from '../person-tabs.tsx';
import { TermOptions, term, usePersonReference } from '../reference.tsx';
import { checkPersonForm } from './checks.ts';
import { AdultsFields, IndicatorsFields, MinorsFields, ReferralFields } from './group-fields.tsx';
import { IndividualFields } from './individual-fields.tsx';
import { draftPatch, emptyValues, formField, linkIds, newPersonBody, type PersonValues, valuesOf } from './values.ts';

/** The labels a person record may carry: never CLEAR or GREEN. */
const PERSON_TLPS = ['AMBER', 'AMBER+STRICT', 'RED'] as const satisfies readonly Tlp[];

/**
 * Recording a person detected, or a group of adults travelling with minors (`?form=minors`), as a
 * draft — or a draft again (`?draft=<id>`): a guided form in numbered sections (the detection, the
 * person or the minors and adults with their documents, the indicators and the referral, notes and
 * links, the handling). Its page submits it for validation. Nothing of what it says goes in an
 * address.
 */
export function PersonFormPage() {
  const { t, lang } = useI18n();
  const { query } = useLocation();
  const draftId = (query.get('draft') ?? '').toLowerCase();
  const asked: PersonForm = query.get('form') === 'minors' ? 'minors' : 'person';
  const draft = useItem(draftId, fetchPerson);
  const { ref: reference } = usePersonReference();
  const { creatable, spaces } = useItemRoles();
  const currentSpace = useCurrentSpace()?.id;
  const editing = draftId !== '';
  const form = useForm<PersonValues>(
    emptyValues(asked),
    async (v) => {
      try {
        const saved = editing ? await updatePerson(draftId, draftPatch(v)) : await createPerson(v.spaceId, newPersonBody(v));
        navigate(`/persons/${saved.id}`);
      } catch (err) {
        throw err instanceof ApiError ? new ApiError(err.status, err.code, err.message, formField(err.field)) : err;
      }
    },
    (v) => checkPersonForm(v, t, todayIso()),
    // The field at fault gets the focus, however deep (a minor's document).
    { nested: true },
  );
  const v = form.values;
  const members = useSpaceMembers(v.tlp === 'RED' && v.spaceId ? v.spaceId : null);

  useEffect(() => {
    if (draft.data) form.setValues(valuesOf(draft.data));
  }, [draft.data]);

  // The other form asked for from this same screen (the section's "New" buttons).
  useEffect(() => {
    if (!editing) form.set('form', asked);
  }, [asked]);

  // A new record's space: the one chosen in the switcher, or my only one where I may write.
  useEffect(() => {
    if (editing || v.spaceId || !spaces) return;
    const chosen = creatable.find((s) => s.id === currentSpace) ?? (creatable.length === 1 ? creatable[0] : undefined);
    if (chosen) form.set('spaceId', chosen.id);
  }, [spaces]);

  const title = editing ? t('personForm.editTitle') : t(v.form === 'minors' ? 'personForm.titleMinors' : 'personForm.titlePerson');
  if (spaces && creatable.length === 0 && !editing) return <Page title={title} lead={t('compose.noSpace')} />;
  if (editing && !draft.data)
    return (
      <Page title={title}>
        <ErrorAlert error={draft.missing ? { message: t('person.notFoundText') } : draft.error} />
        {draft.loading ? <Loading text={t('person.loading')} /> : null}
      </Page>
    );
  if (editing && draft.data && !draft.data.permissions.update) return <Page title={title} lead={t('personForm.notEditable')} />;

  const back = editing ? `/persons/${draftId}` : '/persons';
  const detection = (key: keyof PersonValues['detection']) => ({
    name: `detection.${key}`,
    value: v.detection[key],
    onValue: (value: string) => form.set('detection', { ...v.detection, [key]: value }),
    ...form.fieldProps(`detection.${key}`),
  });
  const group = { group: v.group, onGroup: (g: PersonValues['group']) => form.set('group', g), fieldProps: form.fieldProps, reference };
  let n = 0;
  const section = (key: Parameters<typeof t>[0]) => `${++n}. ${t(key)}`;

  return (
    <Page title={title} lead={t(v.form === 'minors' ? 'personForm.leadMinors' : 'personForm.leadPerson')}>
      <p class="page-actions">
        <a href={back}>{editing ? t('personForm.backToRecord') : t('persons.backToList')}</a>
        <BlankFormLink form={v.form} />
      </p>
      <form class="panel form composer person-form" noValidate onSubmit={form.onSubmit} aria-label={title}>
        <ErrorAlert error={form.error} id={form.errorId} />

        <fieldset class="composer-section">
          <legend>{section('personForm.sectionRecord')}</legend>
          {editing ? null : <SpaceChoice creatable={creatable} hint={t('personForm.spaceHint')} {...form.bind('spaceId')} />}
          <fieldset class="field checks">
            <legend>{t('person.form')}</legend>
            {PERSON_FORMS.map((f) => (
              <label key={f} class="check">
                <input
                  type="radio"
                  name="form"
                  value={f}
                  checked={v.form === f}
                  disabled={editing && v.form !== f}
                  onChange={() => form.set('form', f)}
                />
                {term(reference, 'forms', f, lang) || f}
              </label>
            ))}
          </fieldset>
        </fieldset>

        <fieldset class="composer-section">
          <legend>{section('personForm.sectionDetection')}</legend>
          <p class="hint">{t('personForm.detectionHint')}</p>
          <div class="field-pair">
            <TextField label={t('person.detectedOn')} type="date" required {...detection('date')} />
            <StateSelect label={t('person.detectionCountry')} empty={t('invite.choose')} required {...detection('country')} />
          </div>
          <div class="field-pair">
            <TextField label={t('personForm.port')} maxLength={160} {...detection('port')} />
            <TextField label={t('personForm.carrier')} maxLength={160} {...detection('carrier')} />
          </div>
          <TextField label={t('personForm.route')} hint={t('personForm.routeHint')} maxLength={300} {...detection('route')} />
          <div class="field-pair">
            {v.form === 'person' ? (
              <SelectField label={t('person.role')} required {...form.bind('role')}>
                <TermOptions terms={reference?.roles} empty={t('invite.choose')} />
              </SelectField>
            ) : null}
            <SelectField label={t('person.outcome')} required {...form.bind('outcome')}>
              <TermOptions terms={reference?.outcomes} empty={t('invite.choose')} />
            </SelectField>
          </div>
        </fieldset>

        {v.form === 'person' ? (
          <fieldset class="composer-section">
            <legend>{section('personForm.sectionPerson')}</legend>
            <p class="hint">{t('personForm.personHint')}</p>
            <IndividualFields
              path="person"
              value={v.person}
              onValue={(person) => form.set('person', person)}
              fieldProps={form.fieldProps}
              reference={reference}
            />
          </fieldset>
        ) : (
          <>
            <fieldset class="composer-section">
              <legend>{section('personForm.sectionMinors')}</legend>
              <MinorsFields {...group} />
            </fieldset>
            <fieldset class="composer-section">
              <legend>{section('personForm.sectionAdults')}</legend>
              <AdultsFields {...group} />
            </fieldset>
            <fieldset class="composer-section">
              <legend>{section('personForm.sectionIndicators')}</legend>
              <IndicatorsFields {...group} />
            </fieldset>
            <fieldset class="composer-section">
              <legend>{section('personForm.sectionReferral')}</legend>
              <p class="hint">{t('personForm.referralHint')}</p>
              <ReferralFields {...group} />
            </fieldset>
          </>
        )}

        <fieldset class="composer-section">
          <legend>{section('personForm.sectionNotes')}</legend>
          <TextAreaField label={t('personForm.notes')} hint={t('personForm.notesHint')} prose rows={4} maxLength={20_000} {...form.bind('notes')} />
          <TextAreaField label={t('personForm.links')} rows={3} hint={t('personForm.linksHint')} {...form.bind('links')} />
          {linkIds(v.links).length ? <p class="hint">{t('reportCompose.linksCount', { count: linkIds(v.links).length })}</p> : null}
        </fieldset>

        <fieldset class="composer-section">
          <legend>{section('personForm.sectionHandling')}</legend>
          <HandlingFields tlps={PERSON_TLPS} tlpHint={t('personForm.tlpWhy')} members={members} bind={form.bind} />
        </fieldset>

        <div class="actions composer-actions">
          <Submit busy={form.busy}>{editing ? t('personForm.save') : t('personForm.create')}</Submit>
          <a href={back}>{t('dialog.cancel')}</a>
        </div>
        <p class="hint">{t('personForm.draftHint')}</p>
      </form>
    </Page>
  );
}
