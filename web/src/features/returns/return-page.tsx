import { useEffect, useId, useState } from 'preact/hooks';
import { countryName } from '../../lib/countries.ts';
import { formatDay, formatMoment } from '../../lib/dates.ts';
import type { FormError } from '../../lib/errors.ts';
import { pluralKey, useI18n } from '../../lib/i18n/index.tsx';
import type { RouteParams } from '../../lib/router.ts';
import { useLocation } from '../../lib/router.ts';
import { useResource } from '../../lib/use-resource.ts';
import { useAction } from '../../ui/dialog.tsx';
import { TextAreaField, TextField } from '../../ui/fields.tsx';
import { ErrorAlert, Form, Notice, useForm } from '../../ui/form.tsx';
import { Page, ResourcePage } from '../../ui/page.tsx';
import { Table } from '../../ui/table.tsx';
import {
  amendReturn,
  type CellError,
  CellsError,
  fetchHistory,
  fetchReturn,
  fetchTemplates,
  type ReturnView,
  saveReturn,
  submitReturn,
  type Template,
  uploadReturn,
} from './api.ts';
import { CellErrors, type GridRow, MatrixGrid, toGrid } from './grid.tsx';
import { label, returnTitle, StatusBadge } from './parts.tsx';
import { TemplateFiles } from './templates-page.tsx';

/**
 * One return: its status and due date, the version shown (the draft to those who write it, the
 * submitted one to the others), the grid or the sections to fill in, the upload with its refused
 * cells, submission and amendment, and the history of versions.
 */
export function ReturnPage({ params }: { params: RouteParams }) {
  const { t, lang } = useI18n();
  const { query } = useLocation();
  const asked = Number(query.get('version') ?? '') || undefined;
  const id = params['id'] ?? '';
  const [reloads, setReloads] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const ret = useResource(() => fetchReturn(id, asked), [id, asked, reloads]);
  const templates = useResource(() => fetchTemplates(), []);
  const template = templates.data?.items.find((x) => x.id === ret.data?.templateId) ?? null;
  return (
    <ResourcePage
      resource={ret}
      title={t('returns.title')}
      loadingText={t('returns.loading')}
      notFound={{ title: t('returns.notFound'), text: t('returns.notFoundText'), back: { href: '/returns', label: t('returns.back') } }}
    >
      {(r) => (
        <Page title={returnTitle(lang, t, r, countryName(r.country, lang, t))}>
          <p class="lead">
            <StatusBadge status={r.status} late={r.late} t={t} /> {t('returns.dueOn')}: {formatDay(r.dueOn, lang, 'medium')} · {t('returns.version')}{' '}
            {r.version}
          </p>
          <p class="actions">
            <a href="/returns">{t('returns.back')}</a>
          </p>
          {notice ? <Notice>{notice}</Notice> : null}
          {template ? (
            <ReturnBody
              key={`${r.id}:${r.version}:${r.status}:${asked ?? ''}`}
              ret={r}
              template={template}
              onChange={(text) => {
                setNotice(text);
                setReloads((n) => n + 1);
              }}
            />
          ) : null}
          <History id={r.id} version={r.version} reloads={reloads} />
        </Page>
      )}
    </ResourcePage>
  );
}

function ReturnBody({ ret, template, onChange }: { ret: ReturnView; template: Template; onChange: (notice: string) => void }) {
  const { t } = useI18n();
  const shown = ret.shown;
  const editable = !!shown && !shown.submitted && ret.permissions.update;
  const done = onChange;
  if (!shown) return <Notice tone="info">{t('returns.noFigures')}</Notice>;
  return (
    <>
      <p>
        {t('returns.showingVersion', {
          version: shown.version,
          state: shown.submitted ? t('returns.versionSubmitted') : t('returns.versionWorking'),
        })}
      </p>
      {template.kind === 'matrix' ? (
        <MatrixPart ret={ret} template={template} editable={editable} onSaved={done} />
      ) : (
        <SectionsPart ret={ret} template={template} editable={editable} onSaved={done} />
      )}
      <Workflow ret={ret} onDone={done} />
    </>
  );
}

/** The grid (the form) and, beside it, the file to fill in and send. */
function MatrixPart({
  ret,
  template,
  editable,
  onSaved,
}: {
  ret: ReturnView;
  template: Template;
  editable: boolean;
  onSaved: (notice: string) => void;
}) {
  const { t } = useI18n();
  const headingId = useId();
  const [rows, setRows] = useState<GridRow[]>(() => toGrid(template, ret.shown?.rows ?? []));
  // A save or an upload fetches the return again: the grid shows what is now stored.
  useEffect(() => setRows(toGrid(template, ret.shown?.rows ?? [])), [ret, template]);
  const [cells, setCells] = useState<CellError[]>([]);
  const save = useAction();
  const refused = (err: unknown) => {
    if (err instanceof CellsError) setCells(err.cells);
    throw err;
  };
  return (
    <>
      <section aria-labelledby={headingId}>
        <h2 id={headingId}>{t('returns.gridTitle')}</h2>
        <ErrorAlert error={save.error} />
        <CellErrors cells={cells.filter((c) => c.sheet === 'form')} />
        <MatrixGrid template={template} rows={rows} onRows={setRows} editable={editable} cells={cells} />
        {editable ? (
          <p class="actions">
            <button
              type="button"
              class="button"
              aria-disabled={save.busy ? 'true' : undefined}
              onClick={() =>
                save.run(
                  () =>
                    saveReturn(ret.id, {
                      rows: rows.map((r) => ({ dims: r.dims, values: template.columns.map((c) => r.values[c.key] ?? '') })),
                    }).catch(refused),
                  () => {
                    setCells([]);
                    onSaved(t('returns.saved'));
                  },
                )
              }
            >
              {t('returns.save')}
            </button>
          </p>
        ) : null}
      </section>
      {editable ? (
        <Upload ret={ret} template={template} onCells={setCells} cells={cells.filter((c) => c.sheet !== 'form')} onSaved={onSaved} />
      ) : null}
    </>
  );
}

