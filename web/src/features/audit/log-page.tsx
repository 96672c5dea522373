import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { nameIn, pluralKey, useI18n } from '../../lib/i18n/index.tsx';
import { navigate, useLocation } from '../../lib/router.ts';
import { useResource } from '../../lib/use-resource.ts';
import { Options, SelectField, TextField } from '../../ui/fields.tsx';
import { ErrorAlert, errorFieldProps, type FormError, SearchForm } from '../../ui/form.tsx';
import { Loading, Page } from '../../ui/page.tsx';
import { AUDIT_OUTCOMES, exportAddress, fetchFacets, fetchIntegrity, fetchLog } from './api.ts';
import { EntriesTable } from './entries-table.tsx';
import { actionLabel, auditFiltersFrom, auditQuery, beforeFrom, checkDraft, type Draft, draftFrom, hasFilters, logAddress } from './filters.ts';
import { AuditTabs, BrokenChain, LogPager, PeriodFields } from './parts.tsx';

/**
 * The auditor's console opens on the log: its filters (in the address, so a view can be shared),
 * its entries newest first, an export of what the filters select. Auditors see metadata only.
 */
export function AuditLogPage() {
  const { t, lang } = useI18n();
  const { query } = useLocation();
  const search = query.toString();
  const applied = auditFiltersFrom(query);
  const before = beforeFrom(query);
  const apiQuery = auditQuery(applied, { before, limit: 50 }).toString();
  const [draft, setDraft] = useState<Draft>(() => draftFrom(applied));
  const [formError, setFormError] = useState<FormError | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const facets = useResource(fetchFacets, []);
  const integrity = useResource(fetchIntegrity, []);
  const log = useResource(() => fetchLog(apiQuery), [apiQuery]);
  const resultsId = useId();
  const exportHintId = useId();

  useEffect(() => {
    setDraft(draftFrom(applied));
    setFormError(null);
  }, [search]);
  useEffect(() => {
    if (formError?.field) form.current?.querySelector<HTMLElement>(`[name="${formError.field}"]`)?.focus();
  }, [formError]);

  const apply = () => {
    const checked = checkDraft(draft, t);
    setFormError('message' in checked ? checked : null);
    if (!('message' in checked)) navigate(logAddress(checked));
  };
  const set = (name: keyof Draft) => (value: string) => setDraft((d) => ({ ...d, [name]: value }));
  const fieldProps = errorFieldProps(formError, `${resultsId}-error`);
  const filtered = hasFilters(applied);
  const page = log.data;
  const broken = integrity.data?.lastVerification?.ok === false ? integrity.data.lastVerification : null;

  const actors = [...(facets.data?.actors ?? [])].sort((a, b) => a.displayName.localeCompare(b.displayName, lang));
  const spaces = [...(facets.data?.spaces ?? [])].sort((a, b) => nameIn(lang, a).localeCompare(nameIn(lang, b), lang));
  const actions = [...(facets.data?.actions ?? [])].sort((a, b) => actionLabel(a, t).localeCompare(actionLabel(b, t), lang));
  // A shared link may name a choice this list no longer has: it is still offered, as it is.
  const extra = (value: string, known: boolean) => (value && !known ? <option value={value}>{value}</option> : null);

  return (
    <Page title={t('audit.title')} lead={t('audit.lead')}>
      <AuditTabs current="log" />
      {broken ? <BrokenChain verification={broken} link /> : null}
      <SearchForm class="panel filters filters-dense filters-log" label={t('audit.filters')} onSearch={apply} formRef={form}>
        <SelectField label={t('audit.actor')} name="actor" value={draft.actor} onValue={set('actor')}>
          <Options items={actors} value={(a) => a.id} label={(a) => `${a.displayName} (${a.email})`} empty={t('audit.anyActor')} />
          {extra(
            draft.actor,
            actors.some((a) => a.id === draft.actor),
          )}
        </SelectField>
        <SelectField label={t('audit.space')} name="space" value={draft.space} onValue={set('space')}>
          <Options items={spaces} value={(s) => s.id} label={(s) => nameIn(lang, s)} empty={t('audit.anySpace')} />
          {extra(
            draft.space,
            spaces.some((s) => s.id === draft.space),
          )}
        </SelectField>
        <SelectField label={t('audit.action')} name="action" value={draft.action} onValue={set('action')}>
          <Options items={actions} label={(code) => actionLabel(code, t)} empty={t('audit.anyAction')} />
          {extra(draft.action, actions.includes(draft.action))}
        </SelectField>
        <SelectField label={t('audit.outcome')} name="outcome" value={draft.outcome} onValue={set('outcome')}>
          <Options items={AUDIT_OUTCOMES} label={(o) => t(`auditOutcome.${o}`)} empty={t('audit.anyOutcome')} />
        </SelectField>
        <PeriodFields draft={draft} onField={set} fieldProps={fieldProps} />
        <TextField label={t('audit.subject')} name="subject" value={draft.subject} onValue={set('subject')} maxLength={200} />
        <TextField label={t('audit.purposeFilter')} name="purpose" value={draft.purpose} onValue={set('purpose')} maxLength={200} />
        <div class="filters-actions">
          <button type="submit" class="button button-secondary">
            {t('audit.apply')}
          </button>
          {filtered ? <a href="/audit">{t('audit.clear')}</a> : null}
        </div>
      </SearchForm>
      <ErrorAlert error={formError ?? log.error} id={`${resultsId}-error`} />
      {!page ? (
        log.error ? null : (
          <Loading text={t('audit.loading')} />
        )
      ) : (
        <>
          <div class="results-bar">
            <p class="results-count" id={resultsId} role="status">
              {page.entries.length
                ? t(pluralKey(lang, 'audit.count', page.entries.length), {
                    count: page.entries.length,
                    newest: page.entries[0]!.seq,
                    oldest: page.entries[page.entries.length - 1]!.seq,
                  })
                : ''}
            </p>
            <p class="results-export">
              <a href={exportAddress(auditQuery(applied).toString())} download="" aria-describedby={exportHintId}>
                {t('audit.export')}
              </a>
              <span id={exportHintId} class="visually-hidden">
                {t('audit.exportHint')}
              </span>
            </p>
          </div>
          {page.entries.length === 0 ? (
            <p class="panel muted">{filtered || before ? t('audit.noMatch') : t('audit.none')}</p>
          ) : (
            <EntriesTable entries={page.entries} caption={t('audit.title')} describedBy={resultsId} />
          )}
          <LogPager
            newest={before ? logAddress(applied) : null}
            older={page.nextBefore ? logAddress(applied, page.nextBefore) : null}
            label={t('audit.pagination')}
          />
        </>
      )}
    </Page>
  );
}
