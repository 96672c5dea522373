/** The fields of the kinds other than routes: modus operandi, acquisition methods, networks, operations. */

import { StatesPicker } from '../../../items/states-picker.tsx';
import { useI18n } from '../../../lib/i18n/index.tsx';
import { Checks, SelectField, TextAreaField, TextField } from '../../../ui/fields.tsx';
import type { Binder } from '../../../ui/form.tsx';
import type { ReportReference, ReportTerm } from '../reference.ts';
import { TermOptions } from '../selects.tsx';
import type { ComposerValues } from './values.ts';

/** A checkbox per term of a vocabulary, bound to a list of codes. */
export function TermChecks({
  label,
  terms,
  bind,
  name,
}: {
  label: string;
  terms: readonly ReportTerm[] | undefined;
  bind: Binder<ComposerValues>;
  name: 'documentTypes' | 'roles';
}) {
  const { lang } = useI18n();
  const field = bind(name);
  return (
    <fieldset class="field checks" aria-describedby={field.describedBy}>
      <legend>{label}</legend>
      <Checks name={name} items={terms ?? []} value={(x) => x.code} label={(x) => x[lang]} chosen={field.value} onChosen={field.onValue} />
    </fieldset>
  );
}

export function ModusOperandiFields({ bind, reference }: { bind: Binder<ComposerValues>; reference: ReportReference | null }) {
  const { t } = useI18n();
  return (
    <>
      <SelectField label={t('report.category')} required {...bind('moCategory')}>
        <TermOptions terms={reference?.modusOperandi} empty={t('invite.choose')} />
      </SelectField>
      <TermChecks label={t('report.documentTypes')} terms={reference?.documentTypes} bind={bind} name="documentTypes" />
      <TextAreaField label={t('report.indicators')} prose rows={4} maxLength={20_000} {...bind('indicators')} />
      <TextAreaField label={t('report.countermeasures')} prose rows={4} maxLength={20_000} {...bind('countermeasures')} />
    </>
  );
}

export function AcquisitionFields({ bind, reference }: { bind: Binder<ComposerValues>; reference: ReportReference | null }) {
  const { t } = useI18n();
  return (
    <>
      <SelectField label={t('report.method')} required {...bind('method')}>
        <TermOptions terms={reference?.acquisitionMethods} empty={t('invite.choose')} />
      </SelectField>
      <TermChecks label={t('report.documentTypes')} terms={reference?.documentTypes} bind={bind} name="documentTypes" />
      <StatesPicker label={t('report.issuers')} {...bind('issuers')} />
      <div class="field-pair">
        <TextField label={t('report.costAmount')} maxLength={14} {...bind('costAmount')} />
        <TextField label={t('report.costCurrency')} code maxLength={3} {...bind('costCurrency')} />
      </div>
      <TextAreaField label={t('report.process')} prose rows={4} maxLength={20_000} {...bind('process')} />
      <TextAreaField label={t('report.indicators')} prose rows={4} maxLength={20_000} {...bind('indicators')} />
    </>
  );
}

export function NetworkFields({ bind, reference }: { bind: Binder<ComposerValues>; reference: ReportReference | null }) {
  const { t } = useI18n();
  return (
    <>
      <TextAreaField label={t('report.names')} prose rows={3} hint={t('reportCompose.namesHint')} {...bind('names')} />
      <SelectField label={t('report.size')} required {...bind('size')}>
        <TermOptions terms={reference?.networkSizes} empty={t('invite.choose')} />
      </SelectField>
      <TermChecks label={t('report.roles')} terms={reference?.networkRoles} bind={bind} name="roles" />
      <TextAreaField label={t('report.recruitment')} prose rows={3} maxLength={20_000} {...bind('recruitment')} />
      <TextAreaField label={t('report.payment')} prose rows={3} maxLength={20_000} {...bind('payment')} />
      <TextAreaField label={t('report.communication')} prose rows={3} maxLength={20_000} {...bind('communication')} />
    </>
  );
}

export function OperationFields({ bind, reference }: { bind: Binder<ComposerValues>; reference: ReportReference | null }) {
  const { t } = useI18n();
  const results = ['migrantsAssisted', 'smugglersDetained', 'documentsSeized', 'victimsReferred'] as const;
  return (
    <>
      <SelectField label={t('report.operationKind')} required {...bind('operationKind')}>
        <TermOptions terms={reference?.operationKinds} empty={t('invite.choose')} />
      </SelectField>
      <TextAreaField label={t('report.agencies')} prose rows={3} maxLength={20_000} {...bind('agencies')} />
      <TextAreaField label={t('report.places')} prose rows={3} hint={t('reportCompose.onePerLine')} {...bind('places')} />
      <div class="field-pair">
        {results.map((r) => (
          <TextField key={r} label={t(`report.results.${r}`)} inputMode="numeric" maxLength={9} {...bind(r)} />
        ))}
      </div>
      <TextAreaField label={t('report.lessons')} prose rows={4} maxLength={20_000} {...bind('lessons')} />
    </>
  );
}
