import { ItemSightings, type SightingCounts, type SightingTexts } from '../../../items/sightings.tsx';
import { fetchSightings, reportSighting, type SpecimenView } from '../api.ts';

const TEXTS: SightingTexts = {
  title: 'sightings.title',
  count: 'sightings.count',
  none: 'sightings.none',
  seen: 'sightings.kindSighting',
  report: 'sightings.report',
  seenLong: 'sightings.kindSightingLong',
  falseLong: 'sightings.kindFalseLong',
  detail: 'sightings.place',
  detailOptional: 'sightings.placeOptional',
  detailHint: 'sightings.placeHint',
};

/** Where the document was seen again (or mistaken for it), and reporting a sighting: a sighting's own field is the place. */
export function Sightings({ view, onCounts }: { view: SpecimenView; onCounts: (counts: SightingCounts) => void }) {
  return (
    <ItemSightings
      itemId={view.id}
      texts={TEXTS}
      counts={view.sightingCounts}
      canReport={view.permissions.sight}
      detailField="place"
      detailOf={(x) => x.place}
      load={fetchSightings}
      send={(id, { detail, ...input }) => reportSighting(id, { ...input, ...(detail ? { place: detail } : {}) })}
      onCounts={onCounts}
    />
  );
}
