import { useId, useState } from 'preact/hooks';
import { PurposeDialog, useItem } from '../../../items/purpose.tsx';
import { imageLabel, type Reference, specimenTitle, useReference } from '../../../items/reference.ts';
import { UUID } from '../../../lib/format.ts';
import { useI18n } from '../../../lib/i18n/index.tsx';
import { navigate, useLocation } from '../../../lib/router.ts';
import { ErrorAlert } from '../../../ui/form.tsx';
import { Loading, NotFoundPage, Page } from '../../../ui/page.tsx';
import { IDENTITY, PLAIN, type ViewLook, type ViewTransform } from '../../../ui/viewer.tsx';
import { fetchSpecimen, imageUrl, type SpecimenView } from '../api.ts';
import { Chooser, compareAddress } from './chooser.tsx';
import { OverlayCompare, type OverlaySide } from './overlay.tsx';
import { chosenImage, Pane } from './pane.tsx';

type Side = 'a' | 'b';
type Mode = 'side' | 'swipe' | 'blink';
const MODES: Mode[] = ['side', 'swipe', 'blink'];

/**
 * Two images side by side, zoomed and moved together (or not): two specimens (`?a=` and `?b=`), or
 * two images of one specimen (`?a=` and `?b=` the same: visible beside UV). Or in one frame: a swipe
 * that reveals the right image over the left, a blink that shows one then the other.
 */
export function ComparePage() {
  const { query } = useLocation();
  const a = (query.get('a') ?? '').toLowerCase();
  const b = (query.get('b') ?? '').toLowerCase();
  const { ref: reference } = useReference();
  return <Compare key={`${a}|${b}`} a={a} b={b} reference={reference} />;
}

function Compare({ a, b, reference }: { a: string; b: string; reference: Reference | null }) {
  const { t, lang } = useI18n();
  const left = useItem(UUID.test(a) ? a : '', fetchSpecimen);
  const right = useItem(UUID.test(b) ? b : '', fetchSpecimen);
  const [linked, setLinked] = useState(true);
  const [mode, setMode] = useState<Mode>('side');
  const [transforms, setTransforms] = useState<Record<Side, ViewTransform>>({ a: IDENTITY, b: IDENTITY });
  const [looks, setLooks] = useState<Record<Side, ViewLook>>({ a: PLAIN, b: PLAIN });
  const [chosen, setChosen] = useState<Partial<Record<Side, string>>>({});
  // One side moved: the other follows while they are linked.
  const move = (side: Side) => (next: ViewTransform) => setTransforms((now) => (linked ? { a: next, b: next } : { ...now, [side]: next }));
  const turn = (side: Side) => (next: ViewLook) =>
    setLooks((now) => (linked ? { a: next, b: { ...now.b, rotation: next.rotation } } : { ...now, [side]: next }));
  const linkId = useId();
  const modeName = useId();
  const title = t('compare.title');

  if (!UUID.test(a)) return <NotFoundPage title={title} text={t('compare.noFirst')} back={{ href: '/specimens', label: t('specimen.backToList') }} />;
  const purpose = left.needsPurpose ? left : right.needsPurpose ? right : null;
  const same = a === b;
  const imageA = left.data ? chosenImage(left.data, chosen.a) : undefined;
  // One specimen on both sides: the right starts on its second image.
  const imageB = right.data ? chosenImage(right.data, chosen.b, same ? 1 : 0) : undefined;
  const sideOf = (view: SpecimenView, image: NonNullable<typeof imageA>): OverlaySide => {
    const label = imageLabel(reference, image, lang);
    const name = view.specimen ? specimenTitle(reference, view.specimen, lang, t) : t('specimen.title');
    return { src: imageUrl(view.id, image.id), label, alt: t('specimen.imageAlt', { view: label, title: name }) };
  };
  // Each side says it is loading (a vnode of its own each).
  const loading = () => <Loading text={t('specimen.loading')} panel />;
  const both = left.data && right.data;
  return (
    <Page title={title} lead={same ? t('compare.sameSpecimenLead') : t('compare.lead')}>
      <p class="page-actions">
        <a href={`/specimens/${a}`}>{t('compare.back')}</a>
      </p>
      <ErrorAlert error={left.error ?? right.error} />
      {purpose ? <PurposeDialog onState={purpose.statePurpose} onCancel={() => navigate(`/specimens/${a}`)} /> : null}
      {left.missing || right.missing ? <p class="alert alert-error">{t('specimen.notFoundText')}</p> : null}
      {both ? (
        <div class="compare-toolbar">
          <fieldset class="compare-modes">
            <legend>{t('compare.mode')}</legend>
            {MODES.map((m) => (
              <label key={m} class="check">
                <input type="radio" name={modeName} value={m} checked={mode === m} onChange={() => setMode(m)} />
                {t(m === 'side' ? 'compare.modeSide' : m === 'swipe' ? 'compare.modeSwipe' : 'compare.modeBlink')}
              </label>
            ))}
          </fieldset>
          {mode === 'side' ? (
            <span class="compare-sync">
              <input
                id={linkId}
                type="checkbox"
                checked={linked}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  setLinked(on);
                  if (on) setTransforms((now) => ({ ...now, b: now.a }));
                }}
              />
              <label for={linkId}>{t('compare.sync')}</label>
              <span class="hint">{t('compare.syncHint')}</span>
            </span>
          ) : null}
        </div>
      ) : null}
      <div class={b ? 'compare-grid' : 'compare-grid compare-grid-choose'}>
        {left.data ? (
          <Pane
            side="a"
            view={left.data}
            image={imageA}
            onImage={(id) => setChosen((now) => ({ ...now, a: id }))}
            reference={reference}
            transform={transforms.a}
            onTransform={move('a')}
            look={looks.a}
            onLook={turn('a')}
            showViewer={mode === 'side'}
          />
        ) : (
          loading()
        )}
        {!b ? (
          left.data ? (
            <Chooser a={left.data} reference={reference} />
          ) : null
        ) : right.data ? (
          <Pane
            side="b"
            view={right.data}
            image={imageB}
            onImage={(id) => setChosen((now) => ({ ...now, b: id }))}
            reference={reference}
            transform={transforms.b}
            onTransform={move('b')}
            look={looks.b}
            onLook={turn('b')}
            showViewer={mode === 'side'}
            onChange={() => navigate(compareAddress(a))}
          />
        ) : (
          loading()
        )}
      </div>
      {mode !== 'side' && left.data && right.data && imageA && imageB ? (
        <OverlayCompare mode={mode} left={sideOf(left.data, imageA)} right={sideOf(right.data, imageB)} transform={transforms.a} look={looks.a} />
      ) : null}
    </Page>
  );
}
