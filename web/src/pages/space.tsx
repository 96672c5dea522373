import { useEffect, useId, useState } from 'preact/hooks';
import { api, ApiError, type Member, type SpaceRole, type SpaceView, type User, type UserList } from '../api.ts';
import { countryName } from '../countries.ts';
import type { MessageKey } from '../i18n/en.ts';
import { type Language, useI18n } from '../i18n/index.tsx';
import type { RouteParams } from '../app.tsx';
import { useSession, useUser } from '../session.tsx';
import { addMonths, inLanguage, isIsoDate, setCurrentSpace, spaceName, UUID } from '../spaces.ts';
import {
  Badge,
  checkRequired,
  ConfirmDialog,
  ErrorAlert,
  type FormError,
  formatDate,
  formatDay,
  Notice,
  Page,
  SelectField,
  Submit,
  TextAreaField,
  TextField,
  toFormError,
  useForm,
} from '../ui.tsx';
import { DeadlineNote, RoleBadge } from './spaces.tsx';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** A role inside a sentence: the badge's label, lower-cased ("added as liaison officer"). */
export function roleWord(role: SpaceRole, lang: Language, t: Translate): string {
  return t(`spaceRole.${role}`).toLocaleLowerCase(lang);
}

type Tab = 'overview' | 'members';

function useSpace(spaceId: string) {
  const { t } = useI18n();
  const { spaces: mine } = useSession();
  const [space, setSpace] = useState<SpaceView | null>(null);
  const [error, setError] = useState<FormError | null>(null);
  const [missing, setMissing] = useState(!UUID.test(spaceId));
  useEffect(() => {
    if (missing) return;
    api<SpaceView>('GET', `/api/spaces/${encodeURIComponent(spaceId)}`).then(setSpace, (err: unknown) => {
      if (err instanceof ApiError && err.status === 404) setMissing(true);
      else setError(toFormError(err, t));
    });
  }, [spaceId]);
  // Opening one of my spaces makes it the current one.
  useEffect(() => {
    if (space && mine?.some((s) => s.id === space.id)) setCurrentSpace(space.id);
  }, [space, mine]);
  return { space, setSpace, error, missing };
}

function SpaceScreen({ spaceId, tab }: { spaceId: string; tab: Tab }) {
  const { t, lang } = useI18n();
  const { space, setSpace, error, missing } = useSpace(spaceId);
  if (missing) {
    return (
      <Page title={t('space.notFoundTitle')} lead={t('space.notFoundText')}>
        <p>
          <a href="/spaces">{t('space.backToList')}</a>
        </p>
      </Page>
    );
  }
  if (!space) {
    return (
      <Page title={t('space.title')}>
        <ErrorAlert error={error} />
        {error ? null : (
          <p class="loading" role="status">
            {t('space.loading')}
          </p>
        )}
      </Page>
    );
  }
  const base = `/spaces/${space.id}`;
  return (
    <Page
      title={spaceName(lang, space)}
      lead={
        <>
          <span>{t('space.inNetwork', { network: inLanguage(lang, space.network.nameEs, space.network.nameEn) })}</span>{' '}
          <RoleBadge space={space} />
        </>
      }
    >
      <nav class="tabs" aria-label={t('space.sections')}>
        <a href={base} aria-current={tab === 'overview' ? 'page' : undefined}>
          {t('space.overviewTab')}
        </a>
        <a href={`${base}/members`} aria-current={tab === 'members' ? 'page' : undefined}>
          {t('space.membersTab')}
        </a>
      </nav>
      {tab === 'overview' ? <Overview space={space} onSaved={setSpace} /> : <Members space={space} />}
    </Page>
  );
}

export function SpacePage({ params }: { params: RouteParams }) {
  return <SpaceScreen spaceId={params.spaceId ?? ''} tab="overview" />;
}

export function SpaceMembersPage({ params }: { params: RouteParams }) {
  return <SpaceScreen spaceId={params.spaceId ?? ''} tab="members" />;
}

// --- Overview and editing.

