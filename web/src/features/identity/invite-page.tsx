import { useState } from 'preact/hooks';
import { type Language, useI18n } from '../../lib/i18n/index.tsx';
import type { Role, User } from '../../lib/session.tsx';
import { useResource } from '../../lib/use-resource.ts';
import { Options, SelectField, TextField } from '../../ui/fields.tsx';
import { checkRequired, Form, Notice, useForm } from '../../ui/form.tsx';
import { Page } from '../../ui/page.tsx';
import { CountryOptions, LanguageOptions, RoleChecks } from './account-choices.tsx';
import { fetchOrganisations, invite } from './api.ts';
import { EmailField } from './fields.tsx';

/** The Secretariat invites someone: the account is created at once and a single-use link is mailed. */
export function InvitePage() {
  const { t, lang } = useI18n();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [country, setCountry] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [organisationId, setOrganisationId] = useState('');
  const [language, setLanguage] = useState<Language>(lang);
  const [roles, setRoles] = useState<Role[]>([]);
  const [invited, setInvited] = useState<User | null>(null);
  // The organisations registered for the country chosen, to tie the account to one of them.
  const registered = useResource(fetchOrganisations, []).data ?? [];
  const ofCountry = registered.filter((o) => o.country === country);
  const pickOrganisation = (id: string) => {
    setOrganisationId(id);
    const chosen = registered.find((o) => o.id === id);
    if (chosen && !organisation.trim()) setOrganisation(lang === 'es' ? chosen.nameEs : chosen.nameEn);
  };

  const form = useForm(
    async () => {
      const user = await invite({
        email: email.trim(),
        displayName: displayName.trim(),
        country,
        organisation: organisation.trim(),
        ...(organisationId && ofCountry.some((o) => o.id === organisationId) ? { organisationId } : {}),
        language,
        roles,
      });
      setInvited(user);
    },
    () =>
      checkRequired(
        [
          ['email', email, t('invite.email')],
          ['displayName', displayName, t('invite.displayName')],
          ['country', country, t('invite.country')],
          ['organisation', organisation, t('invite.organisation')],
        ],
        t,
      ),
  );

  const again = () => {
    setInvited(null);
    setEmail('');
    setDisplayName('');
    setCountry('');
    setOrganisation('');
    setOrganisationId('');
    setRoles([]);
  };

  if (invited) {
    return (
      <Page title={t('invite.title')}>
        <div class="panel narrow">
          <Notice>{t('invite.sent', { name: invited.displayName, email: invited.email })}</Notice>
          <p>{t('invite.sentNext')}</p>
          <button type="button" class="button" onClick={again}>
            {t('invite.another')}
          </button>
        </div>
      </Page>
    );
  }

  return (
    <Page title={t('invite.title')} lead={t('invite.lead')}>
      <div class="panel narrow">
        <Form form={form} submit={t('invite.submit')}>
          <EmailField label={t('invite.email')} value={email} onValue={setEmail} form={form} autoComplete="off" />
          <TextField
            label={t('invite.displayName')}
            name="displayName"
            value={displayName}
            onValue={setDisplayName}
            required
            maxLength={200}
            {...form.fieldProps('displayName')}
          />
          <SelectField
            label={t('invite.country')}
            name="country"
            value={country}
            onValue={setCountry}
            hint={t('invite.countryHint')}
            required
            {...form.fieldProps('country')}
          >
            <option value="">{t('invite.choose')}</option>
            <CountryOptions />
          </SelectField>
          {ofCountry.length > 0 ? (
            <SelectField
              label={t('invite.registered')}
              name="organisationId"
              value={organisationId}
              onValue={pickOrganisation}
              hint={t('invite.registeredHint')}
              {...form.fieldProps('organisationId')}
            >
              <Options
                items={ofCountry}
                value={(o) => o.id}
                label={(o) => `${lang === 'es' ? o.nameEs : o.nameEn} (${o.code})`}
                empty={t('invite.registeredNone')}
              />
            </SelectField>
          ) : null}
          <TextField
            label={t('invite.organisation')}
            name="organisation"
            value={organisation}
            onValue={setOrganisation}
            hint={t('invite.organisationHint')}
            required
            maxLength={200}
            {...form.fieldProps('organisation')}
          />
          <SelectField
            label={t('invite.language')}
            name="language"
            value={language}
            onValue={(v) => setLanguage(v as Language)}
            hint={t('invite.languageHint')}
            {...form.fieldProps('language')}
          >
            <LanguageOptions />
          </SelectField>
          <RoleChecks legend={t('invite.roles')} hint={t('invite.rolesHint')} roles={roles} onRoles={setRoles} />
        </Form>
      </div>
    </Page>
  );
}
