import { useState } from 'preact/hooks';
import { api, ApiError, type SignedIn } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';
import { useSession } from '../session.tsx';
import { checkRequired, ErrorAlert, Notice, Page, ShowPassword, Submit, TextField, toFormError, useForm } from '../ui.tsx';

/**
 * Two steps, one form each: e-mail and password; then, when the server says a second factor is
 * needed, a code from the app or a recovery code. The password stays in memory between the two.
 */
export function SignInPage() {
  const { t } = useI18n();
  const session = useSession();
  const [step, setStep] = useState<'password' | 'code'>('password');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [shown, setShown] = useState(false);
  const [otp, setOtp] = useState('');
  const [recovery, setRecovery] = useState(false);

  const send = async (code?: string) => {
    const result = await api<SignedIn>('POST', '/api/session', { email: email.trim(), password, ...(code ? { otp: code } : {}) });
    setPassword('');
    // The router takes it from here: to where the visitor was going, or to the second-factor set-up.
    session.signedIn(result);
  };

  const passwordForm = useForm(
    async () => {
      try {
        await send();
      } catch (err) {
        if (err instanceof ApiError && err.code === 'second_factor_required') {
          setStep('code');
          return;
        }
        throw err;
      }
    },
    () =>
      checkRequired(
        [
          ['email', email, t('signin.email')],
          ['password', password, t('signin.password')],
        ],
        t,
      ),
  );

  const codeField = recovery ? 'recoveryCode' : 'otp';
  const codeForm = useForm(
    async () => {
      try {
        await send(otp.trim());
      } catch (err) {
        setOtp('');
        // A wrong code gets the same answer as a wrong password; keep the focus on the code.
        const problem = toFormError(err, t);
        codeForm.setError({ ...problem, field: codeField });
      }
    },
    () => {
      const value = otp.trim();
      if (!recovery && !/^\d{6}$/.test(value)) return { message: t('signin.codeFormat'), field: codeField };
      if (recovery && value.replace(/[^A-Za-z0-9]/g, '').length !== 16) return { message: t('signin.recoveryFormat'), field: codeField };
      return null;
    },
  );

  const ended = session.state.status === 'signedOut' && session.state.reason === 'ended';

  if (step === 'code') {
    return (
      <Page title={t('signin.title')}>
        <div class="panel narrow">
          <h2>{t('signin.codeTitle')}</h2>
          <p>{recovery ? t('signin.recoveryText') : t('signin.codeText')}</p>
          <form noValidate onSubmit={codeForm.onSubmit} class="form">
            <ErrorAlert error={codeForm.error} id={codeForm.errorId} />
            {recovery ? (
              <TextField
                key="recovery"
                label={t('signin.recoveryCode')}
                name="recoveryCode"
                value={otp}
                onValue={setOtp}
                hint={t('signin.recoveryHint')}
                maxLength={32}
                code
                required
                autoFocus
                {...codeForm.fieldProps('recoveryCode')}
              />
            ) : (
              <TextField
                key="otp"
                label={t('signin.code')}
                name="otp"
                value={otp}
                onValue={setOtp}
                hint={t('signin.codeHint')}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                code
                required
                autoFocus
                {...codeForm.fieldProps('otp')}
              />
            )}
            <div class="actions">
              <Submit busy={codeForm.busy}>{t('signin.verify')}</Submit>
              <button
                type="button"
                class="button-link"
                onClick={() => {
                  setRecovery(!recovery);
                  setOtp('');
                  codeForm.setError(null);
                }}
              >
                {recovery ? t('signin.useApp') : t('signin.useRecovery')}
              </button>
            </div>
          </form>
          <p class="aside">
            <button
              type="button"
              class="button-link"
              onClick={() => {
                setStep('password');
                setOtp('');
                setPassword('');
                setRecovery(false);
              }}
            >
              {t('signin.back')}
            </button>
          </p>
        </div>
      </Page>
    );
  }

  return (
    <Page title={t('signin.title')} lead={t('signin.lead')}>
      <div class="panel narrow">
        {ended ? <Notice tone="info">{t('signin.ended')}</Notice> : null}
        <form noValidate onSubmit={passwordForm.onSubmit} class="form">
          <ErrorAlert error={passwordForm.error} id={passwordForm.errorId} />
          <TextField
            label={t('signin.email')}
            name="email"
            type="email"
            autoComplete="username"
            value={email}
            onValue={setEmail}
            required
            maxLength={254}
            {...passwordForm.fieldProps('email')}
          />
          <TextField
            label={t('signin.password')}
            name="password"
            type={shown ? 'text' : 'password'}
            autoComplete="current-password"
            value={password}
            onValue={setPassword}
            required
            maxLength={256}
            {...passwordForm.fieldProps('password')}
          />
          <ShowPassword shown={shown} onToggle={setShown} />
          <div class="actions">
            <Submit busy={passwordForm.busy}>{t('signin.submit')}</Submit>
            <a href="/reset">{t('signin.forgot')}</a>
          </div>
        </form>
      </div>
    </Page>
  );
}
