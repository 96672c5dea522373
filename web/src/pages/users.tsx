import { useEffect, useId, useState } from 'preact/hooks';
import { api, type Role, type User, type UserList, type UserStatus } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';
import { navigate, useLocation } from '../router.ts';
import { useUser } from '../session.tsx';
import { pluralKey } from '../spaces.ts';
import { Badge, ConfirmDialog, CountryOptions, ErrorAlert, type FormError, Notice, Page, RoleChecks, SelectField, TextField, toFormError } from '../ui.tsx';
import { countryName } from '../countries.ts';

const STATUSES: UserStatus[] = ['invited', 'active', 'locked', 'disabled'];
const PAGE_SIZE = 25;

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

/** What the Secretariat may do to an account, and the dialog that asks first. */
type Action =
  | { kind: 'status'; user: User; status: 'active' | 'locked' | 'disabled' }
  | { kind: 'roles'; user: User }
  | { kind: 'invite'; user: User };

/** The Secretariat's list of accounts: filters in the address (so a view can be shared), actions per row. */
export function UsersPage() {
  const { t, lang } = useI18n();
  const me = useUser();
  const { query } = useLocation();
  const search = query.toString();
  const applied = filtersFrom(query);
  const [draft, setDraft] = useState<Filters>(applied);
  const [list, setList] = useState<UserList | null>(null);
  const [error, setError] = useState<FormError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [action, setAction] = useState<Action | null>(null);
  const resultsId = useId();

  useEffect(() => {
    setDraft(applied);
    setError(null);
    const params = new URLSearchParams({ page: String(applied.page), pageSize: String(PAGE_SIZE) });
    if (applied.status) params.set('status', applied.status);
    if (applied.country) params.set('country', applied.country);
    if (applied.q.trim()) params.set('q', applied.q.trim());
    let current = true;
    api<UserList>('GET', `/api/users?${params}`).then(
      (result) => {
        if (current) setList(result);
      },
      (err: unknown) => {
        if (current) setError(toFormError(err, t));
      },
    );
    return () => {
      current = false;
    };
  }, [search]);

  const replaced = (user: User, message: string) => {
    setList((l) => (l ? { ...l, items: l.items.map((u) => (u.id === user.id ? user : u)) } : l));
    setNotice(message);
  };

  const filtered = !!(applied.status || applied.country || applied.q);
  const pages = list ? Math.max(1, Math.ceil(list.total / list.pageSize)) : 1;

  return (
    <Page title={t('users.title')} lead={t('users.lead')}>
      <p class="page-actions">
        <a class="button" href="/users/invite">
          {t('users.invite')}
        </a>
      </p>
      <form
        class="panel filters"
        role="search"
        aria-label={t('users.filters')}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          navigate(addressOf({ ...draft, page: 1 }));
        }}
      >
        <SelectField label={t('users.status')} name="status" value={draft.status} onValue={(status) => setDraft({ ...draft, status })}>
          <option value="">{t('users.anyStatus')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`userStatus.${s}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('users.country')} name="country" value={draft.country} onValue={(country) => setDraft({ ...draft, country })}>
          <option value="">{t('users.anyCountry')}</option>
          <CountryOptions />
        </SelectField>
        <TextField label={t('users.text')} name="q" type="search" value={draft.q} onValue={(q) => setDraft({ ...draft, q })} maxLength={100} />
        <div class="filters-actions">
          <button type="submit" class="button button-secondary">
            {t('users.apply')}
          </button>
          {filtered ? <a href="/users">{t('users.clear')}</a> : null}
        </div>
      </form>
      <ErrorAlert error={error} />
      {notice ? <Notice>{notice}</Notice> : null}
      {!list ? (
        error ? null : (
          <p class="loading" role="status">
            {t('users.loading')}
          </p>
        )
      ) : (
        <>
          <p class="results-count" id={resultsId} role="status">
            {t(pluralKey(lang, 'users.count', list.total), { count: list.total })}
            {pages > 1 ? ` · ${t('users.pageOf', { page: list.page, pages })}` : ''}
          </p>
          {list.items.length === 0 ? (
            <p class="panel muted">{filtered ? t('users.noMatch') : t('users.none')}</p>
          ) : (
            <div class="table-wrap panel panel-flush">
              <table class="table" aria-describedby={resultsId}>
                <caption class="visually-hidden">{t('users.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('users.account')}</th>
                    <th scope="col">{t('users.country')}</th>
                    <th scope="col">{t('users.status')}</th>
                    <th scope="col">{t('users.twoFactor')}</th>
                    <th scope="col">{t('users.rolesColumn')}</th>
                    <th scope="col">{t('users.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.items.map((u) => (
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
                        {u.id === me.id ? (
                          <span class="muted">{t('users.yourAccount')}</span>
                        ) : (
                          <RowActions user={u} onAction={setAction} />
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {pages > 1 ? (
            <nav class="pager" aria-label={t('users.pagination')}>
              {list.page > 1 ? (
                <a href={addressOf({ ...applied, page: list.page - 1 })} rel="prev">
                  {t('users.previous')}
                </a>
              ) : null}
              <span>{t('users.pageOf', { page: list.page, pages })}</span>
              {list.page < pages ? (
                <a href={addressOf({ ...applied, page: list.page + 1 })} rel="next">
                  {t('users.next')}
                </a>
              ) : null}
            </nav>
          ) : null}
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

function RowActions({ user, onAction }: { user: User; onAction: (action: Action) => void }) {
  const { t } = useI18n();
  const name = user.displayName;
  const button = (label: string, aria: string, action: Action, tone: 'secondary' | 'danger' = 'secondary') => (
    <button type="button" class={`button button-${tone} button-small`} aria-label={aria} onClick={() => onAction(action)}>
      {label}
    </button>
  );
  return (
    <div class="row-actions">
      {user.status === 'invited' ? button(t('users.resend'), t('users.resendOf', { name }), { kind: 'invite', user }) : null}
      {user.status === 'active' ? button(t('users.lock'), t('users.lockOf', { name }), { kind: 'status', user, status: 'locked' }, 'danger') : null}
      {user.status === 'locked' ? button(t('users.unlock'), t('users.unlockOf', { name }), { kind: 'status', user, status: 'active' }) : null}
      {user.status === 'active' || user.status === 'locked'
        ? button(t('users.disable'), t('users.disableOf', { name }), { kind: 'status', user, status: 'disabled' }, 'danger')
        : null}
      {user.status === 'disabled' ? button(t('users.enable'), t('users.enableOf', { name }), { kind: 'status', user, status: 'active' }) : null}
      {button(t('users.editRoles'), t('users.editRolesOf', { name }), { kind: 'roles', user })}
    </div>
  );
}

function ActionDialog({ action, onClose }: { action: Action; onClose: (user: User | null, message?: string) => void }) {
  const { t, lang } = useI18n();
  const { user } = action;
  const name = user.displayName;
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<FormError | null>(null);

  const run = (request: () => Promise<User>, message: (u: User) => string) => {
    setBusy(true);
    setError(null);
    request().then(
      (updated) => onClose(updated, message(updated)),
      (err: unknown) => {
        setError(toFormError(err, t));
        setBusy(false);
      },
    );
  };

  if (action.kind === 'invite') {
    return (
      <ConfirmDialog
        title={t('users.resendTitle', { name })}
        confirmLabel={t('users.resend')}
        tone="primary"
        busy={busy}
        error={error}
        onCancel={() => onClose(null)}
        onConfirm={() => run(() => api<User>('POST', `/api/users/${user.id}/invitation`), (u) => t('users.resent', { name: u.displayName, email: u.email }))}
      >
        <p>{t('users.resendText', { email: user.email })}</p>
      </ConfirmDialog>
    );
  }
  if (action.kind === 'roles') {
    return (
      <ConfirmDialog
        title={t('users.rolesTitle', { name })}
        confirmLabel={t('users.saveRoles')}
        tone="primary"
        busy={busy}
        error={error}
        onCancel={() => onClose(null)}
        onConfirm={() => run(() => api<User>('PATCH', `/api/users/${user.id}`, { roles }), (u) => t('users.rolesSaved', { name: u.displayName }))}
      >
        <RoleChecks legend={t('users.roles')} hint={t('users.rolesHint')} roles={roles} onRoles={setRoles} />
      </ConfirmDialog>
    );
  }
  const { status } = action;
  const verb = status === 'locked' ? 'lock' : status === 'disabled' ? 'disable' : user.status === 'locked' ? 'unlock' : 'enable';
  return (
    <ConfirmDialog
      title={t(`users.${verb}Title`, { name })}
      confirmLabel={t(`users.${verb}`)}
      tone={status === 'active' ? 'primary' : 'danger'}
      busy={busy}
      error={error}
      onCancel={() => onClose(null)}
      onConfirm={() =>
        run(
          () => api<User>('PATCH', `/api/users/${user.id}`, { status }),
          (u) => t('users.statusChanged', { name: u.displayName, status: t(`userStatus.${u.status}`).toLocaleLowerCase(lang) }),
        )
      }
    >
      <p>{t(`users.${verb}Text`)}</p>
    </ConfirmDialog>
  );
}
