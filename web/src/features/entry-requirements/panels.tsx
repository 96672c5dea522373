import { useRef, useState } from 'preact/hooks';
import { countryName } from '../../lib/countries.ts';
import { formatMoment } from '../../lib/dates.ts';
import { useI18n } from '../../lib/i18n/index.tsx';
import { useResource } from '../../lib/use-resource.ts';
import { useAction } from '../../ui/dialog.tsx';
import { ErrorAlert, Notice } from '../../ui/form.tsx';
import { Loading } from '../../ui/page.tsx';
import { Panel } from '../../ui/panel.tsx';
import { Table } from '../../ui/table.tsx';
import { Badge } from '../../ui/values.tsx';
import { decide, fetchHistory, fetchProposals, ImportError, type ImportResult, importCsv, type RowError } from './api.ts';
import { ValuesText } from './parts.tsx';

/** A cell's history, newest first: when, who, how, before and after. */
export function HistoryPanel({ destination, nationality }: { destination: string; nationality: string }) {
  const { t, lang } = useI18n();
  const history = useResource(() => fetchHistory(destination, nationality), [destination, nationality]);
  const title = t('entry.historyTitle', { destination: countryName(destination, lang, t), nationality: countryName(nationality, lang, t) });
  return (
    <Panel id="entry-history" class="entry-detail" title={title}>
      <ErrorAlert error={history.error} />
      {!history.data ? (
        history.error ? null : (
          <Loading text={t('entry.loading')} />
        )
      ) : history.data.items.length === 0 ? (
        <p class="muted">{t('entry.noHistory')}</p>
      ) : (
        <Table caption={title} dense columns={[t('entry.when'), t('entry.who'), t('entry.how'), t('entry.before'), t('entry.after')]}>
          {history.data.items.map((c) => (
            <tr key={c.id}>
              <td>{formatMoment(c.changedAt, lang)}</td>
              <td>
                {c.changedByName} ({countryName(c.changedByCountry, lang, t)})
              </td>
              <td>{t(`entry.source.${c.source}`)}</td>
              <td>
                <ValuesText values={c.oldValue} />
              </td>
              <td>
                <ValuesText values={c.newValue} />
              </td>
            </tr>
          ))}
        </Table>
      )}
    </Panel>
  );
}

/** Proposals: pending ones for the Secretariat to accept or reject; a contact point sees its country's. */
export function ProposalsPanel({ decides, onDecided }: { decides: boolean; onDecided: () => void }) {
  const { t, lang } = useI18n();
  const [status, setStatus] = useState('pending');
  const list = useResource(() => fetchProposals(status), [status]);
  const action = useAction();
  const run = (id: string, decision: 'accept' | 'reject') =>
    action.run(
      () => decide(id, decision),
      () => {
        list.reload();
        onDecided();
      },
    );
  return (
    <Panel id="entry-proposals" title={t('entry.proposalsTitle')}>
      <div class="field">
        <label for="entry-proposal-status">{t('entry.proposalStatus')}</label>
        <select id="entry-proposal-status" value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
          {(['pending', 'accepted', 'rejected'] as const).map((s) => (
            <option key={s} value={s}>
              {t(`entry.status.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <ErrorAlert error={list.error ?? action.error} />
      {!list.data ? null : list.data.items.length === 0 ? (
        <p class="muted">{t('entry.noProposals')}</p>
      ) : (
        <Table
          caption={t('entry.proposalsTitle')}
          columns={[
            t('entry.cell'),
            t('entry.current'),
            t('entry.proposal'),
            t('entry.proposedBy'),
            decides && status === 'pending' ? t('entry.decision') : t('entry.statusLabel'),
          ]}
        >
          {list.data.items.map((p) => (
            <tr key={p.id}>
              <td>
                {countryName(p.destination, lang, t)} ← {countryName(p.nationality, lang, t)}
              </td>
              <td>
                <ValuesText values={p.current} />
              </td>
              <td>
                <ValuesText values={p.proposed} />
                {p.reason ? <div class="muted">{p.reason}</div> : null}
              </td>
              <td>
                {p.proposedByName} ({countryName(p.proposedCountry, lang, t)}), {formatMoment(p.proposedAt, lang)}
              </td>
              <td>
                {decides && p.status === 'pending' ? (
                  <div class="actions">
                    <button type="button" class="button" onClick={() => run(p.id, 'accept')} aria-disabled={action.busy ? 'true' : undefined}>
                      {t('entry.accept')}
                    </button>
                    <button
                      type="button"
                      class="button button-secondary"
                      onClick={() => run(p.id, 'reject')}
                      aria-disabled={action.busy ? 'true' : undefined}
                    >
                      {t('entry.reject')}
                    </button>
                  </div>
                ) : (
                  <Badge tone={p.status === 'rejected' ? 'late' : undefined}>{t(`entry.status.${p.status}`)}</Badge>
                )}
              </td>
            </tr>
          ))}
        </Table>
      )}
    </Panel>
  );
}

/** The Secretariat's CSV import: refused whole when a cell is wrong, each named by row and column. */
export function ImportPanel({ onImported }: { onImported: () => void }) {
  const { t } = useI18n();
  const file = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<{ message: string; rows: RowError[] } | null>(null);
  const send = async (event: Event) => {
    event.preventDefault();
    const chosen = file.current?.files?.[0];
    setResult(null);
    setError(null);
    if (!chosen) {
      setError({ message: t('entry.importChoose'), rows: [] });
      return;
    }
    setBusy(true);
    try {
      setResult(await importCsv(chosen));
      onImported();
    } catch (err) {
      setError(
        err instanceof ImportError
          ? { message: err.message, rows: err.rows }
          : { message: (err as Error).message || t('entry.importFailed'), rows: [] },
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <Panel id="entry-import" class="entry-detail" title={t('entry.importTitle')}>
      <form class="form" noValidate onSubmit={send}>
        <div role="alert" class={error ? 'alert alert-error' : 'alert-slot'}>
          {error ? (
            <>
              {error.message}
              {error.rows.length ? (
                <ul>
                  {error.rows.map((r) => (
                    <li key={`${r.row}-${r.column}-${r.code}`}>{r.message}</li>
                  ))}
                </ul>
              ) : null}
            </>
          ) : null}
        </div>
        {result ? <Notice>{t('entry.imported', { rows: result.rows, changed: result.changed })}</Notice> : null}
        <div class="field">
          <label for="entry-import-file">{t('entry.importFile')}</label>
          <p class="hint" id="entry-import-hint">
            {t('entry.importHint')}
          </p>
          <input ref={file} id="entry-import-file" name="file" type="file" accept=".csv,text/csv" aria-describedby="entry-import-hint" />
        </div>
        <div class="actions">
          <button type="submit" class="button" aria-disabled={busy ? 'true' : undefined}>
            {t('entry.import')}
          </button>
        </div>
      </form>
    </Panel>
  );
}
