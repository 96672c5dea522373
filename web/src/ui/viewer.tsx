import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { useI18n } from '../lib/i18n/index.tsx';

/**
 * An image viewer for document examiners: zoom with the buttons, the wheel, a pinch or the keyboard
 * (+, −, 0), pan by dragging (mouse, pen or finger) or with the arrow keys; rotate in 90° steps (R),
 * contrast, invert (I), a magnifier that follows the pointer (M) and full screen (F, the Fullscreen
 * API). The view (UV, IR…) and a label (an item's TLP) stay in the corner whatever the zoom.
 *
 * Controlled (`transform` + `onTransform`, `look` + `onLook`) so that two viewers move together or
 * one viewer keeps its place while its image changes; uncontrolled otherwise. `overlay` is drawn
 * over the image itself (positioned in percentages of it, it follows zoom, pan and rotation);
 * with `drawing`, a drag marks a region instead of panning and `onDraw` gets it in image-relative
 * coordinates (0 to 1 from the top left corner of the image as stored).
 *
 * The page's CSP forbids inline styles: every computed style (transform, filter, positions) is set
 * through the DOM (Preact's style objects are property writes, not attributes).
 */
export interface ViewTransform {
  scale: number;
  x: number;
  y: number;
}

export interface ViewLook {
  rotation: 0 | 90 | 180 | 270;
  /** 1 is the image as it is. */
  contrast: number;
  invert: boolean;
}

