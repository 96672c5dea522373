import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, setCsrfToken, type Me } from '../api.ts';
import { countryName } from '../countries.ts';
import type { MessageKey } from '../i18n/en.ts';
import { type Language, LANGUAGES, useI18n } from '../i18n/index.tsx';
import { RecoveryCodes } from '../recovery-codes.tsx';
import { useSession, useUser } from '../session.tsx';
import {
  checkNewPassword,
  checkRequired,
  ErrorAlert,
  formatDate,
  groupsOfFour,
  NewPasswordFields,
  Notice,
  Page,
  SelectField,
  Submit,
  TextAreaField,
  TextField,
  useForm,
} from '../ui.tsx';

function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class="panel" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function AccountFacts() {
  const { t, lang } = useI18n();
  const user = useUser();
  const roles = user.roles.map((role) => t(`role.${role}` as MessageKey)).join(', ');
  return (
    <Section id="profile-account" title={t('profile.account')}>
      <dl class="facts">
        <dt>{t('profile.email')}</dt>
        <dd>{user.email}</dd>
        <dt>{t('profile.country')}</dt>
        <dd>
          {countryName(user.country, lang, t)} <span class="code-tag">{user.country}</span>
        </dd>
        <dt>{t('profile.organisation')}</dt>
        <dd>{user.organisation}</dd>
        <dt>{t('profile.roles')}</dt>
        <dd>{roles || t('profile.noRoles')}</dd>
        <dt>{t('profile.since')}</dt>
        <dd>{formatDate(user.createdAt, lang)}</dd>
      </dl>
    </Section>
  );
}

function Details() {
  const { t, setLang } = useI18n();
  const session = useSession();
  const user = useUser();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [language, setLanguage] = useState<Language>(user.language);
  const [saved, setSaved] = useState(false);
  const form = useForm(
    async () => {
      setSaved(false);
      const me = await api<Me>('PATCH', '/api/me', { displayName: displayName.trim(), language });
      session.updateUser(me.user);
      // The account's language is also this browser's from now on.
      setLang(me.user.language);
      setSaved(true);
    },
    () => checkRequired([['displayName', displayName, t('profile.displayName')]], t),
  );
  return (
    <Section id="profile-details" title={t('profile.details')}>
      <form noValidate onSubmit={form.onSubmit} class="form">
        <ErrorAlert error={form.error} id={form.errorId} />
        <TextField
          label={t('profile.displayName')}
          name="displayName"
          autoComplete="name"
          value={displayName}
          onValue={(v) => {
            setDisplayName(v);
            setSaved(false);
          }}
          required
          maxLength={200}
          {...form.fieldProps('displayName')}
        />
        <SelectField
          label={t('profile.language')}
          name="language"
          hint={t('profile.languageHint')}
          value={language}
          onValue={(v) => {
            setLanguage(v as Language);
            setSaved(false);
          }}
          {...form.fieldProps('language')}
        >
          {LANGUAGES.map((code) => (
            <option key={code} value={code} lang={code}>
              {t(`lang.${code}`)}
            </option>
          ))}
        </SelectField>
        {saved ? <Notice>{t('profile.saved')}</Notice> : null}
        <div class="actions">
          <Submit busy={form.busy}>{t('profile.save')}</Submit>
        </div>
      </form>
    </Section>
  );
}

