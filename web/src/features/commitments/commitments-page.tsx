import { useEffect, useId, useState } from 'preact/hooks';
import { withQuery } from '../../lib/api.ts';
import { nameIn, useI18n } from '../../lib/i18n/index.tsx';
import { usePlaceOrganisations } from '../../lib/organisations.ts';
import { navigate, useLocation } from '../../lib/router.ts';
import { useSession } from '../../lib/session.tsx';
import { useResource } from '../../lib/use-resource.ts';
import { Options, SelectField } from '../../ui/fields.tsx';
import { ErrorAlert, SearchForm } from '../../ui/form.tsx';
import { EmptyState, Loading, Page } from '../../ui/page.tsx';
import { Pager, pageCount } from '../../ui/pager.tsx';
import { Table } from '../../ui/table.tsx';
import { Badge } from '../../ui/values.tsx';
import { exportUrl, type Filters, fetchCommitments, fetchNetworks, STATUSES } from './api.ts';
import { activityLang, activityOf, calendarText, ResponsibleStatus, responsibleChoices, StatusBadge } from './parts.tsx';

type Draft = Record<'networkId' | 'plan' | 'responsible' | 'status' | 'overdue', string>;

const filtersFrom = (query: URLSearchParams): Filters => {
  const value = (name: string) => query.get(name) || undefined;
  const filters: Filters = { page: Math.max(1, Number(query.get('page')) || 1) };
  for (const name of ['networkId', 'plan', 'responsible', 'status'] as const) {
    const given = value(name);
    if (given) filters[name] = given;
  }
  if (query.get('overdue') === 'true') filters.overdue = true;
  return filters;
};

const draftFrom = (f: Filters): Draft => ({
  networkId: f.networkId ?? '',
  plan: f.plan ?? '',
  responsible: f.responsible ?? '',
  status: f.status ?? '',
  overdue: f.overdue ? 'true' : '',
});

/**
 * The commitments of the plans of action I may read: filters in the address (a view can be shared),
 * the list's counts by status, each commitment with its responsible's statuses, and a CSV export.
 */
export function CommitmentsPage() {
  const { t, lang } = useI18n();
  const organisations = usePlaceOrganisations();
  const { state } = useSession();
  const { query } = useLocation();
  const search = query.toString();
  const filters = filtersFrom(query);
  const [draft, setDraft] = useState<Draft>(() => draftFrom(filters));
  useEffect(() => setDraft(draftFrom(filters)), [search]);
  const list = useResource(() => fetchCommitments(filters), [search]);
  const networks = useResource(fetchNetworks, []);
  const countsId = useId();
  const roles = state.status === 'signedIn' ? state.user.roles : [];
  const mayCreate = roles.includes('secretariat') || roles.includes('presidency');
  const set = (name: keyof Draft) => (value: string) => setDraft((d) => ({ ...d, [name]: value }));
  const address = (f: Filters) =>
    withQuery('/commitments', { ...f, overdue: f.overdue ? 'true' : undefined, page: f.page && f.page > 1 ? f.page : undefined });
  const page = list.data;

  return (
    <Page title={t('commitments.title')} lead={t('commitments.lead')}>
      {mayCreate ? (
        <p class="actions">
          <a class="button" href="/commitments/new">
            {t('commitments.new')}
          </a>
        </p>
      ) : null}
      <SearchForm
        class="panel filters filters-dense"
        label={t('commitments.filters')}
        onSearch={() =>
          navigate(
            address({
              networkId: draft.networkId || undefined,
              plan: draft.plan || undefined,
              responsible: draft.responsible || undefined,
              status: draft.status || undefined,
              overdue: draft.overdue === 'true',
            } as Filters),
          )
        }
      >
        <SelectField label={t('commitments.network')} name="networkId" value={draft.networkId} onValue={set('networkId')}>
          <Options items={networks.data ?? []} value={(n) => n.id} label={(n) => nameIn(lang, n)} empty={t('commitments.anyNetwork')} />
        </SelectField>
        <SelectField label={t('commitments.plan')} name="plan" value={draft.plan} onValue={set('plan')}>
          <Options items={page?.plans ?? (draft.plan ? [draft.plan] : [])} label={(p) => p} empty={t('commitments.anyPlan')} />
        </SelectField>
        <SelectField label={t('commitments.responsible')} name="responsible" value={draft.responsible} onValue={set('responsible')}>
          <Options
            items={responsibleChoices(lang, t, organisations)}
            value={(c) => c.code}
            label={(c) => c.name}
            empty={t('commitments.anyResponsible')}
          />
        </SelectField>
        <SelectField label={t('commitments.status')} name="status" value={draft.status} onValue={set('status')}>
          <Options items={STATUSES} label={(s) => t(`commitmentStatus.${s}`)} empty={t('commitments.anyStatus')} />
        </SelectField>
        <SelectField label={t('commitments.lateness')} name="overdue" value={draft.overdue} onValue={set('overdue')}>
          <option value="">{t('commitments.anyLateness')}</option>
          <option value="true">{t('commitments.onlyLate')}</option>
        </SelectField>
        <div class="filters-actions">
          <button type="submit" class="button button-secondary">
            {t('commitments.apply')}
          </button>
          <a class="button button-secondary" href={exportUrl(filters, lang)} download="commitments.csv">
            {t('commitments.export')}
          </a>
        </div>
      </SearchForm>
      <ErrorAlert error={list.error} />
      {!page ? (
        list.error ? null : (
          <Loading text={t('commitments.loading')} />
        )
      ) : (
        <>
          <p id={countsId} class="commitment-counts">
            {t('commitments.total', { count: page.total })}{' '}
            {STATUSES.map((s) => (
              <span key={s}>
                <StatusBadge status={s} /> {page.counts[s]}{' '}
              </span>
            ))}
            <Badge tone="late">{t('commitments.late')}</Badge> {page.counts.overdue}
          </p>
          {page.items.length === 0 ? (
            <EmptyState title={t('commitments.emptyTitle')} text={mayCreate ? t('commitments.emptyCreate') : t('commitments.emptyText')} />
          ) : (
            <Table
              caption={t('commitments.title')}
              describedBy={countsId}
              columns={[t('commitments.activity'), t('commitments.network'), t('commitments.calendar'), t('commitments.responsibles')]}
            >
              {page.items.map((c) => (
                <tr key={c.id}>
                  <td>
                    <a href={`/commitments/${c.id}`} lang={activityLang(lang, c)}>
                      {activityOf(lang, c)}
                    </a>
                    {c.plan ? <div class="muted">{c.plan}</div> : null}
                  </td>
                  <td>{nameIn(lang, c.network)}</td>
                  <td>{calendarText(c, lang, t)}</td>
                  <td>
                    <ul class="plain-list">
                      {c.responsibles.map((r) => (
                        <li key={r.responsible}>
                          <ResponsibleStatus responsible={r} />
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </Table>
          )}
          <Pager page={page.page} pages={pageCount(page)} address={(n) => address({ ...filters, page: n })} label={t('commitments.pages')} />
        </>
      )}
    </Page>
  );
}
