import { useEffect, useId, useState } from 'preact/hooks';
import { countryName } from '../../lib/countries.ts';
import { toFormError } from '../../lib/errors.ts';
import { useI18n } from '../../lib/i18n/index.tsx';
import { type SpaceRole, useUser } from '../../lib/session.tsx';
import { Options, SelectField, TextField } from '../../ui/fields.tsx';
import { ErrorAlert, Form, type FormError, SearchForm, useForm } from '../../ui/form.tsx';
import { Panel } from '../../ui/panel.tsx';
import { Badge } from '../../ui/values.tsx';
import { type AccountList, addMember, type Member, type SpaceView, searchAccounts } from './api.ts';

const SEARCH_PAGE = 20;

/** Adding someone to a space: a search among the accounts I may add, one chosen, a role. */
export function AddMember({
  space,
  members,
  onAdded,
}: {
  space: SpaceView;
  members: Member[];
  onAdded: (list: Member[], user: AccountList['items'][number], role: SpaceRole) => void;
}) {
  const { t, lang } = useI18n();
  const me = useUser();
  const secretariat = me.roles.includes('secretariat');
  const roles = space.permissions.grantableRoles;
  const resultsId = useId();
  const [query, setQuery] = useState('');
  const [searched, setSearched] = useState<string | null>(null);
  const [results, setResults] = useState<AccountList | null>(null);
  const [searchError, setSearchError] = useState<FormError | null>(null);
  const [searching, setSearching] = useState(false);
  const form = useForm(
    { userId: '', role: 'officer' as SpaceRole },
    async ({ userId, role }) => {
      const chosen = results?.items.find((u) => u.id === userId);
      if (!chosen) return;
      const list = await addMember(space.id, { userId, role });
      form.set('userId', '');
      onAdded(list, chosen, role);
    },
    ({ userId }) => (userId ? null : { message: t('members.chooseAccount'), field: 'userId' }),
  );
  const { userId } = form.values;

  const search = (q: string) => {
    setSearching(true);
    setSearchError(null);
    searchAccounts({ page: 1, pageSize: SEARCH_PAGE, q: q.trim() || undefined })
      .then(
        (list) => {
          // Disabled accounts cannot join a space: leave them out.
          setResults({ ...list, items: list.items.filter((u) => u.status !== 'disabled') });
          setSearched(q.trim());
          form.setValues((chosen) => (list.items.some((u) => u.id === chosen.userId) ? {} : { userId: '' }));
        },
        (err: unknown) => setSearchError(toFormError(err, t)),
      )
      .finally(() => setSearching(false));
  };
  useEffect(() => search(''), []);

  const isMember = (id: string) => members.some((m) => m.userId === id);
  const myCountry = countryName(me.country, lang, t);
  const searchHint = secretariat ? t('members.searchHint') : t('members.searchHintContact', { country: myCountry });

  return (
    <Panel id="add-member" class="add-member" title={t('members.addTitle')}>
      <p class="hint panel-lead">{secretariat ? t('members.addLeadSecretariat') : t('members.addLeadContact', { country: myCountry })}</p>
      <SearchForm
        class="form search-form"
        onSearch={() => {
          if (!searching) search(query);
        }}
      >
        <TextField label={t('members.search')} name="q" type="search" value={query} onValue={setQuery} maxLength={100} hint={searchHint} />
        <button type="submit" class="button button-secondary" aria-disabled={searching ? 'true' : undefined}>
          {t('members.searchSubmit')}
        </button>
      </SearchForm>
      <ErrorAlert error={searchError} />
      <Form form={form} submit={t('members.add')}>
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
                        onChange={() => form.set('userId', u.id)}
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
          hint={secretariat ? t('members.roleHintSecretariat') : t('members.roleHintContact')}
          {...form.bind('role')}
        >
          <Options items={roles} label={(r) => t(`spaceRole.${r}`)} />
        </SelectField>
      </Form>
    </Panel>
  );
}
