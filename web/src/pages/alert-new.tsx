import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { createAlert, fetchOrganisations, type NewAlert, type Organisation, ORGANISATION_TLPS, SEVERITIES, type Severity } from '../alerts.ts';
import { api, type Member } from '../api.ts';
import { countryName, sortedMembers } from '../countries.ts';
import { useI18n } from '../i18n/index.tsx';
import { navigate, useLocation } from '../router.ts';
import {
  categoryLabel,
  INFORMATION_EVALUATIONS,
  type Reference,
  type SearchResult,
  setFlash,
  SOURCE_EVALUATIONS,
  specimenTitle,
  type Tlp,
  TLPS,
  useReference,
} from '../specimens.ts';
import { inLanguage, spaceName, UUID, useCurrentSpaceId } from '../spaces.ts';
import { ErrorAlert, type FormError, Page, SelectField, Submit, TextAreaField, TextField, TlpBadge, toFormError } from '../ui.tsx';
import { INFO_KEYS, SOURCE_KEYS } from './specimen.tsx';
import { RecipientChecks, TlpChoices } from './specimen-upload.tsx';
import { useSpecimenRoles } from './specimens.tsx';

const MAX_PORTS = 20;
const MAX_SPECIMENS = 20;
const WEEK_MS = 7 * 86_400_000;

/** A moment as a datetime-local input shows it: the reader's own clock, to the minute. */
function localInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Ports typed one a line or separated by commas. */
const portsOf = (text: string) =>
  text
    .split(/[\n,;]/)
    .map((p) => p.trim())
    .filter(Boolean);

interface Linked {
  id: string;
  label: string;
  /** Known when picked from the search; a pasted id has none until the alert is saved. */
  tlp?: Tlp;
}

