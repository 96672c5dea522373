import { useEffect, useState } from 'preact/hooks';
import { setCsrfToken } from '../../lib/api.ts';
import { groupsOfFour } from '../../lib/format.ts';
import { useI18n } from '../../lib/i18n/index.tsx';
import { navigate, safeReturn, useLocation } from '../../lib/router.ts';
import { useSession, useUser } from '../../lib/session.tsx';
import { useResource } from '../../lib/use-resource.ts';
import { ErrorAlert, Form, useForm } from '../../ui/form.tsx';
import { Loading, Page } from '../../ui/page.tsx';
import { confirmTotp, type Enrolled, startTotp, type TotpStart } from './api.ts';
import { checkOtp, OtpField } from './fields.tsx';
import { RecoveryCodes } from './recovery-codes.tsx';

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
  const [enrolled, setEnrolled] = useState<Enrolled | null>(null);
  const totp = useResource(alreadyEnrolled || enrolled ? null : startTotp, []);

  useEffect(() => {
    if (enrolled) document.querySelector<HTMLElement>('main h1')?.focus();
  }, [enrolled]);

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
      {totp.error ? (
        <div class="panel narrow">
          <ErrorAlert error={totp.error} />
          <button type="button" class="button" onClick={totp.reload}>
            {t('enrol.retry')}
          </button>
        </div>
      ) : !totp.data ? (
        <Loading text={t('enrol.preparing')} />
      ) : (
        <ol class="steps">
          <li class="panel">
            <h2>{t('enrol.step1')}</h2>
            <p>{t('enrol.step1Text')}</p>
          </li>
          <li class="panel">
            <h2>{t('enrol.step2')}</h2>
            <Secret totp={totp.data} />
          </li>
          <li class="panel">
            <h2>{t('enrol.step3')}</h2>
            <ConfirmCode onEnrolled={setEnrolled} />
          </li>
        </ol>
      )}
    </Page>
  );
}

/** The secret as a QR code, in groups of four to type, and as a link to the app. */
function Secret({ totp }: { totp: TotpStart }) {
  const { t } = useI18n();
  return (
    <div class="qr-block">
      <img class="qr" src={totp.qrCode} alt={t('enrol.qrAlt')} width={192} height={192} />
      <div>
        <p>{t('enrol.manual')}</p>
        <p>
          <code class="secret">{groupsOfFour(totp.secret)}</code>
        </p>
        <p class="hint">{t('enrol.manualHint')}</p>
        <p>
          <a href={totp.uri}>{t('enrol.openApp')}</a>
        </p>
      </div>
    </div>
  );
}

function ConfirmCode({ onEnrolled }: { onEnrolled: (result: Enrolled) => void }) {
  const { t } = useI18n();
  const form = useForm(
    { otp: '' },
    async ({ otp }) => {
      try {
        const result = await confirmTotp({ otp: otp.trim() });
        // The enrolment session has been replaced by a full one: its token is the one to send from now on.
        setCsrfToken(result.csrfToken);
        onEnrolled(result);
      } catch (err) {
        form.set('otp', '');
        throw err;
      }
    },
    ({ otp }) => checkOtp(otp, t),
  );
  return (
    <Form form={form} submit={t('enrol.submit')}>
      <OtpField hint={t('enrol.codeHint')} {...form.bind('otp')} />
    </Form>
  );
}
