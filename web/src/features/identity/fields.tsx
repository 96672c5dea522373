/** The fields of the identity forms: an e-mail address, a code from the app, passwords. */
import { useId, useState } from 'preact/hooks';
import type { FormError } from '../../lib/errors.ts';
import type { Translate } from '../../lib/i18n/index.tsx';
import { useI18n } from '../../lib/i18n/index.tsx';
import { TextField } from '../../ui/fields.tsx';
import type { Bound } from '../../ui/form.tsx';

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;
const EMAIL_MAX = 254;

/** An e-mail address, bound as `email`: the account's username unless `autoComplete` says otherwise. */
export function EmailField({ autoComplete = 'username', ...field }: Bound & { label: string; autoComplete?: string }) {
  return <TextField type="email" autoComplete={autoComplete} required maxLength={EMAIL_MAX} {...field} />;
}

/** A six-digit code from the authenticator app, bound as `otp`. */
export function OtpField(field: Bound & { hint?: string; autoFocus?: boolean }) {
  const { t } = useI18n();
  return <TextField label={t('signin.code')} inputMode="numeric" autoComplete="one-time-code" maxLength={6} code required {...field} />;
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
export function PasswordField({ shown, ...field }: Bound & { label: string; shown?: boolean; autoComplete: string; hint?: string }) {
  return <TextField type={shown ? 'text' : 'password'} required maxLength={PASSWORD_MAX} {...field} />;
}

/** The client-side check of a new password typed twice (the server checks the length again); `names`: its fields'. */
export function checkNewPassword(
  password: string,
  confirm: string,
  t: Translate,
  names = { password: 'password', confirm: 'confirm' },
): FormError | null {
  if ([...password].length < PASSWORD_MIN) return { message: t('password.tooShort', { min: PASSWORD_MIN }), field: names.password };
  if (password !== confirm) return { message: t('password.mismatch'), field: names.confirm };
  return null;
}

/** A new password typed twice, with the rule explained before anyone types. */
export function NewPasswordFields({ password, confirm }: { password: Bound; confirm: Bound }) {
  const { t } = useI18n();
  const [shown, setShown] = useState(false);
  return (
    <>
      <PasswordField
        label={t('password.new')}
        shown={shown}
        autoComplete="new-password"
        hint={t('password.rule', { min: PASSWORD_MIN })}
        {...password}
      />
      <PasswordField label={t('password.confirm')} shown={shown} autoComplete="new-password" {...confirm} />
      <ShowPassword shown={shown} onToggle={setShown} />
    </>
  );
}
