import type { ComponentChildren } from 'preact';
import { useId, useRef, useState } from 'preact/hooks';
import { useI18n } from '../lib/i18n/index.tsx';

/**
 * An image viewer: zoom with the buttons, the wheel, a pinch or the keyboard (+, −, 0), pan by
 * dragging (mouse, pen or finger) or with the arrow keys. The view (UV, IR…) and a label (an
 * item's TLP) stay in the corner whatever the zoom. Controlled (`transform` + `onTransform`) so that two
 * viewers can move together; uncontrolled otherwise.
 */
export interface ViewTransform {
  scale: number;
  x: number;
  y: number;
}

export const IDENTITY: ViewTransform = { scale: 1, x: 0, y: 0 };
export const MIN_SCALE = 1;
export const MAX_SCALE = 8;
const STEP = 1.5;
const PAN = 48;

const clampNumber = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

export function ImageViewer({
  src,
  alt,
  viewLabel,
  badge,
  caption,
  transform,
  onTransform,
}: {
  src: string;
  alt: string;
  viewLabel: string;
  /** Shown in the corner beside the view's name. */
  badge?: ComponentChildren;
  caption?: string | null;
  transform?: ViewTransform;
  onTransform?: (next: ViewTransform) => void;
}) {
  const { t, lang } = useI18n();
  const stage = useRef<HTMLDivElement>(null);
  const [own, setOwn] = useState<ViewTransform>(IDENTITY);
  const [failed, setFailed] = useState(false);
  const [dragging, setDragging] = useState(false);
  const hintId = useId();
  const current = transform ?? own;
  // The latest transform, for pointer moves that arrive faster than renders.
  const latest = useRef(current);
  latest.current = current;
  const pointers = useRef(new Map<number, { x: number; y: number }>());

  const clamp = (next: ViewTransform): ViewTransform => {
    const box = stage.current?.getBoundingClientRect();
    const scale = clampNumber(next.scale, MIN_SCALE, MAX_SCALE);
    // The image never leaves the frame: at most half of its growth either way.
    const maxX = box ? ((scale - 1) * box.width) / 2 : 0;
    const maxY = box ? ((scale - 1) * box.height) / 2 : 0;
    return { scale, x: clampNumber(next.x, -maxX, maxX), y: clampNumber(next.y, -maxY, maxY) };
  };
  const set = (next: ViewTransform) => {
    const value = clamp(next);
    latest.current = value;
    if (onTransform) onTransform(value);
    else setOwn(value);
  };
  /** Zooms by `factor` keeping the point (cx, cy), from the frame's centre, where it is. */
  const zoomAt = (factor: number, cx = 0, cy = 0) => {
    const { scale, x, y } = latest.current;
    const target = clampNumber(scale * factor, MIN_SCALE, MAX_SCALE);
    const k = target / scale;
    set({ scale: target, x: cx - k * (cx - x), y: cy - k * (cy - y) });
  };
  const fromCentre = (clientX: number, clientY: number) => {
    const box = stage.current?.getBoundingClientRect();
    return box ? { x: clientX - box.left - box.width / 2, y: clientY - box.top - box.height / 2 } : { x: 0, y: 0 };
  };
  const pan = (dx: number, dy: number) => set({ ...latest.current, x: latest.current.x + dx, y: latest.current.y + dy });

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const actions: Record<string, () => void> = {
      '+': () => zoomAt(STEP),
      '=': () => zoomAt(STEP),
      '-': () => zoomAt(1 / STEP),
      _: () => zoomAt(1 / STEP),
      '0': () => set(IDENTITY),
      ArrowLeft: () => pan(PAN, 0),
      ArrowRight: () => pan(-PAN, 0),
      ArrowUp: () => pan(0, PAN),
      ArrowDown: () => pan(0, -PAN),
    };
    const action = actions[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  };

  const onPointerDown = (event: PointerEvent) => {
    if (event.pointerType === 'mouse' && event.button !== 0) return;
    stage.current?.setPointerCapture(event.pointerId);
    pointers.current.set(event.pointerId, { x: event.clientX, y: event.clientY });
    setDragging(true);
  };
  const onPointerMove = (event: PointerEvent) => {
    const map = pointers.current;
    const before = map.get(event.pointerId);
    if (!before) return;
    event.preventDefault();
    if (map.size === 1) {
      map.set(event.pointerId, { x: event.clientX, y: event.clientY });
      pan(event.clientX - before.x, event.clientY - before.y);
      return;
    }
    // Two fingers: the change of their distance zooms, the move of their midpoint pans.
    const [a, b] = [...map.values()];
    if (!a || !b) return;
    const oldDistance = Math.hypot(a.x - b.x, a.y - b.y);
    const oldMid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
    map.set(event.pointerId, { x: event.clientX, y: event.clientY });
    const [c, d] = [...map.values()];
    if (!c || !d || oldDistance === 0) return;
    const newDistance = Math.hypot(c.x - d.x, c.y - d.y);
    const newMid = { x: (c.x + d.x) / 2, y: (c.y + d.y) / 2 };
    const centre = fromCentre(newMid.x, newMid.y);
    zoomAt(newDistance / oldDistance, centre.x, centre.y);
    pan(newMid.x - oldMid.x, newMid.y - oldMid.y);
  };
  const onPointerEnd = (event: PointerEvent) => {
    pointers.current.delete(event.pointerId);
    if (pointers.current.size === 0) setDragging(false);
  };
  const onWheel = (event: WheelEvent) => {
    event.preventDefault();
    const centre = fromCentre(event.clientX, event.clientY);
    zoomAt(Math.exp(-clampNumber(event.deltaY, -200, 200) * 0.002), centre.x, centre.y);
  };

  const percent = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(current.scale);
  return (
    <div class="viewer">
      <div class="viewer-bar">
        <div class="viewer-tools" role="group" aria-label={t('viewer.tools')}>
          <button
            type="button"
            class="button button-secondary button-small"
            onClick={() => zoomAt(STEP)}
            aria-label={t('viewer.zoomIn')}
            title={t('viewer.zoomIn')}
          >
            +
          </button>
          <button
            type="button"
            class="button button-secondary button-small"
            onClick={() => zoomAt(1 / STEP)}
            aria-label={t('viewer.zoomOut')}
            title={t('viewer.zoomOut')}
          >
            −
          </button>
          <button type="button" class="button button-secondary button-small" onClick={() => set(IDENTITY)}>
            {t('viewer.reset')}
          </button>
        </div>
        <p class="viewer-zoom">
          {t('viewer.zoom')} <output class="zoom-level">{percent}</output>
        </p>
      </div>
      <div
        ref={stage}
        class={dragging ? 'viewer-stage viewer-dragging' : 'viewer-stage'}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the stage pans and zooms with the arrow keys and + and -, so it takes the focus
        tabIndex={0}
        role="group"
        aria-label={t('viewer.stage', { view: viewLabel })}
        aria-describedby={hintId}
        onKeyDown={onKeyDown}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerEnd}
        onPointerCancel={onPointerEnd}
        onWheel={onWheel}
        onDblClick={(event) => {
          const centre = fromCentre(event.clientX, event.clientY);
          zoomAt(2, centre.x, centre.y);
        }}
      >
        {failed ? (
          <p class="viewer-failed">{t('viewer.failed')}</p>
        ) : (
          <img
            src={src}
            alt={alt}
            draggable={false}
            onError={() => setFailed(true)}
            style={{ transform: `translate(${current.x}px, ${current.y}px) scale(${current.scale})` }}
          />
        )}
        <div class="viewer-labels">
          <span class="viewer-view">{viewLabel}</span>
          {badge}
        </div>
      </div>
      {caption ? <p class="viewer-caption">{caption}</p> : null}
      <p class="hint viewer-hint" id={hintId}>
        {t('viewer.hint')}
      </p>
    </div>
  );
}
