import { useId, useState } from 'preact/hooks';
import { useI18n } from '../../../lib/i18n/index.tsx';
import { lookFilter, type ViewLook, type ViewTransform } from '../../../ui/viewer.tsx';

export interface OverlaySide {
  src: string;
  alt: string;
  label: string;
}

/**
 * Two images in one frame, where they coincide: `swipe` shows the right one over the left up to a
 * share the reader moves with a slider; `blink` shows one or the other, switched by a button at the
 * reader's own pace (no timer). Both keep the zoom, pan and look of the side-by-side viewers.
 */
export function OverlayCompare({
  mode,
  left,
  right,
  transform,
  look,
}: {
  mode: 'swipe' | 'blink';
  left: OverlaySide;
  right: OverlaySide;
  transform: ViewTransform;
  look: ViewLook;
}) {
  const { t } = useI18n();
  const [share, setShare] = useState(50);
  const [showing, setShowing] = useState<'a' | 'b'>('a');
  const sliderId = useId();
  const hintId = useId();
  const css = {
    transform: `translate(${transform.x}px, ${transform.y}px) scale(${transform.scale}) rotate(${look.rotation}deg)`,
    filter: lookFilter(look),
  };
  return (
    <section class="panel compare-overlay" aria-label={t('compare.swipeStage', { left: left.label, right: right.label })}>
      {mode === 'swipe' ? (
        <div class="compare-overlay-control">
          <label for={sliderId}>{t('compare.swipe')}</label>
          <input
            id={sliderId}
            type="range"
            min={0}
            max={100}
            step={5}
            value={share}
            aria-describedby={hintId}
            aria-valuetext={`${share}%`}
            onInput={(e) => setShare(Number(e.currentTarget.value))}
          />
          <output for={sliderId} class="compare-share">
            {share}%
          </output>
          <p class="hint" id={hintId}>
            {t('compare.swipeHint')}
          </p>
        </div>
      ) : (
        <div class="compare-overlay-control">
          <button type="button" class="button button-secondary" aria-describedby={hintId} onClick={() => setShowing(showing === 'a' ? 'b' : 'a')}>
            {t('compare.blink')}
          </button>
          <p class="compare-showing" aria-live="polite">
            {t('compare.blinkShowing', { side: showing === 'a' ? `${t('compare.left')} — ${left.label}` : `${t('compare.right')} — ${right.label}` })}
          </p>
          <p class="hint" id={hintId}>
            {t('compare.blinkHint')}
          </p>
        </div>
      )}
      <div class="compare-overlay-stage">
        <img
          class={mode === 'blink' && showing === 'b' ? 'compare-under compare-hidden' : 'compare-under'}
          src={left.src}
          alt={left.alt}
          draggable={false}
          style={css}
        />
        {/* The clip is the frame's (the slider's share of it), not the zoomed image's: a wrapper holds it. */}
        <div
          class={mode === 'blink' && showing === 'a' ? 'compare-over compare-hidden' : 'compare-over'}
          style={mode === 'swipe' ? { clipPath: `inset(0 0 0 ${100 - share}%)` } : undefined}
        >
          <img src={right.src} alt={right.alt} draggable={false} style={css} />
        </div>
        {mode === 'swipe' ? <div class="compare-divider" aria-hidden="true" style={{ left: `${100 - share}%` }} /> : null}
        <div class="viewer-labels">
          <span class="viewer-view">
            {mode === 'blink'
              ? showing === 'a'
                ? left.label
                : right.label
              : `${t('compare.left')}: ${left.label} · ${t('compare.right')}: ${right.label}`}
          </span>
        </div>
      </div>
    </section>
  );
}
