import { useState } from 'preact/hooks';
import { toFormError } from '../../lib/errors.ts';
import { useI18n } from '../../lib/i18n/index.tsx';
import { useSession } from '../../lib/session.tsx';
import { TextField } from '../../ui/fields.tsx';
import { checkRequired, Form, Notice, useForm } from '../../ui/form.tsx';
import { Page } from '../../ui/page.tsx';
import { signIn } from './api.ts';
import { checkOtp, EmailField, OtpField, PasswordField, ShowPassword } from './fields.tsx';

/**
 * Two steps, one form each: e-mail and password; then, when the server says a second factor is
 * needed, a code from the app or a recovery code. The password stays in memory between the two.
 */
export function SignInPage() {
  const { t } = useI18n();
  const session = useSession();
  const [step, setStep] = useState<'password' | 'code'>('password');
  const [shown, setShown] = useState(false);

  const passwordForm = useForm(
    { email: '', password: '' },
    async (values) => {
      if ((await send(values)) === 'second_factor') setStep('code');
    },
    ({ email, password }) =>
      checkRequired(
        [
          ['email', email, t('signin.email')],
          ['password', password, t('signin.password')],
        ],
        t,
      ),
  );
  // The password stays for the second step, and goes once sent.
  const send = async ({ email, password }: typeof passwordForm.values, code?: string): Promise<'second_factor' | undefined> => {
    const result = await signIn({ email: email.trim(), password, ...(code ? { otp: code } : {}) });
    if ('next' in result) return result.next;
    passwordForm.set('password', '');
    // The router takes it from here: to where the visitor was going, or to the second-factor set-up.
    session.signedIn(result);
  };

  if (step === 'code') {
    return (
      <CodeStep
        send={async (code) => {
          await send(passwordForm.values, code);
        }}
        onBack={() => {
          setStep('password');
          passwordForm.set('password', '');
        }}
      />
    );
  }

  const ended = session.state.status === 'signedOut' && session.state.reason === 'ended';
  return (
    <Page title={t('signin.title')} lead={t('signin.lead')}>
      <div class="panel narrow">
        {ended ? <Notice tone="info">{t('signin.ended')}</Notice> : null}
        <Form form={passwordForm} submit={t('signin.submit')} actions={<a href="/reset">{t('signin.forgot')}</a>}>
          <EmailField label={t('signin.email')} {...passwordForm.bind('email')} />
          <PasswordField label={t('signin.password')} shown={shown} autoComplete="current-password" {...passwordForm.bind('password')} />
          <ShowPassword shown={shown} onToggle={setShown} />
        </Form>
      </div>
    </Page>
  );
}

/** The second step: a code from the app, or one of the recovery codes. */
function CodeStep({ send, onBack }: { send: (code: string) => Promise<void>; onBack: () => void }) {
  const { t } = useI18n();
  const [recovery, setRecovery] = useState(false);
  // The code typed, bound as `otp` or as `recoveryCode`.
  const codeField = recovery ? 'recoveryCode' : 'otp';
  const codeForm = useForm(
    { otp: '', recoveryCode: '' },
    async (values) => {
      try {
        await send(values[codeField].trim());
      } catch (err) {
        codeForm.set(codeField, '');
        // A wrong code gets the same answer as a wrong password; keep the focus on the code.
        const problem = toFormError(err, t);
        codeForm.setError({ ...problem, field: codeField });
      }
    },
    (values) => {
      const code = values[codeField];
      if (!recovery) return checkOtp(code, t, codeField);
      if (code.trim().replace(/[^A-Za-z0-9]/g, '').length !== 16) return { message: t('signin.recoveryFormat'), field: codeField };
      return null;
    },
  );
  const switchCode = (
    <button
      type="button"
      class="button-link"
      onClick={() => {
        setRecovery(!recovery);
        codeForm.reset();
        codeForm.setError(null);
      }}
    >
      {recovery ? t('signin.useApp') : t('signin.useRecovery')}
    </button>
  );
  return (
    <Page title={t('signin.title')}>
      <div class="panel narrow">
        <h2>{t('signin.codeTitle')}</h2>
        <p>{recovery ? t('signin.recoveryText') : t('signin.codeText')}</p>
        <Form form={codeForm} submit={t('signin.verify')} actions={switchCode}>
          {recovery ? (
            <TextField
              key="recovery"
              label={t('signin.recoveryCode')}
              hint={t('signin.recoveryHint')}
              maxLength={32}
              code
              required
              autoFocus
              {...codeForm.bind('recoveryCode')}
            />
          ) : (
            <OtpField key="otp" hint={t('signin.codeHint')} autoFocus {...codeForm.bind('otp')} />
          )}
        </Form>
        <p class="aside">
          <button type="button" class="button-link" onClick={onBack}>
            {t('signin.back')}
          </button>
        </p>
      </div>
    </Page>
  );
}
