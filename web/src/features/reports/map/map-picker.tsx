import { useState } from 'preact/hooks';
import { useI18n } from '../../../lib/i18n/index.tsx';
import { SelectField } from '../../../ui/fields.tsx';
import { MODE_COLOURS, useGeo } from './route-map.tsx';

const WIDTH = 960;
const HEIGHT = 560;
/** The region the networks work in, from Mexico's north to Ecuador, the Caribbean included: the picker's fixed view. */
const REGION: [number, number][] = [
  [-118, 33],
  [-59, -5],
];

interface Placed {
  place: string;
  latitude: string;
  longitude: string;
}

const position = (w: Placed): [number, number] | null => {
  const lat = Number(w.latitude);
  const lon = Number(w.longitude);
  return w.latitude.trim() && w.longitude.trim() && Number.isFinite(lat) && Number.isFinite(lon) ? [lon, lat] : null;
};

/**
 * Placing a route's waypoints by pointing at the map: choose the waypoint, click where it is; its
 * latitude and longitude fields take the point (three decimals, about 100 m), and the next waypoint
 * without coordinates is chosen. The fields stay the way to type them (and the way by keyboard).
 */
export function MapPicker({
  waypoints,
  modes,
  onPick,
}: {
  waypoints: Placed[];
  modes: string[];
  onPick: (index: number, latitude: string, longitude: string) => void;
}) {
  const { t } = useI18n();
  const geo = useGeo();
  const [target, setTarget] = useState(0);
  if (!geo) return <p class="muted map-loading">{t('reportMap.loading')}</p>;
  const projected = geo.project(REGION, WIDTH, HEIGHT, 10);
  const chosen = Math.min(target, waypoints.length - 1);
  const name = (w: Placed, i: number) => w.place.trim() || t('reportCompose.waypointN', { n: i + 1 });
  const pick = (event: MouseEvent) => {
    const svg = event.currentTarget as SVGSVGElement;
    const box = svg.getBoundingClientRect();
    const lonLat = projected.invert([((event.clientX - box.left) / box.width) * WIDTH, ((event.clientY - box.top) / box.height) * HEIGHT]);
    if (!lonLat) return;
    onPick(chosen, lonLat[1].toFixed(3), lonLat[0].toFixed(3));
    const next = waypoints.findIndex((w, i) => i > chosen && !position(w));
    if (next >= 0) setTarget(next);
  };
  const placed = waypoints.map(position);
  return (
    <div class="map-picker">
      <SelectField
        label={t('reportMap.pickWhich')}
        name="pick"
        value={String(chosen)}
        onValue={(v) => setTarget(Number(v))}
        hint={t('reportMap.pickHint')}
      >
        {waypoints.map((w, i) => (
          <option key={i} value={String(i)}>
            {`${i + 1}. ${name(w, i)}`}
          </option>
        ))}
      </SelectField>
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: a pointer's shortcut; the latitude and longitude fields are the keyboard's way. */}
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width={WIDTH}
        height={HEIGHT}
        role="img"
        aria-label={t('reportMap.pickSummary', { placed: placed.filter(Boolean).length, total: waypoints.length })}
        class="route-map-svg map-picker-svg"
        onClick={pick}
      >
        <rect x="0" y="0" width={WIDTH} height={HEIGHT} fill="#dce9f2" />
        {projected.countries.map((c) => (
          <path key={c.id} d={c.d} fill="#f4f1ea" stroke="#9aa5b1" stroke-width="0.7" />
        ))}
        {placed.slice(1).map((to, i) => {
          const from = placed[i];
          if (!from || !to) return null;
          const [x1, y1] = projected.point(from);
          const [x2, y2] = projected.point(to);
          return <line key={i} x1={x1} y1={y1} x2={x2} y2={y2} stroke={MODE_COLOURS[modes[i] ?? 'other'] ?? '#555555'} stroke-width="2.5" />;
        })}
        {placed.map((at, i) => {
          if (!at) return null;
          const [x, y] = projected.point(at);
          return (
            <g key={i} font-family="sans-serif" font-size="14" fill="#1b2430">
              <circle cx={x} cy={y} r={i === chosen ? 7 : 5} fill={i === chosen ? '#c62828' : '#1b2430'} stroke="#ffffff" stroke-width="1.5" />
              <text x={x + 9} y={y - 7} stroke="#ffffff" stroke-width="3" paint-order="stroke">{`${i + 1}. ${name(waypoints[i]!, i)}`}</text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
