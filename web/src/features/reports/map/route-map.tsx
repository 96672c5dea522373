import { useEffect, useRef, useState } from 'preact/hooks';
import { saveFile } from '../../../lib/files.ts';
import { useI18n } from '../../../lib/i18n/index.tsx';
import { type ReportReference, term } from '../reference.ts';
import type { Projected } from './geo.ts';

/** One leg to draw: from and to (longitude, latitude), its mode, and the places it joins. */
export interface MapLeg {
  from: [number, number];
  to: [number, number];
  mode: string;
  fromPlace: string;
  toPlace: string;
}

/** A crossing point: where, its name, and how many routes and sightings touch it (its size). */
export interface MapCrossing {
  at: [number, number];
  name: string;
  routes: number;
  sightings: number;
}

/** A labelled place (a route's waypoints; the space map labels its crossings instead). */
export interface MapPlace {
  at: [number, number];
  name: string;
}

const WIDTH = 960;
const HEIGHT = 600;

/** One colour per transport mode (told apart in the legend by name too, not by colour alone). */
export const MODE_COLOURS: Record<string, string> = {
  air: '#6a3d9a',
  bus: '#1f5fa8',
  car: '#2e7d32',
  boat: '#00838f',
  foot: '#c62828',
  train: '#e65100',
  other: '#555555',
};
const colour = (mode: string) => MODE_COLOURS[mode] ?? MODE_COLOURS['other']!;

/** FIRST's TLP colours: the label's text on black. */
const TLP_COLOURS: Record<string, string> = { RED: '#ff2b2b', AMBER: '#ffc000', 'AMBER+STRICT': '#ffc000', GREEN: '#33ff00', CLEAR: '#ffffff' };

type Geo = typeof import('./geo.ts');
let loading: Promise<Geo> | null = null;

/** The drawing code and the boundaries, loaded once, the first time a map is shown. */
export function useGeo(): Geo | null {
  const [geo, setGeo] = useState<Geo | null>(null);
  useEffect(() => {
    let current = true;
    loading ??= import('./geo.ts');
    loading.then(
      (module) => current && setGeo(module),
      () => {
        loading = null;
      },
    );
    return () => {
      current = false;
    };
  }, []);
  return geo;
}

/**
 * A map drawn in SVG from bundled boundaries: each leg an arrow in the direction of travel, coloured
 * by its mode; crossing points sized by the routes and sightings touching them; places labelled; the
 * TLP label printed in a corner, so that an exported picture carries it. The tables beside it say the
 * same in words (the map is an image with a summary for screen readers).
 */
