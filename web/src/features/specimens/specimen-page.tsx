import { ItemDetailShell } from '../../items/detail-shell.tsx';
import { ItemLinks } from '../../items/item-links.tsx';
import { useSearchReturn } from '../../items/keyword-search.tsx';
import { ItemMetadata } from '../../items/metadata.tsx';
import { PrintButton, PrintFrame } from '../../items/print.tsx';
import { useItem } from '../../items/purpose.tsx';
import { categoryLabel, type Reference, specimenTitle, useReference } from '../../items/reference.ts';
import { StatusBadge } from '../../items/status-badge.tsx';
import { TlpBadge } from '../../items/tlp.tsx';
import { BackLink, useItemWorkflow, WorkflowButtons, WorkflowDialog } from '../../items/workflow.tsx';
import { useI18n } from '../../lib/i18n/index.tsx';
import { navigate, type RouteParams } from '../../lib/router.ts';
import { Notice } from '../../ui/form.tsx';
import { Page } from '../../ui/page.tsx';
import { Panel } from '../../ui/panel.tsx';
import { fetchSpecimen, type SpecimenStep, type SpecimenView, specimenStep } from './api.ts';
import { Corrections } from './detail/corrections.tsx';
import { DescriptionPanel, DocumentPanel } from './detail/document.tsx';
import { ImagesPanel } from './detail/images.tsx';
import { RelatedSpecimens } from './detail/related.tsx';
import { Sightings } from './detail/sightings.tsx';

const STEPS: readonly SpecimenStep[] = ['submit', 'publish', 'return', 'withdraw'];

/** One specimen: a RED one asks for the purpose first; `?from=validation` leads back to the queue. */
export function SpecimenPage({ params }: { params: RouteParams }) {
  const { t } = useI18n();
  const item = useItem((params.id ?? '').toLowerCase(), fetchSpecimen);
  const { ref: reference } = useReference();
  return (
    <ItemDetailShell
      item={item}
      title={t('specimen.title')}
      loadingText={t('specimen.loading')}
      notFound={{
        title: t('specimen.notFoundTitle'),
        text: t('specimen.notFoundText'),
        back: { href: '/specimens', label: t('specimen.backToList') },
      }}
      onPurposeCancel={() => navigate('/specimens')}
    >
      {(view) => <SpecimenDetail view={view} setView={item.setData} reference={reference} />}
    </ItemDetailShell>
  );
}

function SpecimenDetail({ view, setView, reference }: { view: SpecimenView; setView: (view: SpecimenView) => void; reference: Reference | null }) {
  const { t, lang } = useI18n();
  // Back to the search as it was left: its facets and page, its words and where it was scrolled to.
  const searchReturn = useSearchReturn('/specimens');
  const s = view.specimen;
  const title = s ? specimenTitle(reference, s, lang, t) : t('specimen.title');
  const images = view.images ?? [];
  const p = view.permissions;
  const words = (step: SpecimenStep) => ({
    label: t(`specimen.${step}`),
    title: t(`specimen.confirm.${step}`),
    text: t(`specimen.confirmText.${step}`),
  });
  const { workflow, notice, fromQueue } = useItemWorkflow({
    run: (step: SpecimenStep) => specimenStep(view.id, step),
    onUpdated: setView,
    done: (step) => t(`specimen.done.${step}`),
    queue: {
      href: '/specimens/validation',
      steps: ['publish', 'return'],
      news: (step) => t(step === 'publish' ? 'specimen.published' : 'specimen.returned', { title }),
    },
  });

  return (
    <Page
      title={title}
      lead={
        <span class="specimen-lead">
          <TlpBadge tlp={view.tlp} />
          <StatusBadge status={view.status} />
          {s ? <span>{categoryLabel(reference, s.category, s.forgeryKind, lang)}</span> : null}
        </span>
      }
    >
      <BackLink
        fromQueue={fromQueue}
        queue={{ href: '/specimens/validation', label: t('specimen.backToQueue') }}
        list={{ ...searchReturn, label: t('specimen.backToList') }}
      />
      {notice ? <Notice>{notice}</Notice> : null}
      <div class="workflow-bar">
        {p.update ? (
          <a class="button" href={`/specimens/new?draft=${view.id}`}>
            {t('specimen.edit')}
          </a>
        ) : null}
        <WorkflowButtons workflow={workflow} actions={STEPS} allowed={(step) => p[step]} words={words} />
        {s && images.length ? (
          <a class="button button-secondary" href={`/specimens/compare?a=${view.id}`}>
            {t('specimen.compare')}
          </a>
        ) : null}
        <PrintButton />
      </div>
      <WorkflowDialog workflow={workflow} words={words} />
      <PrintFrame tlp={view.tlp} kind={t('specimen.title')} />

      {!s ? (
        <Panel id="metadata-only" title={t('specimen.metadataOnly')}>
          <p class="muted">{t('specimen.metadataOnlyText')}</p>
          <ItemMetadata view={view} />
        </Panel>
      ) : (
        <>
          <div class="specimen-top">
            <ImagesPanel view={view} title={title} reference={reference} />
            <DocumentPanel specimen={s} reference={reference} />
          </div>
          <DescriptionPanel specimen={s} reference={reference} />
          <Panel id="handling-title" title={t('specimen.handling')}>
            <ItemMetadata view={view} />
          </Panel>
          <Sightings view={view} onCounts={(counts) => setView({ ...view, sightingCounts: counts })} />
          <Corrections view={view} reference={reference} onAmended={setView} />
          <ItemLinks itemId={view.id} />
          <RelatedSpecimens view={view} reference={reference} />
        </>
      )}
    </Page>
  );
}
