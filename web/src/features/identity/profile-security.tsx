/** The profile's security sections: my OpenPGP key, my password, my recovery codes. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { setCsrfToken } from '../../lib/api.ts';
import { groupsOfFour } from '../../lib/format.ts';
import { type MessageKey, useI18n } from '../../lib/i18n/index.tsx';
import { useSession, useUser } from '../../lib/session.tsx';
import { TextAreaField } from '../../ui/fields.tsx';
import { checkRequired, Form, Notice, useForm } from '../../ui/form.tsx';
import { Panel } from '../../ui/panel.tsx';
import { changePassword, fetchMe, newRecoveryCodes, updateMe } from './api.ts';
import { checkNewPassword, checkOtp, NewPasswordFields, OtpField, PasswordField } from './fields.tsx';
import { RecoveryCodes } from './recovery-codes.tsx';

/** The key alert mail to me is encrypted with: added, replaced or removed. */
export function PgpKey() {
  const { t } = useI18n();
  const session = useSession();
  const user = useUser();
  const [notice, setNotice] = useState<MessageKey | null>(null);
  const save = useForm(
    { pgpPublicKey: '' },
    async ({ pgpPublicKey }) => {
      setNotice(null);
      const me = await updateMe({ pgpPublicKey: pgpPublicKey.trim() });
      session.updateUser(me.user);
      save.reset();
      setNotice('pgp.saved');
    },
    ({ pgpPublicKey }) => checkRequired([['pgpPublicKey', pgpPublicKey, t('pgp.key')]], t),
  );
  const remove = useForm({}, async () => {
    setNotice(null);
    const me = await updateMe({ pgpPublicKey: null });
    session.updateUser(me.user);
    setNotice('pgp.removed');
  });
  return (
    <Panel id="profile-pgp" title={t('pgp.title')}>
      <p>{t('pgp.text')}</p>
      {user.pgpFingerprint ? (
        <Form
          form={remove}
          class="form fingerprint"
          submit={t('pgp.remove')}
          variant="danger"
          intro={
            <p>
              {t('pgp.fingerprint')}
              <br />
              <code class="secret">{groupsOfFour(user.pgpFingerprint)}</code>
            </p>
          }
        />
      ) : (
        <p class="muted">{t('pgp.none')}</p>
      )}
      {notice ? <Notice>{t(notice)}</Notice> : null}
      <Form form={save} submit={t('pgp.save')} variant="secondary">
        <TextAreaField label={user.pgpFingerprint ? t('pgp.replace') : t('pgp.key')} hint={t('pgp.hint')} {...save.bind('pgpPublicKey')} />
      </Form>
    </Panel>
  );
}

export function Password() {
  const { t } = useI18n();
  const [done, setDone] = useState(false);
  const form = useForm(
    { currentPassword: '', newPassword: '', confirmPassword: '' },
    async ({ currentPassword, newPassword }) => {
      setDone(false);
      const { csrfToken } = await changePassword({ currentPassword, newPassword });
      // The session was renewed (and the others ended): its new token replaces the old one.
      setCsrfToken(csrfToken);
      form.reset();
      setDone(true);
    },
    ({ currentPassword, newPassword, confirmPassword }) =>
      checkRequired([['currentPassword', currentPassword, t('password.current')]], t) ??
      checkNewPassword(newPassword, confirmPassword, t, { password: 'newPassword', confirm: 'confirmPassword' }),
  );
  return (
    <Panel id="profile-password" title={t('password.title')}>
      <p>{t('password.text')}</p>
      <Form form={form} submit={t('password.submit')}>
        <PasswordField label={t('password.current')} autoComplete="current-password" {...form.bind('currentPassword')} />
        <NewPasswordFields password={form.bind('newPassword')} confirm={form.bind('confirmPassword')} />
        {done ? <Notice>{t('password.changed')}</Notice> : null}
      </Form>
    </Panel>
  );
}

export function Recovery() {
  const { t } = useI18n();
  const session = useSession();
  const user = useUser();
  const [codes, setCodes] = useState<string[] | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (codes) heading.current?.focus();
  }, [codes]);
  const form = useForm(
    { otp: '' },
    async ({ otp }) => {
      try {
        const result = await newRecoveryCodes({ otp: otp.trim() });
        setCodes(result.recoveryCodes);
        const me = await fetchMe();
        session.updateUser(me.user);
      } finally {
        form.reset();
      }
    },
    ({ otp }) => checkOtp(otp, t),
  );
  const left = user.twoFactor.recoveryCodesLeft;
  return (
    <Panel id="profile-recovery" title={t('recovery.sectionTitle')}>
      <p class={left <= 3 ? 'alert alert-warn' : undefined}>
        {t(left === 0 ? 'recovery.leftNone' : left === 1 ? 'recovery.leftOne' : 'recovery.left', { count: left })}
      </p>
      {codes ? (
        <>
          <h3 tabIndex={-1} ref={heading}>
            {t('recovery.newTitle')}
          </h3>
          <RecoveryCodes codes={codes} email={user.email} onDone={() => setCodes(null)} />
        </>
      ) : (
        <Form form={form} submit={t('recovery.regenerate')} variant="secondary" intro={<p>{t('recovery.regenerateText')}</p>}>
          <OtpField {...form.bind('otp')} />
        </Form>
      )}
    </Panel>
  );
}
