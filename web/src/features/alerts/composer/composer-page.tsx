import { useEffect } from 'preact/hooks';
import { HandlingFields, type HandlingValues } from '../../../items/handling.tsx';
import { useItemRoles } from '../../../items/item-roles.ts';
import { useSpaceMembers } from '../../../items/recipients.tsx';
import { useReference } from '../../../items/reference.ts';
import { SpaceChoice } from '../../../items/space-choice.tsx';
import { TLPS, type Tlp } from '../../../items/tlp.tsx';
import { toLocalInput } from '../../../lib/dates.ts';
import type { FormError } from '../../../lib/errors.ts';
import { setFlash } from '../../../lib/flash.ts';
import { UUID } from '../../../lib/format.ts';
import { type Translate, useI18n } from '../../../lib/i18n/index.tsx';
import { navigate, useLocation } from '../../../lib/router.ts';
import { useCurrentSpace } from '../../../lib/spaces.ts';
import { TextAreaField, TextField } from '../../../ui/fields.tsx';
import { ErrorAlert, Submit, useForm } from '../../../ui/form.tsx';
import { Page } from '../../../ui/page.tsx';
import { createAlert, type NewAlert, ORGANISATION_TLPS, SEVERITIES, type Severity } from '../api.ts';
import { type Linked, SpecimenPicker } from './specimen-picker.tsx';
import { MAX_PORTS, portsOf, Targets, type TargetValues } from './targets.tsx';

const WEEK_MS = 7 * 86_400_000;
const UUIDS = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** What the composer's fields hold, by their names (the linked specimens go as `specimenIds`). */
interface ComposerValues extends TargetValues, HandlingValues {
  spaceId: string;
  title: string;
  body: string;
  severity: Severity | '';
  linked: Linked[];
  /** Reports linked: their addresses or ids, one per line. */
  reports: string;
  tlp: Tlp | '';
}