function PgpKey() {
  const { t } = useI18n();
  const session = useSession();
  const user = useUser();
  const [key, setKey] = useState('');
  const [notice, setNotice] = useState<MessageKey | null>(null);
  const save = useForm(
    async () => {
      setNotice(null);
      const me = await api<Me>('PATCH', '/api/me', { pgpPublicKey: key.trim() });
      session.updateUser(me.user);
      setKey('');
      setNotice('pgp.saved');
    },
    () => checkRequired([['pgpPublicKey', key, t('pgp.key')]], t),
  );
  const remove = useForm(async () => {
    setNotice(null);
    const me = await api<Me>('PATCH', '/api/me', { pgpPublicKey: null });
    session.updateUser(me.user);
    setNotice('pgp.removed');
  });
  return (
    <Section id="profile-pgp" title={t('pgp.title')}>
      <p>{t('pgp.text')}</p>
      {user.pgpFingerprint ? (
        <form noValidate onSubmit={remove.onSubmit} class="form fingerprint">
          <p>
            {t('pgp.fingerprint')}
            <br />
            <code class="secret">{groupsOfFour(user.pgpFingerprint)}</code>
          </p>
          <ErrorAlert error={remove.error} id={remove.errorId} />
          <div class="actions">
            <Submit busy={remove.busy} variant="danger">
              {t('pgp.remove')}
            </Submit>
          </div>
        </form>
      ) : (
        <p class="muted">{t('pgp.none')}</p>
      )}
      {notice ? <Notice>{t(notice)}</Notice> : null}
      <form noValidate onSubmit={save.onSubmit} class="form">
        <ErrorAlert error={save.error} id={save.errorId} />
        <TextAreaField
          label={user.pgpFingerprint ? t('pgp.replace') : t('pgp.key')}
          name="pgpPublicKey"
          hint={t('pgp.hint')}
          value={key}
          onValue={setKey}
          {...save.fieldProps('pgpPublicKey')}
        />
        <div class="actions">
          <Submit busy={save.busy} variant="secondary">
            {t('pgp.save')}
          </Submit>
        </div>
      </form>
    </Section>
  );
}

function Password() {
  const { t } = useI18n();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [done, setDone] = useState(false);
  const names = { password: 'newPassword', confirm: 'confirmPassword' };
  const form = useForm(
    async () => {
      setDone(false);
      const { csrfToken } = await api<{ csrfToken: string }>('POST', '/api/me/password', {
        currentPassword: current,
        newPassword: next,
      });
      // The session was renewed (and the others ended): its new token replaces the old one.
      setCsrfToken(csrfToken);
      setCurrent('');
      setNext('');
      setConfirm('');
      setDone(true);
    },
    () => checkRequired([['currentPassword', current, t('password.current')]], t) ?? checkNewPassword(next, confirm, t, names),
  );
  return (
    <Section id="profile-password" title={t('password.title')}>
      <p>{t('password.text')}</p>
      <form noValidate onSubmit={form.onSubmit} class="form">
        <ErrorAlert error={form.error} id={form.errorId} />
        <TextField
          label={t('password.current')}
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          value={current}
          onValue={setCurrent}
          required
          maxLength={256}
          {...form.fieldProps('currentPassword')}
        />
        <NewPasswordFields
          password={next}
          confirm={confirm}
          onPassword={setNext}
          onConfirm={setConfirm}
          form={form}
          names={names}
        />
        {done ? <Notice>{t('password.changed')}</Notice> : null}
        <div class="actions">
          <Submit busy={form.busy}>{t('password.submit')}</Submit>
        </div>
      </form>
    </Section>
  );
}

function Recovery() {
  const { t } = useI18n();
  const session = useSession();
  const user = useUser();
  const [otp, setOtp] = useState('');
  const [codes, setCodes] = useState<string[] | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (codes) heading.current?.focus();
  }, [codes]);
  const refresh = () => api<Me>('GET', '/api/me').then((me) => session.updateUser(me.user));
  const form = useForm(
    async () => {
      try {
        const result = await api<{ recoveryCodes: string[] }>('POST', '/api/me/recovery-codes', { otp: otp.trim() });
        setCodes(result.recoveryCodes);
        await refresh();
      } finally {
        setOtp('');
      }
    },
    () => (/^\d{6}$/.test(otp.trim()) ? null : { message: t('signin.codeFormat'), field: 'otp' }),
  );
  const left = user.twoFactor.recoveryCodesLeft;
  return (
    <Section id="profile-recovery" title={t('recovery.sectionTitle')}>
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
        <form noValidate onSubmit={form.onSubmit} class="form">
          <p>{t('recovery.regenerateText')}</p>
          <ErrorAlert error={form.error} id={form.errorId} />
          <TextField
            label={t('signin.code')}
            name="otp"
            value={otp}
            onValue={setOtp}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            code
            required
            {...form.fieldProps('otp')}
          />
          <div class="actions">
            <Submit busy={form.busy} variant="secondary">
              {t('recovery.regenerate')}
            </Submit>
          </div>
        </form>
      )}
    </Section>
  );
}

export function ProfilePage() {
  const { t } = useI18n();
  return (
    <Page title={t('profile.title')} lead={t('profile.lead')}>
      <div class="sections">
        <AccountFacts />
        <Details />
        <PgpKey />
        <Password />
        <Recovery />
      </div>
    </Page>
  );
}
