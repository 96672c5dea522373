import { sortedMembers } from '../../lib/countries.ts';
import { fromLocalInput, toLocalInput } from '../../lib/dates.ts';
import { nameIn, useI18n } from '../../lib/i18n/index.tsx';
import { navigate, type RouteParams } from '../../lib/router.ts';
import { useResource } from '../../lib/use-resource.ts';
import { Checks, Options, SelectField, TextAreaField, TextField } from '../../ui/fields.tsx';
import { Form, useForm } from '../../ui/form.tsx';
import { LoadingPage, NotFoundPage, Page } from '../../ui/page.tsx';
import {
  createMeeting,
  editMeeting,
  fetchMeeting,
  fetchNetworks,
  MEETING_KINDS,
  type Meeting,
  type MeetingBody,
  type MeetingKind,
  type Network,
  TRAINING_TOPICS,
  type TrainingTopic,
} from './api.ts';
import { kindName, topicName } from './parts.tsx';

interface Values {
  networkId: string;
  kind: MeetingKind;
  titleEs: string;
  titleEn: string;
  startsAt: string;
  endsAt: string;
  place: string;
  link: string;
  languages: string[];
  participants: string[];
  topic: TrainingTopic | '';
  agenda: string;
}

const valuesOf = (m: Meeting | null, agenda: string | null): Values => ({
  networkId: m?.network?.id ?? '',
  kind: m?.kind ?? 'network_meeting',
  titleEs: m?.titleEs ?? '',
  titleEn: m?.titleEn ?? '',
  startsAt: m ? toLocalInput(m.startsAt) : '',
  endsAt: m ? toLocalInput(m.endsAt) : '',
  place: m?.place ?? '',
  link: m?.link ?? '',
  languages: m?.languages ?? ['es'],
  participants: m?.participants ?? [],
  topic: m?.topic ?? '',
  agenda: agenda ?? '',
});

const trains = (kind: MeetingKind) => kind === 'workshop' || kind === 'training';

/** Creating a meeting (Secretariat, Presidency). */
export function NewMeetingPage() {
  const { t } = useI18n();
  const networks = useResource(fetchNetworks, []);
  if (!networks.data) return <LoadingPage title={t('meetings.new')} error={networks.error} text={t('meetings.loading')} />;
  return (
    <Page title={t('meetings.new')}>
      <MeetingForm meeting={null} agenda={null} networks={networks.data} />
    </Page>
  );
}

/** Editing one (the server says who may, in the meeting's permissions). */
export function EditMeetingPage({ params }: { params: RouteParams }) {
  const { t } = useI18n();
  const id = params['id'] ?? '';
  const loaded = useResource(() => fetchMeeting(id), [id]);
  if (loaded.missing || (loaded.data && !loaded.data.meeting.permissions.update))
    return <NotFoundPage title={t('meetings.notFoundTitle')} text={t('meetings.notFound')} back={{ href: '/meetings', label: t('meetings.back') }} />;
  if (!loaded.data) return <LoadingPage title={t('meetings.edit')} error={loaded.error} text={t('meetings.loading')} />;
  return (
    <Page title={t('meetings.edit')}>
      <MeetingForm meeting={loaded.data.meeting} agenda={loaded.data.agenda} networks={[]} />
    </Page>
  );
}

function MeetingForm({ meeting, agenda, networks }: { meeting: Meeting | null; agenda: string | null; networks: Network[] }) {
  const { t, lang } = useI18n();
  const form = useForm(
    valuesOf(meeting, agenda),
    async (v) => {
      const text = (value: string) => value.trim() || null;
      const fields = {
        kind: v.kind,
        titleEs: v.titleEs.trim(),
        titleEn: v.titleEn.trim(),
        startsAt: fromLocalInput(v.startsAt) as string,
        endsAt: fromLocalInput(v.endsAt) as string,
        place: text(v.place),
        link: text(v.link),
        languages: v.languages,
        participants: v.participants as NonNullable<MeetingBody['participants']>,
        topic: trains(v.kind) && v.topic ? v.topic : null,
        ...(meeting?.network || v.networkId ? { agenda: text(v.agenda) } : {}),
      };
      const saved = meeting ? await editMeeting(meeting.id, fields) : await createMeeting({ ...fields, networkId: v.networkId || null });
      navigate(`/meetings/${saved.id}`);
    },
    (v) =>
      !v.titleEs.trim()
        ? { message: t('form.required', { field: t('meetings.titleEs') }), field: 'titleEs' }
        : !v.titleEn.trim()
          ? { message: t('form.required', { field: t('meetings.titleEn') }), field: 'titleEn' }
          : !fromLocalInput(v.startsAt)
            ? { message: t('form.required', { field: t('meetings.startsAt') }), field: 'startsAt' }
            : !fromLocalInput(v.endsAt)
              ? { message: t('form.required', { field: t('meetings.endsAt') }), field: 'endsAt' }
              : null,
  );
  const v = form.values;
  const hasNetwork = Boolean(meeting ? meeting.network : v.networkId);
  return (
    <Form form={form} submit={meeting ? t('meetings.save') : t('meetings.create')}>
      {meeting ? null : (
        <SelectField label={t('meetings.network')} hint={t('meetings.networkHint')} {...form.bind('networkId')}>
          <Options items={networks} value={(n) => n.id} label={(n) => nameIn(lang, n)} empty={t('meetings.conferenceWide')} />
        </SelectField>
      )}
      <SelectField label={t('meetings.kind')} {...form.bind('kind')}>
        <Options items={MEETING_KINDS} label={(k) => kindName(k, t)} />
      </SelectField>
      {trains(v.kind) ? (
        <SelectField label={t('meetings.topic')} {...form.bind('topic')}>
          <Options items={TRAINING_TOPICS} label={(k) => topicName(k, t)} empty={t('meetings.noTopic')} />
        </SelectField>
      ) : null}
      <TextField label={t('meetings.titleEs')} lang="es" required maxLength={300} {...form.bind('titleEs')} />
      <TextField label={t('meetings.titleEn')} lang="en" required maxLength={300} {...form.bind('titleEn')} />
      <TextField label={t('meetings.startsAt')} type="datetime-local" required {...form.bind('startsAt')} />
      <TextField label={t('meetings.endsAt')} type="datetime-local" required {...form.bind('endsAt')} />
      <TextField label={t('meetings.place')} maxLength={300} {...form.bind('place')} />
      <TextField label={t('meetings.link')} hint={t('meetings.linkHint')} maxLength={500} code {...form.bind('link')} />
      <fieldset class="checks">
        <legend>{t('meetings.languages')}</legend>
        <Checks
          name="languages"
          items={['es', 'en', 'fr']}
          value={(l) => l}
          label={(l) => t(`meetings.language.${l}` as 'meetings.language.es')}
          chosen={v.languages}
          onChosen={(c) => form.set('languages', c)}
        />
      </fieldset>
      <fieldset class="checks">
        <legend>{t('meetings.participants')}</legend>
        <Checks
          name="participants"
          items={sortedMembers(lang, t)}
          value={(c) => c.code}
          label={(c) => c.name}
          chosen={v.participants}
          onChosen={(c) => form.set('participants', c)}
        />
      </fieldset>
      {hasNetwork ? <TextAreaField label={t('meetings.agenda')} prose rows={6} maxLength={20000} {...form.bind('agenda')} /> : null}
    </Form>
  );
}
