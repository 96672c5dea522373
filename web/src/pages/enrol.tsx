import { useEffect, useState } from 'preact/hooks';
import { api, setCsrfToken, type User } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';
import { RecoveryCodes } from '../recovery-codes.tsx';
import { navigate, safeReturn, useLocation } from '../router.ts';
import { useSession, useUser } from '../session.tsx';
import { ErrorAlert, type FormError, groupsOfFour, Page, Submit, TextField, toFormError, useForm } from '../ui.tsx';

interface TotpStart {
  secret: string;
  uri: string;
  qrCode: string;
}

interface Enrolled {
  user: User;
  csrfToken: string;
  recoveryCodes: string[];
}

/**
 * Setting up the second factor: a fresh secret (QR code and typed form), a code from the app to
 * prove it works, then the ten recovery codes, once. The session becomes a full one only when
 * the person says the codes are stored, so the router keeps them here until then.
 */
export function EnrolPage() {
  const { t } = useI18n();
  const session = useSession();
  const user = useUser();
  const { query } = useLocation();
  const alreadyEnrolled = user.twoFactor.enabled && session.state.status === 'signedIn' && session.state.stage === 'full';
  const [totp, setTotp] = useState<TotpStart | null>(null);
  const [loadError, setLoadError] = useState<FormError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [enrolled, setEnrolled] = useState<Enrolled | null>(null);
  const [otp, setOtp] = useState('');

  useEffect(() => {
    if (alreadyEnrolled || enrolled) return;
    let live = true;
    setLoadError(null);
    api<TotpStart>('POST', '/api/me/totp').then(
      (start) => live && setTotp(start),
      (err: unknown) => live && setLoadError(toFormError(err, t)),
    );
    return () => {
      live = false;
    };
  }, [attempt]);

  useEffect(() => {
    if (enrolled) document.querySelector<HTMLElement>('main h1')?.focus();
  }, [enrolled]);

  const form = useForm(
    async () => {
      try {
        const result = await api<Enrolled>('POST', '/api/me/totp/confirm', { otp: otp.trim() });
        // The enrolment session has been replaced by a full one: its token is the one to send from now on.
        setCsrfToken(result.csrfToken);
        setEnrolled(result);
      } catch (err) {
        setOtp('');
        throw err;
      }
    },
    () => (/^\d{6}$/.test(otp.trim()) ? null : { message: t('signin.codeFormat'), field: 'otp' }),
  );

  if (alreadyEnrolled && !enrolled) {
    return (
      <Page title={t('enrol.title')} lead={t('enrol.already')}>
        <p>
          <a href="/profile">{t('nav.profile')}</a>
        </p>
      </Page>
    );
  }

  if (enrolled) {
    const finish = () => {
      session.signedIn({ user: enrolled.user, csrfToken: enrolled.csrfToken, stage: 'full' });
      navigate(safeReturn(query.get('next')) ?? '/');
    };
    return (
      <Page title={t('recovery.title')} lead={t('enrol.done')}>
        <div class="panel">
          <RecoveryCodes codes={enrolled.recoveryCodes} email={enrolled.user.email} onDone={finish} />
        </div>
      </Page>
    );
  }

  return (
    <Page title={t('enrol.title')} lead={t('enrol.lead')}>
      {loadError ? (
        <div class="panel narrow">
          <ErrorAlert error={loadError} />
          <button type="button" class="button" onClick={() => setAttempt(attempt + 1)}>
            {t('enrol.retry')}
          </button>
        </div>
      ) : !totp ? (
        <p class="loading" role="status">
          {t('enrol.preparing')}
        </p>
      ) : (
        <ol class="steps">
          <li class="panel">
            <h2>{t('enrol.step1')}</h2>
            <p>{t('enrol.step1Text')}</p>
          </li>
          <li class="panel">
            <h2>{t('enrol.step2')}</h2>
            <div class="qr-block">
              <img class="qr" src={totp.qrCode} alt={t('enrol.qrAlt')} width={192} height={192} />
              <div>
                <p>{t('enrol.manual')}</p>
                <p>
                  <code class="secret">
                    {groupsOfFour(totp.secret)}
                  </code>
                </p>
                <p class="hint">{t('enrol.manualHint')}</p>
                <p>
                  <a href={totp.uri}>{t('enrol.openApp')}</a>
                </p>
              </div>
            </div>
          </li>
          <li class="panel">
            <h2>{t('enrol.step3')}</h2>
            <form noValidate onSubmit={form.onSubmit} class="form">
              <ErrorAlert error={form.error} id={form.errorId} />
              <TextField
                label={t('signin.code')}
                name="otp"
                value={otp}
                onValue={setOtp}
                hint={t('enrol.codeHint')}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                code
                required
                {...form.fieldProps('otp')}
              />
              <div class="actions">
                <Submit busy={form.busy}>{t('enrol.submit')}</Submit>
              </div>
            </form>
          </li>
        </ol>
      )}
    </Page>
  );
}
