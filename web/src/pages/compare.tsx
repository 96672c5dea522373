import { useEffect, useId, useState } from 'preact/hooks';
import { api } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';
import { navigate, useLocation } from '../router.ts';
import {
  imageUrl,
  type Reference,
  type Related,
  type SearchResult,
  type SpecimenView,
  specimenTitle,
  termLabel,
  useReference,
} from '../specimens.ts';
import { UUID } from '../spaces.ts';
import { ErrorAlert, type FormError, Page, TextField, TlpBadge, toFormError } from '../ui.tsx';
import { IDENTITY, ImageViewer, type ViewTransform } from '../viewer.tsx';
import { PurposeDialog, useSpecimen } from './specimen.tsx';
import { SpecimenRow, StatusBadge } from './specimens.tsx';

const compareAddress = (a: string, b?: string) => `/specimens/compare?a=${encodeURIComponent(a)}${b ? `&b=${encodeURIComponent(b)}` : ''}`;

/** One side: the specimen's name and label, a choice of its images, and the viewer. */
function Pane({
  side,
  view,
  reference,
  transform,
  onTransform,
  onChange,
}: {
  side: 'a' | 'b';
  view: SpecimenView;
  reference: Reference | null;
  transform: ViewTransform;
  onTransform: (next: ViewTransform) => void;
  onChange?: () => void;
}) {
  const { t, lang } = useI18n();
  const images = view.images ?? [];
  const [imageId, setImageId] = useState(images[0]?.id ?? '');
  const headingId = useId();
  const image = images.find((i) => i.id === imageId) ?? images[0];
  const title = view.specimen ? specimenTitle(reference, view.specimen, lang, t) : t('specimen.title');
  return (
    <section class="panel compare-pane" aria-labelledby={headingId}>
      <h2 id={headingId} class="compare-title">
        <span class="compare-side">{t(side === 'a' ? 'compare.left' : 'compare.right')}</span>
        <a href={`/specimens/${view.id}`}>{title}</a>
      </h2>
      <p class="specimen-tags">
        <TlpBadge tlp={view.tlp} />
        <StatusBadge status={view.status} />
        {onChange ? (
          <button type="button" class="button-link" onClick={onChange}>
            {t('compare.change')}
          </button>
        ) : null}
      </p>
      {images.length === 0 ? (
        <p class="muted">{t('specimen.noImages')}</p>
      ) : (
        <>
          <fieldset class="compare-images">
            <legend>{t('compare.image')}</legend>
            {images.map((i) => (
              <label key={i.id} class={i.id === image?.id ? 'compare-image compare-image-current' : 'compare-image'}>
                <input type="radio" name={`${headingId}-image`} value={i.id} checked={i.id === image?.id} onChange={() => setImageId(i.id)} />
                <img src={imageUrl(view.id, i.id, true)} alt="" loading="lazy" />
                <span>{termLabel(reference?.views, i.view, lang)}</span>
              </label>
            ))}
          </fieldset>
          {image ? (
            <ImageViewer
              key={image.id}
              src={imageUrl(view.id, image.id)}
              alt={t('specimen.imageAlt', { view: termLabel(reference?.views, image.view, lang), title })}
              viewLabel={termLabel(reference?.views, image.view, lang)}
              tlp={view.tlp}
              caption={image.caption}
              transform={transform}
              onTransform={onTransform}
            />
          ) : null}
        </>
      )}
    </section>
  );
}

