import { useI18n } from '../../lib/i18n/index.tsx';
import { useFragmentToken } from '../../lib/router.ts';
import { useSession } from '../../lib/session.tsx';
import { Form, useForm } from '../../ui/form.tsx';
import { Page } from '../../ui/page.tsx';
import { acceptInvitation } from './api.ts';
import { checkNewPassword, NewPasswordFields } from './fields.tsx';

/** `/invitation#<token>`: the invited person chooses a password, then sets up the second factor. */
export function InvitationPage() {
  const { t } = useI18n();
  const session = useSession();
  const [token] = useFragmentToken();
  const form = useForm(
    { password: '', confirm: '' },
    async ({ password }) => {
      const result = await acceptInvitation({ token: token ?? '', password });
      // Stage `enrol`: the router sends the new account on to the second-factor set-up.
      session.signedIn(result);
    },
    ({ password, confirm }) => checkNewPassword(password, confirm, t),
  );

  if (!token) {
    return <Page title={t('invitation.title')} lead={t('invitation.noToken')} />;
  }
  return (
    <Page title={t('invitation.title')} lead={t('invitation.lead')}>
      <div class="panel narrow">
        <Form form={form} submit={t('invitation.submit')}>
          <NewPasswordFields password={form.bind('password')} confirm={form.bind('confirm')} />
        </Form>
        <p class="aside">{t('invitation.next')}</p>
      </div>
    </Page>
  );
}
