/**
 * One person of a record — the person detected, a minor, an accompanying adult: names (the one in
 * the document first, then aliases and transliterations), sex, date of birth, place of birth,
 * nationalities, and the documents used. Every field is named by its place in the API's body
 * (`group.minors.1.dateOfBirth`), so that an error the server names there marks and focuses it.
 */
import type { ComponentChildren } from 'preact';
import { StateSelect } from '../../../items/states.tsx';
import { StatesPicker } from '../../../items/states-picker.tsx';
import { useI18n } from '../../../lib/i18n/index.tsx';
import { SelectField, TextField } from '../../../ui/fields.tsx';
import type { FieldProps } from '../../../ui/form.tsx';
import { type PersonReference, TermOptions } from '../reference.tsx';
import { type DocumentValues, emptyDocument, type IndividualValues, MAX_DOCUMENTS, MAX_NAMES } from './values.ts';

export interface IndividualProps<V extends IndividualValues> {
  /** Where it is in the body: `person`, `group.minors.0`, `group.adults.2`. */
  path: string;
  value: V;
  onValue: (value: V) => void;
  fieldProps: (name: string) => FieldProps;
  reference: PersonReference | null;
}

/** Binds one text-like field of a person by its name under `path`. */
function bound<V extends IndividualValues, K extends keyof V & string>(
  { path, value, onValue, fieldProps }: IndividualProps<V>,
  key: K,
): { name: string; value: V[K]; onValue: (v: V[K]) => void; invalid: boolean; describedBy?: string } {
  return { name: `${path}.${key}`, value: value[key], onValue: (v) => onValue({ ...value, [key]: v }), ...fieldProps(`${path}.${key}`) };
}

export function IndividualFields<V extends IndividualValues>({ children, ...props }: IndividualProps<V> & { children?: ComponentChildren }) {
  const { t } = useI18n();
  const { path, value, onValue, fieldProps, reference } = props;
  const names = value.names;
  const setName = (i: number, name: string) => onValue({ ...value, names: names.map((n, j) => (j === i ? name : n)) });
  return (
    <>
      <div class="person-names">
        {names.map((name, i) => (
          <div key={i} class="person-name-row">
            <TextField
              label={i === 0 ? t('personForm.name') : t('personForm.otherName', { n: i + 1 })}
              hint={i === 0 ? t('personForm.nameHint') : undefined}
              required={i === 0}
              maxLength={200}
              name={`${path}.names.${i}`}
              value={name}
              onValue={(v) => setName(i, v)}
              {...fieldProps(`${path}.names.${i}`)}
            />
            {i > 0 ? (
              <button
                type="button"
                class="button button-secondary button-small"
                aria-label={t('personForm.removeNameN', { n: i + 1 })}
                onClick={() => onValue({ ...value, names: names.filter((_, j) => j !== i) })}
              >
                {t('personForm.remove')}
              </button>
            ) : null}
          </div>
        ))}
        {names.length < MAX_NAMES ? (
          <button type="button" class="button button-secondary button-small" onClick={() => onValue({ ...value, names: [...names, ''] })}>
            {t('personForm.addName')}
          </button>
        ) : null}
      </div>
      <div class="field-pair">
        <SelectField label={t('person.sex')} {...bound(props, 'sex')}>
          <TermOptions terms={reference?.sexes} empty={t('personForm.notKnown')} />
        </SelectField>
        <TextField
          label={t('personForm.dateOfBirth')}
          hint={t('personForm.dateOfBirthHint')}
          maxLength={10}
          inputMode="text"
          {...bound(props, 'dateOfBirth')}
        />
      </div>
      {children}
      <TextField label={t('personForm.placeOfBirth')} maxLength={160} {...bound(props, 'placeOfBirth')} />
      <StatesPicker label={t('person.nationalities')} hint={t('personForm.nationalitiesHint')} {...bound(props, 'nationalities')} />
      <Documents {...props} />
    </>
  );
}

/** The documents a person used, each a group of its own: type, issuer, number, and the specimen it matches. */
function Documents<V extends IndividualValues>({ path, value, onValue, fieldProps, reference }: IndividualProps<V>) {
  const { t } = useI18n();
  const documents = value.documents;
  const set = (i: number, change: Partial<DocumentValues>) =>
    onValue({ ...value, documents: documents.map((d, j) => (j === i ? { ...d, ...change } : d)) });
  const at = (i: number, field: string) => `${path}.documents.${i}.${field}`;
  return (
    <div class="person-documents">
      {documents.map((doc, i) => (
        <fieldset key={i} class="person-document">
          <legend>{t('personForm.documentN', { n: i + 1 })}</legend>
          <div class="field-pair">
            <SelectField
              label={t('person.documentType')}
              required
              name={at(i, 'documentType')}
              value={doc.documentType}
              onValue={(documentType) => set(i, { documentType })}
              {...fieldProps(at(i, 'documentType'))}
            >
              <TermOptions terms={reference?.documentTypes} empty={t('invite.choose')} />
            </SelectField>
            <StateSelect
              label={t('person.issuer')}
              empty={t('invite.choose')}
              required
              name={at(i, 'issuer')}
              value={doc.issuer}
              onValue={(issuer) => set(i, { issuer })}
              {...fieldProps(at(i, 'issuer'))}
            />
            <TextField
              label={t('personForm.documentNumber')}
              code
              maxLength={60}
              name={at(i, 'number')}
              value={doc.number}
              onValue={(number) => set(i, { number })}
              {...fieldProps(at(i, 'number'))}
            />
            <TextField
              label={t('personForm.specimen')}
              hint={t('personForm.specimenHint')}
              maxLength={300}
              name={at(i, 'specimenId')}
              value={doc.specimen}
              onValue={(specimen) => set(i, { specimen })}
              {...fieldProps(at(i, 'specimenId'))}
            />
          </div>
          <button
            type="button"
            class="button button-secondary button-small"
            onClick={() => onValue({ ...value, documents: documents.filter((_, j) => j !== i) })}
          >
            {t('personForm.removeDocumentN', { n: i + 1 })}
          </button>
        </fieldset>
      ))}
      {documents.length < MAX_DOCUMENTS ? (
        <button
          type="button"
          class="button button-secondary button-small"
          onClick={() => onValue({ ...value, documents: [...documents, emptyDocument()] })}
        >
          {t('personForm.addDocument')}
        </button>
      ) : null}
    </div>
  );
}
