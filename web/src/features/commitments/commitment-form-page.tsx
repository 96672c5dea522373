import { nameIn, useI18n } from '../../lib/i18n/index.tsx';
import { usePlaceOrganisations } from '../../lib/organisations.ts';
import { navigate, type RouteParams } from '../../lib/router.ts';
import { useResource } from '../../lib/use-resource.ts';
import { Checks, Options, SelectField, TextAreaField, TextField } from '../../ui/fields.tsx';
import { Form, useForm } from '../../ui/form.tsx';
import { LoadingPage, NotFoundPage, Page } from '../../ui/page.tsx';
import {
  CALENDARS,
  type Calendar,
  type Commitment,
  type CommitmentFields,
  createCommitment,
  editCommitment,
  fetchCommitment,
  fetchNetworks,
  type Network,
} from './api.ts';
import { responsibleChoices } from './parts.tsx';

interface Values {
  networkId: string;
  plan: string;
  source: string;
  activityEs: string;
  activityEn: string;
  indicatorEs: string;
  indicatorEn: string;
  calendar: Calendar;
  dueOn: string;
  startsOn: string;
  responsibles: string[];
}

const valuesOf = (c: Commitment | null): Values => ({
  networkId: c?.network.id ?? '',
  plan: c?.plan ?? '',
  source: c?.source ?? '',
  activityEs: c?.activityEs ?? '',
  activityEn: c?.activityEn ?? '',
  indicatorEs: c?.indicatorEs ?? '',
  indicatorEn: c?.indicatorEn ?? '',
  calendar: c?.calendar ?? 'once',
  dueOn: c?.dueOn ?? '',
  startsOn: c?.startsOn ?? '',
  responsibles: c?.responsibles.map((r) => r.responsible) ?? [],
});

/** What is sent: blanks as null, and only the dates the calendar has. */
function fieldsOf(v: Values): CommitmentFields {
  const text = (value: string) => value.trim() || null;
  return {
    plan: text(v.plan),
    source: text(v.source),
    activityEs: text(v.activityEs),
    activityEn: text(v.activityEn),
    indicatorEs: text(v.indicatorEs),
    indicatorEn: text(v.indicatorEn),
    calendar: v.calendar,
    dueOn: v.calendar === 'once' ? v.dueOn || null : null,
    startsOn: v.calendar === 'semiannual' || v.calendar === 'annual' ? v.startsOn || null : null,
    responsibles: v.responsibles,
  };
}

/** Creating a commitment (Secretariat, Presidency). */
export function NewCommitmentPage() {
  const { t } = useI18n();
  const networks = useResource(fetchNetworks, []);
  if (!networks.data) return <LoadingPage title={t('commitments.new')} error={networks.error} text={t('commitments.loading')} />;
  return (
    <Page title={t('commitments.new')} lead={t('commitments.newLead')}>
      <CommitmentForm commitment={null} networks={networks.data} />
    </Page>
  );
}

/** Editing one (those who may: the page asks the server, which says so in the commitment's permissions). */
export function EditCommitmentPage({ params }: { params: RouteParams }) {
  const { t } = useI18n();
  const id = params['id'] ?? '';
  const loaded = useResource(() => fetchCommitment(id), [id]);
  if (loaded.missing || (loaded.data && !loaded.data.commitment.permissions.update))
    return (
      <NotFoundPage
        title={t('commitments.notFoundTitle')}
        text={t('commitments.notFound')}
        back={{ href: '/commitments', label: t('commitments.back') }}
      />
    );
  if (!loaded.data) return <LoadingPage title={t('commitments.edit')} error={loaded.error} text={t('commitments.loadingOne')} />;
  return (
    <Page title={t('commitments.edit')}>
      <CommitmentForm commitment={loaded.data.commitment} networks={[loaded.data.commitment.network]} />
    </Page>
  );
}

function CommitmentForm({ commitment, networks }: { commitment: Commitment | null; networks: Network[] }) {
  const { t, lang } = useI18n();
  const organisations = usePlaceOrganisations();
  const form = useForm(
    valuesOf(commitment),
    async (values) => {
      const saved = commitment
        ? await editCommitment(commitment.id, fieldsOf(values))
        : await createCommitment({ ...fieldsOf(values), networkId: values.networkId });
      navigate(`/commitments/${saved.id}`);
    },
    (v) =>
      !commitment && !v.networkId
        ? { message: t('form.required', { field: t('commitments.network') }), field: 'networkId' }
        : !v.activityEs.trim() && !v.activityEn.trim()
          ? { message: t('commitments.activityRequired'), field: 'activityEs' }
          : v.responsibles.length === 0
            ? { message: t('commitments.responsiblesRequired'), field: 'responsibles' }
            : null,
  );
  const v = form.values;
  return (
    <Form form={form} submit={commitment ? t('commitments.save') : t('commitments.create')}>
      {commitment ? null : (
        <SelectField label={t('commitments.network')} required {...form.bind('networkId')}>
          <Options items={networks} value={(n) => n.id} label={(n) => nameIn(lang, n)} empty={t('commitments.chooseNetwork')} />
        </SelectField>
      )}
      <TextField label={t('commitments.plan')} hint={t('commitments.planHint')} maxLength={200} {...form.bind('plan')} />
      <TextAreaField label={t('commitments.activityEs')} prose rows={3} maxLength={4000} lang="es" {...form.bind('activityEs')} />
      <TextAreaField label={t('commitments.activityEn')} prose rows={3} maxLength={4000} lang="en" {...form.bind('activityEn')} />
      <TextAreaField label={t('commitments.indicatorEs')} prose rows={2} maxLength={1000} lang="es" {...form.bind('indicatorEs')} />
      <TextAreaField label={t('commitments.indicatorEn')} prose rows={2} maxLength={1000} lang="en" {...form.bind('indicatorEn')} />
      <SelectField label={t('commitments.calendar')} required {...form.bind('calendar')}>
        <Options items={CALENDARS} label={(c) => t(`commitmentCalendar.${c}`)} />
      </SelectField>
      {v.calendar === 'once' ? (
        <TextField type="date" label={t('commitments.dueDate')} hint={t('commitments.dueDateHint')} {...form.bind('dueOn')} />
      ) : null}
      {v.calendar === 'semiannual' || v.calendar === 'annual' ? (
        <TextField type="date" label={t('commitments.startDate')} hint={t('commitments.startDateHint')} required {...form.bind('startsOn')} />
      ) : null}
      <fieldset class="checks" aria-invalid={form.fieldProps('responsibles').invalid ? 'true' : undefined}>
        <legend>{t('commitments.responsibles')}</legend>
        <Checks
          name="responsibles"
          items={responsibleChoices(lang, t, organisations)}
          value={(c) => c.code}
          label={(c) => c.name}
          chosen={v.responsibles}
          onChosen={(chosen) => form.set('responsibles', chosen)}
        />
      </fieldset>
      <TextField label={t('commitments.source')} hint={t('commitments.sourceHint')} maxLength={300} {...form.bind('source')} />
    </Form>
  );
}
