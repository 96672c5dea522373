import { useEffect, useId, useState } from 'preact/hooks';
import { countryName, learnOrganisations } from '../../lib/countries.ts';
import { formatDate } from '../../lib/dates.ts';
import { nameIn, pluralKey, useI18n } from '../../lib/i18n/index.tsx';
import { navigate, useLocation } from '../../lib/router.ts';
import { useResource } from '../../lib/use-resource.ts';
import { ConfirmDialog, useAction } from '../../ui/dialog.tsx';
import { Options, SelectField, TextField } from '../../ui/fields.tsx';
import { ErrorAlert, Notice, SearchForm } from '../../ui/form.tsx';
import { Loading, Page } from '../../ui/page.tsx';
import { Table } from '../../ui/table.tsx';
import { Badge } from '../../ui/values.tsx';
import { fetchOrganisations, KINDS, OF_A_COUNTRY, type Organisation, type OrganisationKind, updateOrganisation } from './api.ts';
import { EditOrganisation, NewOrganisation } from './organisation-form.tsx';

const STATUSES = ['active', 'inactive', 'all'] as const;
type Status = (typeof STATUSES)[number];
const COLUMNS = ['name', 'kindColumn', 'statusColumn', 'actions'] as const;

interface Filters {
  kind: OrganisationKind | '';
  status: Status;
  q: string;
}

function filtersFrom(query: URLSearchParams): Filters {
  const kind = query.get('kind') ?? '';
  const status = query.get('status') ?? 'all';
  return {
    kind: (KINDS as readonly string[]).includes(kind) ? (kind as OrganisationKind) : '',
    status: (STATUSES as readonly string[]).includes(status) ? (status as Status) : 'all',
    q: (query.get('q') ?? '').slice(0, 100),
  };
}

function addressOf(filters: Filters): string {
  const params = new URLSearchParams();
  if (filters.kind) params.set('kind', filters.kind);
  if (filters.status !== 'all') params.set('status', filters.status);
  if (filters.q.trim()) params.set('q', filters.q.trim());
  const query = params.toString();
  return query ? `/organisations?${query}` : '/organisations';
}

/** What just happened, kept as facts so that it follows a change of language. */
type Event = { organisation: Organisation; what: 'created' | 'updated' | 'deactivated' | 'reactivated' };

/**
 * The Secretariat's organisations: member-country and migration authorities, observers, partner
 * organisations and the Secretariat itself — registered, renamed, deactivated (never deleted:
 * people and history refer to them). Filters live in the address so a view can be shared.
 */
