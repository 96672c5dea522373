import { ItemDetailShell } from '../../items/detail-shell.tsx';
import { useSearchReturn } from '../../items/keyword-search.tsx';
import { PrintButton, PrintFrame } from '../../items/print.tsx';
import { useItem } from '../../items/purpose.tsx';
import { StatusBadge } from '../../items/status-badge.tsx';
import { TlpBadge } from '../../items/tlp.tsx';
import { BackLink, useItemWorkflow, WorkflowButtons, WorkflowDialog } from '../../items/workflow.tsx';
import { useI18n } from '../../lib/i18n/index.tsx';
import { navigate, type RouteParams } from '../../lib/router.ts';
import { Notice } from '../../ui/form.tsx';
import { Page } from '../../ui/page.tsx';
import { Panel } from '../../ui/panel.tsx';
import { fetchReport, type ReportStep, type ReportView, reportStep } from './api.ts';
import { ReportCorrections } from './detail/corrections.tsx';
import { Handling, ReportFacts } from './detail/facts.tsx';
import { KindDetails } from './detail/kind-details.tsx';
import { Links } from './detail/links.tsx';
import { Outcomes } from './detail/outcomes.tsx';
import { RelatedReports } from './detail/related.tsx';
import { Sightings } from './detail/sightings.tsx';
import { type ReportReference, term, useReportReference } from './reference.ts';

const STEPS: readonly ReportStep[] = ['submit', 'publish', 'return', 'withdraw'];
const QUEUE = '/reports?status=submitted&space=all';

/** One report: a RED one asks for the purpose first; `?from=validation` leads back to the queue. */
export function ReportPage({ params }: { params: RouteParams }) {
  const { t } = useI18n();
  const item = useItem((params.id ?? '').toLowerCase(), fetchReport);
  const { ref: reference } = useReportReference();
  return (
    <ItemDetailShell
      item={item}
      title={t('report.title')}
      loadingText={t('report.loading')}
      notFound={{
        title: t('report.notFoundTitle'),
        text: t('report.notFoundText'),
        back: { href: '/reports', label: t('report.backToList') },
      }}
      onPurposeCancel={() => navigate('/reports')}
    >
      {(view) => <ReportDetail view={view} setView={item.setData} reference={reference} />}
    </ItemDetailShell>
  );
}

function ReportDetail({ view, setView, reference }: { view: ReportView; setView: (view: ReportView) => void; reference: ReportReference | null }) {
  const { t, lang } = useI18n();
  // Back to the search as it was left: its facets and page, its words and where it was scrolled to.
  const searchReturn = useSearchReturn('/reports');
  const title = view.title ?? t('report.title');
  const p = view.permissions;
  const words = (step: ReportStep) => ({
    label: t(`report.${step}`),
    title: t(`report.confirm.${step}`),
    text: t(`report.confirmText.${step}`),
  });
  const { workflow, notice, fromQueue } = useItemWorkflow({
    run: (step: ReportStep) => reportStep(view.id, step),
    // A step answers with what the reader may still read (metadata alone, when no longer the content).
    onUpdated: setView,
    done: (step) => t(`report.done.${step}`),
    queue: {
      href: QUEUE,
      steps: ['publish', 'return'],
      news: (step) => t(step === 'publish' ? 'report.published' : 'report.returned', { title }),
    },
  });

  return (
    <Page
      title={title}
      lead={
        <span class="specimen-lead">
          <TlpBadge tlp={view.tlp} />
          <StatusBadge status={view.status} />
          {view.reportKind ? <span>{term(reference, 'kinds', view.reportKind, lang)}</span> : null}
        </span>
      }
    >
      <BackLink
        fromQueue={fromQueue}
        queue={{ href: QUEUE, label: t('report.backToQueue') }}
        list={{ ...searchReturn, label: t('report.backToList') }}
      />
      {notice ? <Notice>{notice}</Notice> : null}
      <div class="workflow-bar">
        {p.update ? (
          <a class="button" href={`/reports/new?draft=${view.id}`}>
            {t('report.edit')}
          </a>
        ) : null}
        <WorkflowButtons workflow={workflow} actions={STEPS} allowed={(step) => p[step]} words={words} />
        <PrintButton />
      </div>
      <WorkflowDialog workflow={workflow} words={words} />
      <PrintFrame tlp={view.tlp} kind={t('report.title')} />

      {!p.readContent || !view.reportKind ? (
        <Panel id="metadata-only" title={t('specimen.metadataOnly')}>
          <p class="muted">{t('report.metadataOnlyText')}</p>
          <Handling view={view} />
        </Panel>
      ) : (
        <>
          <ReportFacts view={view} reference={reference} />
          <KindDetails view={view} reference={reference} />
          <Panel id="handling-title" title={t('specimen.handling')}>
            <Handling view={view} />
          </Panel>
          <Links links={view.links ?? []} reference={reference} />
          {view.reportKind === 'operation' ? <Outcomes view={view} reference={reference} onAdded={setView} /> : null}
          <Sightings view={view} onCounts={(counts) => setView({ ...view, sightings: counts })} />
          {view.status === 'published' ? <ReportCorrections view={view} onAmended={setView} /> : null}
          <RelatedReports view={view} reference={reference} />
        </>
      )}
    </Page>
  );
}
