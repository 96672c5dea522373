import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { ApiError, type Role } from './api.ts';
import { countryName, ORGANISATION_CODES, sortedMembers } from './countries.ts';
import { type MessageKey } from './i18n/en.ts';
import { useI18n } from './i18n/index.tsx';

/** A page: its title in the tab and in an h1 that route changes move the focus to. */
export function Page({ title, lead, children }: { title: string; lead?: ComponentChildren; children?: ComponentChildren }) {
  const { t } = useI18n();
  const id = useId();
  useEffect(() => {
    const name = t('app.name');
    document.title = title === name ? name : `${title} · ${name}`;
  }, [title, t]);
  return (
    <section class="page" aria-labelledby={id}>
      <h1 id={id} tabIndex={-1}>
        {title}
      </h1>
      {lead ? <p class="lead">{lead}</p> : null}
      {children}
    </section>
  );
}

/** A problem to show at the top of a form, and the field it is about (focused and marked invalid). */
export interface FormError {
  message: string;
  field?: string | undefined;
}

export function toFormError(err: unknown, t: (key: MessageKey) => string): FormError {
  if (err instanceof ApiError) {
    if (err.code === 'network') return { message: t('error.network') };
    return { message: err.message || t('error.unexpected'), field: err.field };
  }
  return { message: t('error.unexpected') };
}

export interface FormState {
  busy: boolean;
  error: FormError | null;
  errorId: string;
  setError: (error: FormError | null) => void;
  onSubmit: (event: Event) => void;
  /** aria attributes for a field: invalid, and described by the message, when the error names it. */
  fieldProps: (name: string) => { invalid: boolean; describedBy?: string };
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
    fieldProps(name: string) {
      return error?.field === name ? { invalid: true, describedBy: errorId } : { invalid: false };
    },
  };
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

/** The ids tying a control to its label and hint, and the frame every field shares. */
function useFieldIds(hint: ComponentChildren | undefined, extra: string | undefined) {
  const id = useId();
  const hintId = `${id}-hint`;
  return { id, hintId, describedBy: [hint ? hintId : null, extra].filter(Boolean).join(' ') || undefined };
}

function FieldFrame({ id, hintId, label, hint, children }: { id: string; hintId: string; label: string; hint?: ComponentChildren; children: ComponentChildren }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint ? (
        <p class="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {children}
    </div>
  );
}

interface TextFieldProps {
  label: string;
  name: string;
  value: string;
  onValue: (value: string) => void;
  type?: 'text' | 'email' | 'password' | 'date' | 'search' | 'datetime-local';
  autoComplete?: string;
  hint?: ComponentChildren;
  required?: boolean;
  inputMode?: 'numeric' | 'text' | 'email';
  maxLength?: number;
  invalid?: boolean;
  describedBy?: string | undefined;
  code?: boolean;
  autoFocus?: boolean;
  /** For dates: the earliest one accepted (YYYY-MM-DD). */
  min?: string;
  lang?: string;
}

export function TextField(props: TextFieldProps) {
  const { id, hintId, describedBy } = useFieldIds(props.hint, props.describedBy);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (props.autoFocus) input.current?.focus();
  }, []);
  return (
    <FieldFrame id={id} hintId={hintId} label={props.label} hint={props.hint}>
      <input
        ref={input}
        id={id}
        name={props.name}
        class={props.code ? 'input-code' : undefined}
        // Preact's typings pick attributes by a literal `type`; all of these take the same ones.
        type={(props.type ?? 'text') as 'text'}
        min={props.min}
        lang={props.lang}
        value={props.value}
        onInput={(e) => props.onValue(e.currentTarget.value)}
        autoComplete={props.autoComplete ?? 'off'}
        required={props.required}
        aria-required={props.required ? 'true' : undefined}
        inputMode={props.inputMode}
        maxLength={props.maxLength}
        aria-invalid={props.invalid ? 'true' : undefined}
        aria-describedby={describedBy}
        spellcheck={props.type === 'email' || props.code ? false : undefined}
        autocapitalize={props.code || props.type === 'email' ? 'off' : undefined}
      />
    </FieldFrame>
  );
}

export function ShowPassword({ shown, onToggle }: { shown: boolean; onToggle: (shown: boolean) => void }) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div class="field field-check">
      <input id={id} type="checkbox" checked={shown} onChange={(e) => onToggle(e.currentTarget.checked)} />
      <label for={id}>{t('password.show')}</label>
    </div>
  );
}

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