export interface ImageRegion {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const IDENTITY: ViewTransform = { scale: 1, x: 0, y: 0 };
export const PLAIN: ViewLook = { rotation: 0, contrast: 1, invert: false };
export const MIN_SCALE = 1;
export const MAX_SCALE = 8;
const STEP = 1.5;
const PAN = 48;
const LOUPE = 160;
const LOUPE_POWER = 3;

const clampNumber = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** The CSS filter of a look (none when plain). */
export const lookFilter = (look: ViewLook): string =>
  [look.contrast !== 1 ? `contrast(${look.contrast})` : '', look.invert ? 'invert(1)' : ''].filter(Boolean).join(' ') || 'none';

/** A point on the screen in image-relative coordinates, given the image's box on screen and its rotation. */
function toImage(box: DOMRect, clientX: number, clientY: number, rotation: number): { x: number; y: number } {
  const dx = clientX - (box.left + box.width / 2);
  const dy = clientY - (box.top + box.height / 2);
  const [width, height] = rotation % 180 ? [box.height, box.width] : [box.width, box.height];
  // Undo a clockwise rotation.
  const [ux, uy] = rotation === 90 ? [dy, -dx] : rotation === 180 ? [-dx, -dy] : rotation === 270 ? [-dy, dx] : [dx, dy];
  return { x: clampNumber(ux / width + 0.5, 0, 1), y: clampNumber(uy / height + 0.5, 0, 1) };
}

const regionOf = (a: { x: number; y: number }, b: { x: number; y: number }): ImageRegion => ({
  x: Math.min(a.x, b.x),
  y: Math.min(a.y, b.y),
  width: Math.abs(a.x - b.x),
  height: Math.abs(a.y - b.y),
});

/** Where a region is drawn inside the image's frame (percentages). */
export const regionStyle = (r: ImageRegion) => ({
  left: `${r.x * 100}%`,
  top: `${r.y * 100}%`,
  width: `${r.width * 100}%`,
  height: `${r.height * 100}%`,
});

export function ImageViewer({
  src,
  alt,
  viewLabel,
  badge,
  caption,
  transform,
  onTransform,
  look,
  onLook,
  overlay,
  drawing = false,
  onDraw,
  tools,
}: {
  src: string;
  alt: string;
  viewLabel: string;
  /** Shown in the corner beside the view's name. */
  badge?: ComponentChildren;
  caption?: string | null;
  transform?: ViewTransform;
  onTransform?: (next: ViewTransform) => void;
  look?: ViewLook;
  onLook?: (next: ViewLook) => void;
  /** Drawn over the image, in its frame (percentages of the image). */
  overlay?: ComponentChildren;
  /** A drag marks a region (`onDraw`) rather than panning. */
  drawing?: boolean;
  onDraw?: (region: ImageRegion) => void;
  /** More buttons for the tool bar (the caller's). */
  tools?: ComponentChildren;
}) {
  const { t, lang } = useI18n();
  const root = useRef<HTMLDivElement>(null);
  const stage = useRef<HTMLDivElement>(null);
  const image = useRef<HTMLImageElement>(null);
  const frame = useRef<HTMLDivElement>(null);
  const [own, setOwn] = useState<ViewTransform>(IDENTITY);
  const [ownLook, setOwnLook] = useState<ViewLook>(PLAIN);
  const [failed, setFailed] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [loupe, setLoupe] = useState(false);
  const [full, setFull] = useState(false);
  // Where the loupe is (stage pixels; null: the centre) and the region being drawn.
  const [pointer, setPointer] = useState<{ x: number; y: number } | null>(null);
  const [sketch, setSketch] = useState<ImageRegion | null>(null);
  // The image's box inside the stage (object-fit: contain leaves bands), and the stage's size.
  const [box, setBox] = useState({ left: 0, top: 0, width: 0, height: 0, stageWidth: 0, stageHeight: 0 });
  const hintId = useId();
  const contrastId = useId();
  const current = transform ?? own;
  const currentLook = look ?? ownLook;
  // The latest transform, for pointer moves that arrive faster than renders.
  const latest = useRef(current);
  latest.current = current;
  const pointers = useRef(new Map<number, { x: number; y: number }>());
  const drawStart = useRef<{ x: number; y: number } | null>(null);

  // The image's box follows the stage's size (a resize, full screen) and the image's own.
  const measure = () => {
    const s = stage.current;
    const img = image.current;
    if (!s || !img?.naturalWidth) return;
    const W = s.clientWidth;
    const H = s.clientHeight;
    const k = Math.min(W / img.naturalWidth, H / img.naturalHeight);
    const width = img.naturalWidth * k;
    const height = img.naturalHeight * k;
    setBox({ left: (W - width) / 2, top: (H - height) / 2, width, height, stageWidth: W, stageHeight: H });
  };
  useEffect(() => {
    const s = stage.current;
    if (!s || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(s);
    return () => observer.disconnect();
  }, []);
  // Another image in the same viewer (another light of the page): loaded afresh.
  useEffect(() => setFailed(false), [src]);
  useEffect(() => {
    const changed = () => setFull(document.fullscreenElement === root.current);
    document.addEventListener('fullscreenchange', changed);
    return () => document.removeEventListener('fullscreenchange', changed);
  }, []);

  const clamp = (next: ViewTransform): ViewTransform => {
    const rect = stage.current?.getBoundingClientRect();
    const scale = clampNumber(next.scale, MIN_SCALE, MAX_SCALE);
    // The image never leaves the frame: at most half of its growth either way.
    const maxX = rect ? ((scale - 1) * rect.width) / 2 : 0;
    const maxY = rect ? ((scale - 1) * rect.height) / 2 : 0;
    return { scale, x: clampNumber(next.x, -maxX, maxX), y: clampNumber(next.y, -maxY, maxY) };
  };
  const set = (next: ViewTransform) => {
    const value = clamp(next);
    latest.current = value;
    if (onTransform) onTransform(value);
    else setOwn(value);
  };
  const setLook = (change: Partial<ViewLook>) => {
    const value = { ...currentLook, ...change };
    if (onLook) onLook(value);
    else setOwnLook(value);
  };
  const rotate = (by: 90 | -90) => setLook({ rotation: ((currentLook.rotation + by + 360) % 360) as ViewLook['rotation'] });
  /** Zooms by `factor` keeping the point (cx, cy), from the frame's centre, where it is. */
  const zoomAt = (factor: number, cx = 0, cy = 0) => {
    const { scale, x, y } = latest.current;
    const target = clampNumber(scale * factor, MIN_SCALE, MAX_SCALE);
    const k = target / scale;
    set({ scale: target, x: cx - k * (cx - x), y: cy - k * (cy - y) });
  };
  const fromCentre = (clientX: number, clientY: number) => {
    const rect = stage.current?.getBoundingClientRect();
    return rect ? { x: clientX - rect.left - rect.width / 2, y: clientY - rect.top - rect.height / 2 } : { x: 0, y: 0 };
  };
  const pan = (dx: number, dy: number) => set({ ...latest.current, x: latest.current.x + dx, y: latest.current.y + dy });

  /** Full screen through the Fullscreen API; where it is refused, the viewer fills the window instead. */
  const toggleFull = async () => {
    const element = root.current;
    if (!element) return;
    if (full) {
      if (document.fullscreenElement) await document.exitFullscreen().catch(() => undefined);
      setFull(false);
      return;
    }
    try {
      await element.requestFullscreen();
    } catch {
      // No Fullscreen API here (or refused): the window's size will do.
    }
    setFull(true);
  };

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
      r: () => rotate(90),
      R: () => rotate(-90),
      i: () => setLook({ invert: !currentLook.invert }),
      m: () => setLoupe((on) => !on),
      f: () => void toggleFull(),
      Escape: () => {
        if (full && !document.fullscreenElement) setFull(false);
      },
    };
    const action = actions[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  };

  const drawPoint = (event: PointerEvent) => {
    const rect = frame.current?.getBoundingClientRect();
    return rect && rect.width > 0 ? toImage(rect, event.clientX, event.clientY, currentLook.rotation) : null;
  };
  const onPointerDown = (event: PointerEvent) => {
    if (event.pointerType === 'mouse' && event.button !== 0) return;
    stage.current?.setPointerCapture(event.pointerId);
    if (drawing) {
      drawStart.current = drawPoint(event);
      setSketch(null);
      return;
    }
    pointers.current.set(event.pointerId, { x: event.clientX, y: event.clientY });
    setDragging(true);
  };
  const onPointerMove = (event: PointerEvent) => {
    if (loupe) {
      const rect = stage.current?.getBoundingClientRect();
      if (rect) setPointer({ x: event.clientX - rect.left, y: event.clientY - rect.top });
    }
    if (drawing) {
      const start = drawStart.current;
      const at = start && drawPoint(event);
      if (start && at) setSketch(regionOf(start, at));
      return;
    }
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
    if (drawing) {
      const start = drawStart.current;
      const at = start && drawPoint(event);
      drawStart.current = null;
      setSketch(null);
      if (start && at) {
        const region = regionOf(start, at);
        if (region.width > 0.005 && region.height > 0.005) onDraw?.(region);
      }
      return;
    }
    pointers.current.delete(event.pointerId);
    if (pointers.current.size === 0) setDragging(false);
  };
  const onWheel = (event: WheelEvent) => {
    event.preventDefault();
    const centre = fromCentre(event.clientX, event.clientY);
    zoomAt(Math.exp(-clampNumber(event.deltaY, -200, 200) * 0.002), centre.x, centre.y);
  };

  // A quarter turn must still fit the frame: the turned image is scaled down to it.
  const turned = currentLook.rotation % 180 !== 0;
  const fit = turned && box.width && box.height ? Math.min(1, box.stageWidth / box.height, box.stageHeight / box.width) : 1;
  const cssTransform = `translate(${current.x}px, ${current.y}px) scale(${current.scale * fit}) rotate(${currentLook.rotation}deg)`;
  const filter = lookFilter(currentLook);
  const frameStyle = { left: `${box.left}px`, top: `${box.top}px`, width: `${box.width}px`, height: `${box.height}px` };
  const loupeAt = pointer ?? { x: box.stageWidth / 2, y: box.stageHeight / 2 };

  const percent = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(current.scale);
  const toggle = (pressed: boolean) => (pressed ? 'button button-secondary button-small button-pressed' : 'button button-secondary button-small');
  const classes = ['viewer-stage', dragging ? 'viewer-dragging' : '', drawing ? 'viewer-drawing' : ''].filter(Boolean).join(' ');
  return (
    <div ref={root} class={full ? 'viewer viewer-full' : 'viewer'}>
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
        <div class="viewer-tools" role="group" aria-label={t('viewer.lookTools')}>
          <button
            type="button"
            class="button button-secondary button-small"
            onClick={() => rotate(-90)}
            aria-label={t('viewer.rotateLeft')}
            title={t('viewer.rotateLeft')}
          >
            ⟲
          </button>
          <button
            type="button"
            class="button button-secondary button-small"
            onClick={() => rotate(90)}
            aria-label={t('viewer.rotateRight')}
            title={t('viewer.rotateRight')}
          >
            ⟳
          </button>
          <button
            type="button"
            class={toggle(currentLook.invert)}
            aria-pressed={currentLook.invert}
            onClick={() => setLook({ invert: !currentLook.invert })}
          >
            {t('viewer.invert')}
          </button>
          <span class="viewer-contrast">
            <label for={contrastId}>{t('viewer.contrast')}</label>
            <input
              id={contrastId}
              type="range"
              min={50}
              max={300}
              step={25}
              value={Math.round(currentLook.contrast * 100)}
              aria-valuetext={`${Math.round(currentLook.contrast * 100)}%`}
              onInput={(e) => setLook({ contrast: Number(e.currentTarget.value) / 100 })}
            />
          </span>
          <button type="button" class={toggle(loupe)} aria-pressed={loupe} onClick={() => setLoupe(!loupe)}>
            {t('viewer.loupe')}
          </button>
          <button type="button" class={toggle(full)} aria-pressed={full} onClick={() => void toggleFull()}>
            {t('viewer.fullscreen')}
          </button>
        </div>
        {tools ? <div class="viewer-tools viewer-extra">{tools}</div> : null}
        <p class="viewer-zoom">
          {t('viewer.zoom')} <output class="zoom-level">{percent}</output>
          {currentLook.rotation ? <span class="viewer-rotation"> · {t('viewer.rotation', { degrees: currentLook.rotation })}</span> : null}
        </p>
      </div>
      <div
        ref={stage}
        class={classes}
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
        onPointerLeave={() => setPointer(null)}
        onWheel={onWheel}
        onDblClick={(event) => {
          if (drawing) return;
          const centre = fromCentre(event.clientX, event.clientY);
          zoomAt(2, centre.x, centre.y);
        }}
      >
        {failed ? (
          <p class="viewer-failed">{t('viewer.failed')}</p>
        ) : (
          <>
            <img
              ref={image}
              src={src}
              alt={alt}
              draggable={false}
              onLoad={measure}
              onError={() => setFailed(true)}
              style={{ transform: cssTransform, filter }}
            />
            <div class="viewer-overlay" style={{ transform: cssTransform }}>
              <div ref={frame} class="viewer-frame" style={frameStyle}>
                {overlay}
                {sketch ? <div class="viewer-mark viewer-sketch" style={regionStyle(sketch)} /> : null}
              </div>
            </div>
            {loupe && box.width ? (
              <div class="viewer-loupe" aria-hidden="true" style={{ left: `${loupeAt.x - LOUPE / 2}px`, top: `${loupeAt.y - LOUPE / 2}px` }}>
                <div
                  class="viewer-loupe-inner"
                  style={{
                    width: `${box.stageWidth}px`,
                    height: `${box.stageHeight}px`,
                    transform: `translate(${LOUPE / 2 - loupeAt.x * LOUPE_POWER}px, ${LOUPE / 2 - loupeAt.y * LOUPE_POWER}px) scale(${LOUPE_POWER})`,
                  }}
                >
                  <img src={src} alt="" draggable={false} style={{ transform: cssTransform, filter }} />
                </div>
              </div>
            ) : null}
          </>
        )}
        <div class="viewer-labels">
          <span class="viewer-view">{viewLabel}</span>
          {badge}
        </div>
      </div>
      {caption ? <p class="viewer-caption">{caption}</p> : null}
      <p class="hint viewer-hint" id={hintId}>
        {drawing ? t('viewer.drawHint') : t('viewer.hint')}
      </p>
    </div>
  );
}
