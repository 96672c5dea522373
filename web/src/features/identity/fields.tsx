/** The fields of the identity forms: an e-mail address, a code from the app, passwords. */
import { useId, useState } from 'preact/hooks';
import type { FormError } from '../../lib/errors.ts';
import type { Translate } from '../../lib/i18n/index.tsx';
import { useI18n } from '../../lib/i18n/index.tsx';
import { TextField } from '../../ui/fields.tsx';
import type { FormState } from '../../ui/form.tsx';

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;
const EMAIL_MAX = 254;

/** An e-mail address, the name `email`: the account's username unless `autoComplete` says otherwise. */
export function EmailField({
  label,
  value,
  onValue,
  form,
  autoComplete = 'username',
}: {
  label: string;
  value: string;
  onValue: (value: string) => void;
  form: FormState;
  autoComplete?: string;
}) {
  return (
    <TextField
      label={label}
      name="email"
      type="email"
      autoComplete={autoComplete}
      value={value}
      onValue={onValue}
      required
      maxLength={EMAIL_MAX}
      {...form.fieldProps('email')}
    />
  );
}

/** A six-digit code from the authenticator app, the name `otp`. */
export function OtpField({
  value,
  onValue,
  form,
  hint,
  autoFocus,
}: {
  value: string;
  onValue: (value: string) => void;
  form: FormState;
  hint?: string;
  autoFocus?: boolean;
}) {
  const { t } = useI18n();
  return (
    <TextField
      label={t('signin.code')}
      name="otp"
      value={value}
      onValue={onValue}
      hint={hint}
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={6}
      code
      required
      autoFocus={autoFocus}
      {...form.fieldProps('otp')}
    />
  );
}

/** The check of a code from the app before it is sent. */
export const checkOtp = (otp: string, t: Translate, field = 'otp'): FormError | null =>
  /^\d{6}$/.test(otp.trim()) ? null : { message: t('signin.codeFormat'), field };

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

/** A password field: the current one, or a new one (`autoComplete`). */
export function PasswordField(props: {
  label: string;
  name: string;
  value: string;
  onValue: (value: string) => void;
  shown?: boolean;
  autoComplete: string;
  hint?: string;
  form: FormState;
}) {
  return (
    <TextField
      label={props.label}
      name={props.name}
      type={props.shown ? 'text' : 'password'}
      autoComplete={props.autoComplete}
      value={props.value}
      onValue={props.onValue}
      required
      maxLength={PASSWORD_MAX}
      hint={props.hint}
      {...props.form.fieldProps(props.name)}
    />
  );
}

/** A new password typed twice: its state, its check, and the field names it goes by. */
export function useNewPassword(names = { password: 'password', confirm: 'confirm' }) {
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  return {
    password,
    confirm,
    setPassword,
    setConfirm,
    names,
    /** The client-side check; the server checks the length again. */
    check(t: Translate): FormError | null {
      if ([...password].length < PASSWORD_MIN) return { message: t('password.tooShort', { min: PASSWORD_MIN }), field: names.password };
      if (password !== confirm) return { message: t('password.mismatch'), field: names.confirm };
      return null;
    },
    clear() {
      setPassword('');
      setConfirm('');
    },
  };
}

/** A new password typed twice, with the rule explained before anyone types. */
export function NewPasswordFields({ value, form }: { value: ReturnType<typeof useNewPassword>; form: FormState }) {
  const { t } = useI18n();
  const [shown, setShown] = useState(false);
  const { names } = value;
  return (
    <>
      <PasswordField
        label={t('password.new')}
        name={names.password}
        shown={shown}
        autoComplete="new-password"
        value={value.password}
        onValue={value.setPassword}
        hint={t('password.rule', { min: PASSWORD_MIN })}
        form={form}
      />
      <PasswordField
        label={t('password.confirm')}
        name={names.confirm}
        shown={shown}
        autoComplete="new-password"
        value={value.confirm}
        onValue={value.setConfirm}
        form={form}
      />
      <ShowPassword shown={shown} onToggle={setShown} />
    </>
  );
}
