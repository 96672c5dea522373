/**
 * The fields of the form kit. Every field has a visible label, ties its hint and the form's error
 * to itself (aria-describedby) and says when it is invalid; choices are options and checkboxes.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';

/**
 * What every field has: a label, a name and a value, maybe a hint; marks from the form's error.
 * A form's `bind(name)` gives all but the label (form.tsx).
 */
interface FieldBase<T extends string = string> {
  label: string;
  name: string;
  value: T;
  onValue: (value: T) => void;
  hint?: ComponentChildren;
  required?: boolean;
  invalid?: boolean;
  describedBy?: string | undefined;
}

/**
 * A field's frame (the label, the hint) and the attributes its control shares with every other:
 * tied to the label and the hint, required, invalid and described by the error when it is named.
 */
function useField(props: Omit<FieldBase, 'onValue'>) {
  const id = useId();
  const hintId = `${id}-hint`;
  const describedBy = [props.hint ? hintId : null, props.describedBy].filter(Boolean).join(' ') || undefined;
  return {
    frame: (control: ComponentChildren) => (
      <div class="field">
        <label for={id}>{props.label}</label>
        {props.hint ? (
          <p class="hint" id={hintId}>
            {props.hint}
          </p>
        ) : null}
        {control}
      </div>
    ),
    control: {
      id,
      name: props.name,
      value: props.value,
      required: props.required,
      'aria-required': props.required ? ('true' as const) : undefined,
      'aria-invalid': props.invalid ? ('true' as const) : undefined,
      'aria-describedby': describedBy,
    },
  };
}

interface TextFieldProps extends FieldBase {
  type?: 'text' | 'email' | 'password' | 'date' | 'search' | 'datetime-local';
  autoComplete?: string;
  inputMode?: 'numeric' | 'text' | 'email';
  maxLength?: number;
  code?: boolean;
  autoFocus?: boolean;
  /** For dates: the earliest one accepted (YYYY-MM-DD). */
  min?: string;
  lang?: string;
}

export function TextField(props: TextFieldProps) {
  const { frame, control } = useField(props);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (props.autoFocus) input.current?.focus();
  }, []);
  return frame(
    <input
      ref={input}
      {...control}
      class={props.code ? 'input-code' : undefined}
      // Preact's typings pick attributes by a literal `type`; all of these take the same ones.
      type={(props.type ?? 'text') as 'text'}
      min={props.min}
      lang={props.lang}
      onInput={(e) => props.onValue(e.currentTarget.value)}
      autoComplete={props.autoComplete ?? 'off'}
      inputMode={props.inputMode}
      maxLength={props.maxLength}
      spellcheck={props.type === 'email' || props.code ? false : undefined}
      autocapitalize={props.code || props.type === 'email' ? 'off' : undefined}
    />,
  );
}

/** A select; its value is one of its options' (`T`, when they are the members of a union). `disabled`: shown, not changed (say why in the hint). */
export function SelectField<T extends string = string>(
  props: FieldBase<T> & { autoComplete?: string; disabled?: boolean; children: ComponentChildren },
) {
  const { frame, control } = useField(props);
  return frame(
    <select
      {...control}
      disabled={props.disabled}
      onChange={(e) => props.onValue(e.currentTarget.value as T)}
      autoComplete={props.autoComplete ?? 'off'}
    >
      {props.children}
    </select>,
  );
}

/** The options of a select: an empty choice first (when given), then one per item. */
export function Options<T>({
  items,
  value = String,
  label,
  empty,
}: {
  items: readonly T[];
  value?: (item: T) => string;
  label: (item: T) => ComponentChildren;
  empty?: string;
}) {
  return (
    <>
      {empty === undefined ? null : <option value="">{empty}</option>}
      {items.map((item) => (
        <option key={value(item)} value={value(item)}>
          {label(item)}
        </option>
      ))}
    </>
  );
}

export function TextAreaField(
  props: FieldBase & {
    rows?: number;
    /** Prose rather than a key or code: proportional font, spell-checked. */
    prose?: boolean;
    maxLength?: number;
    lang?: string;
  },
) {
  const { frame, control } = useField(props);
  return frame(
    <textarea
      {...control}
      class={props.prose ? 'input-prose' : 'input-code'}
      rows={props.rows ?? 8}
      onInput={(e) => props.onValue(e.currentTarget.value)}
      spellcheck={!!props.prose}
      maxLength={props.maxLength}
      lang={props.lang}
      autoComplete="off"
    />,
  );
}

/** A checkbox per item, each adding its value to `chosen` or taking it out. */
export function Checks<T>({
  name,
  items,
  value,
  label,
  chosen,
  onChosen,
  disabled,
}: {
  name: string;
  items: readonly T[];
  value: (item: T) => string;
  label: (item: T) => ComponentChildren;
  chosen: readonly string[];
  onChosen: (values: string[]) => void;
  disabled?: (item: T) => boolean;
}) {
  return (
    <>
      {items.map((item) => {
        const v = value(item);
        return (
          <label key={v} class="check">
            <input
              type="checkbox"
              name={name}
              value={v}
              checked={chosen.includes(v)}
              disabled={disabled?.(item)}
              onChange={(e) => onChosen(e.currentTarget.checked ? [...chosen, v] : chosen.filter((c) => c !== v))}
            />
            {label(item)}
          </label>
        );
      })}
    </>
  );
}
