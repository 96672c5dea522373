import { useEffect } from 'preact/hooks';
import { HandlingFields } from '../../../items/handling.tsx';
import { useItemRoles } from '../../../items/item-roles.ts';
import { useItem } from '../../../items/purpose.tsx';
import { useSpaceMembers } from '../../../items/recipients.tsx';
import { SpaceChoice } from '../../../items/space-choice.tsx';
import { StatesPicker } from '../../../items/states-picker.tsx';
import { TLPS } from '../../../items/tlp.tsx';
import { ApiError } from '../../../lib/api.ts';
import type { FormError } from '../../../lib/errors.ts';
import { type Translate, useI18n } from '../../../lib/i18n/index.tsx';
import { navigate, useLocation } from '../../../lib/router.ts';
import { useCurrentSpace } from '../../../lib/spaces.ts';
import { TextAreaField, TextField } from '../../../ui/fields.tsx';
import { ErrorAlert, Submit, useForm } from '../../../ui/form.tsx';
import { Loading, Page } from '../../../ui/page.tsx';
import { createReport, fetchReport, REPORT_KINDS, type ReportKind, updateReport } from '../api.ts';
import { type ReportReference, term, useReportReference } from '../reference.ts';
import { AcquisitionFields, ModusOperandiFields, NetworkFields, OperationFields } from './kind-fields.tsx';
import { RouteEditor } from './route-editor.tsx';
import { type ComposerValues, draftPatch, EMPTY, linkIds, newReportBody, valuesOf } from './values.ts';

/** The kinds' own fields are under their names in the API; here each is a field of its own. */
const DETAIL_FIELDS: Record<string, string> = { 'modusOperandi.category': 'moCategory', 'network.size': 'size' };

/** The composer's field a server error names (`modusOperandi.category` → `moCategory`, `operation.results.x` → `x`). */
function composerField(field: string | undefined): string | undefined {
  if (!field || field.startsWith('route.')) return field;
  if (field in DETAIL_FIELDS) return DETAIL_FIELDS[field];
  const match = /^(?:modusOperandi|acquisitionMethod|network|operation)\.(?:results\.)?([A-Za-z]+)/.exec(field);
  return match?.[1] ?? field;
}

/**
 * Writing a report (a draft), or a draft again (`?draft=<id>`): its kind, what it says, the kind's
 * own fields (a route's waypoints and legs), the items it links, its handling. Saved as a draft;
 * its page submits it for validation.
 */