function Overview({ space, onSaved }: { space: SpaceView; onSaved: (space: SpaceView) => void }) {
  const { t, lang } = useI18n();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const description = inLanguage(lang, space.descriptionEs, space.descriptionEn);
  return (
    <>
      <section class="panel" aria-labelledby="space-facts">
        <h2 id="space-facts">{t('space.facts')}</h2>
        {saved ? <Notice>{t('space.saved')}</Notice> : null}
        {description ? <p class="space-description">{description}</p> : <p class="muted">{t('space.noDescription')}</p>}
        <dl class="facts">
          <dt>{t('space.network')}</dt>
          <dd>
            {inLanguage(lang, space.network.nameEs, space.network.nameEn)} <span class="code-tag">{space.network.code}</span>
          </dd>
          <dt>{t('space.opensOn')}</dt>
          <dd>{formatDay(space.opensOn, lang)}</dd>
          <dt>{t('space.deadline')}</dt>
          <dd>
            {formatDay(space.loadingDeadline, lang)} <DeadlineNote space={space} />
          </dd>
          <dt>{t('space.myRole')}</dt>
          <dd>{space.myRole ? t(`spaceRole.${space.myRole}`) : t('spaces.notMember')}</dd>
        </dl>
        {space.myRole ? (
          <p class="space-links">
            <a href={`/specimens?space=${space.id}`}>{t('space.specimens')}</a>
            {space.myRole !== 'observer' ? <a href={`/specimens/new?space=${space.id}`}>{t('space.newSpecimen')}</a> : null}
          </p>
        ) : null}
        {space.permissions.update && !editing ? (
          <div class="actions">
            <button
              type="button"
              class="button button-secondary"
              onClick={() => {
                setSaved(false);
                setEditing(true);
              }}
            >
              {t('space.edit')}
            </button>
          </div>
        ) : null}
      </section>
      {space.permissions.update && editing ? (
        <EditSpace
          space={space}
          onDone={(updated) => {
            setEditing(false);
            if (updated) {
              onSaved(updated);
              setSaved(true);
            }
          }}
        />
      ) : null}
    </>
  );
}

/** The bilingual names and descriptions of a space and its dates: shared by the new-space and edit forms. */
export type SpaceFields = Pick<SpaceView, 'nameEs' | 'nameEn' | 'descriptionEs' | 'descriptionEn' | 'opensOn' | 'loadingDeadline'>;

export function checkSpaceFields(fields: SpaceFields, t: Translate, deadlineRequired: boolean): FormError | null {
  const missing = checkRequired(
    [
      ['nameEs', fields.nameEs, t('space.nameEs')],
      ['nameEn', fields.nameEn, t('space.nameEn')],
      ['opensOn', fields.opensOn, t('space.opensOn')],
      ...(deadlineRequired ? ([['loadingDeadline', fields.loadingDeadline, t('space.deadline')]] as [string, string, string][]) : []),
    ],
    t,
  );
  if (missing) return missing;
  if (!isIsoDate(fields.opensOn)) return { message: t('space.dateFormat', { field: t('space.opensOn') }), field: 'opensOn' };
  if (fields.loadingDeadline && !isIsoDate(fields.loadingDeadline)) {
    return { message: t('space.dateFormat', { field: t('space.deadline') }), field: 'loadingDeadline' };
  }
  if (fields.loadingDeadline && fields.loadingDeadline < fields.opensOn) return { message: t('space.deadlineBeforeOpening'), field: 'loadingDeadline' };
  return null;
}

