import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { featureLabel, issuerName, type Reference, termLabel } from '../../../items/reference.ts';
import { countryName } from '../../../lib/countries.ts';
import { formatDate } from '../../../lib/dates.ts';
import { type Language, type Translate, useI18n } from '../../../lib/i18n/index.tsx';
import { useResource } from '../../../lib/use-resource.ts';
import { ConfirmDialog, useAction } from '../../../ui/dialog.tsx';
import { ErrorAlert, Notice } from '../../../ui/form.tsx';
import { Panel } from '../../../ui/panel.tsx';
import { Badge } from '../../../ui/values.tsx';
import { type Correction, decideCorrection, fetchCorrections, fetchSpecimen, type SpecimenView } from '../api.ts';
import { fieldLabel, ProposeCorrection } from './propose-correction.tsx';

type Decision = 'accept' | 'reject';

/** A proposed change's value in words, for the fields a correction may carry. */
function changeValue(field: string, value: unknown, reference: Reference | null, lang: Language, t: Translate): string {
  if (value === null || value === undefined || value === '') return t('corrections.cleared');
  switch (field) {
    case 'documentType':
      return termLabel(reference?.documentTypes, String(value), lang);
    case 'category':
      return termLabel(reference?.categories, String(value), lang);
    case 'forgeryKind':
      return termLabel(reference?.forgeryKinds, String(value), lang);
    case 'issuingCountry':
      return issuerName(reference, String(value), lang, t);
    case 'features':
      return Array.isArray(value)
        ? value.map((f: { code?: string }) => featureLabel(reference, String(f?.code ?? f), lang)).join(', ')
        : String(value);
    case 'holderNames':
      return Array.isArray(value) ? value.join('; ') : String(value);
    case 'detection':
      return typeof value === 'object'
        ? Object.entries(value as Record<string, unknown>)
            .filter(([, v]) => v !== null && v !== undefined && v !== '')
            .map(([k, v]) => `${k}: ${String(v)}`)
            .join(', ')
        : String(value);
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

/** Changes others propose to a published specimen; its originator accepts or rejects each. */
export function Corrections({
  view,
  reference,
  onAmended,
}: {
  view: SpecimenView;
  reference: Reference | null;
  onAmended: (view: SpecimenView) => void;
}) {
  const { t, lang } = useI18n();
  const corrections = useResource(() => fetchCorrections(view.id), [view.id]);
  const [deciding, setDeciding] = useState<{ correction: Correction; action: Decision } | null>(null);
  const decision = useAction();
  const [notice, setNotice] = useState<string | null>(null);
  const list = corrections.data;
  const decide = () => {
    if (!deciding) return;
    const { correction, action } = deciding;
    decision.run(
      () => decideCorrection(view.id, correction.id, action),
      (decided) => {
        corrections.setData((l) => (l ?? []).map((c) => (c.id === decided.id ? decided : c)));
        setDeciding(null);
        setNotice(t(action === 'accept' ? 'corrections.accepted' : 'corrections.rejected'));
        if (action === 'accept') fetchSpecimen(view.id).then(onAmended, () => {});
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
                {Object.entries(c.changes).map(([field, value]) => (
                  <Fragment key={field}>
                    <dt>{fieldLabel(field, t)}</dt>
                    <dd>{changeValue(field, value, reference, lang, t)}</dd>
                  </Fragment>
                ))}
              </dl>
              <p class="correction-comment">{c.comment}</p>
              {view.permissions.amend && c.status === 'proposed' ? (
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
          <p>{t(deciding.action === 'accept' ? 'corrections.acceptText' : 'corrections.rejectText')}</p>
        </ConfirmDialog>
      ) : null}
      {view.permissions.correct && view.specimen ? (
        <ProposeCorrection
          view={view}
          specimen={view.specimen}
          reference={reference}
          onProposed={(c) => corrections.setData((l) => [c, ...(l ?? [])])}
        />
      ) : null}
    </Panel>
  );
}
