import { useState } from 'preact/hooks';
import { countryName } from '../../lib/countries.ts';
import { formatDate } from '../../lib/dates.ts';
import { useI18n } from '../../lib/i18n/index.tsx';
import { useSession, useUser } from '../../lib/session.tsx';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { checkRequired, Form, Notice, useForm } from '../../ui/form.tsx';
import { Page } from '../../ui/page.tsx';
import { Panel } from '../../ui/panel.tsx';
import { LanguageOptions } from './account-choices.tsx';
import { updateMe } from './api.ts';
import { Password, PgpKey, Recovery } from './profile-security.tsx';

/** My account: what the Secretariat set, what I may change, and the keys and codes that protect it. */
export function ProfilePage() {
  const { t } = useI18n();
  return (
    <Page title={t('profile.title')} lead={t('profile.lead')}>
      <div class="sections">
        <AccountFacts />
        <Details />
        <PgpKey />
        <Password />
        <Recovery />
      </div>
    </Page>
  );
}

function AccountFacts() {
  const { t, lang } = useI18n();
  const user = useUser();
  const roles = user.roles.map((role) => t(`role.${role}`)).join(', ');
  return (
    <Panel id="profile-account" title={t('profile.account')}>
      <dl class="facts">
        <dt>{t('profile.email')}</dt>
        <dd>{user.email}</dd>
        <dt>{t('profile.country')}</dt>
        <dd>
          {countryName(user.country, lang, t)} <span class="code-tag">{user.country}</span>
        </dd>
        <dt>{t('profile.organisation')}</dt>
        <dd>{user.organisation}</dd>
        <dt>{t('profile.roles')}</dt>
        <dd>{roles || t('profile.noRoles')}</dd>
        <dt>{t('profile.since')}</dt>
        <dd>{formatDate(user.createdAt, lang)}</dd>
      </dl>
    </Panel>
  );
}

function Details() {
  const { t, setLang } = useI18n();
  const session = useSession();
  const user = useUser();
  const [saved, setSaved] = useState(false);
  const form = useForm(
    { displayName: user.displayName, language: user.language },
    async ({ displayName, language }) => {
      setSaved(false);
      const me = await updateMe({ displayName: displayName.trim(), language });
      session.updateUser(me.user);
      // The account's language is also this browser's from now on.
      setLang(me.user.language);
      setSaved(true);
    },
    ({ displayName }) => checkRequired([['displayName', displayName, t('profile.displayName')]], t),
  );
  // A field changed: what was saved is no longer what the form says.
  const edited = <K extends keyof typeof form.values>(name: K) => ({
    ...form.bind(name),
    onValue: (value: (typeof form.values)[K]) => {
      form.set(name, value);
      setSaved(false);
    },
  });
  return (
    <Panel id="profile-details" title={t('profile.details')}>
      <Form form={form} submit={t('profile.save')}>
        <TextField label={t('profile.displayName')} autoComplete="name" required maxLength={200} {...edited('displayName')} />
        <SelectField label={t('profile.language')} hint={t('profile.languageHint')} {...edited('language')}>
          <LanguageOptions />
        </SelectField>
        {saved ? <Notice>{t('profile.saved')}</Notice> : null}
      </Form>
    </Panel>
  );
}