/** A new password typed twice, with the rule explained before anyone types. */
export function NewPasswordFields({
  password,
  confirm,
  onPassword,
  onConfirm,
  form,
  names = { password: 'password', confirm: 'confirm' },
  labels,
}: {
  password: string;
  confirm: string;
  onPassword: (value: string) => void;
  onConfirm: (value: string) => void;
  form: FormState;
  names?: { password: string; confirm: string };
  labels?: { password: string; confirm: string };
}) {
  const { t } = useI18n();
  const [shown, setShown] = useState(false);
  return (
    <>
      <TextField
        label={labels?.password ?? t('password.new')}
        name={names.password}
        type={shown ? 'text' : 'password'}
        autoComplete="new-password"
        value={password}
        onValue={onPassword}
        required
        maxLength={PASSWORD_MAX}
        hint={t('password.rule', { min: PASSWORD_MIN })}
        {...form.fieldProps(names.password)}
      />
      <TextField
        label={labels?.confirm ?? t('password.confirm')}
        name={names.confirm}
        type={shown ? 'text' : 'password'}
        autoComplete="new-password"
        value={confirm}
        onValue={onConfirm}
        required
        maxLength={PASSWORD_MAX}
        {...form.fieldProps(names.confirm)}
      />
      <ShowPassword shown={shown} onToggle={setShown} />
    </>
  );
}

/** The first empty field among [name, value, label], as a problem to show. */
export function checkRequired(
  fields: [name: string, value: string, label: string][],
  t: (key: MessageKey, params?: Record<string, string | number>) => string,
): FormError | null {
  const empty = fields.find(([, value]) => value.trim() === '');
  return empty ? { message: t('form.required', { field: empty[2] }), field: empty[0] } : null;
}

/** The client-side check of a new password typed twice; the server checks the length again. */
export function checkNewPassword(
  password: string,
  confirm: string,
  t: (key: MessageKey, params?: Record<string, string | number>) => string,
  names = { password: 'password', confirm: 'confirm' },
): FormError | null {
  if ([...password].length < PASSWORD_MIN) return { message: t('password.tooShort', { min: PASSWORD_MIN }), field: names.password };
  if (password !== confirm) return { message: t('password.mismatch'), field: names.confirm };
  return null;
}

export function Submit({ busy, children, variant }: { busy: boolean; children: ComponentChildren; variant?: 'secondary' | 'danger' }) {
  return (
    <button type="submit" class={variant ? `button button-${variant}` : 'button'} aria-disabled={busy ? 'true' : undefined}>
      {children}
    </button>
  );
}

/** Groups of four, easier to read aloud and to type: secrets, fingerprints. */
export function groupsOfFour(value: string): string {
  return value.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}

export function formatDateTime(iso: string, lang: string): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function formatDate(iso: string, lang: string): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long' }).format(new Date(iso));
}

/** A calendar date (YYYY-MM-DD) in the reader's locale: it has no time zone, so it is shown as UTC. */
export function formatDay(isoDate: string, lang: string, style: 'long' | 'medium' = 'long'): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(lang, { dateStyle: style, timeZone: 'UTC' }).format(date);
}

/**
 * A question before something hard to undo, in a modal <dialog>: the focus moves into it and comes
 * back to what opened it, Escape cancels. The safe choice comes first and has the focus.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  onConfirm,
  onCancel,
  busy = false,
  error = null,
  tone = 'danger',
}: {
  title: string;
  children?: ComponentChildren;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
  error?: FormError | null;
  tone?: 'danger' | 'primary';
}) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const textId = useId();
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    const element = dialog.current;
    element?.showModal();
    return () => {
      // Closed before it leaves the page, or the rest of the page would still be inert for the focus.
      if (element?.open) element.close();
      // Back to what opened it; if that is gone (a removed row), to the page's heading.
      const target = opener?.isConnected ? opener : document.querySelector<HTMLElement>('main h1');
      target?.focus();
    };
  }, []);
  return (
    <dialog
      ref={dialog}
      class="dialog"
      aria-labelledby={titleId}
      aria-describedby={children ? textId : undefined}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      {children ? (
        <div id={textId} class="dialog-text">
          {children}
        </div>
      ) : null}
      <ErrorAlert error={error} />
      <div class="actions">
        <button type="button" class="button button-secondary" onClick={onCancel} autoFocus>
          {t('dialog.cancel')}
        </button>
        <button
          type="button"
          class={tone === 'danger' ? 'button button-danger' : 'button'}
          aria-disabled={busy ? 'true' : undefined}
          onClick={() => {
            if (!busy) onConfirm();
          }}
        >
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}

/** A small label beside a name: a role, a status. */
export function Badge({ children, tone }: { children: ComponentChildren; tone?: string }) {
  return <span class={tone ? `badge badge-${tone}` : 'badge'}>{children}</span>;
}

