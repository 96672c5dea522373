/**
 * The follow-up of a record by each country the person or group passes through: "seen here", with
 * the date, the country and the port (sealed with the record) and a note — the list, and the form
 * for a reader who may add one.
 */
import { useState } from 'preact/hooks';
import { StateSelect } from '../../../items/states.tsx';
import { countryName, MEMBER_CODES } from '../../../lib/countries.ts';
import { formatDay, todayIso } from '../../../lib/dates.ts';
import { useI18n } from '../../../lib/i18n/index.tsx';
import { useUser } from '../../../lib/session.tsx';
import { useResource } from '../../../lib/use-resource.ts';
import { TextAreaField, TextField } from '../../../ui/fields.tsx';
import { ErrorAlert, Form, Notice, useForm } from '../../../ui/form.tsx';
import { Panel } from '../../../ui/panel.tsx';
import { Table } from '../../../ui/table.tsx';
import { Empty } from '../../../ui/values.tsx';
import { addSighting, fetchSightings, type Sighting } from '../api.ts';

export function PersonSightings({ itemId, canReport, onCount }: { itemId: string; canReport: boolean; onCount: (count: number) => void }) {
  const { t, lang } = useI18n();
  const sightings = useResource(() => fetchSightings(itemId), [itemId]);
  const list = sightings.data;
  return (
    <Panel id="person-sightings-title" title={t('person.sightings')}>
      <p class="hint">{t('person.sightingsHint')}</p>
      <ErrorAlert error={sightings.error} />
      {list?.length ? (
        <Table
          dense
          caption={t('person.sightings')}
          columns={[t('sightings.seenOn'), t('sightings.country'), t('personForm.port'), t('sightings.reporter'), t('sightings.note')]}
        >
          {list.map((x) => (
            <tr key={x.id}>
              <td class="cell-time">{formatDay(x.seenOn, lang, 'medium')}</td>
              <td>{countryName(x.country, lang, t)}</td>
              <td>{x.port ?? <Empty />}</td>
              <td>
                {countryName(x.reporterCountry, lang, t)}
                {x.mine ? <span class="person-you"> {t('sightings.mine')}</span> : null}
              </td>
              <td>{x.note ?? <Empty />}</td>
            </tr>
          ))}
        </Table>
      ) : list ? (
        <p class="muted">{t('person.sightingsNone')}</p>
      ) : null}
      {canReport ? (
        <SeenHere
          itemId={itemId}
          onAdded={(created) => {
            const next = [created, ...(list ?? [])];
            sightings.setData(next);
            onCount(next.length);
          }}
        />
      ) : null}
    </Panel>
  );
}

function SeenHere({ itemId, onAdded }: { itemId: string; onAdded: (sighting: Sighting) => void }) {
  const { t } = useI18n();
  const user = useUser();
  const [sent, setSent] = useState(false);
  const form = useForm(
    { seenOn: todayIso(), country: (MEMBER_CODES as readonly string[]).includes(user.country) ? user.country : '', port: '', note: '' },
    async ({ seenOn, country, port, note }) => {
      const created = await addSighting(itemId, {
        seenOn,
        country,
        ...(port.trim() ? { port: port.trim() } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      onAdded(created);
      form.setValues({ port: '', note: '' });
      setSent(true);
    },
    ({ seenOn, country }) => {
      setSent(false);
      if (!seenOn) return { message: t('form.required', { field: t('sightings.seenOn') }), field: 'seenOn' };
      if (seenOn > todayIso()) return { message: t('sightings.future'), field: 'seenOn' };
      if (!country) return { message: t('form.required', { field: t('sightings.country') }), field: 'country' };
      return null;
    },
  );
  return (
    <Form
      form={form}
      class="form sub-form"
      labelledBy="person-seen-here"
      submit={t('person.seenHereSubmit')}
      intro={
        <>
          <h3 id="person-seen-here">{t('person.seenHere')}</h3>
          <p class="hint">{t('person.seenHereHint')}</p>
          {sent ? <Notice>{t('person.seenHereSent')}</Notice> : null}
        </>
      }
    >
      <div class="field-pair">
        <TextField label={t('sightings.seenOn')} type="date" required {...form.bind('seenOn')} />
        <StateSelect label={t('sightings.country')} empty={t('invite.choose')} required {...form.bind('country')} />
      </div>
      <TextField label={t('personForm.portOptional')} maxLength={160} {...form.bind('port')} />
      <TextAreaField label={t('sightings.noteOptional')} prose rows={3} maxLength={2000} {...form.bind('note')} />
    </Form>
  );
}