export function SpaceFieldset({
  fields,
  onField,
  fieldProps,
  deadlineHint,
}: {
  fields: SpaceFields;
  onField: (name: keyof SpaceFields, value: string) => void;
  fieldProps: (name: string) => { invalid: boolean; describedBy?: string };
  deadlineHint: string;
}) {
  const { t } = useI18n();
  return (
    <>
      <div class="field-pair">
        <TextField label={t('space.nameEs')} name="nameEs" lang="es" value={fields.nameEs} onValue={(v) => onField('nameEs', v)} required maxLength={300} {...fieldProps('nameEs')} />
        <TextField label={t('space.nameEn')} name="nameEn" lang="en" value={fields.nameEn} onValue={(v) => onField('nameEn', v)} required maxLength={300} {...fieldProps('nameEn')} />
      </div>
      <div class="field-pair">
        <TextAreaField
          label={t('space.descriptionEs')}
          name="descriptionEs"
          lang="es"
          prose
          rows={4}
          maxLength={5000}
          value={fields.descriptionEs}
          onValue={(v) => onField('descriptionEs', v)}
          {...fieldProps('descriptionEs')}
        />
        <TextAreaField
          label={t('space.descriptionEn')}
          name="descriptionEn"
          lang="en"
          prose
          rows={4}
          maxLength={5000}
          value={fields.descriptionEn}
          onValue={(v) => onField('descriptionEn', v)}
          {...fieldProps('descriptionEn')}
        />
      </div>
      <div class="field-pair">
        <TextField label={t('space.opensOn')} name="opensOn" type="date" hint={t('space.opensOnHint')} value={fields.opensOn} onValue={(v) => onField('opensOn', v)} required {...fieldProps('opensOn')} />
        <TextField
          label={t('space.deadline')}
          name="loadingDeadline"
          type="date"
          min={fields.opensOn || undefined}
          hint={deadlineHint}
          value={fields.loadingDeadline}
          onValue={(v) => onField('loadingDeadline', v)}
          {...fieldProps('loadingDeadline')}
        />
      </div>
    </>
  );
}

/** What the deadline field says: the default it would get, once the opening date is known. */
export function defaultDeadlineHint(opensOn: string, lang: Language, t: Translate): string {
  return isIsoDate(opensOn)
    ? t('space.deadlineHintDate', { date: formatDay(addMonths(opensOn, 4), lang) })
    : t('space.deadlineHint');
}

