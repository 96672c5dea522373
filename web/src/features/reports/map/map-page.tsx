import { useItemRoles } from '../../../items/item-roles.ts';
import { StateSelect } from '../../../items/states.tsx';
import { api } from '../../../lib/api.ts';
import type { Reply } from '../../../lib/api-schema.ts';
import { nameIn, useI18n } from '../../../lib/i18n/index.tsx';
import { navigate, useLocation } from '../../../lib/router.ts';
import { useCurrentSpace } from '../../../lib/spaces.ts';
import { useResource } from '../../../lib/use-resource.ts';
import { Options, SelectField, TextField } from '../../../ui/fields.tsx';
import { ErrorAlert } from '../../../ui/form.tsx';
import { EmptyState, Page } from '../../../ui/page.tsx';
import { Panel } from '../../../ui/panel.tsx';
import { Table } from '../../../ui/table.tsx';
import { term, useReportReference } from '../reference.ts';
import { ReportTabs } from '../report-tabs.tsx';
import { type MapCrossing, type MapLeg, MODE_COLOURS, RouteMap } from './route-map.tsx';

type SpaceMap = Reply<'/api/spaces/{spaceId}/map', 'get'>;
const MODES = Object.keys(MODE_COLOURS);
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const STATE = /^[A-Z]{3}$/;

/** The map's filters, all codes or dates: they live in the address (no free text ever does). */
interface MapFilters {
  space: string;
  nationality: string;
  country: string;
  mode: string[];
  from: string;
  until: string;
}

function filtersFrom(query: URLSearchParams): MapFilters {
  const code = (name: string) => (STATE.test(query.get(name) ?? '') ? query.get(name)! : '');
  const date = (name: string) => (DATE.test(query.get(name) ?? '') ? query.get(name)! : '');
  return {
    space: /^[0-9a-f-]{36}$/.test(query.get('space') ?? '') ? query.get('space')! : '',
    nationality: code('nationality'),
    country: code('country'),
    mode: query.getAll('mode').filter((m) => MODES.includes(m)),
    from: date('from'),
    until: date('until'),
  };
}

/** The query of the map's request and of the page's address (the space apart). */
function mapQuery(f: MapFilters): string {
  const query = new URLSearchParams();
  if (f.nationality) query.set('nationality', f.nationality);
  if (f.country) query.set('country', f.country);
  for (const m of f.mode) query.append('mode', m);
  if (f.from) query.set('from', f.from);
  if (f.until) query.set('until', f.until);
  return query.toString();
}

const address = (f: MapFilters) => {
  const query = mapQuery(f);
  return `/reports/map?${f.space ? `space=${f.space}${query ? '&' : ''}` : ''}${query}`;
};