export function ReportComposerPage() {
  const { t, lang } = useI18n();
  const { query } = useLocation();
  const draftId = (query.get('draft') ?? '').toLowerCase();
  const draft = useItem(draftId, fetchReport);
  const { ref: reference } = useReportReference();
  const { creatable, spaces } = useItemRoles();
  const currentSpace = useCurrentSpace()?.id;
  const editing = draftId !== '';
  const form = useForm<ComposerValues>(
    EMPTY,
    async (v) => {
      try {
        const saved = editing ? await updateReport(draftId, draftPatch(v)) : await createReport(v.spaceId, newReportBody(v));
        navigate(`/reports/${saved.id}`);
      } catch (err) {
        throw err instanceof ApiError ? new ApiError(err.status, err.code, err.message, composerField(err.field)) : err;
      }
    },
    (v) => check(v, t),
    // The field at fault gets the focus (a server error may name one inside another: a waypoint's place).
    { nested: true },
  );
  const { spaceId, kind, tlp } = form.values;
  const members = useSpaceMembers(tlp === 'RED' && spaceId ? spaceId : null);

  // A draft: its values, once it is here.
  useEffect(() => {
    if (draft.data) form.setValues(valuesOf(draft.data));
  }, [draft.data]);

  // A new report's space: the one chosen in the switcher, or my only one where I may write.
  useEffect(() => {
    if (editing || spaceId || !spaces) return;
    const chosen = creatable.find((s) => s.id === currentSpace) ?? (creatable.length === 1 ? creatable[0] : undefined);
    if (chosen) form.set('spaceId', chosen.id);
  }, [spaces]);

  const title = editing ? t('reportCompose.editTitle') : t('reportCompose.title');
  if (spaces && creatable.length === 0 && !editing) return <Page title={title} lead={t('compose.noSpace')} />;
  if (editing && !draft.data)
    return (
      <Page title={title}>
        <ErrorAlert error={draft.missing ? { message: t('report.notFoundText') } : draft.error} />
        {draft.loading ? <Loading text={t('report.loading')} /> : null}
      </Page>
    );
  if (editing && draft.data && !draft.data.permissions.update) return <Page title={title} lead={t('reportCompose.notEditable')} />;

  const kindField = form.bind('kind');
  const back = editing ? `/reports/${draftId}` : '/reports';
  return (
    <Page title={title} lead={t('reportCompose.lead')}>
      <p class="page-actions">
        <a href={back}>{editing ? t('reportCompose.backToReport') : t('report.backToList')}</a>
      </p>
      <form class="panel form composer" noValidate onSubmit={form.onSubmit} aria-label={title}>
        <ErrorAlert error={form.error} id={form.errorId} />

        <fieldset class="composer-section">
          <legend>{t('reportCompose.sectionReport')}</legend>
          {editing ? null : <SpaceChoice creatable={creatable} hint={t('reportCompose.spaceHint')} {...form.bind('spaceId')} />}
          <fieldset class="field checks report-kinds" aria-describedby={kindField.describedBy}>
            <legend>{t('report.kind')}</legend>
            {REPORT_KINDS.map((k) => (
              <label key={k} class="check">
                <input
                  type="radio"
                  name="kind"
                  value={k}
                  checked={kind === k}
                  disabled={editing && kind !== k}
                  onChange={() => kindField.onValue(k)}
                  aria-invalid={kindField.invalid ? 'true' : undefined}
                />
                {term(reference, 'kinds', k, lang)}
              </label>
            ))}
          </fieldset>
          <TextField label={t('reportCompose.reportTitle')} required maxLength={300} {...form.bind('title')} />
          <TextAreaField label={t('report.summary')} prose rows={5} maxLength={20_000} {...form.bind('summary')} />
          <StatesPicker label={t('reports.countries')} hint={t('reportCompose.countriesHint')} {...form.bind('countries')} />
          <div class="field-pair">
            <TextField label={t('reportCompose.periodFrom')} type="date" {...form.bind('periodFrom')} />
            <TextField label={t('reportCompose.periodUntil')} type="date" hint={t('reportCompose.periodUntilHint')} {...form.bind('periodUntil')} />
          </div>
        </fieldset>

        {kind ? (
          <fieldset class="composer-section">
            <legend>{t(`report.details.${kind}`)}</legend>
            <KindFields kind={kind} form={form} reference={reference} />
          </fieldset>
        ) : null}

        <fieldset class="composer-section">
          <legend>{t('report.links')}</legend>
          <TextAreaField label={t('reportCompose.links')} rows={3} hint={t('reportCompose.linksHint')} {...form.bind('links')} />
          {linkIds(form.values.links).length ? (
            <p class="hint">{t('reportCompose.linksCount', { count: linkIds(form.values.links).length })}</p>
          ) : null}
        </fieldset>

        <fieldset class="composer-section">
          <legend>{t('specimen.handling')}</legend>
          <HandlingFields tlps={TLPS} tlpHint={t('upload.tlpLead')} members={members} bind={form.bind} />
        </fieldset>

        <div class="actions composer-actions">
          <Submit busy={form.busy}>{editing ? t('reportCompose.save') : t('reportCompose.create')}</Submit>
          <a href={back}>{t('dialog.cancel')}</a>
        </div>
        <p class="hint">{t('reportCompose.draftHint')}</p>
      </form>
    </Page>
  );
}

function KindFields({
  kind,
  form,
  reference,
}: {
  kind: ReportKind;
  form: ReturnType<typeof useForm<ComposerValues>>;
  reference: ReportReference | null;
}) {
  const { t } = useI18n();
  const route = form.values.route;
  switch (kind) {
    case 'route':
      return (
        <>
          <RouteEditor route={route} onRoute={(next) => form.set('route', next)} reference={reference} fieldProps={form.fieldProps} />
          <StatesPicker
            label={t('report.nationalities')}
            hint={t('reportCompose.nationalitiesHint')}
            name="route.nationalities"
            value={route.nationalities}
            onValue={(nationalities) => form.set('route', { ...route, nationalities })}
            {...form.fieldProps('route.nationalities')}
          />
          <TextField
            label={t('report.estimatedVolume')}
            maxLength={200}
            hint={t('reportCompose.volumeHint')}
            name="route.estimatedVolume"
            value={route.estimatedVolume}
            onValue={(estimatedVolume) => form.set('route', { ...route, estimatedVolume })}
            {...form.fieldProps('route.estimatedVolume')}
          />
          <RiskChecks form={form} reference={reference} />
        </>
      );
    case 'modus_operandi':
      return <ModusOperandiFields bind={form.bind} reference={reference} />;
    case 'acquisition_method':
      return <AcquisitionFields bind={form.bind} reference={reference} />;
    case 'network':
      return <NetworkFields bind={form.bind} reference={reference} />;
    case 'operation':
      return <OperationFields bind={form.bind} reference={reference} />;
  }
}

