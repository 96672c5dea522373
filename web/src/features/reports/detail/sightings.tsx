import { ItemSightings, type SightingCounts, type SightingTexts } from '../../../items/sightings.tsx';
import { fetchSightings, type ReportView, reportSighting } from '../api.ts';

const TEXTS: SightingTexts = {
  title: 'report.sightings',
  count: 'report.sightingsCount',
  none: 'report.sightingsNone',
  seen: 'report.sightingSeen',
  report: 'report.sightingReport',
  seenLong: 'report.sightingSeenLong',
  falseLong: 'report.sightingFalseLong',
  detail: 'report.volume',
  detailOptional: 'report.volumeOptional',
  detailHint: 'report.volumeHint',
};

/** Other countries that see the same thing ("we see this too"), and saying so: a sighting's own field is the volume seen. */
export function Sightings({ view, onCounts }: { view: ReportView; onCounts: (counts: SightingCounts) => void }) {
  return (
    <ItemSightings
      itemId={view.id}
      idPrefix="report-"
      texts={TEXTS}
      counts={view.sightings}
      canReport={view.permissions.sight}
      detailField="volume"
      detailOf={(x) => x.volume}
      load={fetchSightings}
      send={(id, { detail, ...input }) => reportSighting(id, { ...input, ...(detail ? { volume: detail } : {}) })}
      onCounts={onCounts}
    />
  );
}