export function OrganisationsPage() {
  const { t, lang } = useI18n();
  const { query } = useLocation();
  const search = query.toString();
  const applied = filtersFrom(query);
  const [draft, setDraft] = useState<Filters>(applied);
  useEffect(() => setDraft(applied), [search]);
  const list = useResource(
    () =>
      fetchOrganisations({
        status: applied.status,
        ...(applied.kind ? { kind: applied.kind } : {}),
        ...(applied.q.trim() ? { q: applied.q.trim() } : {}),
      }),
    [search],
  );
  const [event, setEvent] = useState<Event | null>(null);
  const [editing, setEditing] = useState<Organisation | null>(null);
  const [deactivating, setDeactivating] = useState<Organisation | null>(null);
  const reactivation = useAction();
  const resultsId = useId();

  const changed = (organisation: Organisation, what: Event['what']) => {
    // Every screen of this session names it as saved from now on, not only after the next sign-in.
    learnOrganisations([organisation]);
    list.setData((all) => {
      if (!all) return all;
      return all.some((o) => o.id === organisation.id) ? all.map((o) => (o.id === organisation.id ? organisation : o)) : [...all, organisation];
    });
    setEvent({ organisation, what });
  };

  const filtered = !!(applied.kind || applied.q || applied.status !== 'all');
  const data = list.data;

  return (
    <Page title={t('organisations.title')} lead={t('organisations.lead')}>
      <SearchForm class="panel filters" label={t('organisations.filters')} onSearch={() => navigate(addressOf(draft))}>
        <SelectField
          label={t('organisations.kind')}
          name="kind"
          value={draft.kind}
          onValue={(kind) => setDraft({ ...draft, kind: kind as Filters['kind'] })}
        >
          <Options items={KINDS} label={(k) => t(`organisationKind.${k}`)} empty={t('organisations.anyKind')} />
        </SelectField>
        <SelectField
          label={t('organisations.status')}
          name="status"
          value={draft.status}
          onValue={(status) => setDraft({ ...draft, status: status as Status })}
        >
          <Options items={STATUSES} label={(s) => t(`organisations.status.${s}`)} />
        </SelectField>
        <TextField
          label={t('organisations.text')}
          hint={t('organisations.textHint')}
          name="q"
          type="search"
          value={draft.q}
          onValue={(q) => setDraft({ ...draft, q })}
          maxLength={100}
        />
        <div class="filters-actions">
          <button type="submit" class="button button-secondary">
            {t('organisations.apply')}
          </button>
          {filtered ? <a href="/organisations">{t('organisations.clear')}</a> : null}
        </div>
      </SearchForm>
      <ErrorAlert error={list.error ?? reactivation.error} />
      {event ? <Notice>{t(`organisations.${event.what}`, { name: nameIn(lang, event.organisation), code: event.organisation.code })}</Notice> : null}
      <div class="two-columns">
        <div>
          {!data ? (
            list.error ? null : (
              <Loading text={t('organisations.loading')} />
            )
          ) : (
            <>
              <p class="results-count" id={resultsId} role="status">
                {t(pluralKey(lang, 'organisations.count', data.length), { count: data.length })}
              </p>
              {data.length === 0 ? (
                <p class="panel muted">{filtered ? t('organisations.noMatch') : t('organisations.none')}</p>
              ) : (
                <Table flush caption={t('organisations.title')} describedBy={resultsId} columns={COLUMNS.map((c) => t(`organisations.${c}`))}>
                  {data.map((o) => (
                    <tr key={o.id}>
                      <th scope="row">
                        <span class="person-name">{nameIn(lang, o)}</span> <span class="code-tag">{o.code}</span>
                        <span class="person-email">
                          {OF_A_COUNTRY.includes(o.kind) ? `${countryName(o.country, lang, t)} (${o.country})` : t('organisations.ownCode')}
                        </span>
                      </th>
                      <td>{t(`organisationKind.${o.kind}`)}</td>
                      <td>
                        {o.active ? (
                          <Badge tone="status-active">{t('organisations.active')}</Badge>
                        ) : (
                          <>
                            <Badge tone="status-disabled">{t('organisations.inactive')}</Badge>
                            {o.deactivatedAt ? (
                              <span class="person-email">
                                <time dateTime={o.deactivatedAt}>{formatDate(o.deactivatedAt, lang)}</time>
                              </span>
                            ) : null}
                          </>
                        )}
                      </td>
                      <td>
                        <div class="row-actions">
                          <button
                            type="button"
                            class="button button-secondary button-small"
                            aria-label={t('organisations.editOf', { name: nameIn(lang, o) })}
                            onClick={() => setEditing(o)}
                          >
                            {t('organisations.edit')}
                          </button>
                          {o.kind === 'secretariat' ? null : o.active ? (
                            <button
                              type="button"
                              class="button button-danger button-small"
                              aria-label={t('organisations.deactivateOf', { name: nameIn(lang, o) })}
                              onClick={() => setDeactivating(o)}
                            >
                              {t('organisations.deactivate')}
                            </button>
                          ) : (
                            <button
                              type="button"
                              class="button button-secondary button-small"
                              aria-label={t('organisations.reactivateOf', { name: nameIn(lang, o) })}
                              aria-disabled={reactivation.busy ? 'true' : undefined}
                              onClick={() =>
                                reactivation.run(
                                  () => updateOrganisation(o.id, { active: true }),
                                  (row) => changed(row, 'reactivated'),
                                )
                              }
                            >
                              {t('organisations.reactivate')}
                            </button>
                          )}
                        </div>
                      </td>
                    </tr>
                  ))}
                </Table>
              )}
            </>
          )}
        </div>
        {editing ? (
          <EditOrganisation
            key={editing.id}
            organisation={editing}
            onCancel={() => setEditing(null)}
            onSaved={(row) => {
              setEditing(null);
              changed(row, 'updated');
            }}
          />
        ) : (
          <NewOrganisation onCreated={(row) => changed(row, 'created')} />
        )}
      </div>
      {deactivating ? (
        <DeactivateDialog
          organisation={deactivating}
          onClose={(row) => {
            setDeactivating(null);
            if (row) changed(row, 'deactivated');
          }}
        />
      ) : null}
    </Page>
  );
}

function DeactivateDialog({ organisation, onClose }: { organisation: Organisation; onClose: (row: Organisation | null) => void }) {
  const { t, lang } = useI18n();
  const { busy, error, run } = useAction();
  return (
    <ConfirmDialog
      title={t('organisations.deactivateTitle')}
      confirmLabel={t('organisations.deactivateConfirm')}
      busy={busy}
      error={error}
      onCancel={() => onClose(null)}
      onConfirm={() => run(() => updateOrganisation(organisation.id, { active: false }), onClose)}
    >
      <p>{t('organisations.deactivateText', { name: nameIn(lang, organisation) })}</p>
      <p>{t('organisations.deactivateAfter')}</p>
    </ConfirmDialog>
  );
}
