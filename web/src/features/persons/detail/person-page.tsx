import { ItemDetailShell } from '../../../items/detail-shell.tsx';
import { useItem } from '../../../items/purpose.tsx';
import { StatusBadge } from '../../../items/status-badge.tsx';
import { TlpBadge } from '../../../items/tlp.tsx';
import { BackLink, useItemWorkflow, WorkflowButtons, WorkflowDialog } from '../../../items/workflow.tsx';
import { countryName } from '../../../lib/countries.ts';
import { useI18n } from '../../../lib/i18n/index.tsx';
import { navigate, type RouteParams } from '../../../lib/router.ts';
import { useUser } from '../../../lib/session.tsx';
import { Notice } from '../../../ui/form.tsx';
import { Page } from '../../../ui/page.tsx';
import { Panel } from '../../../ui/panel.tsx';
import { fetchPerson, type PersonStep, type PersonView, personStep } from '../api.ts';
import { QUEUE } from '../person-tabs.tsx';
import { type PersonReference, term, usePersonReference } from '../reference.tsx';
import { ClearFacets } from './facets.tsx';
import { PersonLinks } from './links.tsx';
import { DetectionPanel, GroupPanels, PersonPanel } from './people.tsx';
import { RetentionPanel } from './retention.tsx';
import { PersonSightings } from './sightings.tsx';

const STEPS: readonly PersonStep[] = ['submit', 'publish', 'return', 'withdraw'];

/**
 * One person record (`/persons/<id>`: an id, never a name). Anyone but its originator states a
 * purpose before it opens (the server answers 428 until then); the clear facets come first, then —
 * for a reader of its content — the detection, the person or the group, links, the "seen here"
 * follow-up and the retention. `?from=validation` leads back to the queue.
 */
export function PersonPage({ params }: { params: RouteParams }) {
  const { t } = useI18n();
  const item = useItem((params.id ?? '').toLowerCase(), fetchPerson);
  const { ref: reference } = usePersonReference();
  return (
    <ItemDetailShell
      item={item}
      title={t('person.title')}
      loadingText={t('person.loading')}
      notFound={{ title: t('person.notFoundTitle'), text: t('person.notFoundText'), back: { href: '/persons', label: t('persons.backToList') } }}
      onPurposeCancel={() => navigate('/persons')}
      purposeTexts={{ title: t('person.purposeTitle'), text: t('person.purposeText') }}
    >
      {(view) => <PersonDetail view={view} setView={item.setData} reference={reference} />}
    </ItemDetailShell>
  );
}

function PersonDetail({ view, setView, reference }: { view: PersonView; setView: (view: PersonView) => void; reference: PersonReference | null }) {
  const { t, lang } = useI18n();
  const user = useUser();
  const p = view.permissions;
  const form = term(reference, 'forms', view.form, lang) || t('person.title');
  const title = t('person.titleOf', { form, country: countryName(view.detectionCountry, lang, t), year: view.detectionYear });
  const words = (step: PersonStep) => ({
    label: t(`report.${step}`),
    title: t(`person.confirm.${step}`),
    text: t(`person.confirmText.${step}`),
  });
  const { workflow, notice, fromQueue } = useItemWorkflow({
    run: (step: PersonStep) => personStep(view.id, step),
    // A step answers with what the reader may still read (metadata alone, when no longer the content).
    onUpdated: setView,
    done: (step) => t(`report.done.${step}`),
    queue: { href: QUEUE, steps: ['publish', 'return'], news: (step) => t(step === 'publish' ? 'person.published' : 'person.returned') },
  });
  const content = p.readContent && view.detection !== undefined;
  const originator = view.handling?.originatorId === user.id;

  return (
    <Page
      title={title}
      lead={
        <span class="specimen-lead">
          <TlpBadge tlp={view.tlp} />
          <StatusBadge status={view.status} />
          {view.role ? <span>{term(reference, 'roles', view.role, lang)}</span> : null}
        </span>
      }
    >
      <BackLink
        fromQueue={fromQueue}
        queue={{ href: QUEUE, label: t('persons.backToQueue') }}
        list={{ href: '/persons', label: t('persons.backToList') }}
      />
      {notice ? <Notice>{notice}</Notice> : null}
      <div class="workflow-bar">
        {p.update ? (
          <a class="button" href={`/persons/new?draft=${view.id}`}>
            {t('report.edit')}
          </a>
        ) : null}
        <WorkflowButtons workflow={workflow} actions={STEPS} allowed={(step) => p[step]} words={words} />
      </div>
      <WorkflowDialog workflow={workflow} words={words} />

      <ClearFacets view={view} reference={reference} />
      {!content ? (
        <Panel id="metadata-only" title={t('specimen.metadataOnly')}>
          <p class="muted">{t('person.metadataOnlyText')}</p>
        </Panel>
      ) : view.shredded ? (
        <Panel id="person-shredded-title" title={t('person.shredded')}>
          <p>{t('person.shreddedText')}</p>
        </Panel>
      ) : (
        <>
          <DetectionPanel view={view} reference={reference} />
          {view.form === 'person' ? <PersonPanel view={view} reference={reference} /> : <GroupPanels view={view} reference={reference} />}
          <PersonLinks links={view.links ?? []} />
          <PersonSightings itemId={view.id} canReport={p.sight} onCount={(sightings) => setView({ ...view, sightings })} />
          <RetentionPanel view={view} originator={originator} onUpdated={setView} />
        </>
      )}
    </Page>
  );
}
