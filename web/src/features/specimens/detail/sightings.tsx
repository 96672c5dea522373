import { useId, useState } from 'preact/hooks';
import { countryName } from '../../../lib/countries.ts';
import { formatDay, todayIso } from '../../../lib/dates.ts';
import { useI18n } from '../../../lib/i18n/index.tsx';
import { useResource } from '../../../lib/use-resource.ts';
import { TextAreaField, TextField } from '../../../ui/fields.tsx';
import { ErrorAlert, Form, Notice, useForm } from '../../../ui/form.tsx';
import { Panel } from '../../../ui/panel.tsx';
import { Table } from '../../../ui/table.tsx';
import { Badge, Empty } from '../../../ui/values.tsx';
import { fetchSightings, reportSighting, type Sighting, type SpecimenView } from '../api.ts';
import { CountrySelect } from '../selects.tsx';

const COLUMNS = ['seenOn', 'kind', 'country', 'place', 'reporter', 'note'] as const;

type Counts = NonNullable<SpecimenView['sightingCounts']>;

const countsOf = (list: Sighting[] | null): Counts => ({
  sightings: list?.filter((x) => x.kind === 'sighting').length ?? 0,
  falsePositives: list?.filter((x) => x.kind === 'false_positive').length ?? 0,
});

/** Where the document was seen again (or mistaken for it), and reporting a sighting. */
export function Sightings({ view, onCounts }: { view: SpecimenView; onCounts: (counts: Counts) => void }) {
  const { t } = useI18n();
  const sightings = useResource(() => fetchSightings(view.id), [view.id]);
  const list = sightings.data;
  const counts = view.sightingCounts ?? countsOf(list);
  return (
    <Panel id="sightings-title" title={t('sightings.title')}>
      <p class="sighting-counts">
        <strong>{t('sightings.count', { count: counts.sightings })}</strong> · {t('sightings.falseCount', { count: counts.falsePositives })}
      </p>
      <ErrorAlert error={sightings.error} />
      {list?.length ? <SightingsTable list={list} /> : list ? <p class="muted">{t('sightings.none')}</p> : null}
      {view.permissions.sight ? (
        <ReportSighting
          view={view}
          onReported={(created) => {
            const next = [created, ...(list ?? [])];
            sightings.setData(next);
            onCounts(countsOf(next));
          }}
        />
      ) : null}
    </Panel>
  );
}

function SightingsTable({ list }: { list: Sighting[] }) {
  const { t, lang } = useI18n();
  return (
    <Table dense caption={t('sightings.title')} columns={COLUMNS.map((c) => t(`sightings.${c}`))}>
      {list.map((x) => (
        <tr key={x.id}>
          <td class="cell-time">{formatDay(x.seenOn, lang, 'medium')}</td>
          <td>
            <Badge tone={x.kind === 'sighting' ? 'sighting' : 'muted'}>
              {t(x.kind === 'sighting' ? 'sightings.kindSighting' : 'sightings.kindFalse')}
            </Badge>
          </td>
          <td>{countryName(x.country, lang, t)}</td>
          <td>{x.place ?? <Empty />}</td>
          <td>
            {countryName(x.reporterCountry, lang, t)}
            {x.mine ? <span class="person-you"> {t('sightings.mine')}</span> : null}
          </td>
          <td>{x.note ?? <Empty />}</td>
        </tr>
      ))}
    </Table>
  );
}

function ReportSighting({ view, onReported }: { view: SpecimenView; onReported: (sighting: Sighting) => void }) {
  const { t } = useI18n();
  const [sent, setSent] = useState<string | null>(null);
  const kindName = useId();
  const form = useForm(
    { kind: 'sighting' as 'sighting' | 'false_positive', seenOn: todayIso(), country: '', place: '', note: '' },
    async ({ kind, seenOn, country, place, note }) => {
      const created = await reportSighting(view.id, {
        kind,
        seenOn,
        country,
        ...(place.trim() ? { place: place.trim() } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      onReported(created);
      form.setValues({ place: '', note: '' });
      setSent(t(kind === 'sighting' ? 'sightings.sentSighting' : 'sightings.sentFalsePositive'));
    },
    ({ seenOn, country }) => {
      setSent(null);
      if (!seenOn) return { message: t('form.required', { field: t('sightings.seenOn') }), field: 'seenOn' };
      if (seenOn > todayIso()) return { message: t('sightings.future'), field: 'seenOn' };
      if (!country) return { message: t('form.required', { field: t('sightings.country') }), field: 'country' };
      return null;
    },
  );
  const { kind } = form.values;
  return (
    <Form
      form={form}
      class="form sub-form"
      labelledBy="sighting-form-title"
      submit={t('sightings.submit')}
      intro={
        <>
          <h3 id="sighting-form-title">{t('sightings.report')}</h3>
          {sent ? <Notice>{sent}</Notice> : null}
        </>
      }
    >
      <fieldset class="field checks">
        <legend>{t('sightings.kind')}</legend>
        <label class="check">
          <input type="radio" name={kindName} value="sighting" checked={kind === 'sighting'} onChange={() => form.set('kind', 'sighting')} />
          {t('sightings.kindSightingLong')}
        </label>
        <label class="check">
          <input
            type="radio"
            name={kindName}
            value="false_positive"
            checked={kind === 'false_positive'}
            onChange={() => form.set('kind', 'false_positive')}
          />
          {t('sightings.kindFalseLong')}
        </label>
      </fieldset>
      <div class="field-pair">
        <TextField label={t('sightings.seenOn')} type="date" required {...form.bind('seenOn')} />
        <CountrySelect label={t('sightings.country')} required {...form.bind('country')} />
      </div>
      <TextField label={t('sightings.placeOptional')} maxLength={200} hint={t('sightings.placeHint')} {...form.bind('place')} />
      <TextAreaField label={t('sightings.noteOptional')} prose rows={3} maxLength={2000} {...form.bind('note')} />
    </Form>
  );
}
