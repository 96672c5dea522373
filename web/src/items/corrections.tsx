import type { ComponentChildren } from 'preact';
import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../lib/api.ts';
import type { Item, Reply } from '../lib/api-schema.ts';
import { countryName } from '../lib/countries.ts';
import { formatDate } from '../lib/dates.ts';
import { useI18n } from '../lib/i18n/index.tsx';
import { useResource } from '../lib/use-resource.ts';
import { ConfirmDialog, useAction } from '../ui/dialog.tsx';
import { ErrorAlert, Notice } from '../ui/form.tsx';
import { Panel } from '../ui/panel.tsx';
import { Badge } from '../ui/values.tsx';

/** A correction as both kinds answer it (platform/items/corrections.ts on the server). */
export type Correction = Item<Reply<'/api/specimens/{id}/corrections', 'get'>>;
type Decision = 'accept' | 'reject';

/** The calls of one kind's corrections, under its own addresses (`/api/specimens/:id/…`, `/api/reports/:id/…`). */
export function correctionCalls(base: string) {
  const at = (id: string) => `${base}/${encodeURIComponent(id)}/corrections`;
  return {
    list: (id: string) => api<Correction[]>('GET', at(id)),
    decide: (id: string, correctionId: string, decision: Decision) =>
      api<Correction>('POST', `${at(id)}/${encodeURIComponent(correctionId)}/${decision}`),
  };
}

/**
 * Changes others propose to a published item, each with its proposer's country, date, status and
 * comment; the originator (`canAmend`) accepts or rejects each. What a kind changes is put in words
 * by `describe`; the kind's proposal form comes as `propose`, given where to add what it sends.
 */
export function CorrectionsPanel({
  itemId,
  calls,
  canAmend,
  describe,
  texts,
  onAccepted,
  propose,
}: {
  itemId: string;
  calls: ReturnType<typeof correctionCalls>;
  canAmend: boolean;
  describe: (field: string, value: unknown) => { label: string; value: string };
  /** What accepting and rejecting do to this kind of item, in the confirmations. */
  texts: { accept: string; reject: string };
  onAccepted: () => void;
  propose?: (onProposed: (c: Correction) => void) => ComponentChildren;
}) {
  const { t, lang } = useI18n();
  const corrections = useResource(() => calls.list(itemId), [itemId]);
  const [deciding, setDeciding] = useState<{ correction: Correction; action: Decision } | null>(null);
  const decision = useAction();
  const [notice, setNotice] = useState<string | null>(null);
  const list = corrections.data;
  const decide = () => {
    if (!deciding) return;
    const { correction, action } = deciding;
    decision.run(
      () => calls.decide(itemId, correction.id, action),
      (decided) => {
        corrections.setData((l) => (l ?? []).map((c) => (c.id === decided.id ? decided : c)));
        setDeciding(null);
        setNotice(t(action === 'accept' ? 'corrections.accepted' : 'corrections.rejected'));
        if (action === 'accept') onAccepted();
      },
    );
  };
  return (
    <Panel id="corrections-title" title={t('corrections.title')}>
      <ErrorAlert error={corrections.error} />
      {notice ? <Notice>{notice}</Notice> : null}
      {list && list.length === 0 ? <p class="muted">{t('corrections.none')}</p> : null}
      {list?.length ? (
        <ul class="correction-list">
          {list.map((c) => (
            <li key={c.id} class={`correction correction-${c.status}`}>
              <p class="correction-head">
                <Badge tone={`correction-${c.status}`}>{t(`corrections.status.${c.status}`)}</Badge>{' '}
                {t('corrections.by', { country: countryName(c.proposerCountry, lang, t), date: formatDate(c.createdAt, lang) })}
                {c.mine ? <span class="person-you"> {t('corrections.mine')}</span> : null}
              </p>
              <dl class="facts facts-compact">
                {Object.entries(c.changes).map(([field, value]) => {
                  const change = describe(field, value);
                  return (
                    <Fragment key={field}>
                      <dt>{change.label}</dt>
                      <dd>{change.value}</dd>
                    </Fragment>
                  );
                })}
              </dl>
              <p class="correction-comment">{c.comment}</p>
              {canAmend && c.status === 'proposed' ? (
                <div class="actions">
                  <button type="button" class="button button-small" onClick={() => setDeciding({ correction: c, action: 'accept' })}>
                    {t('corrections.accept')}
                  </button>
                  <button type="button" class="button button-secondary button-small" onClick={() => setDeciding({ correction: c, action: 'reject' })}>
                    {t('corrections.reject')}
                  </button>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {deciding ? (
        <ConfirmDialog
          title={t(deciding.action === 'accept' ? 'corrections.acceptTitle' : 'corrections.rejectTitle')}
          confirmLabel={t(deciding.action === 'accept' ? 'corrections.accept' : 'corrections.reject')}
          tone={deciding.action === 'accept' ? 'primary' : 'danger'}
          busy={decision.busy}
          error={decision.error}
          onConfirm={decide}
          onCancel={() => {
            setDeciding(null);
            decision.setError(null);
          }}
        >
          <p>{deciding.action === 'accept' ? texts.accept : texts.reject}</p>
        </ConfirmDialog>
      ) : null}
      {propose ? propose((c) => corrections.setData((l) => [c, ...(l ?? [])])) : null}
    </Panel>
  );
}
