/**
 * The form kit: a form's values and submission (useForm), each field bound to its value in one
 * expression (`{...form.bind('title')}`), the form's frame (Form), its error and notices, the checks
 * every form shares, and the marks a field gets from the error. The fields are in fields.tsx.
 */
import type { ComponentChildren, Ref } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { type FormError, toFormError } from '../lib/errors.ts';
import { type Translate, useI18n } from '../lib/i18n/index.tsx';

export type { FormError } from '../lib/errors.ts';

export interface FormState<V extends object = object> {
  busy: boolean;
  error: FormError | null;
  errorId: string;
  setError: (error: FormError | null) => void;
  onSubmit: (event: Event) => void;
  /** aria attributes for a field: invalid, and described by the message, when the error names it. */
  fieldProps: (name: string) => FieldProps;
  /** The form's values, by field name. */
  values: V;
  /** A new value for one field. */
  set: <K extends keyof V>(name: K, value: V[K]) => void;
  /** New values for some fields (or those the current values call for), the others as they are. */
  setValues: (values: Partial<V> | ((values: V) => Partial<V>)) => void;
  /** Every field back to the value the form started with. */
  reset: () => void;
  /** A field of the kit bound to one of the values: `<TextField label={…} required {...form.bind('title')} />`. */
  bind: Binder<V>;
}

/** What a field takes from the value it is bound to: its name, the value and its setter, the marks of the form's error. */
export interface Bound<T = string> extends FieldProps {
  name: string;
  value: T;
  // A method, so that a field bound to a narrower value (`Language`) still goes where a string's is taken.
  onValue(value: T): void;
}

/** Binds a field to one value by its name. */
export type Binder<V extends object> = <K extends keyof V & string>(name: K) => Bound<V[K]>;

/** The binder of values held elsewhere (the upload wizard's): each field named as its value, marked by `fieldProps`. */
export function binder<V extends object>(
  values: V,
  set: <K extends keyof V>(name: K, value: V[K]) => void,
  fieldProps: (name: string) => FieldProps,
): Binder<V> {
  return (name) => ({ name, value: values[name], onValue: (value) => set(name, value), ...fieldProps(name) });
}

/**
 * A form's values and submission: client checks first (`validate` returns the first problem), then
 * the action, both given the values; a thrown API error becomes the message shown in an alert, and
 * its field gets the focus. `nested`: an error naming a field inside another (`detection.date`)
 * marks and focuses the nearest field there is.
 */
export function useForm<V extends object>(
  initial: V,
  action: (values: V) => Promise<void>,
  validate?: (values: V) => FormError | null,
  { nested = false }: { nested?: boolean } = {},
): FormState<V> {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<FormError | null>(null);
  const [start] = useState(initial);
  const [values, setAll] = useState(start);
  const form = useRef<HTMLFormElement | null>(null);
  const errorId = useId();
  useEffect(() => {
    const field = error?.field;
    if (!field) return;
    if (nested) focusField(form.current, field);
    else form.current?.querySelector<HTMLElement>(`[name="${field}"]`)?.focus();
  }, [error]);
  const set = <K extends keyof V>(name: K, value: V[K]) => setAll((v) => ({ ...v, [name]: value }));
  const fieldProps = errorFieldProps(error, errorId, nested);
  return {
    busy,
    error,
    errorId,
    setError,
    onSubmit(event: Event) {
      event.preventDefault();
      form.current = event.currentTarget as HTMLFormElement;
      if (busy) return;
      const problem = validate?.(values) ?? null;
      setError(problem);
      if (problem) return;
      setBusy(true);
      action(values)
        .catch((err: unknown) => setError(toFormError(err, t)))
        .finally(() => setBusy(false));
    },
    fieldProps,
    values,
    set,
    setValues: (some) => setAll((v) => ({ ...v, ...(typeof some === 'function' ? some(v) : some) })),
    reset: () => setAll(start),
    bind: binder(values, set, fieldProps),
  };
}

