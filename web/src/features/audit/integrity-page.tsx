import { useState } from 'preact/hooks';
import { formatMoment } from '../../lib/dates.ts';
import { groupsOfFour, shortId } from '../../lib/format.ts';
import { useI18n } from '../../lib/i18n/index.tsx';
import { type Resource, useResource } from '../../lib/use-resource.ts';
import { useAction } from '../../ui/dialog.tsx';
import { ErrorAlert, Notice } from '../../ui/form.tsx';
import { Loading, Page } from '../../ui/page.tsx';
import { Panel } from '../../ui/panel.tsx';
import { type Column, Table } from '../../ui/table.tsx';
import { Badge } from '../../ui/values.tsx';
import { type AuditIntegrity, type AuditVerification, fetchCheckpoints, fetchIntegrity, PUBLIC_KEY_PATH, verifyChain } from './api.ts';
import { AuditTabs, BrokenChain } from './parts.tsx';

/** The integrity of the chain: its head, the last signed checkpoint, the last verification (and a new one), the checkpoints. */
export function AuditIntegrityPage() {
  const { t } = useI18n();
  const integrity = useResource(fetchIntegrity, []);
  const state = integrity.data;
  const last = state?.lastVerification ?? null;
  return (
    <Page title={t('integrity.title')} lead={t('integrity.lead')}>
      <AuditTabs current="integrity" />
      <ErrorAlert error={integrity.error} />
      {!state ? (
        integrity.error ? null : (
          <Loading text={t('integrity.loading')} />
        )
      ) : (
        <>
          {last && !last.ok ? <BrokenChain verification={last} link={false} /> : null}
          <ChainState integrity={integrity} state={state} />
          <Checkpoints />
        </>
      )}
    </Page>
  );
}

function ChainState({ integrity, state }: { integrity: Resource<AuditIntegrity>; state: AuditIntegrity }) {
  const { t, lang } = useI18n();
  const verifying = useAction();
  const [justVerified, setJustVerified] = useState<AuditVerification | null>(null);
  const last = state.lastVerification;
  const verify = () => {
    verifying.run(async () => {
      setJustVerified(null);
      const result = await verifyChain();
      setJustVerified(result);
      integrity.setData((known) => (known ? { ...known, lastVerification: result } : known));
      // The head has moved on since the page opened (the verification itself is an entry).
      const fresh = await fetchIntegrity().catch(() => null);
      if (fresh) integrity.setData({ ...fresh, lastVerification: result });
    });
  };
  return (
    <Panel id="integrity-state" title={t('integrity.state')}>
      <dl class="facts integrity-facts">
        <dt>{t('integrity.head')}</dt>
        <dd>{state.head ? t('integrity.entryAt', { seq: state.head.seq, time: formatMoment(state.head.at, lang) }) : t('integrity.empty')}</dd>
        <dt>{t('integrity.checkpoint')}</dt>
        <dd>
          {state.lastCheckpoint ? (
            <>
              {t('integrity.entryAt', { seq: state.lastCheckpoint.seq, time: formatMoment(state.lastCheckpoint.at, lang) })}{' '}
              <code title={state.lastCheckpoint.hash}>{shortId(state.lastCheckpoint.hash, 16)}</code>
            </>
          ) : (
            <span class="muted">{t('integrity.noCheckpoint')}</span>
          )}
        </dd>
        <dt>{t('integrity.verification')}</dt>
        <dd class="verification">
          {last ? (
            <>
              {last.ok ? (
                <Badge tone="outcome-allowed">{t('integrity.ok', { seq: last.throughSeq })}</Badge>
              ) : (
                <Badge tone="outcome-broken">{t('integrity.broken', { seq: last.firstBad ?? last.throughSeq })}</Badge>
              )}{' '}
              <time dateTime={last.at}>{formatMoment(last.at, lang)}</time>
              {!last.ok && last.reason ? <span class="verification-reason">{t('integrity.reason', { reason: last.reason })}</span> : null}
            </>
          ) : (
            <span class="muted">{t('integrity.never')}</span>
          )}
        </dd>
        <dt>{t('integrity.fingerprint')}</dt>
        <dd>
          <code class="fingerprint-value">{groupsOfFour(state.fingerprint)}</code>
        </dd>
      </dl>
      <ErrorAlert error={verifying.error} />
      {justVerified?.ok ? (
        <Notice>{t('integrity.verified', { time: formatMoment(justVerified.at, lang), seq: justVerified.throughSeq })}</Notice>
      ) : null}
      <div class="actions">
        <button type="button" class="button" aria-disabled={verifying.busy ? 'true' : undefined} aria-describedby="verify-hint" onClick={verify}>
          {t('integrity.verify')}
        </button>
        <a href={PUBLIC_KEY_PATH} download="">
          {t('integrity.publicKey')}
        </a>
      </div>
      <p class="hint verify-hint" id="verify-hint">
        {t('integrity.verifyHint')}
      </p>
    </Panel>
  );
}

/** The signed checkpoints, newest first, ten at a time. */
function Checkpoints() {
  const { t, lang } = useI18n();
  const first = useResource(() => fetchCheckpoints(null), []);
  const more = useAction();
  const page = first.data;
  const older = () => {
    if (!page?.nextBefore) return;
    more.run(
      () => fetchCheckpoints(page.nextBefore),
      (next) => first.setData({ checkpoints: [...page.checkpoints, ...next.checkpoints], nextBefore: next.nextBefore }),
    );
  };
  const columns: Column[] = [
    { label: t('integrity.cpEntry'), class: 'cell-num' },
    t('integrity.cpTime'),
    t('integrity.cpHash'),
    t('integrity.cpKey'),
  ];
  return (
    <Panel id="integrity-checkpoints" class="panel-flush checkpoints" title={t('integrity.checkpoints')}>
      <ErrorAlert error={first.error ?? more.error} />
      {!page ? null : page.checkpoints.length === 0 ? (
        <p class="muted">{t('integrity.noCheckpoints')}</p>
      ) : (
        <Table dense caption={t('integrity.checkpoints')} columns={columns}>
          {page.checkpoints.map((cp) => (
            <tr key={cp.seq}>
              <th scope="row" class="cell-num">
                {cp.seq}
              </th>
              <td class="cell-time">
                <time dateTime={cp.at}>{formatMoment(cp.at, lang)}</time>
              </td>
              <td class="mono cell-hash">{cp.hash}</td>
              <td class="mono" title={cp.fingerprint}>
                {shortId(cp.fingerprint, 16)}
              </td>
            </tr>
          ))}
        </Table>
      )}
      {page?.nextBefore ? (
        <p class="more">
          <button type="button" class="button button-secondary button-small" onClick={older}>
            {t('integrity.moreCheckpoints')}
          </button>
        </p>
      ) : null}
    </Panel>
  );
}
