import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';
import { useFragmentToken } from '../router.ts';
import { useSession } from '../session.tsx';
import { checkNewPassword, checkRequired, ErrorAlert, NewPasswordFields, Notice, Page, Submit, TextField, useForm } from '../ui.tsx';

/** Asking for a reset link: the answer is the same whether or not the address has an account. */
function RequestReset() {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const form = useForm(
    async () => {
      await api('POST', '/api/password-reset', { email: email.trim() });
      setSent(true);
    },
    () => checkRequired([['email', email, t('signin.email')]], t),
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
          <form noValidate onSubmit={form.onSubmit} class="form">
            <ErrorAlert error={form.error} id={form.errorId} />
            <TextField
              label={t('signin.email')}
              name="email"
              type="email"
              autoComplete="username"
              value={email}
              onValue={setEmail}
              required
              maxLength={254}
              {...form.fieldProps('email')}
            />
            <div class="actions">
              <Submit busy={form.busy}>{t('reset.submit')}</Submit>
              <a href="/signin">{t('reset.toSignIn')}</a>
            </div>
          </form>
        )}
      </div>
    </Page>
  );
}

/** `/reset#<token>`: a new password; every session of the account ends. */
function CompleteReset({ token, onNewLink }: { token: string; onNewLink: () => void }) {
  const { t } = useI18n();
  const session = useSession();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [done, setDone] = useState(false);
  const form = useForm(
    async () => {
      await api('POST', '/api/password-reset/complete', { token, password });
      if (session.state.status === 'signedIn') session.forget();
      setDone(true);
    },
    () => checkNewPassword(password, confirm, t),
  );
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
          <form noValidate onSubmit={form.onSubmit} class="form">
            <ErrorAlert error={form.error} id={form.errorId} />
            <NewPasswordFields password={password} confirm={confirm} onPassword={setPassword} onConfirm={setConfirm} form={form} />
            <div class="actions">
              <Submit busy={form.busy}>{t('reset.newSubmit')}</Submit>
              {form.error?.field === 'token' ? (
                <button type="button" class="button-link" onClick={onNewLink}>
                  {t('reset.askAgain')}
                </button>
              ) : null}
            </div>
          </form>
        )}
      </div>
    </Page>
  );
}

export function ResetPage() {
  const [token, setToken] = useFragmentToken();
  return token ? <CompleteReset token={token} onNewLink={() => setToken(null)} /> : <RequestReset />;
}
