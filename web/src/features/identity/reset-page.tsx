import { useState } from 'preact/hooks';
import { useI18n } from '../../lib/i18n/index.tsx';
import { useFragmentToken } from '../../lib/router.ts';
import { useSession } from '../../lib/session.tsx';
import { checkRequired, Form, Notice, useForm } from '../../ui/form.tsx';
import { Page } from '../../ui/page.tsx';
import { completeReset, requestReset } from './api.ts';
import { checkNewPassword, EmailField, NewPasswordFields } from './fields.tsx';

export function ResetPage() {
  const [token, setToken] = useFragmentToken();
  return token ? <CompleteReset token={token} onNewLink={() => setToken(null)} /> : <RequestReset />;
}

/** Asking for a reset link: the answer is the same whether or not the address has an account. */
function RequestReset() {
  const { t } = useI18n();
  const [sent, setSent] = useState(false);
  const form = useForm(
    { email: '' },
    async ({ email }) => {
      await requestReset({ email: email.trim() });
      setSent(true);
    },
    ({ email }) => checkRequired([['email', email, t('signin.email')]], t),
  );
  return (
    <Page title={t('reset.title')} lead={t('reset.lead')}>
      <div class="panel narrow">
        {sent ? (
          <>
            <Notice>{t('reset.sent')}</Notice>
            <p>
              <a href="/signin">{t('reset.toSignIn')}</a>
            </p>
          </>
        ) : (
          <Form form={form} submit={t('reset.submit')} actions={<a href="/signin">{t('reset.toSignIn')}</a>}>
            <EmailField label={t('signin.email')} {...form.bind('email')} />
          </Form>
        )}
      </div>
    </Page>
  );
}

/** `/reset#<token>`: a new password; every session of the account ends. */
function CompleteReset({ token, onNewLink }: { token: string; onNewLink: () => void }) {
  const { t } = useI18n();
  const session = useSession();
  const [done, setDone] = useState(false);
  const form = useForm(
    { password: '', confirm: '' },
    async ({ password }) => {
      await completeReset({ token, password });
      if (session.state.status === 'signedIn') session.forget();
      setDone(true);
    },
    ({ password, confirm }) => checkNewPassword(password, confirm, t),
  );
  const askAgain =
    form.error?.field === 'token' ? (
      <button type="button" class="button-link" onClick={onNewLink}>
        {t('reset.askAgain')}
      </button>
    ) : null;
  return (
    <Page title={t('reset.newTitle')} lead={done ? undefined : t('reset.newLead')}>
      <div class="panel narrow">
        {done ? (
          <>
            <Notice>{t('reset.done')}</Notice>
            <p>
              <a class="button" href="/signin">
                {t('home.signIn')}
              </a>
            </p>
          </>
        ) : (
          <Form form={form} submit={t('reset.newSubmit')} actions={askAgain}>
            <NewPasswordFields password={form.bind('password')} confirm={form.bind('confirm')} />
          </Form>
        )}
      </div>
    </Page>
  );
}