function EditSpace({ space, onDone }: { space: SpaceView; onDone: (updated: SpaceView | null) => void }) {
  const { t } = useI18n();
  const [fields, setFields] = useState<SpaceFields>({
    nameEs: space.nameEs,
    nameEn: space.nameEn,
    descriptionEs: space.descriptionEs,
    descriptionEn: space.descriptionEn,
    opensOn: space.opensOn,
    loadingDeadline: space.loadingDeadline,
  });
  const form = useForm(
    async () => {
      const updated = await api<SpaceView>('PATCH', `/api/spaces/${space.id}`, {
        nameEs: fields.nameEs.trim(),
        nameEn: fields.nameEn.trim(),
        descriptionEs: fields.descriptionEs.trim(),
        descriptionEn: fields.descriptionEn.trim(),
        opensOn: fields.opensOn,
        loadingDeadline: fields.loadingDeadline,
      });
      onDone(updated);
    },
    () => checkSpaceFields(fields, t, true),
  );
  return (
    <section class="panel" aria-labelledby="space-edit">
      <h2 id="space-edit" tabIndex={-1} ref={(h) => h?.focus()}>
        {t('space.editTitle')}
      </h2>
      <form noValidate onSubmit={form.onSubmit} class="form">
        <ErrorAlert error={form.error} id={form.errorId} />
        <SpaceFieldset
          fields={fields}
          onField={(name, value) => setFields((f) => ({ ...f, [name]: value }))}
          fieldProps={form.fieldProps}
          deadlineHint={t('space.deadlineEditHint')}
        />
        <div class="actions">
          <Submit busy={form.busy}>{t('space.save')}</Submit>
          <button type="button" class="button button-secondary" onClick={() => onDone(null)}>
            {t('dialog.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}

// --- Members.

function Members({ space }: { space: SpaceView }) {
  const { t, lang } = useI18n();
  const user = useUser();
  const { refreshSpaces } = useSession();
  const [members, setMembers] = useState<Member[] | null>(null);
  const [error, setError] = useState<FormError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [changing, setChanging] = useState<Member | null>(null);
  const [removing, setRemoving] = useState<Member | null>(null);

  const load = () =>
    api<Member[]>('GET', `/api/spaces/${space.id}/members`).then(setMembers, (err: unknown) => setError(toFormError(err, t)));
  useEffect(() => {
    void load();
  }, [space.id]);

  const changed = (list: Member[], message: string) => {
    setMembers(list);
    setNotice(message);
    // My own memberships may be among those changed.
    refreshSpaces();
  };

  const groups: { country: string; name: string; members: Member[] }[] = [];
  for (const member of members ?? []) {
    const group = groups.find((g) => g.country === member.country);
    if (group) group.members.push(member);
    else groups.push({ country: member.country, name: countryName(member.country, lang, t), members: [member] });
  }
  groups.sort((a, b) => a.name.localeCompare(b.name, lang));
  const anyActions = (members ?? []).some((m) => m.permissions.remove || m.permissions.changeRole);

  return (
    <>
      <section class="panel" aria-labelledby="members-title">
        <h2 id="members-title">{t('members.title')}</h2>
        <ErrorAlert error={error} />
        {notice ? <Notice>{notice}</Notice> : null}
        {!members ? (
          error ? null : (
            <p class="loading" role="status">
              {t('members.loading')}
            </p>
          )
        ) : members.length === 0 ? (
          <p class="muted">{t('members.empty')}</p>
        ) : (
          groups.map((group) => {
            const headingId = `members-${group.country}`;
            return (
              <div key={group.country} class="member-group">
                <h3 id={headingId}>
                  {group.name} <span class="code-tag">{group.country}</span>{' '}
                  <span class="muted count">{t(group.members.length === 1 ? 'members.countOne' : 'members.count', { count: group.members.length })}</span>
                </h3>
                <div class="table-wrap">
                  <table class="table" aria-labelledby={headingId}>
                    <thead>
                      <tr>
                        <th scope="col">{t('members.name')}</th>
                        <th scope="col">{t('members.role')}</th>
                        <th scope="col">{t('members.since')}</th>
                        {anyActions ? (
                          <th scope="col">
                            <span class="visually-hidden">{t('members.actions')}</span>
                          </th>
                        ) : null}
                      </tr>
                    </thead>
                    <tbody>
                      {group.members.map((m) => (
                        <tr key={m.userId}>
                          <th scope="row" class="cell-person">
                            <span class="person-name">
                              {m.displayName}
                              {m.userId === user.id ? <span class="person-you"> {t('members.you')}</span> : null}
                            </span>
                            <span class="person-email">{m.email}</span>
                          </th>
                          <td>
                            <Badge tone={`role-${m.role}`}>{t(`spaceRole.${m.role}`)}</Badge>
                          </td>
                          <td>{formatDate(m.since, lang)}</td>
                          {anyActions ? (
                            <td class="cell-actions">
                              {m.permissions.changeRole ? (
                                <button
                                  type="button"
                                  class="button button-secondary button-small"
                                  aria-label={t('members.changeRoleOf', { name: m.displayName })}
                                  onClick={() => setChanging(m)}
                                >
                                  {t('members.changeRole')}
                                </button>
                              ) : null}
                              {m.permissions.remove ? (
                                <>
                                  <button
                                    type="button"
                                    class="button button-danger button-small"
                                    aria-label={t('members.removeOf', { name: m.displayName })}
                                    onClick={() => setRemoving(m)}
                                  >
                                    {t('members.remove')}
                                  </button>
                                </>
                              ) : null}
                            </td>
                          ) : null}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </div>
            );
          })
        )}
      </section>
      {space.permissions.manageMembers && members ? (
        <AddMember
          space={space}
          members={members}
          onAdded={(list, added, role) => changed(list, t('members.added', { name: added.displayName, role: roleWord(role, lang, t) }))}
        />
      ) : null}
      {changing ? (
        <ChangeRole
          space={space}
          member={changing}
          onClose={(list, role) => {
            const member = changing;
            setChanging(null);
            if (list && role) changed(list, t('members.roleChanged', { name: member.displayName, role: roleWord(role, lang, t) }));
          }}
        />
      ) : null}
      {removing ? (
        <RemoveMember
          space={space}
          member={removing}
          onClose={(removed) => {
            const member = removing;
            setRemoving(null);
            // The row goes in the same render as the dialog, so the focus moves to the page's heading.
            if (removed) changed((members ?? []).filter((m) => m.userId !== member.userId), t('members.removed', { name: member.displayName }));
          }}
        />
      ) : null}
    </>
  );
}

function ChangeRole({ space, member, onClose }: { space: SpaceView; member: Member; onClose: (list: Member[] | null, role?: SpaceRole) => void }) {
  const { t, lang } = useI18n();
  const roles = space.permissions.grantableRoles;
  const [role, setRole] = useState<SpaceRole>(member.role);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<FormError | null>(null);
  const save = () => {
    if (role === member.role) return onClose(null);
    setBusy(true);
    setError(null);
    api<Member[]>('PATCH', `/api/spaces/${space.id}/members/${member.userId}`, { role }).then(
      (list) => onClose(list, role),
      (err: unknown) => {
        setError(toFormError(err, t));
        setBusy(false);
      },
    );
  };
  return (
    <ConfirmDialog
      title={t('members.changeRoleTitle', { name: member.displayName })}
      confirmLabel={t('members.saveRole')}
      tone="primary"
      busy={busy}
      error={error}
      onConfirm={save}
      onCancel={() => onClose(null)}
    >
      <SelectField label={t('members.newRole')} name="role" value={role} onValue={(v) => setRole(v as SpaceRole)} hint={t('members.changeRoleHint')}>
        {roles.map((r) => (
          <option key={r} value={r}>
            {t(`spaceRole.${r}`)}
          </option>
        ))}
      </SelectField>
    </ConfirmDialog>
  );
}

function RemoveMember({ space, member, onClose }: { space: SpaceView; member: Member; onClose: (removed: boolean) => void }) {
  const { t, lang } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<FormError | null>(null);
  const remove = () => {
    setBusy(true);
    setError(null);
    api('DELETE', `/api/spaces/${space.id}/members/${member.userId}`).then(
      () => onClose(true),
      (err: unknown) => {
        setError(toFormError(err, t));
        setBusy(false);
      },
    );
  };
  return (
    <ConfirmDialog
      title={t('members.removeTitle', { name: member.displayName })}
      confirmLabel={t('members.removeConfirm')}
      busy={busy}
      error={error}
      onConfirm={remove}
      onCancel={() => onClose(false)}
    >
      <p>{t('members.removeText', { name: member.displayName, space: spaceName(lang, space), role: roleWord(member.role, lang, t) })}</p>
    </ConfirmDialog>
  );
}

const SEARCH_PAGE = 20;

function AddMember({
  space,
  members,
  onAdded,
}: {
  space: SpaceView;
  members: Member[];
  onAdded: (list: Member[], user: User, role: SpaceRole) => void;
}) {
  const { t, lang } = useI18n();
  const me = useUser();
  const secretariat = me.roles.includes('secretariat');
  const roles = space.permissions.grantableRoles;
  const resultsId = useId();
  const [query, setQuery] = useState('');
  const [searched, setSearched] = useState<string | null>(null);
  const [results, setResults] = useState<UserList | null>(null);
  const [searchError, setSearchError] = useState<FormError | null>(null);
  const [searching, setSearching] = useState(false);
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState<SpaceRole>('officer');

  const search = (q: string) => {
    setSearching(true);
    setSearchError(null);
    const params = new URLSearchParams({ page: '1', pageSize: String(SEARCH_PAGE) });
    if (q.trim()) params.set('q', q.trim());
    api<UserList>('GET', `/api/users?${params}`).then(
      (list) => {
        // Disabled accounts cannot join a space: leave them out.
        setResults({ ...list, items: list.items.filter((u) => u.status !== 'disabled') });
        setSearched(q.trim());
        setUserId((chosen) => (list.items.some((u) => u.id === chosen) ? chosen : ''));
      },
      (err: unknown) => setSearchError(toFormError(err, t)),
    ).finally(() => setSearching(false));
  };
  useEffect(() => search(''), []);

  const isMember = (id: string) => members.some((m) => m.userId === id);
  const form = useForm(
    async () => {
      const chosen = results?.items.find((u) => u.id === userId);
      if (!chosen) return;
      try {
        const list = await api<Member[]>('POST', `/api/spaces/${space.id}/members`, { userId, role });
        setUserId('');
        onAdded(list, chosen, role);
      } catch (err) {
        form.setError(toFormError(err, t));
      }
    },
    () => (userId ? null : { message: t('members.chooseAccount'), field: 'userId' }),
  );
  const myCountry = countryName(me.country, lang, t);

  return (
    <section class="panel add-member" aria-labelledby="add-member">
      <h2 id="add-member">{t('members.addTitle')}</h2>
      <p class="hint panel-lead">{secretariat ? t('members.addLeadSecretariat') : t('members.addLeadContact', { country: myCountry })}</p>
      <form
        class="form search-form"
        role="search"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!searching) search(query);
        }}
      >
        <TextField
          label={t('members.search')}
          name="q"
          type="search"
          value={query}
          onValue={setQuery}
          maxLength={100}
          hint={secretariat ? t('members.searchHint') : t('members.searchHintContact', { country: myCountry })}
        />
        <button type="submit" class="button button-secondary" aria-disabled={searching ? 'true' : undefined}>
          {t('members.searchSubmit')}
        </button>
      </form>
      <ErrorAlert error={searchError} />
      <form noValidate onSubmit={form.onSubmit} class="form">
        <ErrorAlert error={form.error} id={form.errorId} />
        <fieldset class="field checks" id={resultsId} aria-describedby={form.fieldProps('userId').invalid ? form.errorId : undefined}>
          <legend>{t('members.account')}</legend>
          <p class="hint" role="status">
            {!results
              ? t('members.searching')
              : results.items.length === 0
                ? searched
                  ? secretariat
                    ? t('members.noMatch', { query: searched })
                    : t('members.noMatchContact', { query: searched, country: myCountry })
                  : t('members.noAccounts')
                : results.total > results.items.length
                  ? t('members.showing', { shown: results.items.length, total: results.total })
                  : null}
          </p>
          {results?.items.length ? (
            <ul class="pick-list">
              {results.items.map((u) => {
                const already = isMember(u.id);
                return (
                  <li key={u.id}>
                    <label class={already ? 'pick pick-disabled' : 'pick'}>
                      <input
                        type="radio"
                        name="userId"
                        value={u.id}
                        checked={userId === u.id}
                        disabled={already}
                        onChange={() => setUserId(u.id)}
                      />
                      <span class="pick-text">
                        <span class="person-name">{u.displayName}</span>
                        <span class="person-email">
                          {u.email} · {countryName(u.country, lang, t)}
                        </span>
                      </span>
                      {already ? <Badge tone="muted">{t('members.alreadyMember')}</Badge> : null}
                      {u.status !== 'active' ? <Badge tone={`status-${u.status}`}>{t(`userStatus.${u.status}`)}</Badge> : null}
                    </label>
                  </li>
                );
              })}
            </ul>
          ) : null}
        </fieldset>
        <SelectField
          label={t('members.role')}
          name="role"
          value={role}
          onValue={(v) => setRole(v as SpaceRole)}
          hint={secretariat ? t('members.roleHintSecretariat') : t('members.roleHintContact')}
          {...form.fieldProps('role')}
        >
          {roles.map((r) => (
            <option key={r} value={r}>
              {t(`spaceRole.${r}`)}
            </option>
          ))}
        </SelectField>
        <div class="actions">
          <Submit busy={form.busy}>{t('members.add')}</Submit>
        </div>
      </form>
    </section>
  );
}
