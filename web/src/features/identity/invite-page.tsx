import { useState } from 'preact/hooks';
import { useI18n } from '../../lib/i18n/index.tsx';
import type { Role, User } from '../../lib/session.tsx';
import { useResource } from '../../lib/use-resource.ts';
import { Options, SelectField, TextField } from '../../ui/fields.tsx';
import { checkRequired, Form, Notice, useForm } from '../../ui/form.tsx';
import { Page } from '../../ui/page.tsx';
import { CountryOptions, LanguageOptions, RoleChecks } from './account-choices.tsx';
import { fetchOrganisations, invite } from './api.ts';
import { EmailField } from './fields.tsx';

/** Who is invited, as typed: all but the language go once the invitation is sent, for another. */
const NO_INVITEE = { email: '', displayName: '', country: '', organisation: '', organisationId: '', roles: [] as Role[] };

/** The Secretariat invites someone: the account is created at once and a single-use link is mailed. */
export function InvitePage() {
  const { t, lang } = useI18n();
  const [invited, setInvited] = useState<User | null>(null);
  // The organisations registered for the country chosen, to tie the account to one of them.
  const registered = useResource(() => fetchOrganisations(true), []).data ?? [];
  const form = useForm(
    { ...NO_INVITEE, language: lang },
    async ({ email, displayName, country, organisation, organisationId, language, roles }) => {
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
    ({ email, displayName, country, organisation }) =>
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
  const ofCountry = registered.filter((o) => o.country === form.values.country);
  // An observer's or partner's code names one organisation: choosing it ties the account to it.
  const pickCountry = (country: string) => {
    const own = registered.find((o) => o.code === country && o.country === country);
    form.setValues(
      own ? { country, organisationId: own.id, organisation: lang === 'es' ? own.nameEs : own.nameEn } : { country, organisationId: '' },
    );
  };
  const pickOrganisation = (id: string) => {
    const chosen = registered.find((o) => o.id === id);
    const organisation = chosen && !form.values.organisation.trim() ? { organisation: lang === 'es' ? chosen.nameEs : chosen.nameEn } : {};
    form.setValues({ organisationId: id, ...organisation });
  };

  const again = () => {
    setInvited(null);
    form.setValues(NO_INVITEE);
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
          <EmailField label={t('invite.email')} autoComplete="off" {...form.bind('email')} />
          <TextField label={t('invite.displayName')} required maxLength={200} {...form.bind('displayName')} />
          <SelectField label={t('invite.country')} hint={t('invite.countryHint')} required {...form.bind('country')} onValue={pickCountry}>
            <option value="">{t('invite.choose')}</option>
            <CountryOptions organisations={registered} />
          </SelectField>
          {ofCountry.length > 0 ? (
            <SelectField label={t('invite.registered')} hint={t('invite.registeredHint')} {...form.bind('organisationId')} onValue={pickOrganisation}>
              <Options
                items={ofCountry}
                value={(o) => o.id}
                label={(o) => `${lang === 'es' ? o.nameEs : o.nameEn} (${o.code})`}
                empty={t('invite.registeredNone')}
              />
            </SelectField>
          ) : null}
          <TextField label={t('invite.organisation')} hint={t('invite.organisationHint')} required maxLength={200} {...form.bind('organisation')} />
          <SelectField label={t('invite.language')} hint={t('invite.languageHint')} {...form.bind('language')}>
            <LanguageOptions />
          </SelectField>
          <RoleChecks
            legend={t('invite.roles')}
            hint={t('invite.rolesHint')}
            roles={form.values.roles}
            onRoles={(roles) => form.set('roles', roles)}
          />
        </Form>
      </div>
    </Page>
  );
}
