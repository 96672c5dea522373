import { useEffect, useId, useState } from 'preact/hooks';
import { countryName } from '../../lib/countries.ts';
import { pluralKey, useI18n } from '../../lib/i18n/index.tsx';
import { navigate, useLocation } from '../../lib/router.ts';
import { type User, useUser } from '../../lib/session.tsx';
import { useResource } from '../../lib/use-resource.ts';
import { Options, SelectField, TextField } from '../../ui/fields.tsx';
import { ErrorAlert, Notice, SearchForm } from '../../ui/form.tsx';
import { Loading, Page } from '../../ui/page.tsx';
import { Pager, pageCount } from '../../ui/pager.tsx';
import { Table } from '../../ui/table.tsx';
import { Badge } from '../../ui/values.tsx';
import { CountryOptions } from './account-choices.tsx';
import { fetchOrganisations, fetchUsers, type UserStatus } from './api.ts';
import { type Action, ActionDialog, RowActions } from './user-actions.tsx';

const STATUSES: UserStatus[] = ['invited', 'active', 'locked', 'disabled'];
const PAGE_SIZE = 25;
const COLUMNS = ['account', 'country', 'status', 'twoFactor', 'rolesColumn', 'actions'] as const;

interface Filters {
  status: string;
  country: string;
  q: string;
  page: number;
}

function filtersFrom(query: URLSearchParams): Filters {
  const status = query.get('status') ?? '';
  const page = Number.parseInt(query.get('page') ?? '1', 10);
  return {
    status: (STATUSES as string[]).includes(status) ? status : '',
    country: query.get('country') ?? '',
    q: (query.get('q') ?? '').slice(0, 100),
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

function addressOf(filters: Filters): string {
  const params = new URLSearchParams();
  if (filters.status) params.set('status', filters.status);
  if (filters.country) params.set('country', filters.country);
  if (filters.q.trim()) params.set('q', filters.q.trim());
  if (filters.page > 1) params.set('page', String(filters.page));
  const query = params.toString();
  return query ? `/users?${query}` : '/users';
}

/** The Secretariat's list of accounts: filters in the address (so a view can be shared), actions per row. */
export function UsersPage() {
  const { t, lang } = useI18n();
  const { query } = useLocation();
  const search = query.toString();
  const applied = filtersFrom(query);
  const [draft, setDraft] = useState<Filters>(applied);
  const list = useResource(
    () => fetchUsers({ page: applied.page, pageSize: PAGE_SIZE, status: applied.status, country: applied.country, q: applied.q.trim() }),
    [search],
  );
  const organisations = useResource(() => fetchOrganisations(), []).data ?? [];
  const [notice, setNotice] = useState<string | null>(null);
  const [action, setAction] = useState<Action | null>(null);
  const resultsId = useId();
  useEffect(() => setDraft(applied), [search]);

  const replaced = (user: User, message: string) => {
    list.setData((l) => (l ? { ...l, items: l.items.map((u) => (u.id === user.id ? user : u)) } : l));
    setNotice(message);
  };

  const filtered = !!(applied.status || applied.country || applied.q);
  const data = list.data;
  const pages = pageCount(data);

  return (
    <Page title={t('users.title')} lead={t('users.lead')}>
      <p class="page-actions">
        <a class="button" href="/users/invite">
          {t('users.invite')}
        </a>
      </p>
      <SearchForm class="panel filters" label={t('users.filters')} onSearch={() => navigate(addressOf({ ...draft, page: 1 }))}>
        <SelectField label={t('users.status')} name="status" value={draft.status} onValue={(status) => setDraft({ ...draft, status })}>
          <Options items={STATUSES} label={(s) => t(`userStatus.${s}`)} empty={t('users.anyStatus')} />
        </SelectField>
        <SelectField label={t('users.country')} name="country" value={draft.country} onValue={(country) => setDraft({ ...draft, country })}>
          <option value="">{t('users.anyCountry')}</option>
          <CountryOptions organisations={organisations} />
        </SelectField>
        <TextField label={t('users.text')} name="q" type="search" value={draft.q} onValue={(q) => setDraft({ ...draft, q })} maxLength={100} />
        <div class="filters-actions">
          <button type="submit" class="button button-secondary">
            {t('users.apply')}
          </button>
          {filtered ? <a href="/users">{t('users.clear')}</a> : null}
        </div>
      </SearchForm>
      <ErrorAlert error={list.error} />
      {notice ? <Notice>{notice}</Notice> : null}
      {!data ? (
        list.error ? null : (
          <Loading text={t('users.loading')} />
        )
      ) : (
        <>
          <p class="results-count" id={resultsId} role="status">
            {t(pluralKey(lang, 'users.count', data.total), { count: data.total })}
            {pages > 1 ? ` · ${t('users.pageOf', { page: data.page, pages })}` : ''}
          </p>
          {data.items.length === 0 ? (
            <p class="panel muted">{filtered ? t('users.noMatch') : t('users.none')}</p>
          ) : (
            <UsersTable users={data.items} describedBy={resultsId} onAction={setAction} />
          )}
          <Pager page={data.page} pages={pages} label={t('users.pagination')} address={(page) => addressOf({ ...applied, page })} />
        </>
      )}
      {action ? (
        <ActionDialog
          action={action}
          onClose={(user, message) => {
            setAction(null);
            if (user && message) replaced(user, message);
          }}
        />
      ) : null}
    </Page>
  );
}

function UsersTable({ users, describedBy, onAction }: { users: User[]; describedBy: string; onAction: (action: Action) => void }) {
  const { t, lang } = useI18n();
  const me = useUser();
  return (
    <Table flush caption={t('users.title')} describedBy={describedBy} columns={COLUMNS.map((c) => t(`users.${c}`))}>
      {users.map((u) => (
        <tr key={u.id}>
          <th scope="row" class="cell-person">
            <span class="person-name">{u.displayName}</span>
            <span class="person-email">{u.email}</span>
          </th>
          <td>
            {countryName(u.country, lang, t)} <span class="code-tag">{u.country}</span>
          </td>
          <td>
            <Badge tone={`status-${u.status}`}>{t(`userStatus.${u.status}`)}</Badge>
          </td>
          <td>{u.twoFactor.enabled ? t('users.twoFactorOn') : <span class="muted">{t('users.twoFactorOff')}</span>}</td>
          <td>{u.roles.length ? u.roles.map((r) => t(`role.${r}`)).join(', ') : <span class="muted">{t('profile.noRoles')}</span>}</td>
          <td class="cell-actions">
            {u.id === me.id ? <span class="muted">{t('users.yourAccount')}</span> : <RowActions user={u} onAction={onAction} />}
          </td>
        </tr>
      ))}
    </Table>
  );
}