export type FieldProps = { invalid: boolean; describedBy?: string };

/**
 * aria attributes for a field: invalid, and described by the message, when the error names it;
 * with `nested`, also when it names a field inside it (`detection` for `detection.date`).
 */
export function errorFieldProps(error: FormError | null, errorId: string, nested = false): (name: string) => FieldProps {
  return (name) => {
    const field = error?.field;
    return field && (field === name || (nested && field.startsWith(`${name}.`))) ? { invalid: true, describedBy: errorId } : { invalid: false };
  };
}

/** Focuses the control an error names, or else the nearest one it is inside (`images.f3.view`, then `images`). */
export function focusField(root: ParentNode | null | undefined, field: string): boolean {
  const parts = field.split('.');
  for (let n = parts.length; n > 0; n--) {
    const target = root?.querySelector<HTMLElement>(`[name="${parts.slice(0, n).join('.')}"]`);
    if (target) {
      target.focus();
      return true;
    }
  }
  return false;
}

/**
 * A form of the kit: the error slot first, the fields, then the submit button (and any other
 * `actions` beside it). Checked by us, not by the browser (noValidate), so the messages are ours.
 */
export function Form({
  form,
  submit,
  variant,
  actions,
  class: className = 'form',
  labelledBy,
  beforeSubmit,
  intro,
  children,
}: {
  /** Its state (whatever its values). */
  form: Pick<FormState, 'busy' | 'error' | 'errorId' | 'onSubmit'>;
  submit?: ComponentChildren;
  variant?: 'secondary' | 'danger';
  actions?: ComponentChildren;
  class?: string;
  labelledBy?: string;
  /** Runs before each submission, checked or not (a notice from the last one goes). */
  beforeSubmit?: () => void;
  /** What the form says before its error slot. */
  intro?: ComponentChildren;
  children?: ComponentChildren;
}) {
  return (
    <form
      noValidate
      onSubmit={(event) => {
        beforeSubmit?.();
        form.onSubmit(event);
      }}
      class={className}
      aria-labelledby={labelledBy}
    >
      {intro}
      <ErrorAlert error={form.error} id={form.errorId} />
      {children}
      {submit ? (
        <div class="actions">
          <Submit busy={form.busy} variant={variant}>
            {submit}
          </Submit>
          {actions}
        </div>
      ) : null}
    </form>
  );
}

export function ErrorAlert({ error, id }: { error: FormError | null; id?: string }) {
  // The container stays in the page so that screen readers announce the message when it appears.
  return (
    <div role="alert" id={id} class={error ? 'alert alert-error' : 'alert-slot'}>
      {error ? error.message : null}
    </div>
  );
}

export function Notice({ children, tone = 'ok' }: { children: ComponentChildren; tone?: 'ok' | 'info' | 'warn' }) {
  return (
    <div role="status" class={`alert alert-${tone}`}>
      {children}
    </div>
  );
}

/** The first empty field among [name, value, label], as a problem to show. */
export function checkRequired(fields: [name: string, value: string, label: string][], t: Translate): FormError | null {
  const empty = fields.find(([, value]) => value.trim() === '');
  return empty ? { message: t('form.required', { field: empty[2] }), field: empty[0] } : null;
}

export function Submit({ busy, children, variant }: { busy: boolean; children: ComponentChildren; variant?: 'secondary' | 'danger' }) {
  return (
    <button type="submit" class={variant ? `button button-${variant}` : 'button'} aria-disabled={busy ? 'true' : undefined}>
      {children}
    </button>
  );
}

/** A form that searches or filters what the page shows: the page handles its submission (never a page load). */
export function SearchForm({
  label,
  class: className,
  onSearch,
  formRef,
  children,
}: {
  label?: string;
  class: string;
  onSearch: () => void;
  formRef?: Ref<HTMLFormElement>;
  children: ComponentChildren;
}) {
  return (
    <form
      ref={formRef}
      class={className}
      role="search"
      aria-label={label}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSearch();
      }}
    >
      {children}
    </form>
  );
}
