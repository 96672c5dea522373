/**
 * Where an item was seen again (or mistaken for it), and saying so: the counts, the table and the
 * form, shared by specimens and reports. Each kind gives its own words, its own calls and the one
 * field it adds to a sighting (a specimen's place, a report's volume).
 */
import { useId, useState } from 'preact/hooks';
import { countryName } from '../lib/countries.ts';
import { formatDay, todayIso } from '../lib/dates.ts';
import { type MessageKey, useI18n } from '../lib/i18n/index.tsx';
import { useResource } from '../lib/use-resource.ts';
import { TextAreaField, TextField } from '../ui/fields.tsx';
import { ErrorAlert, Form, Notice, useForm } from '../ui/form.tsx';
import { Panel } from '../ui/panel.tsx';
import { Table } from '../ui/table.tsx';
import { Badge, Empty } from '../ui/values.tsx';
import { StateSelect } from './states.tsx';

/** A sighting as every kind's route answers it (the kind's own field is read by `detailOf`). */
export interface ItemSighting {
  id: string;
  kind: string;
  seenOn: string;
  country: string;
  reporterCountry: string;
  mine: boolean;
  note: string | null;
}

export interface SightingCounts {
  sightings: number;
  falsePositives: number;
}

/** What the form sends; the kind's call names `detail` as its own field. */
export interface SightingInput {
  kind: 'sighting' | 'false_positive';
  seenOn: string;
  country: string;
  detail?: string;
  note?: string;
}

/** The words that differ between kinds; the rest are the `sightings.*` ones. */
export interface SightingTexts {
  /** The panel's title and the table's caption. */
  title: MessageKey;
  /** The sightings counted (`{count}`). */
  count: MessageKey;
  none: MessageKey;
  /** A sighting's badge in the table. */
  seen: MessageKey;
  /** The form's heading. */
  report: MessageKey;
  seenLong: MessageKey;
  falseLong: MessageKey;
  /** The kind's own field: its column, its label (optional) and its hint. */
  detail: MessageKey;
  detailOptional: MessageKey;
  detailHint: MessageKey;
}

const countsOf = (list: readonly ItemSighting[] | null): SightingCounts => ({
  sightings: list?.filter((x) => x.kind === 'sighting').length ?? 0,
  falsePositives: list?.filter((x) => x.kind === 'false_positive').length ?? 0,
});

interface SightingsProps<S extends ItemSighting> {
  itemId: string;
  /** Before the ids of the panel's and the form's titles (`report-`), so that two kinds' panels never share one. */
  idPrefix?: string;
  texts: SightingTexts;
  /** The counts the item came with, if it did; else they are counted from the list. */
  counts: SightingCounts | undefined;
  /** Whether the reader may report a sighting. */
  canReport: boolean;
  /** The name of the kind's own field, as the API names it (so that its errors find the field). */
  detailField: string;
  detailOf: (sighting: S) => string | null;
  load: (itemId: string) => Promise<S[]>;
  send: (itemId: string, input: SightingInput) => Promise<S>;
  onCounts: (counts: SightingCounts) => void;
}

export function ItemSightings<S extends ItemSighting>({
  itemId,
  idPrefix = '',
  texts,
  counts,
  canReport,
  detailOf,
  onCounts,
  ...formProps
}: SightingsProps<S>) {
  const { t } = useI18n();
  const sightings = useResource(() => formProps.load(itemId), [itemId]);
  const list = sightings.data;
  const shown = counts ?? countsOf(list);
  return (
    <Panel id={`${idPrefix}sightings-title`} title={t(texts.title)}>
      <p class="sighting-counts">
        <strong>{t(texts.count, { count: shown.sightings })}</strong> · {t('sightings.falseCount', { count: shown.falsePositives })}
      </p>
      <ErrorAlert error={sightings.error} />
      {list?.length ? <SightingsTable list={list} texts={texts} detailOf={detailOf} /> : list ? <p class="muted">{t(texts.none)}</p> : null}
      {canReport ? (
        <ReportSighting
          {...formProps}
          itemId={itemId}
          idPrefix={idPrefix}
          texts={texts}
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

function SightingsTable<S extends ItemSighting>({
  list,
  texts,
  detailOf,
}: {
  list: S[];
  texts: SightingTexts;
  detailOf: (sighting: S) => string | null;
}) {
  const { t, lang } = useI18n();
  const columns = [t('sightings.seenOn'), t('sightings.kind'), t('sightings.country'), t(texts.detail), t('sightings.reporter'), t('sightings.note')];
  return (
    <Table dense caption={t(texts.title)} columns={columns}>
      {list.map((x) => (
        <tr key={x.id}>
          <td class="cell-time">{formatDay(x.seenOn, lang, 'medium')}</td>
          <td>
            <Badge tone={x.kind === 'sighting' ? 'sighting' : 'muted'}>{t(x.kind === 'sighting' ? texts.seen : 'sightings.kindFalse')}</Badge>
          </td>
          <td>{countryName(x.country, lang, t)}</td>
          <td>{detailOf(x) ?? <Empty />}</td>
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

function ReportSighting<S extends ItemSighting>({
  itemId,
  idPrefix,
  texts,
  detailField,
  send,
  onReported,
}: Pick<SightingsProps<S>, 'itemId' | 'texts' | 'detailField' | 'send'> & { idPrefix: string; onReported: (sighting: S) => void }) {
  const { t } = useI18n();
  const [sent, setSent] = useState<string | null>(null);
  const kindName = useId();
  const titleId = `${idPrefix}sighting-form-title`;
  const form = useForm(
    { kind: 'sighting' as 'sighting' | 'false_positive', seenOn: todayIso(), country: '', detail: '', note: '' },
    async ({ kind, seenOn, country, detail, note }) => {
      const created = await send(itemId, {
        kind,
        seenOn,
        country,
        ...(detail.trim() ? { detail: detail.trim() } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      onReported(created);
      form.setValues({ detail: '', note: '' });
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
  // The kind's own field goes by the API's name for it, so that an error naming it marks and focuses it.
  const detail = { ...form.bind('detail'), name: detailField, ...form.fieldProps(detailField) };
  return (
    <Form
      form={form}
      class="form sub-form"
      labelledBy={titleId}
      submit={t('sightings.submit')}
      intro={
        <>
          <h3 id={titleId}>{t(texts.report)}</h3>
          {sent ? <Notice>{sent}</Notice> : null}
        </>
      }
    >
      <fieldset class="field checks">
        <legend>{t('sightings.kind')}</legend>
        <label class="check">
          <input type="radio" name={kindName} value="sighting" checked={kind === 'sighting'} onChange={() => form.set('kind', 'sighting')} />
          {t(texts.seenLong)}
        </label>
        <label class="check">
          <input
            type="radio"
            name={kindName}
            value="false_positive"
            checked={kind === 'false_positive'}
            onChange={() => form.set('kind', 'false_positive')}
          />
          {t(texts.falseLong)}
        </label>
      </fieldset>
      <div class="field-pair">
        <TextField label={t('sightings.seenOn')} type="date" required {...form.bind('seenOn')} />
        <StateSelect label={t('sightings.country')} empty={t('invite.choose')} required {...form.bind('country')} />
      </div>
      <TextField label={t(texts.detailOptional)} maxLength={200} hint={t(texts.detailHint)} {...detail} />
      <TextAreaField label={t('sightings.noteOptional')} prose rows={3} maxLength={2000} {...form.bind('note')} />
    </Form>
  );
}