function Upload({
  ret,
  template,
  cells,
  onCells,
  onSaved,
}: {
  ret: ReturnView;
  template: Template;
  cells: CellError[];
  onCells: (cells: CellError[]) => void;
  onSaved: (notice: string) => void;
}) {
  const { t, lang } = useI18n();
  const headingId = useId();
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<FormError | null>(null);
  const upload = useAction();
  useEffect(() => setError(upload.error), [upload.error]);
  return (
    <section class="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('returns.uploadTitle')}</h2>
      <p>{t('returns.uploadLead')}</p>
      <p>
        <TemplateFiles template={template} />
      </p>
      <ErrorAlert error={error} />
      <div class="field">
        <label for={fileId}>{t('returns.file')}</label>
        <input
          id={fileId}
          type="file"
          accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
          onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
        />
      </div>
      <p class="actions">
        <button
          type="button"
          class="button"
          aria-disabled={upload.busy ? 'true' : undefined}
          onClick={() => {
            if (!file) return setError({ message: t('returns.noFile') });
            upload.run(
              () =>
                uploadReturn(ret.id, file).catch((err: unknown) => {
                  onCells(err instanceof CellsError ? err.cells : []);
                  throw err;
                }),
              (saved) => {
                onCells([]);
                const rows = saved.shown?.rows?.length ?? 0;
                onSaved(t(pluralKey(lang, 'returns.uploaded', rows), { rows }));
              },
            );
          }}
        >
          {t('returns.upload')}
        </button>
      </p>
      <CellErrors cells={cells} />
    </section>
  );
}

function SectionsPart({
  ret,
  template,
  editable,
  onSaved,
}: {
  ret: ReturnView;
  template: Template;
  editable: boolean;
  onSaved: (notice: string) => void;
}) {
  const { t, lang } = useI18n();
  const headingId = useId();
  const initial = Object.fromEntries(template.sections.map((s) => [s.key, ret.shown?.sections?.[s.key] ?? '']));
  const form = useForm(initial, async (values) => {
    await saveReturn(ret.id, { sections: Object.entries(values).map(([key, text]) => ({ key, text })) });
    onSaved(t('returns.saved'));
  });
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t('returns.sectionsTitle')}</h2>
      {editable ? (
        <Form form={form} submit={t('returns.save')}>
          {template.sections.map((s) => (
            <TextAreaField
              key={s.key}
              label={label(lang, s)}
              name={s.key}
              value={form.values[s.key] ?? ''}
              onValue={(v) => form.set(s.key, v)}
              rows={6}
              prose
            />
          ))}
        </Form>
      ) : (
        template.sections.map((s) => (
          <div key={s.key}>
            <h3>{label(lang, s)}</h3>
            <p class="prose">{ret.shown?.sections?.[s.key] ?? '—'}</p>
          </div>
        ))
      )}
    </section>
  );
}

/** Submit the working version; amend a submitted one with a reason. */
function Workflow({ ret, onDone }: { ret: ReturnView; onDone: (notice: string) => void }) {
  const { t } = useI18n();
  const submit = useAction();
  const headingId = useId();
  const amend = useForm({ reason: '' }, async ({ reason }) => {
    const amended = await amendReturn(ret.id, reason);
    onDone(t('returns.amended', { version: amended.version }));
  });
  return (
    <>
      {ret.permissions.submit ? (
        <div class="actions">
          <ErrorAlert error={submit.error} />
          <button
            type="button"
            class="button"
            aria-disabled={submit.busy ? 'true' : undefined}
            onClick={() =>
              submit.run(
                () => submitReturn(ret.id),
                () => onDone(t('returns.submitted')),
              )
            }
          >
            {t('returns.submit')}
          </button>
        </div>
      ) : null}
      {ret.permissions.amend ? (
        <section class="panel" aria-labelledby={headingId}>
          <h2 id={headingId}>{t('returns.amendTitle')}</h2>
          <p>{t('returns.amendLead')}</p>
          <Form form={amend} submit={t('returns.amend')}>
            <TextField label={t('returns.reason')} {...amend.bind('reason')} required maxLength={500} />
          </Form>
        </section>
      ) : null}
    </>
  );
}

function History({ id, version, reloads }: { id: string; version: number; reloads: number }) {
  const { t, lang } = useI18n();
  const headingId = useId();
  const history = useResource(() => fetchHistory(id), [id, version, reloads]);
  if (!history.data) return <ErrorAlert error={history.error} />;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t('returns.historyTitle')}</h2>
      <Table
        caption={t('returns.historyTitle')}
        columns={[t('returns.version'), t('returns.by'), t('returns.when'), t('returns.status'), t('returns.reasonColumn'), t('returns.source'), '']}
      >
        {history.data.items.map((v) => (
          <tr key={v.version}>
            <td>{v.version}</td>
            <td>{v.submittedBy ?? v.updatedBy}</td>
            <td>{formatMoment(v.submittedAt ?? v.updatedAt, lang)}</td>
            <td>{v.submittedAt ? t('returns.versionSubmitted') : t('returns.versionWorking')}</td>
            <td>{v.reason ?? '—'}</td>
            <td>{t(`returns.source.${v.source}`)}</td>
            <td>
              <a href={`/returns/${id}?version=${v.version}`}>
                {t('returns.view')} ({t('returns.version')} {v.version})
              </a>
            </td>
          </tr>
        ))}
      </Table>
    </section>
  );
}
