import { groupsOfFour } from '../../lib/format.ts';
import { useI18n } from '../../lib/i18n/index.tsx';
import { useResource } from '../../lib/use-resource.ts';
import { ErrorAlert } from '../../ui/form.tsx';
import { Panel } from '../../ui/panel.tsx';
import { fetchSigningKeyFingerprint, SIGNING_KEY_PATH } from './api.ts';

/** The headers of a delivery, as a receiving system reads them. */
const DELIVERY_HEADERS = [
  ['Enlace-Signature', 'webhooks.headerSignature'],
  ['Enlace-Key', 'webhooks.headerKey'],
  ['Enlace-Delivery', 'webhooks.headerDelivery'],
] as const;

/** What a national system needs to trust a delivery: the headers, and the portal key with its fingerprint. */
export function Verification() {
  const { t } = useI18n();
  const key = useResource(fetchSigningKeyFingerprint, []);
  const fingerprint = key.data;
  const error = key.error;
  return (
    <Panel id="webhook-help" class="aside-panel webhook-help" title={t('webhooks.helpTitle')}>
      <p>{t('webhooks.helpBody')}</p>
      <dl class="header-list">
        {DELIVERY_HEADERS.map(([header, key]) => (
          <div key={header}>
            <dt>
              <code>{header}</code>
            </dt>
            <dd>{t(key)}</dd>
          </div>
        ))}
      </dl>
      <p>{t('webhooks.helpVerify')}</p>
      <p>
        <code class="command">gpg --verify signature.bin body.json</code>
      </p>
      <p>{t('webhooks.helpReplay')}</p>
      <p>{t('webhooks.helpAnswer')}</p>
      <h3>{t('webhooks.keyTitle')}</h3>
      <ErrorAlert error={error} />
      <dl class="facts facts-compact webhook-key">
        <dt>{t('webhooks.fingerprint')}</dt>
        <dd>
          {fingerprint ? (
            <code class="fingerprint-value">{groupsOfFour(fingerprint)}</code>
          ) : error ? null : (
            <span class="muted">{t('app.loading')}</span>
          )}
        </dd>
      </dl>
      <p class="hint">{t('webhooks.fingerprintHint')}</p>
      <p>
        <a href={SIGNING_KEY_PATH} download="enlace-portal-key.asc">
          {t('webhooks.download')}
        </a>
      </p>
    </Panel>
  );
}