export function RouteMap({
  legs,
  crossings = [],
  places = [],
  tlp,
  summary,
  fileName,
  reference,
}: {
  legs: MapLeg[];
  crossings?: MapCrossing[];
  places?: MapPlace[];
  tlp: string | null;
  summary: string;
  /** The exported files' name, without its extension (the TLP label is added). */
  fileName: string;
  reference: ReportReference | null;
}) {
  const { t, lang } = useI18n();
  const geo = useGeo();
  const svg = useRef<SVGSVGElement>(null);
  const [exportError, setExportError] = useState(false);
  const positions = [...legs.flatMap((l) => [l.from, l.to]), ...crossings.map((c) => c.at), ...places.map((p) => p.at)];
  if (positions.length === 0) return <p class="muted">{t('reportMap.nothing')}</p>;
  if (!geo) return <p class="muted map-loading">{t('reportMap.loading')}</p>;
  const projected: Projected = geo.project(positions, WIDTH, HEIGHT);
  const modes = [...new Set(legs.map((l) => l.mode))];
  const most = Math.max(1, ...crossings.map((c) => c.routes + c.sightings));
  const radius = (c: MapCrossing) => 4 + 14 * Math.sqrt((c.routes + c.sightings) / most);
  // Labels for the places, or for the crossings most touched (a space map may have thousands of legs).
  const labels = places.length
    ? places.map((p) => ({ at: p.at, name: p.name }))
    : [...crossings].sort((a, b) => b.routes + b.sightings - (a.routes + a.sightings)).slice(0, 12);
  const label = tlp ? `TLP:${tlp}` : null;
  const stamp = `${fileName}${tlp ? `-TLP-${tlp.replace('+', '-')}` : ''}-${new Date().toISOString().slice(0, 10)}`;

  const serialised = () => {
    const node = svg.current!.cloneNode(true) as SVGSVGElement;
    node.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
    return new XMLSerializer().serializeToString(node);
  };
  const exportSvg = () => saveFile(new Blob([serialised()], { type: 'image/svg+xml' }), `${stamp}.svg`);
  const exportPng = () => {
    setExportError(false);
    const url = URL.createObjectURL(new Blob([serialised()], { type: 'image/svg+xml' }));
    const image = new Image();
    image.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = WIDTH * 2;
      canvas.height = HEIGHT * 2;
      const context = canvas.getContext('2d')!;
      context.scale(2, 2);
      context.drawImage(image, 0, 0, WIDTH, HEIGHT);
      URL.revokeObjectURL(url);
      canvas.toBlob((blob) => (blob ? saveFile(blob, `${stamp}.png`) : setExportError(true)), 'image/png');
    };
    image.onerror = () => {
      URL.revokeObjectURL(url);
      setExportError(true);
    };
    image.src = url;
  };

  return (
    <figure class="route-map">
      <svg ref={svg} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={WIDTH} height={HEIGHT} role="img" aria-label={summary} class="route-map-svg">
        <title>{summary}</title>
        <defs>
          {modes.map((mode) => (
            <marker
              key={mode}
              id={`arrow-${mode}`}
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto-start-reverse"
            >
              <path d="M 0 0 L 10 5 L 0 10 z" fill={colour(mode)} />
            </marker>
          ))}
        </defs>
        <rect x="0" y="0" width={WIDTH} height={HEIGHT} fill="#dce9f2" />
        <g>
          {projected.countries.map((c) => (
            <path key={c.id} d={c.d} fill="#f4f1ea" stroke="#9aa5b1" stroke-width="0.7" />
          ))}
        </g>
        <g class="route-map-legs">
          {legs.map((l, i) => {
            const [x1, y1] = projected.point(l.from);
            const [x2, y2] = projected.point(l.to);
            return (
              <line
                key={i}
                class="route-map-leg"
                x1={x1}
                y1={y1}
                x2={x2}
                y2={y2}
                stroke={colour(l.mode)}
                stroke-width="2.5"
                stroke-opacity="0.8"
                marker-end={`url(#arrow-${l.mode})`}
              >
                <title>{`${l.fromPlace} → ${l.toPlace} (${term(reference, 'transportModes', l.mode, lang)})`}</title>
              </line>
            );
          })}
        </g>
        <g>
          {crossings.map((c) => {
            const [x, y] = projected.point(c.at);
            return (
              <circle
                key={`${c.name}@${c.at.join(',')}`}
                cx={x}
                cy={y}
                r={radius(c)}
                fill="#0b3d5c"
                fill-opacity="0.55"
                stroke="#ffffff"
                stroke-width="1"
              >
                <title>{t('reportMap.crossingTitle', { name: c.name, routes: c.routes, sightings: c.sightings })}</title>
              </circle>
            );
          })}
          {places.map((p) => {
            const [x, y] = projected.point(p.at);
            return <circle key={`${p.name}@${p.at.join(',')}`} cx={x} cy={y} r="4" fill="#1b2430" />;
          })}
        </g>
        <g font-family="sans-serif" font-size="13" fill="#1b2430">
          {labels.map((p) => {
            const [x, y] = projected.point(p.at);
            return (
              <text key={`${p.name}@${p.at.join(',')}`} x={x + 8} y={y - 6} stroke="#ffffff" stroke-width="3" paint-order="stroke">
                {p.name}
              </text>
            );
          })}
        </g>
        {label ? (
          <g>
            <rect x="12" y="12" width={14 + label.length * 9} height="28" fill="#000000" />
            <text x="19" y="31" font-family="monospace" font-size="15" font-weight="bold" fill={TLP_COLOURS[tlp!] ?? '#ffffff'}>
              {label}
            </text>
          </g>
        ) : null}
      </svg>
      <figcaption>
        <ul class="map-legend" aria-label={t('reportMap.legend')}>
          {modes.map((mode) => (
            <li key={mode}>
              <svg width="28" height="10" aria-hidden="true" focusable="false">
                <line x1="0" y1="5" x2="28" y2="5" stroke={colour(mode)} stroke-width="3" />
              </svg>{' '}
              {term(reference, 'transportModes', mode, lang)}
            </li>
          ))}
          {crossings.length ? <li>{t('reportMap.crossingLegend')}</li> : null}
        </ul>
        <div class="actions map-exports">
          <button type="button" class="button button-secondary button-small" onClick={exportPng}>
            {t('reportMap.exportPng')}
          </button>
          <button type="button" class="button button-secondary button-small" onClick={exportSvg}>
            {t('reportMap.exportSvg')}
          </button>
        </div>
        {exportError ? <p class="error-text">{t('reportMap.exportFailed')}</p> : null}
      </figcaption>
    </figure>
  );
}