/** Choosing the second specimen: one related to the first, a search by keyword, or a pasted link. */
function Chooser({ a, reference }: { a: SpecimenView; reference: Reference | null }) {
  const { t } = useI18n();
  const [related, setRelated] = useState<Related | null>(null);
  const [q, setQ] = useState('');
  const [found, setFound] = useState<SearchResult | null>(null);
  const [searchError, setSearchError] = useState<FormError | null>(null);
  const [pasted, setPasted] = useState('');
  const [pasteError, setPasteError] = useState<FormError | null>(null);
  const pasteErrorId = useId();
  useEffect(() => {
    api<Related>('GET', `/api/specimens/${a.id}/related`).then(setRelated, () => setRelated({ items: [] }));
  }, [a.id]);
  const search = (text: string) => {
    setSearchError(null);
    api<SearchResult>('POST', '/api/specimens/search', { ...(text.trim() ? { q: text.trim() } : {}), page: 1, pageSize: 10, sort: 'newest' }).then(
      (result) => setFound({ ...result, items: result.items.filter((c) => c.id !== a.id) }),
      (err: unknown) => setSearchError(toFormError(err, t)),
    );
  };
  const choose = (id: string) => navigate(compareAddress(a.id, id));
  const candidates = (related?.items ?? []).filter((r) => r.card.id !== a.id && r.card.imageCount > 0);
  return (
    <section class="panel compare-chooser" aria-labelledby="chooser-title">
      <h2 id="chooser-title">{t('compare.chooseTitle')}</h2>
      <p class="hint">{t('compare.chooseLead')}</p>
      <h3>{t('compare.fromRelated')}</h3>
      {related && candidates.length === 0 ? <p class="muted">{t('related.none')}</p> : null}
      {candidates.length ? (
        <ol class="specimen-list specimen-list-compact">
          {candidates.map(({ card }) => (
            <SpecimenRow key={card.id} card={card} reference={reference} headingLevel={3} href={compareAddress(a.id, card.id)} />
          ))}
        </ol>
      ) : null}
      <h3>{t('compare.bySearch')}</h3>
      <form
        class="search-form"
        role="search"
        aria-label={t('compare.bySearch')}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          search(q);
        }}
      >
        <TextField label={t('specimens.keywords')} name="q" type="search" value={q} onValue={setQ} maxLength={200} />
        <button type="submit" class="button button-secondary">
          {t('specimens.searchSubmit')}
        </button>
      </form>
      <ErrorAlert error={searchError} />
      {found ? (
        found.items.length ? (
          <ol class="specimen-list specimen-list-compact">
            {found.items.map((card) => (
              <SpecimenRow key={card.id} card={card} reference={reference} headingLevel={3} href={compareAddress(a.id, card.id)} />
            ))}
          </ol>
        ) : (
          <p class="muted">{t('specimens.noMatch')}</p>
        )
      ) : null}
      <h3>{t('compare.byLink')}</h3>
      <form
        class="search-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const id = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i.exec(pasted)?.[0];
          if (!id) {
            setPasteError({ message: t('compare.badLink'), field: 'link' });
            return;
          }
          setPasteError(null);
          choose(id.toLowerCase());
        }}
      >
        <ErrorAlert error={pasteError} id={pasteErrorId} />
        <TextField
          label={t('compare.link')}
          name="link"
          value={pasted}
          onValue={setPasted}
          hint={t('compare.linkHint')}
          maxLength={300}
          invalid={!!pasteError}
          describedBy={pasteError ? pasteErrorId : undefined}
        />
        <button type="submit" class="button button-secondary">
          {t('compare.open')}
        </button>
      </form>
    </section>
  );
}

export function ComparePage() {
  const { t } = useI18n();
  const { query } = useLocation();
  const a = (query.get('a') ?? '').toLowerCase();
  const b = (query.get('b') ?? '').toLowerCase();
  const { ref: reference } = useReference();
  return <Compare key={`${a}|${b}`} a={a} b={b} reference={reference} title={t('compare.title')} />;
}

function Compare({ a, b, reference, title }: { a: string; b: string; reference: Reference | null; title: string }) {
  const { t } = useI18n();
  const left = useSpecimen(UUID.test(a) ? a : '');
  const right = useSpecimen(UUID.test(b) ? b : '');
  const [linked, setLinked] = useState(true);
  const [ta, setTa] = useState<ViewTransform>(IDENTITY);
  const [tb, setTb] = useState<ViewTransform>(IDENTITY);
  const linkId = useId();

  if (!UUID.test(a)) {
    return (
      <Page title={title} lead={t('compare.noFirst')}>
        <p>
          <a href="/specimens">{t('specimen.backToList')}</a>
        </p>
      </Page>
    );
  }
  const purpose = left.needsPurpose ? left : right.needsPurpose ? right : null;
  return (
    <Page title={title} lead={t('compare.lead')}>
      <p class="page-actions">
        <a href={`/specimens/${a}`}>{t('compare.back')}</a>
      </p>
      <ErrorAlert error={left.error ?? right.error} />
      {purpose ? <PurposeDialog onState={purpose.statePurpose} onCancel={() => navigate(`/specimens/${a}`)} /> : null}
      {left.missing || right.missing ? <p class="alert alert-error">{t('specimen.notFoundText')}</p> : null}
      {left.view && right.view ? (
        <div class="compare-toolbar">
          <input
            id={linkId}
            type="checkbox"
            checked={linked}
            onChange={(e) => {
              const on = e.currentTarget.checked;
              setLinked(on);
              if (on) setTb(ta);
            }}
          />
          <label for={linkId}>{t('compare.sync')}</label>
          <span class="hint">{t('compare.syncHint')}</span>
        </div>
      ) : null}
      <div class={b ? 'compare-grid' : 'compare-grid compare-grid-choose'}>
        {left.view ? (
          <Pane
            side="a"
            view={left.view}
            reference={reference}
            transform={ta}
            onTransform={(next) => {
              setTa(next);
              if (linked) setTb(next);
            }}
          />
        ) : (
          <p class="loading panel" role="status">
            {t('specimen.loading')}
          </p>
        )}
        {!b ? (
          left.view ? (
            <Chooser a={left.view} reference={reference} />
          ) : null
        ) : right.view ? (
          <Pane
            side="b"
            view={right.view}
            reference={reference}
            transform={tb}
            onTransform={(next) => {
              setTb(next);
              if (linked) setTa(next);
            }}
            onChange={() => navigate(compareAddress(a))}
          />
        ) : (
          <p class="loading panel" role="status">
            {t('specimen.loading')}
          </p>
        )}
      </div>
    </Page>
  );
}