function RiskChecks({ form, reference }: { form: ReturnType<typeof useForm<ComposerValues>>; reference: ReportReference | null }) {
  const { t, lang } = useI18n();
  const route = form.values.route;
  return (
    <fieldset class="field checks" aria-describedby={form.fieldProps('route.risks').describedBy}>
      <legend>{t('report.risks')}</legend>
      {(reference?.risks ?? []).map((risk) => (
        <label key={risk.code} class="check">
          <input
            type="checkbox"
            name="route.risks"
            value={risk.code}
            checked={route.risks.includes(risk.code)}
            onChange={(e) =>
              form.set('route', {
                ...route,
                risks: e.currentTarget.checked ? [...route.risks, risk.code] : route.risks.filter((r) => r !== risk.code),
              })
            }
          />
          {risk[lang]}
        </label>
      ))}
    </fieldset>
  );
}

const COORDINATE = /^-?\d{1,3}([.,]\d+)?$/;
const AMOUNT = /^\d{1,10}([.,]\d{1,2})?$/;
const DAYS = /^\d{1,3}([.,]\d+)?$/;

/** The composer's checks, in the order of its fields: the first problem. */
function check(v: ComposerValues, t: Translate): FormError | null {
  const required = (value: string, field: string, label: string): FormError | null =>
    value.trim() ? null : { message: t('form.required', { field: label }), field };
  const first =
    required(v.spaceId, 'spaceId', t('upload.space')) ??
    (v.kind ? null : { message: t('reportCompose.chooseKind'), field: 'kind' }) ??
    required(v.title, 'title', t('reportCompose.reportTitle'));
  if (first) return first;
  if (v.periodFrom && v.periodUntil && v.periodUntil < v.periodFrom) return { message: t('specimens.periodReversed'), field: 'periodUntil' };
  const details = checkDetails(v, t);
  if (details) return details;
  if (!v.tlp) return { message: t('form.required', { field: t('specimen.tlp') }), field: 'tlp' };
  if (v.tlp === 'RED' && v.namedRecipients.length === 0) return { message: t('compose.namedRequired'), field: 'namedRecipients' };
  return null;
}

function checkDetails(v: ComposerValues, t: Translate): FormError | null {
  const required = (value: string, field: string, label: string): FormError | null =>
    value.trim() ? null : { message: t('form.required', { field: label }), field };
  const amount = (value: string, field: string): FormError | null =>
    value.trim() && !AMOUNT.test(value.trim()) ? { message: t('reportCompose.badAmount'), field } : null;
  switch (v.kind) {
    case 'route':
      for (const [i, w] of v.route.waypoints.entries()) {
        const at = (f: string) => `route.waypoints.${i}.${f}`;
        const where = t('reportCompose.waypointN', { n: i + 1 });
        const problem =
          required(w.country, at('country'), `${t('report.country')} (${where})`) ??
          required(w.place, at('place'), `${t('report.place')} (${where})`);
        if (problem) return problem;
        for (const f of ['latitude', 'longitude'] as const)
          if (w[f].trim() && !COORDINATE.test(w[f].trim())) return { message: t('reportCompose.badCoordinate'), field: at(f) };
        if (!w.latitude.trim() !== !w.longitude.trim())
          return { message: t('reportCompose.coordinatesIncomplete'), field: at(w.latitude.trim() ? 'longitude' : 'latitude') };
      }
      for (const [i, l] of v.route.legs.entries()) {
        const at = (f: string) => `route.legs.${i}.${f}`;
        const problem =
          required(l.mode, at('mode'), `${t('report.mode')} (${t('reportCompose.legShort', { n: i + 1 })})`) ??
          amount(l.costAmount, at('costAmount'));
        if (problem) return problem;
        if (l.costAmount.trim() && !/^[A-Za-z]{3}$/.test(l.costCurrency.trim()))
          return { message: t('reportCompose.badCurrency'), field: at('costCurrency') };
        if (l.durationDays.trim() && !DAYS.test(l.durationDays.trim())) return { message: t('reportCompose.badDuration'), field: at('durationDays') };
      }
      return null;
    case 'modus_operandi':
      return required(v.moCategory, 'moCategory', t('report.category'));
    case 'acquisition_method':
      return required(v.method, 'method', t('report.method')) ?? amount(v.costAmount, 'costAmount');
    case 'network':
      return required(v.names, 'names', t('report.names')) ?? required(v.size, 'size', t('report.size'));
    case 'operation':
      return required(v.operationKind, 'operationKind', t('report.operationKind'));
    default:
      return null;
  }
}
