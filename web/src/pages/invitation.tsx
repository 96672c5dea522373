import { useState } from 'preact/hooks';
import { api, type SignedIn } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';
import { useFragmentToken } from '../router.ts';
import { useSession } from '../session.tsx';
import { checkNewPassword, ErrorAlert, NewPasswordFields, Page, Submit, useForm } from '../ui.tsx';

/** `/invitation#<token>`: the invited person chooses a password, then sets up the second factor. */
export function InvitationPage() {
  const { t } = useI18n();
  const session = useSession();
  const [token] = useFragmentToken();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const form = useForm(
    async () => {
      const result = await api<SignedIn>('POST', '/api/invitations/accept', { token, password });
      // Stage `enrol`: the router sends the new account on to the second-factor set-up.
      session.signedIn(result);
    },
    () => checkNewPassword(password, confirm, t),
  );

  if (!token) {
    return <Page title={t('invitation.title')} lead={t('invitation.noToken')} />;
  }
  return (
    <Page title={t('invitation.title')} lead={t('invitation.lead')}>
      <div class="panel narrow">
        <form noValidate onSubmit={form.onSubmit} class="form">
          <ErrorAlert error={form.error} id={form.errorId} />
          <NewPasswordFields password={password} confirm={confirm} onPassword={setPassword} onConfirm={setConfirm} form={form} />
          <div class="actions">
            <Submit busy={form.busy}>{t('invitation.submit')}</Submit>
          </div>
        </form>
        <p class="aside">{t('invitation.next')}</p>
      </div>
    </Page>
  );
}
