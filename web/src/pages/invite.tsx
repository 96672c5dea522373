import { useEffect, useState } from 'preact/hooks';
import { api, type Role, type User } from '../api.ts';

interface Organisation {
  id: string;
  code: string;
  country: string;
  nameEs: string;
  nameEn: string;
}
import { type Language, LANGUAGES, useI18n } from '../i18n/index.tsx';
import { checkRequired, CountryOptions, ErrorAlert, Notice, Page, RoleChecks, SelectField, Submit, TextField, useForm } from '../ui.tsx';


/** The Secretariat invites someone: the account is created at once and a single-use link is mailed. */
export function InvitePage() {
  const { t, lang } = useI18n();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [country, setCountry] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [organisationId, setOrganisationId] = useState('');
  const [registered, setRegistered] = useState<Organisation[]>([]);
  useEffect(() => {
    api<Organisation[]>('GET', '/api/organisations').then(setRegistered, () => setRegistered([]));
  }, []);
  const ofCountry = registered.filter((o) => o.country === country);
  const pickOrganisation = (id: string) => {
    setOrganisationId(id);
    const chosen = registered.find((o) => o.id === id);
    if (chosen && !organisation.trim()) setOrganisation(lang === 'es' ? chosen.nameEs : chosen.nameEn);
  };
  const [language, setLanguage] = useState<Language>(lang);
  const [roles, setRoles] = useState<Role[]>([]);
  const [invited, setInvited] = useState<User | null>(null);

  const form = useForm(
    async () => {
      const user = await api<User>('POST', '/api/invitations', {
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
        <form noValidate onSubmit={form.onSubmit} class="form">
          <ErrorAlert error={form.error} id={form.errorId} />
          <TextField
            label={t('invite.email')}
            name="email"
            type="email"
            autoComplete="off"
            value={email}
            onValue={setEmail}
            required
            maxLength={254}
            {...form.fieldProps('email')}
          />
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
              <option value="">{t('invite.registeredNone')}</option>
              {ofCountry.map((o) => (
                <option key={o.id} value={o.id}>
                  {lang === 'es' ? o.nameEs : o.nameEn} ({o.code})
                </option>
              ))}
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
            {LANGUAGES.map((code) => (
              <option key={code} value={code} lang={code}>
                {t(`lang.${code}`)}
              </option>
            ))}
          </SelectField>
          <RoleChecks legend={t('invite.roles')} hint={t('invite.rolesHint')} roles={roles} onRoles={setRoles} />
          <div class="actions">
            <Submit busy={form.busy}>{t('invite.submit')}</Submit>
          </div>
        </form>
      </div>
    </Page>
  );
}
