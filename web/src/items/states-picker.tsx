import { useId } from 'preact/hooks';
import { countryName } from '../lib/countries.ts';
import { useI18n } from '../lib/i18n/index.tsx';
import type { Bound } from '../ui/form.tsx';
import { StateOptions } from './states.tsx';

/**
 * Several states (nationalities, countries concerned): a select adds one, each chosen one is a
 * button that takes it out again.
 */
export function StatesPicker({ label, hint, ...field }: Bound<string[]> & { label: string; hint?: string }) {
  const { t, lang } = useI18n();
  const id = useId();
  const chosen = field.value;
  return (
    <fieldset class="field checks states-picker" aria-describedby={field.describedBy}>
      <legend>{label}</legend>
      {hint ? <p class="hint">{hint}</p> : null}
      {chosen.length ? (
        <ul class="chosen-states">
          {chosen.map((code) => (
            <li key={code}>
              <button
                type="button"
                class="chip"
                aria-label={t('reportCompose.removeState', { state: countryName(code, lang, t) })}
                onClick={() => field.onValue(chosen.filter((c) => c !== code))}
              >
                {countryName(code, lang, t)} <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <label for={id} class="visually-hidden">
        {t('reportCompose.addState', { field: label })}
      </label>
      <select
        id={id}
        name={field.name}
        value=""
        aria-invalid={field.invalid ? 'true' : undefined}
        onChange={(e) => {
          const code = e.currentTarget.value;
          if (code && !chosen.includes(code)) field.onValue([...chosen, code]);
          e.currentTarget.value = '';
        }}
      >
        <option value="">{t('reportCompose.addState', { field: label })}</option>
        <StateOptions />
      </select>
    </fieldset>
  );
}
