/** Registering an organisation, and changing one: names, kind (where it stays in place), nothing else. */
import { sortedMembers } from '../../lib/countries.ts';
import { nameIn, useI18n } from '../../lib/i18n/index.tsx';
import { Options, SelectField, TextField } from '../../ui/fields.tsx';
import { checkRequired, Form, useForm } from '../../ui/form.tsx';
import { Panel } from '../../ui/panel.tsx';
import { createOrganisation, KINDS, kindsFrom, OF_A_COUNTRY, type Organisation, type OrganisationKind, updateOrganisation } from './api.ts';

const NAME_MAX = 300;
const EMPTY = { code: '', kind: 'partner' as OrganisationKind, country: '', nameEs: '', nameEn: '' };

/** A new organisation: its code, kind, country (for a country's authority) and names in both languages. */
export function NewOrganisation({ onCreated }: { onCreated: (organisation: Organisation) => void }) {
  const { t, lang } = useI18n();
  const form = useForm(
    EMPTY,
    async ({ code, kind, country, nameEs, nameEn }) => {
      const own = code.trim().toUpperCase();
      const created = await createOrganisation({
        code: own,
        kind,
        country: OF_A_COUNTRY.includes(kind) ? country : own,
        nameEs: nameEs.trim(),
        nameEn: nameEn.trim(),
      });
      form.reset();
      onCreated(created);
    },
    ({ code, kind, country, nameEs, nameEn }) =>
      checkRequired(
        [
          ['code', code.trim(), t('organisations.code')],
          ...(OF_A_COUNTRY.includes(kind) ? [['country', country, t('organisations.country')] as [string, string, string]] : []),
          ['nameEs', nameEs.trim(), t('organisations.nameEs')],
          ['nameEn', nameEn.trim(), t('organisations.nameEn')],
        ],
        t,
      ),
  );
  const ofACountry = OF_A_COUNTRY.includes(form.values.kind);
  return (
    <Panel id="new-organisation" title={t('organisations.newTitle')}>
      <p class="hint panel-lead">{t('organisations.newLead')}</p>
      <Form form={form} submit={t('organisations.create')}>
        <SelectField label={t('organisations.kind')} hint={t(`organisations.kindHint.${form.values.kind}`)} {...form.bind('kind')}>
          <Options items={KINDS} label={(k) => t(`organisationKind.${k}`)} />
        </SelectField>
        <TextField
          label={t('organisations.code')}
          hint={ofACountry ? t('organisations.codeHintAuthority') : t('organisations.codeHintOwn')}
          required
          code
          maxLength={ofACountry ? 40 : 5}
          {...form.bind('code')}
        />
        {ofACountry ? (
          <SelectField label={t('organisations.country')} required {...form.bind('country')}>
            <Options items={sortedMembers(lang, t)} value={(c) => c.code} label={(c) => `${c.name} (${c.code})`} empty={t('organisations.choose')} />
          </SelectField>
        ) : null}
        <TextField label={t('organisations.nameEs')} required lang="es" maxLength={NAME_MAX} {...form.bind('nameEs')} />
        <TextField label={t('organisations.nameEn')} required lang="en" maxLength={NAME_MAX} {...form.bind('nameEn')} />
      </Form>
    </Panel>
  );
}

/** Changing an organisation: its names and, within its group, its kind. The code and country stay. */
export function EditOrganisation({
  organisation,
  onSaved,
  onCancel,
}: {
  organisation: Organisation;
  onSaved: (organisation: Organisation) => void;
  onCancel: () => void;
}) {
  const { t, lang } = useI18n();
  const form = useForm(
    { nameEs: organisation.nameEs, nameEn: organisation.nameEn, kind: organisation.kind },
    async ({ nameEs, nameEn, kind }) => onSaved(await updateOrganisation(organisation.id, { nameEs: nameEs.trim(), nameEn: nameEn.trim(), kind })),
    ({ nameEs, nameEn }) =>
      checkRequired(
        [
          ['nameEs', nameEs.trim(), t('organisations.nameEs')],
          ['nameEn', nameEn.trim(), t('organisations.nameEn')],
        ],
        t,
      ),
  );
  const kinds = kindsFrom(organisation.kind);
  return (
    <Panel id="edit-organisation" title={t('organisations.editTitle', { name: nameIn(lang, organisation) })}>
      <p class="hint panel-lead">{t('organisations.editLead', { code: organisation.code })}</p>
      <Form
        form={form}
        submit={t('organisations.save')}
        actions={
          <button type="button" class="button button-secondary" onClick={onCancel}>
            {t('organisations.cancel')}
          </button>
        }
      >
        <SelectField
          label={t('organisations.kind')}
          hint={kinds.length > 1 ? t(`organisations.kindHint.${form.values.kind}`) : t('organisations.kindFixed')}
          disabled={kinds.length < 2}
          {...form.bind('kind')}
        >
          <Options items={kinds} label={(k) => t(`organisationKind.${k}`)} />
        </SelectField>
        <TextField label={t('organisations.nameEs')} required lang="es" maxLength={NAME_MAX} {...form.bind('nameEs')} />
        <TextField label={t('organisations.nameEn')} required lang="en" maxLength={NAME_MAX} {...form.bind('nameEn')} />
      </Form>
    </Panel>
  );
}
