/**
 * The form kit: a form's submission state (useForm) and frame (Form), its error and notices, the
 * checks every form shares, and the marks a field gets from the error. The fields are in fields.tsx.
 */
import type { ComponentChildren, Ref } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { type FormError, toFormError } from '../lib/errors.ts';
import { type Translate, useI18n } from '../lib/i18n/index.tsx';

export type { FormError } from '../lib/errors.ts';

export interface FormState {
  busy: boolean;
  error: FormError | null;
  errorId: string;
  setError: (error: FormError | null) => void;
  onSubmit: (event: Event) => void;
  /** aria attributes for a field: invalid, and described by the message, when the error names it. */
  fieldProps: (name: string) => FieldProps;
}

/**
 * A form's submission: client checks first (`validate` returns the first problem), then the
 * action; a thrown API error becomes the message shown in an alert, and its field gets the focus.
 */
export function useForm(action: () => Promise<void>, validate?: () => FormError | null): FormState {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<FormError | null>(null);
  const form = useRef<HTMLFormElement | null>(null);
  const errorId = useId();
  useEffect(() => {
    if (error?.field) form.current?.querySelector<HTMLElement>(`[name="${error.field}"]`)?.focus();
  }, [error]);
  return {
    busy,
    error,
    errorId,
    setError,
    onSubmit(event: Event) {
      event.preventDefault();
      form.current = event.currentTarget as HTMLFormElement;
      if (busy) return;
      const problem = validate?.() ?? null;
      setError(problem);
      if (problem) return;
      setBusy(true);
      action()
        .catch((err: unknown) => setError(toFormError(err, t)))
        .finally(() => setBusy(false));
    },
    fieldProps: errorFieldProps(error, errorId),
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
  form: FormState;
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
