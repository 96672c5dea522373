/** The pieces every screen of the auditor's console shares. */
import { countryName } from '../../lib/countries.ts';
import { useI18n } from '../../lib/i18n/index.tsx';
import { useLocation } from '../../lib/router.ts';
import { TextField } from '../../ui/fields.tsx';
import type { FieldProps } from '../../ui/form.tsx';
import { Tabs } from '../../ui/tabs.tsx';
import { Badge } from '../../ui/values.tsx';
import type { AuditActor, AuditEntry, AuditVerification } from './api.ts';

type Tab = 'log' | 'integrity' | 'anomalies';

/** The console's sections; a person's timeline is in the log's. */
export function AuditTabs({ current }: { current: Tab }) {
  const { t } = useI18n();
  const { path } = useLocation();
  const tab = (name: Tab, href: string, label: string): [string, string, 'page' | 'true' | false] => [
    href,
    label,
    name === current && (path === href ? 'page' : 'true'),
  ];
  return (
    <Tabs
      class="audit-tabs"
      label={t('audit.sections')}
      tabs={[
        tab('log', '/audit', t('audit.logTab')),
        tab('integrity', '/audit/integrity', t('audit.integrityTab')),
        tab('anomalies', '/audit/anomalies', t('audit.anomaliesTab')),
      ]}
    />
  );
}

/** An empty cell of the log. */
export const Dash = () => <span class="muted">—</span>;

/** The outcome in words; a refusal or failure also shows the server's code for it (invalid_credentials, forbidden…). */
export function Outcome({ entry }: { entry: AuditEntry }) {
  const { t } = useI18n();
  const code = entry.outcome !== 'allowed' && typeof entry.details.code === 'string' ? entry.details.code : null;
  return (
    <>
      <Badge tone={`outcome-${entry.outcome}`}>{t(`auditOutcome.${entry.outcome}`)}</Badge>
      {code ? <span class="entry-code">{code}</span> : null}
    </>
  );
}

export function CountryCode({ code }: { code: string | null }) {
  const { t, lang } = useI18n();
  if (!code) return null;
  return (
    <abbr class="code-tag" title={countryName(code, lang, t)}>
      {code}
    </abbr>
  );
}

/** A person in the log: their name, leading to their timeline, and their country at the time. */
export function ActorCell({ actor, country }: { actor: AuditActor | null; country: string | null }) {
  const { t } = useI18n();
  return (
    <td class="cell-actor">
      {actor ? <a href={`/audit/users/${actor.id}`}>{actor.displayName}</a> : <span class="muted">{t('audit.noActor')}</span>}{' '}
      <CountryCode code={country ?? actor?.country ?? null} />
    </td>
  );
}

/** The banner a broken chain puts above the log: nobody should read the log without knowing. */
export function BrokenChain({ verification, link }: { verification: AuditVerification; link: boolean }) {
  const { t } = useI18n();
  const seq = verification.firstBad ?? verification.throughSeq;
  return (
    <div class="alert alert-error alert-broken" role="alert">
      {link ? (
        <p>
          <strong>{t('audit.brokenBanner', { seq })}</strong> <a href="/audit/integrity">{t('audit.brokenLink')}</a>
        </p>
      ) : (
        <>
          <h2>{t('integrity.brokenTitle', { seq })}</h2>
          <p>{t('integrity.brokenText', { seq })}</p>
          {verification.reason ? <p>{t('integrity.reason', { reason: verification.reason })}</p> : null}
        </>
      )}
    </div>
  );
}

/** Back to the newest entries, on to older ones. */
export function LogPager({ newest, older, label }: { newest: string | null; older: string | null; label: string }) {
  const { t } = useI18n();
  if (!newest && !older) return null;
  return (
    <nav class="pager" aria-label={label}>
      {newest ? <a href={newest}>{t('audit.newest')}</a> : null}
      {older ? (
        <a href={older} rel="next">
          {t('audit.older')}
        </a>
      ) : null}
    </nav>
  );
}

/** From and to, in the reader's clock (the log's filters and the anomalies' period share them). */
export function PeriodFields({
  draft,
  onField,
  fieldProps,
}: {
  draft: { from: string; to: string };
  onField: (name: 'from' | 'to') => (value: string) => void;
  fieldProps: (name: string) => FieldProps;
}) {
  const { t } = useI18n();
  return (
    <>
      <TextField label={t('audit.from')} name="from" type="datetime-local" value={draft.from} onValue={onField('from')} {...fieldProps('from')} />
      <TextField label={t('audit.to')} name="to" type="datetime-local" value={draft.to} onValue={onField('to')} {...fieldProps('to')} />
    </>
  );
}
