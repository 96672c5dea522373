/** A report's own fields, by its kind, in words: a route's waypoints and legs as tables, the others as facts. */
import type { ComponentChildren } from 'preact';
import { countryName } from '../../../lib/countries.ts';
import { type Language, useI18n } from '../../../lib/i18n/index.tsx';
import { Panel } from '../../../ui/panel.tsx';
import { Table } from '../../../ui/table.tsx';
import { Empty } from '../../../ui/values.tsx';
import type { ReportView, RouteDetails } from '../api.ts';
import { type MapLeg, RouteMap } from '../map/route-map.tsx';
import { type ReportReference, term, type Vocabulary } from '../reference.ts';

/** An amount in its currency, in the reader's locale ("USD 180" when the currency is not one Intl knows). */
export function money(amount: number | null | undefined, currency: string | null | undefined, lang: Language): string | null {
  if (amount === null || amount === undefined || !currency) return null;
  try {
    return new Intl.NumberFormat(lang, { style: 'currency', currency, maximumFractionDigits: 2 }).format(amount);
  } catch {
    return `${currency} ${amount}`;
  }
}

function Prose({ text }: { text: string | undefined }) {
  return text?.trim() ? <p class="report-prose">{text}</p> : <Empty />;
}

function Fact({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

export function KindDetails({ view, reference }: { view: ReportView; reference: ReportReference | null }) {
  const { t, lang } = useI18n();
  const terms = (vocabulary: Vocabulary, codes: readonly string[]) =>
    codes.length ? codes.map((c) => term(reference, vocabulary, c, lang)).join(', ') : <Empty />;
  const states = (codes: readonly string[]) => (codes.length ? codes.map((c) => countryName(c, lang, t)).join(', ') : <Empty />);

  if (view.route) return <RoutePanels route={view.route} reference={reference} tlp={view.tlp} />;
  if (view.modusOperandi) {
    const mo = view.modusOperandi;
    return (
      <Panel id="report-details-title" title={t('report.details.modus_operandi')}>
        <dl class="facts">
          <Fact label={t('report.category')}>{term(reference, 'modusOperandi', mo.category, lang)}</Fact>
          <Fact label={t('report.documentTypes')}>{terms('documentTypes', mo.documentTypes)}</Fact>
          <Fact label={t('report.indicators')}>
            <Prose text={mo.indicators} />
          </Fact>
          <Fact label={t('report.countermeasures')}>
            <Prose text={mo.countermeasures} />
          </Fact>
        </dl>
      </Panel>
    );
  }
  if (view.acquisitionMethod) {
    const a = view.acquisitionMethod;
    return (
      <Panel id="report-details-title" title={t('report.details.acquisition_method')}>
        <dl class="facts">
          <Fact label={t('report.method')}>{term(reference, 'acquisitionMethods', a.method, lang)}</Fact>
          <Fact label={t('report.documentTypes')}>{terms('documentTypes', a.documentTypes)}</Fact>
          <Fact label={t('report.issuers')}>{states(a.issuers)}</Fact>
          <Fact label={t('report.cost')}>{money(a.costAmount, a.costCurrency, lang) ?? <Empty />}</Fact>
          <Fact label={t('report.process')}>
            <Prose text={a.process} />
          </Fact>
          <Fact label={t('report.indicators')}>
            <Prose text={a.indicators} />
          </Fact>
        </dl>
      </Panel>
    );
  }
  if (view.network) {
    const n = view.network;
    return (
      <Panel id="report-details-title" title={t('report.details.network')}>
        <dl class="facts">
          <Fact label={t('report.names')}>{n.names.join(' · ')}</Fact>
          <Fact label={t('report.size')}>{term(reference, 'networkSizes', n.size, lang)}</Fact>
          <Fact label={t('report.roles')}>{terms('networkRoles', n.roles)}</Fact>
          <Fact label={t('report.recruitment')}>
            <Prose text={n.recruitment} />
          </Fact>
          <Fact label={t('report.payment')}>
            <Prose text={n.payment} />
          </Fact>
          <Fact label={t('report.communication')}>
            <Prose text={n.communication} />
          </Fact>
        </dl>
      </Panel>
    );
  }
  if (view.operation) {
    const o = view.operation;
    const results = ['migrantsAssisted', 'smugglersDetained', 'documentsSeized', 'victimsReferred'] as const;
    return (
      <Panel id="report-details-title" title={t('report.details.operation')}>
        <dl class="facts">
          <Fact label={t('report.operationKind')}>{term(reference, 'operationKinds', o.operationKind, lang)}</Fact>
          <Fact label={t('report.places')}>{o.places.length ? o.places.join(' · ') : <Empty />}</Fact>
          <Fact label={t('report.agencies')}>
            <Prose text={o.agencies} />
          </Fact>
          {results.map((r) => (
            <Fact key={r} label={t(`report.results.${r}`)}>
              {o.results[r] ?? <Empty />}
            </Fact>
          ))}
          <Fact label={t('report.lessons')}>
            <Prose text={o.lessons} />
          </Fact>
        </dl>
      </Panel>
    );
  }
  return null;
}

/** A route: its waypoints in order, the legs between them, who travels it and the risks on the way. */
function RoutePanels({ route, reference, tlp }: { route: RouteDetails; reference: ReportReference | null; tlp: string }) {
  const { t, lang } = useI18n();
  const placeOf = (i: number) => {
    const w = route.waypoints[i];
    return w ? `${w.place} (${countryName(w.country, lang, t)})` : '';
  };
  const at = (w: RouteDetails['waypoints'][number]): [number, number] | null =>
    typeof w.latitude === 'number' && typeof w.longitude === 'number' ? [w.longitude, w.latitude] : null;
  const legs: MapLeg[] = route.legs.flatMap((leg, i) => {
    const [a, b] = [route.waypoints[i], route.waypoints[i + 1]];
    const from = a && at(a);
    const to = b && at(b);
    return from && to && a && b ? [{ from, to, mode: leg.mode, fromPlace: a.place, toPlace: b.place }] : [];
  });
  const places = route.waypoints.flatMap((w) => {
    const position = at(w);
    return position ? [{ at: position, name: w.place }] : [];
  });
  const unplaced = route.waypoints.length - places.length;
  return (
    <Panel id="report-details-title" title={t('report.details.route')}>
      <RouteMap
        legs={legs}
        places={places}
        tlp={tlp}
        summary={t('reportMap.routeSummary', { legs: legs.length, places: places.length })}
        fileName="enlace-route"
        reference={reference}
      />
      {unplaced ? <p class="muted">{t('reportMap.unplaced', { count: unplaced })}</p> : null}
      <h3 id="route-waypoints">{t('report.waypoints')}</h3>
      <Table
        labelledBy="route-waypoints"
        columns={[
          { label: '#', class: 'cell-num' },
          t('report.country'),
          t('report.place'),
          t('report.crossing'),
          t('report.crossingKind'),
          t('report.coordinates'),
        ]}
      >
        {route.waypoints.map((w, i) => (
          <tr key={i}>
            <td class="cell-num">{i + 1}</td>
            <td>{countryName(w.country, lang, t)}</td>
            <td>{w.place}</td>
            <td>{w.crossing || <Empty />}</td>
            <td>{w.crossingKind ? term(reference, 'crossingKinds', w.crossingKind, lang) : <Empty />}</td>
            <td>
              {typeof w.latitude === 'number' && typeof w.longitude === 'number' ? (
                `${w.latitude.toLocaleString(lang)}, ${w.longitude.toLocaleString(lang)}`
              ) : (
                <Empty />
              )}
            </td>
          </tr>
        ))}
      </Table>
      <h3 id="route-legs">{t('report.legs')}</h3>
      <Table
        labelledBy="route-legs"
        columns={[
          { label: '#', class: 'cell-num' },
          t('report.legFrom'),
          t('report.legTo'),
          t('report.mode'),
          { label: t('report.cost'), class: 'cell-num' },
          { label: t('report.durationDays'), class: 'cell-num' },
        ]}
      >
        {route.legs.map((leg, i) => (
          <tr key={i}>
            <td class="cell-num">{i + 1}</td>
            <td>{placeOf(i)}</td>
            <td>{placeOf(i + 1)}</td>
            <td>{term(reference, 'transportModes', leg.mode, lang)}</td>
            <td class="cell-num">{money(leg.costAmount, leg.costCurrency, lang) ?? <Empty />}</td>
            <td class="cell-num">{typeof leg.durationDays === 'number' ? leg.durationDays.toLocaleString(lang) : <Empty />}</td>
          </tr>
        ))}
      </Table>
      <dl class="facts">
        <Fact label={t('report.nationalities')}>
          {route.nationalities.length ? route.nationalities.map((c) => countryName(c, lang, t)).join(', ') : <Empty />}
        </Fact>
        <Fact label={t('report.estimatedVolume')}>{route.estimatedVolume || <Empty />}</Fact>
        <Fact label={t('report.risks')}>{route.risks.length ? route.risks.map((r) => term(reference, 'risks', r, lang)).join(', ') : <Empty />}</Fact>
      </dl>
    </Panel>
  );
}
