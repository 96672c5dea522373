/**
 * The Secretariat's edit of a return template: its titles, schedule, countries and observers at any
 * time; its period kind only while no return has been opened for it (the server says so in
 * `layoutLocked`, and refuses otherwise). The dimensions, columns and sections are shown, not
 * edited here: a different layout is a new template from a definition.
 */
import { useId } from 'preact/hooks';
import { sortedMembers } from '../../lib/countries.ts';
import { useI18n } from '../../lib/i18n/index.tsx';
import { Checks, Options, SelectField, TextField } from '../../ui/fields.tsx';
import { Form, useForm } from '../../ui/form.tsx';
import { editTemplate, PERIOD_KINDS, type PeriodKind, type Template, type TemplateChanges } from './api.ts';
import { dimensionsOf, label, titleOf } from './parts.tsx';

interface Values {
  titleEs: string;
  titleEn: string;
  periodKind: PeriodKind;
  dueDays: string;
  dueOn: string;
  countries: string[];
  observersContribute: boolean;
}

/** What the form sends: every editable field, the period kind and the one-off date only when they change. */
function changesOf(template: Template, v: Values): TemplateChanges {
  const once = v.periodKind === 'once';
  return {
    titleEs: v.titleEs,
    titleEn: v.titleEn,
    ...(v.periodKind === template.periodKind ? {} : { periodKind: v.periodKind }),
    ...(once ? { dueOn: v.dueOn } : { dueDays: Number(v.dueDays), ...(template.dueOn ? { dueOn: null } : {}) }),
    countries: v.countries,
    observersContribute: v.observersContribute,
  };
}

export function EditTemplate({ template, onSaved, onCancel }: { template: Template; onSaved: (saved: Template) => void; onCancel: () => void }) {
  const { t, lang } = useI18n();
  const headingId = useId();
  const lockedId = useId();
  const observersId = useId();
  const form = useForm<Values>(
    {
      titleEs: template.titleEs,
      titleEn: template.titleEn,
      periodKind: template.periodKind,
      dueDays: String(template.dueDays),
      dueOn: template.dueOn ?? '',
      countries: template.countries,
      observersContribute: template.observersContribute,
    },
    async (values) => onSaved(await editTemplate(template.id, changesOf(template, values))),
    (v) =>
      !v.titleEs.trim()
        ? { message: t('form.required', { field: t('returns.titleEs') }), field: 'titleEs' }
        : !v.titleEn.trim()
          ? { message: t('form.required', { field: t('returns.titleEn') }), field: 'titleEn' }
          : v.periodKind !== 'once' && !/^\d{1,3}$/.test(v.dueDays.trim())
            ? { message: t('returns.dueDaysInvalid'), field: 'dueDays' }
            : v.periodKind === 'once' && !v.dueOn
              ? { message: t('form.required', { field: t('returns.dueOnField') }), field: 'dueOn' }
              : v.countries.length === 0
                ? { message: t('returns.countriesRequired'), field: 'countries' }
                : null,
  );
  const v = form.values;
  const locked = template.layoutLocked === true;
  const layout =
    template.kind === 'matrix'
      ? t('returns.layoutMatrix', { dimensions: dimensionsOf(lang, template), columns: template.columns.length })
      : t('returns.layoutWritten', { sections: template.sections.map((s) => label(lang, s)).join(', ') });
  return (
    <section class="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('returns.editTitle', { title: titleOf(lang, template) })}</h2>
      <Form
        form={form}
        submit={t('returns.saveTemplate')}
        actions={
          <button type="button" class="button button-secondary" onClick={onCancel}>
            {t('returns.cancel')}
          </button>
        }
      >
        <TextField label={t('returns.titleEs')} required maxLength={200} lang="es" {...form.bind('titleEs')} />
        <TextField label={t('returns.titleEn')} required maxLength={200} lang="en" {...form.bind('titleEn')} />
        <fieldset class="checks" aria-describedby={lockedId}>
          <legend>{t('returns.layout')}</legend>
          <p class="hint" id={lockedId}>
            {locked ? t('returns.layoutLocked') : t('returns.layoutOpen')}
          </p>
          <p>
            {t(`returns.kind.${template.kind}`)}: {layout}
          </p>
          <SelectField label={t('returns.periodKindField')} disabled={locked} {...form.bind('periodKind')}>
            <Options items={PERIOD_KINDS} label={(k) => t(`returns.periodKind.${k}`)} />
          </SelectField>
        </fieldset>
        {v.periodKind === 'once' ? (
          <TextField type="date" label={t('returns.dueOnField')} required {...form.bind('dueOn')} />
        ) : (
          <TextField
            label={t('returns.dueDays')}
            hint={t('returns.dueDaysHint')}
            inputMode="numeric"
            maxLength={3}
            required
            {...form.bind('dueDays')}
          />
        )}
        <fieldset class="field checks" aria-invalid={form.fieldProps('countries').invalid ? 'true' : undefined}>
          <legend>{t('returns.countries')}</legend>
          <p class="hint">{t('returns.countriesHint')}</p>
          <Checks
            name="countries"
            items={sortedMembers(lang, t)}
            value={(c) => c.code}
            label={(c) => c.name}
            chosen={v.countries}
            onChosen={(chosen) => form.set('countries', chosen)}
          />
        </fieldset>
        <div class="field field-check">
          <input
            id={observersId}
            type="checkbox"
            name="observersContribute"
            checked={v.observersContribute}
            onChange={(e) => form.set('observersContribute', e.currentTarget.checked)}
          />
          <label for={observersId}>{t('returns.observersField')}</label>
        </div>
      </Form>
    </section>
  );
}
