import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { EvaluationChoice } from '../../../items/evaluation.tsx';
import { HandlingFields } from '../../../items/handling.tsx';
import { useItemRoles } from '../../../items/item-roles.ts';
import { useSpaceMembers } from '../../../items/recipients.tsx';
import { useReference } from '../../../items/reference.ts';
import { SpaceChoice } from '../../../items/space-choice.tsx';
import { TLPS, type Tlp } from '../../../items/tlp.tsx';
import { toLocalInput } from '../../../lib/dates.ts';
import { type FormError, toFormError } from '../../../lib/errors.ts';
import { setFlash } from '../../../lib/flash.ts';
import { UUID } from '../../../lib/format.ts';
import { useI18n } from '../../../lib/i18n/index.tsx';
import { navigate, useLocation } from '../../../lib/router.ts';
import { useCurrentSpaceId } from '../../../lib/spaces.ts';
import { TextAreaField, TextField } from '../../../ui/fields.tsx';
import { ErrorAlert, errorFieldProps, focusField, Submit } from '../../../ui/form.tsx';
import { Page } from '../../../ui/page.tsx';
import { createAlert, type NewAlert, ORGANISATION_TLPS, SEVERITIES, type Severity } from '../api.ts';
import { type Linked, SpecimenPicker } from './specimen-picker.tsx';
import { MAX_PORTS, portsOf, Targets } from './targets.tsx';

const WEEK_MS = 7 * 86_400_000;