/** Every route of a space I may read on one map, filtered by nationality moved, mode, country and period. */
export function SpaceMapPage() {
  const { t, lang } = useI18n();
  const { query } = useLocation();
  const filters = filtersFrom(query);
  const { spaces } = useItemRoles();
  const current = useCurrentSpace();
  const spaceId = filters.space || current?.id || '';
  const { ref: reference } = useReportReference();
  const map = useResource(spaceId ? () => api<SpaceMap>('GET', `/api/spaces/${encodeURIComponent(spaceId)}/map?${mapQuery(filters)}`) : null, [
    spaceId,
    mapQuery(filters),
  ]);
  const go = (next: Partial<MapFilters>) => navigate(address({ ...filters, space: spaceId, ...next }));
  const data = map.data;
  const legs: MapLeg[] = [];
  const crossings: MapCrossing[] = [];
  const routes = new Map<string, { title: string; legs: number; tlp: string }>();
  for (const f of data?.features ?? []) {
    const p = f.properties as Record<string, string | number | null>;
    if (f.geometry.type === 'LineString' && p['kind'] === 'leg') {
      const [a, b] = f.geometry.coordinates as [number, number][];
      legs.push({ from: a!, to: b!, mode: String(p['mode']), fromPlace: String(p['from']), toPlace: String(p['to']) });
      const id = String(p['reportId']);
      const route = routes.get(id) ?? { title: String(p['title']), legs: 0, tlp: String(p['tlp']) };
      route.legs++;
      routes.set(id, route);
    } else if (f.geometry.type === 'Point' && p['kind'] === 'crossing') {
      crossings.push({
        at: f.geometry.coordinates as [number, number],
        name: String(p['name']),
        routes: Number(p['routes']),
        sightings: Number(p['sightings']),
      });
    }
  }
  crossings.sort((a, b) => b.routes + b.sightings - (a.routes + a.sightings));

  return (
    <Page title={t('reportMap.title')} lead={t('reportMap.lead')}>
      <ReportTabs current="map" />
      <div class="panel filters filters-dense map-filters">
        <SelectField label={t('reportMap.space')} name="space" value={spaceId} onValue={(space) => go({ space })}>
          <Options items={spaces ?? []} value={(s) => s.id} label={(s) => nameIn(lang, s)} />
        </SelectField>
        <StateSelect
          label={t('report.nationalities')}
          empty={t('reportMap.anyNationality')}
          name="nationality"
          value={filters.nationality}
          onValue={(nationality) => go({ nationality })}
          invalid={false}
        />
        <StateSelect
          label={t('report.country')}
          empty={t('reportMap.anyCountry')}
          name="country"
          value={filters.country}
          onValue={(country) => go({ country })}
          invalid={false}
        />
        <TextField label={t('reportMap.from')} type="date" name="from" value={filters.from} onValue={(from) => go({ from })} />
        <TextField label={t('reportMap.until')} type="date" name="until" value={filters.until} onValue={(until) => go({ until })} />
        <fieldset class="field map-modes">
          <legend>{t('report.mode')}</legend>
          {MODES.map((mode) => (
            <label key={mode} class="check">
              <input
                type="checkbox"
                name="mode"
                value={mode}
                checked={filters.mode.includes(mode)}
                onChange={(e) => go({ mode: e.currentTarget.checked ? [...filters.mode, mode] : filters.mode.filter((m) => m !== mode) })}
              />
              {term(reference, 'transportModes', mode, lang)}
            </label>
          ))}
        </fieldset>
      </div>
      <ErrorAlert error={map.error} />
      {!spaceId && spaces !== null ? <EmptyState title={t('reportMap.noSpaceTitle')} text={t('reportMap.noSpace')} /> : null}
      {data && routes.size === 0 && crossings.length === 0 ? <EmptyState title={t('reportMap.noneTitle')} text={t('reportMap.none')} /> : null}
      {data && (legs.length || crossings.length) ? (
        <>
          <RouteMap
            legs={legs}
            crossings={crossings}
            tlp={data.tlp}
            summary={t('reportMap.spaceSummary', { routes: routes.size, legs: legs.length, crossings: crossings.length })}
            fileName="enlace-map"
            reference={reference}
          />
          <MapTables routes={routes} crossings={crossings} />
        </>
      ) : null}
    </Page>
  );
}

/** What the map shows, in words: the routes drawn (each a link) and the crossing points with their counts. */
function MapTables({ routes, crossings }: { routes: Map<string, { title: string; legs: number; tlp: string }>; crossings: MapCrossing[] }) {
  const { t } = useI18n();
  return (
    <>
      <Panel id="map-routes-title" title={t('reportMap.routes', { count: routes.size })}>
        <ul class="linked-list">
          {[...routes].map(([id, r]) => (
            <li key={id}>
              <a href={`/reports/${id}`}>{r.title}</a> <span class="muted">{t('reportMap.legsDrawn', { count: r.legs })}</span>
            </li>
          ))}
        </ul>
      </Panel>
      {crossings.length ? (
        <Panel id="map-crossings-title" title={t('reportMap.crossings')}>
          <Table labelledBy="map-crossings-title" columns={[t('report.crossing'), t('reportMap.routesCount'), t('reportMap.sightingsCount')]}>
            {crossings.map((c) => (
              <tr key={`${c.name}@${c.at.join(',')}`}>
                <th scope="row">{c.name}</th>
                <td>{c.routes}</td>
                <td>{c.sightings}</td>
              </tr>
            ))}
          </Table>
        </Panel>
      ) : null}
    </>
  );
}