export function SelectField(props: {
  label: string;
  name: string;
  value: string;
  onValue: (value: string) => void;
  hint?: ComponentChildren;
  required?: boolean;
  invalid?: boolean;
  describedBy?: string | undefined;
  autoComplete?: string;
  children: ComponentChildren;
}) {
  const { id, hintId, describedBy } = useFieldIds(props.hint, props.describedBy);
  return (
    <FieldFrame id={id} hintId={hintId} label={props.label} hint={props.hint}>
      <select
        id={id}
        name={props.name}
        value={props.value}
        onChange={(e) => props.onValue(e.currentTarget.value)}
        required={props.required}
        aria-required={props.required ? 'true' : undefined}
        aria-invalid={props.invalid ? 'true' : undefined}
        aria-describedby={describedBy}
        autoComplete={props.autoComplete ?? 'off'}
      >
        {props.children}
      </select>
    </FieldFrame>
  );
}

export function TextAreaField(props: {
  label: string;
  name: string;
  value: string;
  onValue: (value: string) => void;
  hint?: ComponentChildren;
  rows?: number;
  invalid?: boolean;
  describedBy?: string | undefined;
  /** Prose rather than a key or code: proportional font, spell-checked. */
  prose?: boolean;
  maxLength?: number;
  lang?: string;
}) {
  const { id, hintId, describedBy } = useFieldIds(props.hint, props.describedBy);
  return (
    <FieldFrame id={id} hintId={hintId} label={props.label} hint={props.hint}>
      <textarea
        id={id}
        name={props.name}
        class={props.prose ? 'input-prose' : 'input-code'}
        rows={props.rows ?? 8}
        value={props.value}
        onInput={(e) => props.onValue(e.currentTarget.value)}
        spellcheck={!!props.prose}
        maxLength={props.maxLength}
        lang={props.lang}
        autoComplete="off"
        aria-invalid={props.invalid ? 'true' : undefined}
        aria-describedby={describedBy}
      />
    </FieldFrame>
  );
}

const GLOBAL_ROLES: Role[] = ['secretariat', 'presidency', 'auditor'];

/** Checkboxes for an account's global roles (invitation, the Secretariat's role change), the hint tied to the group. */
export function RoleChecks({ legend, hint, roles, onRoles }: { legend: string; hint: string; roles: Role[]; onRoles: (roles: Role[]) => void }) {
  const { t } = useI18n();
  const hintId = useId();
  return (
    <fieldset class="field checks" aria-describedby={hintId}>
      <legend>{legend}</legend>
      <p class="hint" id={hintId}>
        {hint}
      </p>
      {GLOBAL_ROLES.map((role) => (
        <label key={role} class="check">
          <input
            type="checkbox"
            name="roles"
            value={role}
            checked={roles.includes(role)}
            onChange={(e) => onRoles(e.currentTarget.checked ? [...roles, role] : roles.filter((r) => r !== role))}
          />
          {t(`role.${role}`)}
        </label>
      ))}
    </fieldset>
  );
}

/** The options of a country select: member countries by the reader's locale, then the organisation codes. */
export function CountryOptions() {
  const { t, lang } = useI18n();
  return (
    <>
      <optgroup label={t('invite.members')}>
        {sortedMembers(lang, t).map(({ code, name }) => (
          <option key={code} value={code}>
            {name}
          </option>
        ))}
      </optgroup>
      <optgroup label={t('invite.organisations')}>
        {ORGANISATION_CODES.map((code) => (
          <option key={code} value={code}>
            {countryName(code, lang, t)}
          </option>
        ))}
      </optgroup>
    </>
  );
}

/** The TLP 2.0 label of an item, in FIRST's colours on black: on every row, page, viewer and pane that shows one. */
export function TlpBadge({ tlp }: { tlp: string }) {
  const { t } = useI18n();
  const tone = tlp.toLowerCase().replace('+', '-');
  return (
    <span class={`tlp tlp-${tone}`}>
      <span class="visually-hidden">{t('tlp.label')} </span>
      TLP:{tlp}
    </span>
  );
}

/**
 * A keyword search box: the words typed, applied on submit (trimmed), with a "clear" while some are
 * applied. The page keeps the words in its state (never in its address).
 */
export function KeywordSearch(props: {
  formLabel: string;
  hint: string;
  value: string;
  onValue: (value: string) => void;
  applied: string;
  onApply: (words: string) => void;
  onClear: () => void;
}) {
  const { t } = useI18n();
  return (
    <form
      class="search-form keyword-form"
      role="search"
      aria-label={props.formLabel}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        props.onApply(props.value.trim());
      }}
    >
      <TextField label={t('specimens.keywords')} name="q" type="search" value={props.value} onValue={props.onValue} maxLength={200} hint={props.hint} />
      <button type="submit" class="button">
        {t('specimens.searchSubmit')}
      </button>
      {props.applied ? (
        <button
          type="button"
          class="button-link keyword-clear"
          onClick={props.onClear}
        >
          {t('specimens.keywordsClear')}
        </button>
      ) : null}
    </form>
  );
}
