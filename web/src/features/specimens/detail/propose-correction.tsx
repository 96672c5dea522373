import { useState } from 'preact/hooks';
import type { Reference } from '../../../items/reference.ts';
import type { Translate } from '../../../lib/i18n/index.tsx';
import { useI18n } from '../../../lib/i18n/index.tsx';
import { SelectField, TextAreaField, TextField } from '../../../ui/fields.tsx';
import { Form, Notice, useForm } from '../../../ui/form.tsx';
import { type Correction, type NewCorrection, proposeCorrection, type SpecimenContent, type SpecimenView } from '../api.ts';
import { IssuerSelect, TermOptions } from '../selects.tsx';

/** The fields a correction may change, in the order offered. */
const CORRECTABLE = ['documentType', 'issuingCountry', 'series', 'version', 'issuedFrom', 'issuedTo', 'category', 'description'] as const;
type Correctable = (typeof CORRECTABLE)[number];

/** The fields a correction may name (more than those offered here: the server's own proposals), each with its label. */
const LABELLED = [...CORRECTABLE, 'forgeryKind', 'features', 'detection', 'documentNumber', 'holderNames'] as const;

/** A field of a specimen in words, or its name when this version does not know it. */
export function fieldLabel(field: string, t: Translate): string {
  return (LABELLED as readonly string[]).includes(field) ? t(`specimen.${field as (typeof LABELLED)[number]}`) : field;
}

/** Proposing a change of one field, with a comment the originator reads. */
export function ProposeCorrection({
  view,
  specimen: s,
  reference,
  onProposed,
}: {
  view: SpecimenView;
  specimen: SpecimenContent;
  reference: Reference | null;
  onProposed: (c: Correction) => void;
}) {
  const { t } = useI18n();
  const currentValue = (f: Correctable) => {
    const v = s[f];
    return v === null || v === undefined ? '' : String(v);
  };
  const [sent, setSent] = useState(false);
  const form = useForm(
    { field: 'series' as Correctable, value: currentValue('series'), forgeryKind: s.forgeryKind ?? '', comment: '' },
    async ({ field, value, forgeryKind, comment }) => {
      const changes: NewCorrection['changes'] = {};
      if (field === 'issuedFrom' || field === 'issuedTo') changes[field] = value ? Number(value) : null;
      else if (field === 'series' || field === 'version') changes[field] = value.trim() || null;
      else if (field === 'description') changes[field] = value.trim();
      else changes[field] = value;
      if (field === 'category') changes.forgeryKind = value === 'forgery' ? forgeryKind : null;
      const created = await proposeCorrection(view.id, { changes, comment: comment.trim() });
      onProposed(created);
      form.set('comment', '');
      setSent(true);
    },
    ({ field, value, forgeryKind, comment }) => {
      setSent(false);
      if ((field === 'issuedFrom' || field === 'issuedTo') && value && !/^\d{4}$/.test(value))
        return { message: t('upload.yearFormat'), field: 'value' };
      if (['documentType', 'issuingCountry', 'category'].includes(field) && !value)
        return { message: t('form.required', { field: fieldLabel(field, t) }), field: 'value' };
      if (field === 'category' && value === 'forgery' && !forgeryKind)
        return { message: t('form.required', { field: t('specimen.forgeryKind') }), field: 'forgeryKind' };
      if (!comment.trim()) return { message: t('form.required', { field: t('corrections.comment') }), field: 'comment' };
      return null;
    },
  );
  const { field, value } = form.values;
  const valueControl = () => {
    const props = { label: t('corrections.newValue', { field: fieldLabel(field, t) }), ...form.bind('value') };
    switch (field) {
      case 'documentType':
      case 'category': {
        const list = field === 'documentType' ? reference?.documentTypes : reference?.categories;
        return (
          <SelectField {...props}>
            <TermOptions terms={list} />
          </SelectField>
        );
      }
      case 'issuingCountry':
        return <IssuerSelect {...props} reference={reference} />;
      case 'description':
        return <TextAreaField {...props} prose rows={5} maxLength={10_000} />;
      case 'issuedFrom':
      case 'issuedTo':
        return <TextField {...props} inputMode="numeric" maxLength={4} />;
      default:
        return <TextField {...props} maxLength={100} />;
    }
  };
  return (
    <Form
      form={form}
      class="form sub-form"
      labelledBy="correction-form-title"
      submit={t('corrections.submit')}
      intro={
        <>
          <h3 id="correction-form-title">{t('corrections.propose')}</h3>
          <p class="hint">{t('corrections.proposeHint')}</p>
          {sent ? <Notice>{t('corrections.sent')}</Notice> : null}
        </>
      }
    >
      <SelectField label={t('corrections.field')} name="field" value={field} onValue={(f) => form.setValues({ field: f, value: currentValue(f) })}>
        {CORRECTABLE.map((f) => (
          <option key={f} value={f}>
            {fieldLabel(f, t)}
          </option>
        ))}
      </SelectField>
      {valueControl()}
      {field === 'category' && value === 'forgery' ? (
        <SelectField label={t('specimen.forgeryKind')} {...form.bind('forgeryKind')}>
          <TermOptions terms={reference?.forgeryKinds} empty={t('invite.choose')} />
        </SelectField>
      ) : null}
      <TextAreaField label={t('corrections.comment')} prose rows={3} maxLength={2000} hint={t('corrections.commentHint')} {...form.bind('comment')} />
    </Form>
  );
}
