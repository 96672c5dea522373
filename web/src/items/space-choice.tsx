import { nameIn, useI18n } from '../lib/i18n/index.tsx';
import type { MySpace } from '../lib/session.tsx';
import { Options, SelectField } from '../ui/fields.tsx';
import type { Bound } from '../ui/form.tsx';

/**
 * The space a new item is written in (bound as `spaceId`): a select among those where I may write,
 * or, when there is only the one already chosen, a note saying which (and `note`, when given, below it).
 */
export function SpaceChoice({
  creatable,
  hint,
  note,
  known,
  ...field
}: Bound & {
  creatable: MySpace[];
  /** Where else to find the chosen space (a draft's space may no longer be one where I may write). */
  known?: MySpace[] | null;
  hint: string;
  note?: string;
}) {
  const { t, lang } = useI18n();
  const space = creatable.find((s) => s.id === field.value) ?? known?.find((s) => s.id === field.value);
  if (creatable.length > 1 || !space) {
    return (
      <SelectField label={t('upload.space')} required hint={hint} {...field}>
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