export function AlertComposerPage() {
  const { t, lang } = useI18n();
  const { query } = useLocation();
  const { ref: reference } = useReference();
  const { creatable, spaces } = useSpecimenRoles();
  const currentSpace = useCurrentSpaceId();
  const [spaceId, setSpaceId] = useState('');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [severity, setSeverity] = useState<Severity | ''>('');
  const [countries, setCountries] = useState<string[]>([]);
  const [organisations, setOrganisations] = useState<string[]>([]);
  const [ports, setPorts] = useState('');
  const [validFrom, setValidFrom] = useState(() => localInput(new Date()));
  const [validUntil, setValidUntil] = useState(() => localInput(new Date(Date.now() + WEEK_MS)));
  const [linked, setLinked] = useState<Linked[]>([]);
  const [tlp, setTlp] = useState<Tlp | ''>('');
  const [namedRecipients, setNamedRecipients] = useState<string[]>([]);
  const [sourceEvaluation, setSourceEvaluation] = useState('');
  const [informationEvaluation, setInformationEvaluation] = useState('');
  const [authorities, setAuthorities] = useState<Organisation[] | null>(null);
  const [members, setMembers] = useState<Member[] | null>(null);
  const [error, setError] = useState<FormError | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const errorId = useId();
  const untilHintId = useId();

  // The space: from the address, the one chosen in the switcher, or my only one where I may raise alerts.
  useEffect(() => {
    if (spaceId || !spaces) return;
    const wanted = (query.get('space') ?? '').toLowerCase();
    const chosen = creatable.find((s) => s.id === wanted) ?? creatable.find((s) => s.id === currentSpace) ?? (creatable.length === 1 ? creatable[0] : undefined);
    if (chosen) setSpaceId(chosen.id);
  }, [spaces]);

  // A specimen to link from the address (a specimen's page may lead here).
  useEffect(() => {
    const specimen = (query.get('specimen') ?? '').toLowerCase();
    if (UUID.test(specimen)) setLinked([{ id: specimen, label: specimen.slice(0, 8) }]);
  }, []);

  useEffect(() => {
    fetchOrganisations().then(
      (list) => setAuthorities(list.filter((o) => o.kind === 'migration_authority')),
      () => setAuthorities([]),
    );
  }, []);

  // RED: the space's members, to name who may read it.
  useEffect(() => {
    if (tlp !== 'RED' || !spaceId) return;
    setMembers(null);
    api<Member[]>('GET', `/api/spaces/${spaceId}/members`).then(setMembers, () => setMembers([]));
  }, [tlp, spaceId]);

  // The field at fault gets the focus.
  useEffect(() => {
    if (!error?.field) return;
    const parts = error.field.split('.');
    for (let n = parts.length; n > 0; n--) {
      const target = form.current?.querySelector<HTMLElement>(`[name="${parts.slice(0, n).join('.')}"]`);
      if (target) {
        target.focus();
        return;
      }
    }
  }, [error]);

  const fieldProps = (name: string) => (error?.field && (error.field === name || error.field.startsWith(`${name}.`)) ? { invalid: true, describedBy: errorId } : { invalid: false });
  const groupInvalid = (name: string) => (fieldProps(name).invalid ? { 'aria-describedby': errorId } : {});
  const offered = authorities?.filter((o) => countries.includes(o.country)) ?? [];
  const tlps: readonly Tlp[] = organisations.length ? ORGANISATION_TLPS : TLPS;

  const toggleCountry = (code: string, on: boolean) => {
    const next = on ? [...countries, code] : countries.filter((c) => c !== code);
    setCountries(next);
    // An authority of a country no longer targeted is no longer offered, so it is no longer chosen.
    setOrganisations((chosen) => chosen.filter((id) => next.includes(authorities?.find((o) => o.id === id)?.country ?? '')));
  };

  const check = (): FormError | null => {
    const required = (value: string, field: string, label: string): FormError | null => (value.trim() ? null : { message: t('form.required', { field: label }), field });
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
    if (!tlp || !tlps.includes(tlp)) return { message: organisations.length ? t('compose.tlpForAuthorities') : t('form.required', { field: t('specimen.tlp') }), field: 'tlp' };
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
    if (sourceEvaluation) payload.sourceEvaluation = sourceEvaluation;
    if (informationEvaluation) payload.informationEvaluation = Number(informationEvaluation);
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
  const space = creatable.find((s) => s.id === spaceId);

  return (
    <Page title={t('compose.pageTitle')} lead={t('compose.lead')}>
      <p class="page-actions">
        <a href="/alerts">{t('alert.backToInbox')}</a>
      </p>
      <form ref={form} class="panel form composer" noValidate onSubmit={submit} aria-label={t('compose.pageTitle')}>
        <ErrorAlert error={error} id={errorId} />

        <fieldset class="composer-section">
          <legend>{t('compose.sectionAlert')}</legend>
          {creatable.length > 1 || !space ? (
            <SelectField label={t('upload.space')} name="spaceId" value={spaceId} onValue={setSpaceId} required hint={t('compose.spaceHint')} {...fieldProps('spaceId')}>
              <option value="">{t('invite.choose')}</option>
              {creatable.map((s) => (
                <option key={s.id} value={s.id}>
                  {spaceName(lang, s)}
                </option>
              ))}
            </SelectField>
          ) : (
            <>
              <p class="scope-note">{t('upload.inSpace', { space: spaceName(lang, space) })}</p>
              <p class="hint composer-space-hint">{t('compose.spaceHint')}</p>
            </>
          )}
          <TextField label={t('compose.title')} name="title" value={title} onValue={setTitle} required maxLength={300} hint={t('compose.titleHint')} {...fieldProps('title')} />
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
          <TextAreaField label={t('compose.body')} name="body" prose rows={7} maxLength={20_000} value={body} onValue={setBody} hint={t('compose.bodyHint')} {...fieldProps('body')} />
        </fieldset>

        <fieldset class="composer-section">
          <legend>{t('compose.sectionTargets')}</legend>
          <p class="hint">{t('compose.targetsLead')}</p>
          <fieldset class="field checks" {...groupInvalid('targetCountries')}>
            <legend>{t('alert.targetCountries')}</legend>
            <div class="check-grid">
              {sortedMembers(lang, t).map(({ code, name }) => (
                <label key={code} class="check">
                  <input type="checkbox" name="targetCountries" value={code} checked={countries.includes(code)} onChange={(e) => toggleCountry(code, e.currentTarget.checked)} />
                  {name}
                </label>
              ))}
            </div>
          </fieldset>
          <fieldset class="field checks" {...groupInvalid('targetOrganisations')}>
            <legend>{t('alert.targetOrganisations')}</legend>
            <p class="hint">{t('compose.organisationsHint')}</p>
            {authorities === null ? (
              <p class="loading">{t('app.loading')}</p>
            ) : countries.length === 0 ? (
              <p class="muted">{t('compose.organisationsChooseCountries')}</p>
            ) : offered.length === 0 ? (
              <p class="muted">{t('compose.organisationsNone')}</p>
            ) : (
              offered.map((o) => (
                <label key={o.id} class="check">
                  <input
                    type="checkbox"
                    name="targetOrganisations"
                    value={o.id}
                    checked={organisations.includes(o.id)}
                    onChange={(e) => setOrganisations(e.currentTarget.checked ? [...organisations, o.id] : organisations.filter((id) => id !== o.id))}
                  />
                  {inLanguage(lang, o.nameEs, o.nameEn)} · {countryName(o.country, lang, t)}
                </label>
              ))
            )}
          </fieldset>
          <TextAreaField label={t('compose.ports')} name="ports" prose rows={2} value={ports} onValue={setPorts} hint={t('compose.portsHint', { max: MAX_PORTS })} {...fieldProps('ports')} />
          <div class="field-pair field-pair-narrow composer-validity">
            <TextField label={t('compose.validFrom')} name="validFrom" type="datetime-local" value={validFrom} onValue={setValidFrom} required {...fieldProps('validFrom')} />
            <TextField
              label={t('compose.validUntil')}
              name="validUntil"
              type="datetime-local"
              value={validUntil}
              onValue={setValidUntil}
              required
              min={validFrom || undefined}
              invalid={fieldProps('validUntil').invalid}
              describedBy={[untilHintId, fieldProps('validUntil').describedBy].filter(Boolean).join(' ')}
            />
          </div>
          {/* Below the pair, so that both inputs stay on one line; tied to "until" all the same. */}
          <p class="hint composer-validity-hint" id={untilHintId}>
            {t('compose.validUntilHint')}
          </p>
        </fieldset>

        <fieldset class="composer-section">
          <legend>{t('alert.specimens')}</legend>
          <SpecimenPicker linked={linked} onLinked={setLinked} invalid={fieldProps('specimenIds').invalid} errorId={errorId} reference={reference} />
        </fieldset>

        <fieldset class="composer-section">
          <legend>{t('specimen.handling')}</legend>
          <fieldset class="field checks tlp-choices" {...groupInvalid('tlp')}>
            <legend>{t('specimen.tlp')}</legend>
            <p class="hint">{organisations.length ? t('compose.tlpAuthoritiesHint') : t('upload.tlpLead')}</p>
            <TlpChoices labels={tlps} value={tlp} onChoose={setTlp} invalid={fieldProps('tlp').invalid} />
          </fieldset>
          {tlp === 'RED' ? (
            <fieldset class="field checks" {...groupInvalid('namedRecipients')}>
              <legend>{t('upload.namedRecipients')}</legend>
              <p class="hint">{t('upload.namedRecipientsHint')}</p>
              <RecipientChecks members={members} chosen={namedRecipients} onChosen={setNamedRecipients} />
            </fieldset>
          ) : null}
          <div class="field-pair">
            <SelectField label={t('upload.sourceEvaluation')} name="sourceEvaluation" value={sourceEvaluation} onValue={setSourceEvaluation} hint={t('upload.sourceHint')} {...fieldProps('sourceEvaluation')}>
              <option value="">{t('upload.notEvaluated')}</option>
              {SOURCE_EVALUATIONS.map((code) => (
                <option key={code} value={code}>
                  {code} — {t(SOURCE_KEYS[code])}
                </option>
              ))}
            </SelectField>
            <SelectField label={t('upload.informationEvaluation')} name="informationEvaluation" value={informationEvaluation} onValue={setInformationEvaluation} hint={t('upload.informationHint')} {...fieldProps('informationEvaluation')}>
              <option value="">{t('upload.notEvaluated')}</option>
              {INFORMATION_EVALUATIONS.map((code) => (
                <option key={code} value={String(code)}>
                  {code} — {t(INFO_KEYS[code])}
                </option>
              ))}
            </SelectField>
          </div>
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

/** Linked specimens: found by keyword among those I may read, or pasted as ids. */
function SpecimenPicker({
  linked,
  onLinked,
  invalid,
  errorId,
  reference,
}: {
  linked: Linked[];
  onLinked: (linked: Linked[]) => void;
  invalid: boolean;
  errorId: string;
  reference: Reference | null;
}) {
  const { t, lang } = useI18n();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<SearchResult | null>(null);
  const [searching, setSearching] = useState(false);
  const [searchError, setSearchError] = useState<FormError | null>(null);
  const [pasted, setPasted] = useState('');
  const [pasteError, setPasteError] = useState<FormError | null>(null);
  const pasteErrorId = useId();
  const queryId = useId();
  const full = linked.length >= MAX_SPECIMENS;

  const search = () => {
    if (searching) return;
    setSearching(true);
    setSearchError(null);
    api<SearchResult>('POST', '/api/specimens/search', { ...(q.trim() ? { q: q.trim() } : {}), status: 'published', sort: 'newest', page: 1, pageSize: 20 }).then(
      (result) => {
        // An alert links what its audience may be given: published, CLEAR, GREEN or AMBER.
        setFound({ ...result, items: result.items.filter((card) => (ORGANISATION_TLPS as readonly string[]).includes(card.tlp)) });
        setSearching(false);
      },
      (err: unknown) => {
        setSearchError(toFormError(err, t));
        setSearching(false);
      },
    );
  };
  const add = (items: Linked[]) => {
    const next = [...linked];
    for (const item of items) if (!next.some((l) => l.id === item.id) && next.length < MAX_SPECIMENS) next.push(item);
    onLinked(next);
  };
  const addPasted = () => {
    const tokens = pasted.split(/[\s,;]+/).filter(Boolean);
    const bad = tokens.filter((token) => !UUID.test(token));
    if (bad.length) {
      setPasteError({ message: t('compose.notIds', { ids: bad.join(', ') }) });
      return;
    }
    setPasteError(null);
    add(tokens.map((id) => ({ id: id.toLowerCase(), label: id.toLowerCase().slice(0, 8) })));
    setPasted('');
  };

  return (
    <>
      <p class="hint">{t('compose.specimensLead', { max: MAX_SPECIMENS })}</p>
      {linked.length ? (
        <ul class="linked-list linked-chosen" aria-describedby={invalid ? errorId : undefined}>
          {linked.map((l) => (
            <li key={l.id}>
              {l.tlp ? (
                <>
                  <TlpBadge tlp={l.tlp} />{' '}
                </>
              ) : null}
              <span>{l.label}</span> <span class="code-tag">{l.id.slice(0, 8)}</span>{' '}
              <button type="button" class="button-link" onClick={() => onLinked(linked.filter((x) => x.id !== l.id))}>
                {t('upload.remove')}
                <span class="visually-hidden"> {l.label}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('compose.noSpecimens')}</p>
      )}
      <div class="search-form picker-search">
        <div class="field">
          <label for={queryId}>{t('compose.findSpecimens')}</label>
          <input
            id={queryId}
            type="search"
            name="specimenQuery"
            value={q}
            maxLength={200}
            autoComplete="off"
            onInput={(e) => setQ(e.currentTarget.value)}
            onKeyDown={(e) => {
              // Enter searches here instead of sending the whole alert.
              if (e.key === 'Enter') {
                e.preventDefault();
                search();
              }
            }}
          />
        </div>
        <button type="button" class="button button-secondary" aria-disabled={searching ? 'true' : undefined} onClick={search}>
          {t('compose.findSubmit')}
        </button>
      </div>
      <ErrorAlert error={searchError} />
      {found ? (
        found.items.length === 0 ? (
          <p class="muted" role="status">
            {t('compose.noSpecimenFound')}
          </p>
        ) : (
          <ul class="pick-list picker-results" aria-label={t('compose.specimenResults')}>
            {found.items.map((card) => {
              const label = specimenTitle(reference, card, lang, t);
              const chosen = linked.some((l) => l.id === card.id);
              return (
                <li key={card.id}>
                  <label class="pick">
                    <input
                      type="checkbox"
                      name="specimenIds"
                      value={card.id}
                      checked={chosen}
                      disabled={full && !chosen}
                      onChange={(e) => (e.currentTarget.checked ? add([{ id: card.id, label, tlp: card.tlp }]) : onLinked(linked.filter((l) => l.id !== card.id)))}
                    />
                    <span class="pick-text">
                      <span class="person-name">{label}</span>
                      <span class="picker-meta">
                        <TlpBadge tlp={card.tlp} /> {categoryLabel(reference, card.category, card.forgeryKind, lang)}
                        {card.series ? ` · ${card.series}` : ''} · {countryName(card.originatorCountry, lang, t)}
                      </span>
                    </span>
                  </label>
                </li>
              );
            })}
          </ul>
        )
      ) : null}
      <div class="picker-paste">
        <ErrorAlert error={pasteError} id={pasteErrorId} />
        <TextAreaField label={t('compose.pasteIds')} name="pastedIds" rows={2} value={pasted} onValue={setPasted} hint={t('compose.pasteIdsHint')} invalid={!!pasteError} describedBy={pasteError ? pasteErrorId : undefined} />
        <button type="button" class="button button-secondary button-small" onClick={addPasted} aria-disabled={full || !pasted.trim() ? 'true' : undefined}>
          {t('compose.addIds')}
        </button>
      </div>
    </>
  );
}
