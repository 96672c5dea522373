import { useI18n } from '../../lib/i18n/index.tsx';
import { Options, SelectField, TextField } from '../../ui/fields.tsx';
import { Form, useForm } from '../../ui/form.tsx';
import { CONTACT_KINDS, type ContactKind, type Entry, editEntry } from './api.ts';

interface ContactValues {
  kind: ContactKind;
  name: string;
  title: string;
  organisation: string;
  email: string;
  phone: string;
  mobile: string;
}

interface Values {
  organisation: string;
  officePhone: string;
  mobilePhone: string;
  line24h: string;
  languages: string;
  contacts: ContactValues[];
}

const blank = (value: string) => value.trim() || null;

const valuesOf = (e: Entry): Values => ({
  organisation: e.organisation ?? '',
  officePhone: e.officePhone ?? '',
  mobilePhone: e.mobilePhone ?? '',
  line24h: e.line24h ?? '',
  languages: e.languages.join(', '),
  contacts: e.contacts.map((c) => ({
    kind: c.kind,
    name: c.name,
    title: c.title ?? '',
    organisation: c.organisation ?? '',
    email: c.email ?? '',
    phone: c.phone ?? '',
    mobile: c.mobile ?? '',
  })),
});

/** Editing a country's entry: its own fields, then the further contacts (added and removed here, sent as one list). */
export function EntryForm({ entry, country, onDone }: { entry: Entry; country: string; onDone: (entry: Entry | null) => void }) {
  const { t } = useI18n();
  const form = useForm(
    valuesOf(entry),
    async (v) => {
      const saved = await editEntry(entry.id, {
        organisation: blank(v.organisation),
        officePhone: blank(v.officePhone),
        mobilePhone: blank(v.mobilePhone),
        line24h: blank(v.line24h),
        languages: [
          ...new Set(
            v.languages
              .split(/[,\s]+/)
              .map((l) => l.trim().toLowerCase())
              .filter(Boolean),
          ),
        ],
        contacts: v.contacts.map((c) => ({
          kind: c.kind,
          name: c.name.trim(),
          title: blank(c.title),
          organisation: blank(c.organisation),
          email: blank(c.email),
          phone: blank(c.phone),
          mobile: blank(c.mobile),
        })),
      });
      onDone(saved);
    },
    (v) => {
      const unnamed = v.contacts.findIndex((c) => !c.name.trim());
      return unnamed >= 0 ? { message: t('form.required', { field: t('directory.contactName') }), field: `body.contacts.${unnamed}.name` } : null;
    },
    { nested: true },
  );
  const v = form.values;
  const setContact = (i: number, patch: Partial<ContactValues>) =>
    form.set(
      'contacts',
      v.contacts.map((c, j) => (j === i ? { ...c, ...patch } : c)),
    );
  const contactField = (i: number, name: keyof Omit<ContactValues, 'kind'>) => ({
    name: `body.contacts.${i}.${name}`,
    value: v.contacts[i]![name],
    onValue: (value: string) => setContact(i, { [name]: value }),
    ...form.fieldProps(`body.contacts.${i}.${name}`),
  });
  const field = (name: keyof Omit<Values, 'contacts'>) => ({ ...form.bind(name), ...form.fieldProps(`body.${name}`), name: `body.${name}` });
  return (
    <Form
      form={form}
      class="form directory-form no-print"
      submit={t('directory.save')}
      actions={
        <button type="button" class="button button-secondary" onClick={() => onDone(null)}>
          {t('directory.cancel')}
        </button>
      }
      intro={<h3>{t('directory.editTitle', { country })}</h3>}
    >
      <TextField label={t('directory.organisation')} maxLength={300} {...field('organisation')} />
      <div class="field-row">
        <TextField label={t('directory.officePhone')} hint={t('directory.phoneHint')} maxLength={40} autoComplete="off" {...field('officePhone')} />
        <TextField label={t('directory.mobilePhone')} maxLength={40} autoComplete="off" {...field('mobilePhone')} />
        <TextField label={t('directory.line24h')} maxLength={40} autoComplete="off" {...field('line24h')} />
      </div>
      <TextField label={t('directory.languages')} hint={t('directory.languagesHint')} maxLength={60} {...field('languages')} />
      <fieldset class="directory-form-contacts">
        <legend>{t('directory.contacts')}</legend>
        {v.contacts.map((c, i) => (
          <fieldset key={i} class="directory-form-contact">
            <legend>{t('directory.contactNumber', { number: i + 1 })}</legend>
            <SelectField
              label={t('directory.contactKind')}
              name={`body.contacts.${i}.kind`}
              value={c.kind}
              onValue={(kind) => setContact(i, { kind: kind as ContactKind })}
            >
              <Options items={CONTACT_KINDS} label={(k) => t(`directory.kind.${k}`)} />
            </SelectField>
            <TextField label={t('directory.contactName')} required maxLength={200} {...contactField(i, 'name')} />
            <TextField label={t('directory.contactTitle')} maxLength={200} {...contactField(i, 'title')} />
            <TextField label={t('directory.contactOrganisation')} maxLength={300} {...contactField(i, 'organisation')} />
            <TextField label={t('directory.contactEmail')} type="email" maxLength={254} {...contactField(i, 'email')} />
            <TextField label={t('directory.contactPhone')} maxLength={40} {...contactField(i, 'phone')} />
            <TextField label={t('directory.contactMobile')} maxLength={40} {...contactField(i, 'mobile')} />
            <button
              type="button"
              class="button button-secondary"
              onClick={() =>
                form.set(
                  'contacts',
                  v.contacts.filter((_, j) => j !== i),
                )
              }
            >
              {t('directory.removeContact', { number: i + 1 })}
            </button>
          </fieldset>
        ))}
        <button
          type="button"
          class="button button-secondary"
          onClick={() =>
            form.set('contacts', [...v.contacts, { kind: 'duty', name: '', title: '', organisation: '', email: '', phone: '', mobile: '' }])
          }
        >
          {t('directory.addContact')}
        </button>
      </fieldset>
    </Form>
  );
}
