import { useId } from 'preact/hooks';
import { countryName, sortedMembers } from '../../lib/countries.ts';
import { formatDay, formatMoment } from '../../lib/dates.ts';
import { useI18n } from '../../lib/i18n/index.tsx';
import { navigate } from '../../lib/router.ts';
import { useSession } from '../../lib/session.tsx';
import { useResource } from '../../lib/use-resource.ts';
import { Options, SelectField } from '../../ui/fields.tsx';
import { ErrorAlert, Form, useForm } from '../../ui/form.tsx';
import { EmptyState, Page } from '../../ui/page.tsx';
import { Table } from '../../ui/table.tsx';
import { fetchReturns, fetchTemplates, openReturn, type Template } from './api.ts';
import { defaultPeriod, periodLabel, recentPeriods, StatusBadge, titleOf } from './parts.tsx';

/**
 * The returns I may read — my country's, those I contribute to; every country's with its status for
 * the Secretariat and the Presidency — and, for a contact point or an observer, the form that opens
 * a return for a template and period.
 */
export function ReturnsPage() {
  const { t, lang } = useI18n();
  const { spaces } = useSession();
  const list = useResource(() => fetchReturns(), []);
  const templates = useResource(() => fetchTemplates(), []);
  const headingId = useId();
  const leads = spaces?.some((s) => s.role === 'contact_point' || s.role === 'substitute' || s.role === 'observer') ?? false;
  const items = list.data?.items ?? [];
  // An archived template opens no new return: it is not offered.
  const open = templates.data?.items.filter((x) => !x.archived) ?? [];
  return (
    <Page title={t('returns.title')} lead={t('returns.lead')}>
      <p class="actions">
        <a href="/returns/templates">{t('returns.templatesLink')}</a>
        <a href="/returns/rollup">{t('returns.rollupLink')}</a>
      </p>
      {leads && open.length ? <OpenReturn templates={open} /> : null}
      <ErrorAlert error={list.error ?? templates.error} />
      {list.loading && !list.data ? <p class="loading">{t('returns.loading')}</p> : null}
      {list.data && templates.data && items.length === 0 ? (
        // What to do next: open one's own (a filing country with templates), or wait for the Secretariat's templates.
        <EmptyState
          title={t('returns.emptyTitle')}
          text={t(!templates.data.items.length ? 'returns.emptyNoTemplates' : leads ? 'returns.empty' : 'returns.emptyNoneFiled')}
        />
      ) : null}
      {items.length ? (
        <section aria-labelledby={headingId}>
          <h2 id={headingId}>{t('returns.list')}</h2>
          <Table
            caption={t('returns.list')}
            columns={[
              t('returns.template'),
              t('returns.period'),
              t('returns.country'),
              t('returns.status'),
              t('returns.dueOn'),
              t('returns.updated'),
            ]}
          >
            {items.map((r) => (
              <tr key={r.id}>
                <td>
                  <a href={`/returns/${r.id}`}>{titleOf(lang, r)}</a>
                </td>
                <td>{periodLabel(r.period, t)}</td>
                <td>{countryName(r.country, lang, t)}</td>
                <td>
                  <StatusBadge status={r.status} late={r.late} t={t} />
                </td>
                <td>{formatDay(r.dueOn, lang, 'medium')}</td>
                <td>{formatMoment(r.updatedAt, lang)}</td>
              </tr>
            ))}
          </Table>
        </section>
      ) : null}
    </Page>
  );
}

/** The period chosen, if the template has it, else the template's usual one. */
const chosenPeriod = (template: Template, period: string) =>
  recentPeriods(template.periodKind).includes(period) ? period : defaultPeriod(template.periodKind);

/** Opens my country's return (an observer names the country) and goes to it. */
function OpenReturn({ templates }: { templates: Template[] }) {
  const { t, lang } = useI18n();
  const { state, spaces } = useSession();
  const headingId = useId();
  const observer = spaces?.some((s) => s.role === 'observer') ?? false;
  const form = useForm({ templateId: templates[0]!.id, period: '', country: '' }, async (values) => {
    const template = templates.find((x) => x.id === values.templateId) ?? templates[0]!;
    const opened = await openReturn({
      templateId: template.id,
      period: chosenPeriod(template, values.period),
      ...(observer && values.country ? { country: values.country } : {}),
    });
    navigate(`/returns/${opened.id}`);
  });
  const template = templates.find((x) => x.id === form.values.templateId) ?? templates[0]!;
  const periods = recentPeriods(template.periodKind);
  const country = state.status === 'signedIn' ? state.user.country : '';
  return (
    <section class="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('returns.openTitle')}</h2>
      <p>{t('returns.openLead')}</p>
      <Form form={form} submit={t('returns.open')}>
        <SelectField label={t('returns.template')} {...form.bind('templateId')}>
          <Options items={templates} value={(x) => x.id} label={(x) => titleOf(lang, x)} />
        </SelectField>
        <SelectField label={t('returns.period')} {...form.bind('period')} value={chosenPeriod(template, form.values.period)}>
          <Options items={periods} label={(p) => periodLabel(p, t)} />
        </SelectField>
        {observer ? (
          <SelectField label={t('returns.country')} {...form.bind('country')}>
            <Options
              items={sortedMembers(lang, t).filter((m) => template.countries.includes(m.code))}
              value={(m) => m.code}
              label={(m) => m.name}
              empty=""
            />
          </SelectField>
        ) : (
          <p>
            {t('returns.country')}: {countryName(country, lang, t)}
          </p>
        )}
      </Form>
    </section>
  );
}