/** Raising an alert: what it says and how urgent it is, who it is for and until when, the specimens it links, its handling. */
export function AlertComposerPage() {
  const { t } = useI18n();
  const { query } = useLocation();
  const { ref: reference } = useReference();
  const { creatable, spaces } = useItemRoles();
  const currentSpace = useCurrentSpaceId();
  const [spaceId, setSpaceId] = useState('');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [severity, setSeverity] = useState<Severity | ''>('');
  const [countries, setCountries] = useState<string[]>([]);
  const [organisations, setOrganisations] = useState<string[]>([]);
  const [ports, setPorts] = useState('');
  const [validFrom, setValidFrom] = useState(() => toLocalInput(new Date()));
  const [validUntil, setValidUntil] = useState(() => toLocalInput(new Date(Date.now() + WEEK_MS)));
  const [linked, setLinked] = useState<Linked[]>([]);
  const [tlp, setTlp] = useState<Tlp | ''>('');
  const [namedRecipients, setNamedRecipients] = useState<string[]>([]);
  const [evaluation, setEvaluation] = useState<EvaluationChoice>({ source: '', information: '' });
  // RED: the space's members, to name who may read it.
  const members = useSpaceMembers(tlp === 'RED' && spaceId ? spaceId : null);
  const [error, setError] = useState<FormError | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const errorId = useId();

  // The space: from the address, the one chosen in the switcher, or my only one where I may raise alerts.
  useEffect(() => {
    if (spaceId || !spaces) return;
    const wanted = (query.get('space') ?? '').toLowerCase();
    const chosen =
      creatable.find((s) => s.id === wanted) ?? creatable.find((s) => s.id === currentSpace) ?? (creatable.length === 1 ? creatable[0] : undefined);
    if (chosen) setSpaceId(chosen.id);
  }, [spaces]);

  // A specimen to link from the address (a specimen's page may lead here).
  useEffect(() => {
    const specimen = (query.get('specimen') ?? '').toLowerCase();
    if (UUID.test(specimen)) setLinked([{ id: specimen, label: specimen.slice(0, 8) }]);
  }, []);

  // The field at fault gets the focus.
  useEffect(() => {
    if (error?.field) focusField(form.current, error.field);
  }, [error]);

  const fieldProps = errorFieldProps(error, errorId, true);
  const groupInvalid = (name: string) => (fieldProps(name).invalid ? { 'aria-describedby': errorId } : {});
  const tlps: readonly Tlp[] = organisations.length ? ORGANISATION_TLPS : TLPS;

  const check = (): FormError | null => {
    const required = (value: string, field: string, label: string): FormError | null =>
      value.trim() ? null : { message: t('form.required', { field: label }), field };
    const problem =
      required(spaceId, 'spaceId', t('upload.space')) ??
      required(title, 'title', t('compose.title')) ??
      (severity ? null : { message: t('compose.chooseSeverity'), field: 'severity' }) ??
      required(body, 'body', t('compose.body'));
    if (problem) return problem;
    if (countries.length === 0 && organisations.length === 0) return { message: t('compose.targetsRequired'), field: 'targetCountries' };
    const portList = portsOf(ports);
    if (portList.length > MAX_PORTS) return { message: t('compose.tooManyPorts', { max: MAX_PORTS }), field: 'ports' };
    if (portList.some((p) => p.length > 120)) return { message: t('compose.portTooLong'), field: 'ports' };
    const from = new Date(validFrom);
    const until = new Date(validUntil);
    if (!validFrom || Number.isNaN(from.getTime())) return { message: t('form.required', { field: t('compose.validFrom') }), field: 'validFrom' };
    if (!validUntil || Number.isNaN(until.getTime())) return { message: t('form.required', { field: t('compose.validUntil') }), field: 'validUntil' };
    if (until <= from) return { message: t('compose.untilBeforeFrom'), field: 'validUntil' };
    if (until.getTime() <= Date.now()) return { message: t('compose.untilPast'), field: 'validUntil' };
    if (!tlp || !tlps.includes(tlp))
      return { message: organisations.length ? t('compose.tlpForAuthorities') : t('form.required', { field: t('specimen.tlp') }), field: 'tlp' };
    if (tlp === 'RED' && namedRecipients.length === 0) return { message: t('compose.namedRequired'), field: 'namedRecipients' };
    return null;
  };

  const submit = (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const problem = check();
    setError(problem);
    if (problem) return;
    const payload: NewAlert = {
      spaceId,
      title: title.trim(),
      body: body.trim(),
      severity: severity as Severity,
      targetCountries: countries,
      targetOrganisations: organisations,
      ports: portsOf(ports),
      validFrom: new Date(validFrom).toISOString(),
      validUntil: new Date(validUntil).toISOString(),
      specimenIds: linked.map((l) => l.id),
      tlp: tlp as Tlp,
    };
    if (tlp === 'RED') payload.namedRecipients = namedRecipients;
    if (evaluation.source) payload.sourceEvaluation = evaluation.source;
    if (evaluation.information) payload.informationEvaluation = Number(evaluation.information);
    setBusy(true);
    createAlert(payload).then(
      (created) => {
        setFlash(t(created.status === 'published' ? 'compose.published' : 'compose.submitted'));
        navigate(`/alerts/${created.id}`);
      },
      (err: unknown) => {
        setError(toFormError(err, t));
        setBusy(false);
      },
    );
  };

  if (spaces && creatable.length === 0) return <Page title={t('compose.pageTitle')} lead={t('compose.noSpace')} />;

  return (
    <Page title={t('compose.pageTitle')} lead={t('compose.lead')}>
      <p class="page-actions">
        <a href="/alerts">{t('alert.backToInbox')}</a>
      </p>
      <form ref={form} class="panel form composer" noValidate onSubmit={submit} aria-label={t('compose.pageTitle')}>
        <ErrorAlert error={error} id={errorId} />

        <fieldset class="composer-section">
          <legend>{t('compose.sectionAlert')}</legend>
          <SpaceChoice
            creatable={creatable}
            value={spaceId}
            onValue={setSpaceId}
            hint={t('compose.spaceHint')}
            note={t('compose.spaceHint')}
            fieldProps={fieldProps}
          />
          <TextField
            label={t('compose.title')}
            name="title"
            value={title}
            onValue={setTitle}
            required
            maxLength={300}
            hint={t('compose.titleHint')}
            {...fieldProps('title')}
          />
          <fieldset class="field checks severity-choices" {...groupInvalid('severity')}>
            <legend>{t('severity.label')}</legend>
            {SEVERITIES.map((s) => (
              <label key={s} class={`pick severity-choice severity-choice-${s}`}>
                <input
                  type="radio"
                  name="severity"
                  value={s}
                  checked={severity === s}
                  onChange={() => setSeverity(s)}
                  aria-invalid={fieldProps('severity').invalid ? 'true' : undefined}
                />
                <span class="pick-text">
                  <span class={`severity severity-${s}`}>{t(`severity.${s}`)}</span>
                  <span class="tlp-explain">{t(`compose.severityExplain.${s}`)}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <TextAreaField
            label={t('compose.body')}
            name="body"
            prose
            rows={7}
            maxLength={20_000}
            value={body}
            onValue={setBody}
            hint={t('compose.bodyHint')}
            {...fieldProps('body')}
          />
        </fieldset>

        <Targets
          countries={countries}
          onCountries={setCountries}
          organisations={organisations}
          onOrganisations={setOrganisations}
          ports={ports}
          onPorts={setPorts}
          validity={{ from: validFrom, until: validUntil }}
          onValidity={({ from, until }) => {
            setValidFrom(from);
            setValidUntil(until);
          }}
          fieldProps={fieldProps}
          errorId={errorId}
        />

        <fieldset class="composer-section">
          <legend>{t('alert.specimens')}</legend>
          <SpecimenPicker linked={linked} onLinked={setLinked} invalid={fieldProps('specimenIds').invalid} errorId={errorId} reference={reference} />
        </fieldset>

        <fieldset class="composer-section">
          <legend>{t('specimen.handling')}</legend>
          <HandlingFields
            tlps={tlps}
            tlp={tlp}
            onTlp={setTlp}
            tlpHint={organisations.length ? t('compose.tlpAuthoritiesHint') : t('upload.tlpLead')}
            members={members}
            recipients={namedRecipients}
            onRecipients={setNamedRecipients}
            evaluation={evaluation}
            onEvaluation={setEvaluation}
            fieldProps={fieldProps}
            errorId={errorId}
          />
        </fieldset>

        <div class="actions composer-actions">
          <Submit busy={busy}>{severity === 'urgent' ? t('compose.submitUrgent') : t('compose.submit')}</Submit>
          <a href="/alerts">{t('dialog.cancel')}</a>
        </div>
        <p class="hint">{severity === 'urgent' ? t('compose.submitUrgentHint') : t('compose.submitHint')}</p>
      </form>
    </Page>
  );
}
