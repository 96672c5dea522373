/**
 * A route's waypoints in order, each with its place and crossing, and between two of them the leg
 * that joins them (its mode, cost and duration): rows added, removed and moved; the legs keep
 * their positions, so that there is always one fewer leg than waypoints.
 */
import { StateOptions } from '../../../items/states.tsx';
import { countryName } from '../../../lib/countries.ts';
import { useI18n } from '../../../lib/i18n/index.tsx';
import { SelectField, TextField } from '../../../ui/fields.tsx';
import type { FieldProps } from '../../../ui/form.tsx';
import { MapPicker } from '../map/map-picker.tsx';
import type { ReportReference } from '../reference.ts';
import { TermOptions } from '../selects.tsx';
import { emptyLeg, emptyWaypoint, type LegValues, type RouteValues, type WaypointValues } from './values.ts';

export const MAX_WAYPOINTS = 41;

export function RouteEditor({
  route,
  onRoute,
  reference,
  fieldProps,
}: {
  route: RouteValues;
  onRoute: (route: RouteValues) => void;
  reference: ReportReference | null;
  fieldProps: (name: string) => FieldProps;
}) {
  const { t, lang } = useI18n();
  const { waypoints, legs } = route;
  const setWaypoint = (i: number, change: Partial<WaypointValues>) =>
    onRoute({ ...route, waypoints: waypoints.map((w, j) => (j === i ? { ...w, ...change } : w)) });
  const setLeg = (i: number, change: Partial<LegValues>) => onRoute({ ...route, legs: legs.map((l, j) => (j === i ? { ...l, ...change } : l)) });
  const add = () => onRoute({ ...route, waypoints: [...waypoints, emptyWaypoint()], legs: [...legs, emptyLeg()] });
  const remove = (i: number) =>
    onRoute({ ...route, waypoints: waypoints.filter((_, j) => j !== i), legs: legs.filter((_, j) => j !== Math.min(i, legs.length - 1)) });
  const move = (i: number, by: -1 | 1) => {
    const next = [...waypoints];
    const [moved] = next.splice(i, 1);
    if (moved) next.splice(i + by, 0, moved);
    onRoute({ ...route, waypoints: next });
  };
  const placeName = (w: WaypointValues | undefined, n: number) =>
    w?.place.trim() || (w?.country ? countryName(w.country, lang, t) : t('reportCompose.waypointN', { n }));
  const at = (i: number, field: string) => `route.waypoints.${i}.${field}`;
  const legAt = (i: number, field: string) => `route.legs.${i}.${field}`;

  return (
    <div class="route-editor">
      <p class="hint">{t('reportCompose.routeHint')}</p>
      <MapPicker waypoints={waypoints} modes={legs.map((l) => l.mode)} onPick={(i, latitude, longitude) => setWaypoint(i, { latitude, longitude })} />
      <ol class="route-rows">
        {waypoints.map((w, i) => {
          const n = i + 1;
          const leg = legs[i];
          return (
            <li key={i} class="route-row">
              <fieldset class="waypoint" aria-describedby={fieldProps(`route.waypoints.${i}`).describedBy}>
                <legend>{t('reportCompose.waypointN', { n })}</legend>
                <div class="waypoint-fields">
                  <SelectField
                    label={t('report.country')}
                    required
                    name={at(i, 'country')}
                    value={w.country}
                    onValue={(country) => setWaypoint(i, { country })}
                    {...fieldProps(at(i, 'country'))}
                  >
                    <option value="">{t('invite.choose')}</option>
                    <StateOptions />
                  </SelectField>
                  <TextField
                    label={t('report.place')}
                    required
                    maxLength={160}
                    name={at(i, 'place')}
                    value={w.place}
                    onValue={(place) => setWaypoint(i, { place })}
                    {...fieldProps(at(i, 'place'))}
                  />
                  <TextField
                    label={t('report.crossingOptional')}
                    maxLength={160}
                    name={at(i, 'crossing')}
                    value={w.crossing}
                    onValue={(crossing) => setWaypoint(i, { crossing })}
                    {...fieldProps(at(i, 'crossing'))}
                  />
                  <SelectField
                    label={t('report.crossingKind')}
                    name={at(i, 'crossingKind')}
                    value={w.crossingKind}
                    onValue={(crossingKind) => setWaypoint(i, { crossingKind })}
                    {...fieldProps(at(i, 'crossingKind'))}
                  >
                    <TermOptions terms={reference?.crossingKinds} empty={t('reportCompose.none')} />
                  </SelectField>
                  <TextField
                    label={t('report.latitude')}
                    inputMode="text"
                    maxLength={20}
                    name={at(i, 'latitude')}
                    value={w.latitude}
                    onValue={(latitude) => setWaypoint(i, { latitude })}
                    {...fieldProps(at(i, 'latitude'))}
                  />
                  <TextField
                    label={t('report.longitude')}
                    inputMode="text"
                    maxLength={20}
                    name={at(i, 'longitude')}
                    value={w.longitude}
                    onValue={(longitude) => setWaypoint(i, { longitude })}
                    {...fieldProps(at(i, 'longitude'))}
                  />
                </div>
                <div class="waypoint-actions">
                  <button
                    type="button"
                    class="button button-secondary button-small"
                    disabled={i === 0}
                    aria-label={t('reportCompose.moveUp', { n })}
                    onClick={() => move(i, -1)}
                  >
                    {t('reportCompose.up')}
                  </button>
                  <button
                    type="button"
                    class="button button-secondary button-small"
                    disabled={i === waypoints.length - 1}
                    aria-label={t('reportCompose.moveDown', { n })}
                    onClick={() => move(i, 1)}
                  >
                    {t('reportCompose.down')}
                  </button>
                  <button
                    type="button"
                    class="button button-secondary button-small"
                    disabled={waypoints.length <= 2}
                    aria-label={t('reportCompose.removeWaypoint', { n })}
                    onClick={() => remove(i)}
                  >
                    {t('reportCompose.remove')}
                  </button>
                </div>
              </fieldset>
              {leg && i < waypoints.length - 1 ? (
                <fieldset class="leg">
                  <legend>{t('reportCompose.legN', { n, from: placeName(w, n), to: placeName(waypoints[i + 1], n + 1) })}</legend>
                  <div class="leg-fields">
                    <SelectField
                      label={t('report.mode')}
                      required
                      name={legAt(i, 'mode')}
                      value={leg.mode}
                      onValue={(mode) => setLeg(i, { mode })}
                      {...fieldProps(legAt(i, 'mode'))}
                    >
                      <TermOptions terms={reference?.transportModes} empty={t('invite.choose')} />
                    </SelectField>
                    <TextField
                      label={t('report.costAmount')}
                      inputMode="text"
                      maxLength={14}
                      name={legAt(i, 'costAmount')}
                      value={leg.costAmount}
                      onValue={(costAmount) => setLeg(i, { costAmount })}
                      {...fieldProps(legAt(i, 'costAmount'))}
                    />
                    <TextField
                      label={t('report.costCurrency')}
                      code
                      maxLength={3}
                      name={legAt(i, 'costCurrency')}
                      value={leg.costCurrency}
                      onValue={(costCurrency) => setLeg(i, { costCurrency })}
                      {...fieldProps(legAt(i, 'costCurrency'))}
                    />
                    <TextField
                      label={t('report.durationDays')}
                      inputMode="text"
                      maxLength={6}
                      name={legAt(i, 'durationDays')}
                      value={leg.durationDays}
                      onValue={(durationDays) => setLeg(i, { durationDays })}
                      {...fieldProps(legAt(i, 'durationDays'))}
                    />
                  </div>
                </fieldset>
              ) : null}
            </li>
          );
        })}
      </ol>
      {waypoints.length < MAX_WAYPOINTS ? (
        <button type="button" class="button button-secondary" onClick={add}>
          {t('reportCompose.addWaypoint')}
        </button>
      ) : null}
    </div>
  );
}
