import { useId, useState } from 'preact/hooks';
import { api } from '../../lib/api.ts';
import { formatDay } from '../../lib/dates.ts';
import { inLanguage, useI18n } from '../../lib/i18n/index.tsx';
import { useSession } from '../../lib/session.tsx';
import { useResource } from '../../lib/use-resource.ts';
import { useAction } from '../../ui/dialog.tsx';
import { Options, SelectField } from '../../ui/fields.tsx';
import { ErrorAlert, Form, Notice, useForm } from '../../ui/form.tsx';
import { EmptyState, Page } from '../../ui/page.tsx';
import { Table } from '../../ui/table.tsx';
import { Badge } from '../../ui/values.tsx';
import { createTemplate, editTemplate, fetchPresets, fetchTemplates, type Preset, type Template, templateFile } from './api.ts';
import { titleOf } from './parts.tsx';
import { EditTemplate } from './template-form.tsx';

interface Network {
  id: string;
  code: string;
  nameEs: string;
  nameEn: string;
}

/**
 * The return templates of my networks, each with its schedule and the blank file to fill in; the
 * Secretariat creates new ones from the seeds' ready definitions, edits them and archives them
 * (the actions shown follow each template's `permissions`).
 */
export function TemplatesPage() {
  const { t, lang } = useI18n();
  const { state } = useSession();
  const list = useResource(() => fetchTemplates(), []);
  const secretariat = state.status === 'signedIn' && state.user.roles.includes('secretariat');
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const archive = useAction();
  const items = list.data?.items ?? [];
  const edited = items.find((x) => x.id === editing);
  const editable = items.some((x) => x.permissions.update);
  return (
    <Page title={t('returns.templatesTitle')} lead={t('returns.templatesLead')}>
      <p class="actions">
        <a href="/returns">{t('returns.back')}</a>
      </p>
      {secretariat ? (
        <CreateTemplate
          onCreated={() => {
            setNotice(t('returns.created'));
            list.reload();
          }}
        />
      ) : null}
      {edited ? (
        <EditTemplate
          key={edited.id}
          template={edited}
          onCancel={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            setNotice(t('returns.templateSaved'));
            list.reload();
          }}
        />
      ) : null}
      {notice ? <Notice>{notice}</Notice> : null}
      <ErrorAlert error={list.error ?? archive.error} />
      {list.data && items.length === 0 ? <EmptyState title={t('returns.templatesTitle')} text={t('returns.templatesEmpty')} /> : null}
      {items.length ? (
        <Table
          caption={t('returns.templatesTitle')}
          columns={[
            t('returns.template'),
            t('returns.kind'),
            t('returns.schedule'),
            t('returns.observers'),
            t('returns.file'),
            ...(editable ? [t('returns.actions')] : []),
          ]}
        >
          {items.map((x) => (
            <tr key={x.id}>
              <td>
                {titleOf(lang, x)}
                {x.archived ? (
                  <>
                    {' '}
                    <Badge tone="muted">{t('returns.archived')}</Badge>
                  </>
                ) : null}
              </td>
              <td>{t(`returns.kind.${x.kind}`)}</td>
              <td>
                {t(`returns.periodKind.${x.periodKind}`)}
                {' · '}
                {x.dueOn ? t('returns.templateDueOn', { date: formatDay(x.dueOn, lang, 'medium') }) : t('returns.templateDue', { days: x.dueDays })}
              </td>
              <td>{x.observersContribute ? '✓' : '—'}</td>
              <td>{x.kind === 'matrix' ? <TemplateFiles template={x} /> : '—'}</td>
              {editable ? (
                <td class="cell-actions">
                  {x.permissions.update ? (
                    <div class="row-actions">
                      <button
                        type="button"
                        class="button button-secondary button-small"
                        aria-label={t('returns.editOne', { title: titleOf(lang, x) })}
                        onClick={() => {
                          setNotice(null);
                          setEditing(x.id);
                        }}
                      >
                        {t('returns.edit')}
                      </button>
                      <button
                        type="button"
                        class="button button-secondary button-small"
                        aria-label={t(x.archived ? 'returns.unarchiveOne' : 'returns.archiveOne', { title: titleOf(lang, x) })}
                        aria-disabled={archive.busy ? 'true' : undefined}
                        onClick={() =>
                          archive.run(
                            () => editTemplate(x.id, { archived: !x.archived }),
                            (saved) => {
                              setNotice(t(saved.archived ? 'returns.archivedNotice' : 'returns.unarchivedNotice'));
                              list.reload();
                            },
                          )
                        }
                      >
                        {t(x.archived ? 'returns.unarchive' : 'returns.archive')}
                      </button>
                    </div>
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </Table>
      ) : null}
    </Page>
  );
}

export function TemplateFiles({ template }: { template: Template }) {
  const { t, lang } = useI18n();
  return (
    <>
      <a href={templateFile(template.id, 'xlsx', lang)} download>
        {t('returns.downloadXlsx')}
      </a>{' '}
      <a href={templateFile(template.id, 'csv', lang)} download>
        {t('returns.downloadCsv')}
      </a>
    </>
  );
}

function CreateTemplate({ onCreated }: { onCreated: () => void }) {
  const { t, lang } = useI18n();
  const headingId = useId();
  const presets = useResource(() => fetchPresets(), []);
  const networks = useResource(() => api<Network[]>('GET', '/api/networks'), []);
  const form = useForm({ preset: '', networkId: '' }, async (values) => {
    const all = presets.data?.items ?? [];
    const chosen: Preset | undefined = all.find((p) => p.preset === values.preset) ?? all[0];
    const networkId = values.networkId || networks.data?.[0]?.id;
    if (!chosen || !networkId) return;
    const { preset: _, ...layout } = chosen;
    await createTemplate({ ...layout, networkId });
    onCreated();
  });
  if (!presets.data || !networks.data) return <ErrorAlert error={presets.error ?? networks.error} />;
  return (
    <section class="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('returns.createTitle')}</h2>
      <p>{t('returns.createLead')}</p>
      <Form form={form} submit={t('returns.create')}>
        <SelectField label={t('returns.preset')} {...form.bind('preset')} value={form.values.preset || (presets.data.items[0]?.preset ?? '')}>
          <Options items={presets.data.items} value={(p) => p.preset} label={(p) => titleOf(lang, p)} />
        </SelectField>
        <SelectField label={t('returns.network')} {...form.bind('networkId')} value={form.values.networkId || (networks.data[0]?.id ?? '')}>
          <Options items={networks.data} value={(n) => n.id} label={(n) => inLanguage(lang, n.nameEs, n.nameEn)} />
        </SelectField>
      </Form>
    </section>
  );
}