/** Raising an alert: what it says and how urgent it is, who it is for and until when, the specimens it links, its handling. */
export function AlertComposerPage() {
  const { t } = useI18n();
  const { query } = useLocation();
  const { ref: reference } = useReference();
  const { creatable, spaces } = useItemRoles();
  const currentSpace = useCurrentSpace()?.id;
  const form = useForm<ComposerValues>(
    {
      spaceId: '',
      title: '',
      body: '',
      severity: '',
      targetCountries: [],
      targetOrganisations: [],
      ports: '',
      validFrom: toLocalInput(new Date()),
      validUntil: toLocalInput(new Date(Date.now() + WEEK_MS)),
      linked: [],
      reports: '',
      tlp: '',
      namedRecipients: [],
      sourceEvaluation: '',
      informationEvaluation: '',
    },
    async (v) => {
      const payload: NewAlert = {
        spaceId: v.spaceId,
        title: v.title.trim(),
        body: v.body.trim(),
        severity: v.severity as Severity,
        targetCountries: v.targetCountries,
        targetOrganisations: v.targetOrganisations,
        ports: portsOf(v.ports),
        validFrom: new Date(v.validFrom).toISOString(),
        validUntil: new Date(v.validUntil).toISOString(),
        specimenIds: v.linked.map((l) => l.id),
        reportIds: [...new Set(v.reports.match(UUIDS) ?? [])].map((id) => id.toLowerCase()),
        tlp: v.tlp as Tlp,
      };
      if (v.tlp === 'RED') payload.namedRecipients = v.namedRecipients;
      if (v.sourceEvaluation) payload.sourceEvaluation = v.sourceEvaluation;
      if (v.informationEvaluation) payload.informationEvaluation = Number(v.informationEvaluation);
      const created = await createAlert(payload);
      setFlash(t(created.status === 'published' ? 'compose.published' : 'compose.submitted'));
      navigate(`/alerts/${created.id}`);
    },
    (v) => check(v, t),
    // The field at fault gets the focus (a server error may name one inside another).
    { nested: true },
  );
  const { spaceId, severity, targetOrganisations, tlp } = form.values;
  // RED: the space's members, to name who may read it.
  const members = useSpaceMembers(tlp === 'RED' && spaceId ? spaceId : null);

  // The space: from the address, the one chosen in the switcher, or my only one where I may raise alerts.
  useEffect(() => {
    if (spaceId || !spaces) return;
    const wanted = (query.get('space') ?? '').toLowerCase();
    const chosen =
      creatable.find((s) => s.id === wanted) ?? creatable.find((s) => s.id === currentSpace) ?? (creatable.length === 1 ? creatable[0] : undefined);
    if (chosen) form.set('spaceId', chosen.id);
  }, [spaces]);

  // A specimen to link from the address (a specimen's page may lead here).
  useEffect(() => {
    const specimen = (query.get('specimen') ?? '').toLowerCase();
    if (UUID.test(specimen)) form.set('linked', [{ id: specimen, label: specimen.slice(0, 8) }]);
  }, []);

  const severityField = form.bind('severity');

  if (spaces && creatable.length === 0) return <Page title={t('compose.pageTitle')} lead={t('compose.noSpace')} />;

  return (
    <Page title={t('compose.pageTitle')} lead={t('compose.lead')}>
      <p class="page-actions">
        <a href="/alerts">{t('alert.backToInbox')}</a>
      </p>
      <form class="panel form composer" noValidate onSubmit={form.onSubmit} aria-label={t('compose.pageTitle')}>
        <ErrorAlert error={form.error} id={form.errorId} />

        <fieldset class="composer-section">
          <legend>{t('compose.sectionAlert')}</legend>
          <SpaceChoice creatable={creatable} hint={t('compose.spaceHint')} note={t('compose.spaceHint')} {...form.bind('spaceId')} />
          <TextField label={t('compose.title')} required maxLength={300} hint={t('compose.titleHint')} {...form.bind('title')} />
          <fieldset class="field checks severity-choices" aria-describedby={severityField.describedBy}>
            <legend>{t('severity.label')}</legend>
            {SEVERITIES.map((s) => (
              <label key={s} class={`pick severity-choice severity-choice-${s}`}>
                <input
                  type="radio"
                  name="severity"
                  value={s}
                  checked={severity === s}
                  onChange={() => severityField.onValue(s)}
                  aria-invalid={severityField.invalid ? 'true' : undefined}
                />
                <span class="pick-text">
                  <span class={`severity severity-${s}`}>{t(`severity.${s}`)}</span>
                  <span class="tlp-explain">{t(`compose.severityExplain.${s}`)}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <TextAreaField label={t('compose.body')} prose rows={7} maxLength={20_000} hint={t('compose.bodyHint')} {...form.bind('body')} />
        </fieldset>

        <Targets bind={form.bind} />

        <fieldset class="composer-section">
          <legend>{t('alert.specimens')}</legend>
          <SpecimenPicker
            linked={form.values.linked}
            onLinked={(linked) => form.set('linked', linked)}
            invalid={form.fieldProps('specimenIds').invalid}
            errorId={form.errorId}
            reference={reference}
          />
        </fieldset>

        <fieldset class="composer-section">
          <legend>{t('alert.reports')}</legend>
          <TextAreaField
            label={t('compose.reportLinks')}
            hint={t('compose.reportLinksHint')}
            rows={3}
            maxLength={4000}
            {...form.bind('reports')}
            {...form.fieldProps('reportIds')}
          />
        </fieldset>

        <fieldset class="composer-section">
          <legend>{t('specimen.handling')}</legend>
          <HandlingFields
            tlps={tlpsFor(targetOrganisations)}
            tlpHint={targetOrganisations.length ? t('compose.tlpAuthoritiesHint') : t('upload.tlpLead')}
            members={members}
            bind={form.bind}
          />
        </fieldset>

        <div class="actions composer-actions">
          <Submit busy={form.busy}>{severity === 'urgent' ? t('compose.submitUrgent') : t('compose.submit')}</Submit>
          <a href="/alerts">{t('dialog.cancel')}</a>
        </div>
        <p class="hint">{severity === 'urgent' ? t('compose.submitUrgentHint') : t('compose.submitHint')}</p>
      </form>
    </Page>
  );
}

/** The labels an alert may have: fewer when it goes to authorities. */
const tlpsFor = (organisations: string[]): readonly Tlp[] => (organisations.length ? ORGANISATION_TLPS : TLPS);

/** The composer's checks, in the order of its fields: the first problem. */
function check(v: ComposerValues, t: Translate): FormError | null {
  const required = (value: string, field: string, label: string): FormError | null =>
    value.trim() ? null : { message: t('form.required', { field: label }), field };
  const problem =
    required(v.spaceId, 'spaceId', t('upload.space')) ??
    required(v.title, 'title', t('compose.title')) ??
    (v.severity ? null : { message: t('compose.chooseSeverity'), field: 'severity' }) ??
    required(v.body, 'body', t('compose.body'));
  if (problem) return problem;
  if (v.targetCountries.length === 0 && v.targetOrganisations.length === 0)
    return { message: t('compose.targetsRequired'), field: 'targetCountries' };
  const portList = portsOf(v.ports);
  if (portList.length > MAX_PORTS) return { message: t('compose.tooManyPorts', { max: MAX_PORTS }), field: 'ports' };
  if (portList.some((p) => p.length > 120)) return { message: t('compose.portTooLong'), field: 'ports' };
  const from = new Date(v.validFrom);
  const until = new Date(v.validUntil);
  if (!v.validFrom || Number.isNaN(from.getTime())) return { message: t('form.required', { field: t('compose.validFrom') }), field: 'validFrom' };
  if (!v.validUntil || Number.isNaN(until.getTime())) return { message: t('form.required', { field: t('compose.validUntil') }), field: 'validUntil' };
  if (until <= from) return { message: t('compose.untilBeforeFrom'), field: 'validUntil' };
  if (until.getTime() <= Date.now()) return { message: t('compose.untilPast'), field: 'validUntil' };
  if (!v.tlp || !tlpsFor(v.targetOrganisations).includes(v.tlp))
    return {
      message: v.targetOrganisations.length ? t('compose.tlpForAuthorities') : t('form.required', { field: t('specimen.tlp') }),
      field: 'tlp',
    };
  if (v.tlp === 'RED' && v.namedRecipients.length === 0) return { message: t('compose.namedRequired'), field: 'namedRecipients' };
  return null;
}
