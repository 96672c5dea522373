import { useState } from 'preact/hooks';
import { StateSelect } from '../../items/states.tsx';
import { countryName, sortedMembers } from '../../lib/countries.ts';
import { useI18n } from '../../lib/i18n/index.tsx';
import { ConfirmDialog, useAction } from '../../ui/dialog.tsx';
import { Options, SelectField, TextAreaField, TextField } from '../../ui/fields.tsx';
import { checkRequired, Form, Notice, useForm } from '../../ui/form.tsx';
import { Panel } from '../../ui/panel.tsx';
import { type Cell, type CellValues, clearCell, propose, REQUIREMENTS, type Requirement, setCell } from './api.ts';

export interface Target {
  mode: 'edit' | 'propose';
  destination: string;
  nationality: string;
}

const text = (value: string) => (value.trim() ? value : null);

/**
 * A cell's form: the Secretariat sets it (PUT), a contact point proposes a change to its own country's
 * row (the destination fixed to it). Days allowed only when nothing is required.
 */
export function CellForm({
  target,
  current,
  onDone,
  onCleared,
}: {
  target: Target;
  current: Cell | null;
  onDone: (cell: { destination: string; nationality: string }) => void;
  /** After the Secretariat cleared the cell. */
  onCleared: (cell: { destination: string; nationality: string }) => void;
}) {
  const { t, lang } = useI18n();
  const [sent, setSent] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const clearing = useAction();
  const propose_ = target.mode === 'propose';
  const form = useForm(
    {
      destination: target.destination,
      nationality: target.nationality,
      requirement: (current?.requirement ?? '') as Requirement | '',
      daysAllowed: current?.daysAllowed ? String(current.daysAllowed) : '',
      exceptionsEs: current?.exceptionsEs ?? '',
      exceptionsEn: current?.exceptionsEn ?? '',
      legalSource: current?.legalSource ?? '',
      effectiveOn: current?.effectiveOn ?? '',
      note: current?.note ?? '',
      reason: '',
    },
    async (v) => {
      const values: CellValues = {
        requirement: v.requirement,
        daysAllowed: v.requirement === 'none' && v.daysAllowed ? Number(v.daysAllowed) : null,
        exceptionsEs: text(v.exceptionsEs),
        exceptionsEn: text(v.exceptionsEn),
        legalSource: text(v.legalSource),
        effectiveOn: v.effectiveOn || null,
        note: text(v.note),
      };
      if (propose_) await propose({ ...values, destination: v.destination, nationality: v.nationality, reason: text(v.reason) });
      else await setCell(v.destination, v.nationality, values);
      setSent(true);
      onDone({ destination: v.destination, nationality: v.nationality });
    },
    (v) =>
      checkRequired(
        [
          ['destination', v.destination, t('entry.destination')],
          ['nationality', v.nationality, t('entry.nationality')],
          ['requirement', v.requirement, t('entry.requirementLabel')],
        ],
        t,
      ),
  );
  const title = propose_ ? t('entry.proposeTitle') : t('entry.editTitle');
  return (
    <Panel id="entry-cell-form" class="entry-detail" title={title}>
      {sent ? <Notice>{propose_ ? t('entry.proposed') : t('entry.saved')}</Notice> : null}
      <Form form={form} submit={propose_ ? t('entry.sendProposal') : t('entry.save')} beforeSubmit={() => setSent(false)}>
        {propose_ ? (
          <p>
            {t('entry.destination')}: <strong>{countryName(target.destination, lang, t)}</strong>
          </p>
        ) : (
          <SelectField label={t('entry.destination')} required {...form.bind('destination')}>
            <Options items={sortedMembers(lang, t)} value={(c) => c.code} label={(c) => c.name} empty={t('entry.chooseDestination')} />
          </SelectField>
        )}
        <StateSelect label={t('entry.nationality')} empty={t('entry.chooseNationality')} required {...form.bind('nationality')} />
        <SelectField label={t('entry.requirementLabel')} required {...form.bind('requirement')}>
          <Options items={REQUIREMENTS} label={(r) => t(`entry.requirement.${r}`)} empty={t('entry.chooseRequirement')} />
        </SelectField>
        {form.values.requirement === 'none' ? (
          <TextField label={t('entry.daysAllowed')} hint={t('entry.daysHint')} inputMode="numeric" maxLength={4} {...form.bind('daysAllowed')} />
        ) : null}
        <TextAreaField
          label={t('entry.exceptionsEs')}
          hint={t('entry.exceptionsHint')}
          prose
          rows={2}
          maxLength={2000}
          lang="es"
          {...form.bind('exceptionsEs')}
        />
        <TextAreaField label={t('entry.exceptionsEn')} prose rows={2} maxLength={2000} lang="en" {...form.bind('exceptionsEn')} />
        <TextField label={t('entry.legalSource')} maxLength={500} {...form.bind('legalSource')} />
        <TextField label={t('entry.effectiveOn')} type="date" {...form.bind('effectiveOn')} />
        <TextAreaField label={t('entry.note')} prose rows={2} maxLength={2000} {...form.bind('note')} />
        {propose_ ? <TextAreaField label={t('entry.reason')} prose rows={2} maxLength={2000} {...form.bind('reason')} /> : null}
      </Form>
      {!propose_ && current ? (
        <div class="actions">
          <button type="button" class="button button-danger button-small" onClick={() => setConfirming(true)}>
            {t('entry.clear')}
          </button>
        </div>
      ) : null}
      {confirming && current ? (
        <ConfirmDialog
          title={t('entry.clearTitle', {
            destination: countryName(current.destination, lang, t),
            nationality: countryName(current.nationality, lang, t),
          })}
          confirmLabel={t('entry.clear')}
          busy={clearing.busy}
          error={clearing.error}
          onCancel={() => setConfirming(false)}
          onConfirm={() =>
            clearing.run(
              () => clearCell(current.destination, current.nationality),
              () => {
                setConfirming(false);
                onCleared({ destination: current.destination, nationality: current.nationality });
              },
            )
          }
        >
          <p>{t('entry.clearText')}</p>
        </ConfirmDialog>
      ) : null}
    </Panel>
  );
}
