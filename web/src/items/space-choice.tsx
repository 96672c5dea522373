import { nameIn, useI18n } from '../lib/i18n/index.tsx';
import type { MySpace } from '../lib/session.tsx';
import { Options, SelectField } from '../ui/fields.tsx';
import type { FieldProps } from '../ui/form.tsx';

/**
 * The space a new item is written in: a select among those where I may write, or, when there is
 * only the one already chosen, a note saying which (and `note`, when given, below it).
 */
export function SpaceChoice({
  creatable,
  value,
  onValue,
  hint,
  note,
  known,
  fieldProps,
}: {
  creatable: MySpace[];
  /** Where else to find the chosen space (a draft's space may no longer be one where I may write). */
  known?: MySpace[] | null;
  value: string;
  onValue: (id: string) => void;
  hint: string;
  note?: string;
  fieldProps: (name: string) => FieldProps;
}) {
  const { t, lang } = useI18n();
  const space = creatable.find((s) => s.id === value) ?? known?.find((s) => s.id === value);
  if (creatable.length > 1 || !space) {
    return (
      <SelectField label={t('upload.space')} name="spaceId" value={value} onValue={onValue} required hint={hint} {...fieldProps('spaceId')}>
        <Options items={creatable} value={(s) => s.id} label={(s) => nameIn(lang, s)} empty={t('invite.choose')} />
      </SelectField>
    );
  }
  return (
    <>
      <p class="scope-note">{t('upload.inSpace', { space: nameIn(lang, space) })}</p>
      {note ? <p class="hint composer-space-hint">{note}</p> : null}
    </>
  );
}
