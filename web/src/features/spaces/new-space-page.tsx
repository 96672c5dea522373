import { useState } from 'preact/hooks';
import { nameIn, useI18n } from '../../lib/i18n/index.tsx';
import { navigate } from '../../lib/router.ts';
import { useResource } from '../../lib/use-resource.ts';
import { Options, SelectField, TextField } from '../../ui/fields.tsx';
import { checkRequired, ErrorAlert, Form, Notice, useForm } from '../../ui/form.tsx';
import { Page } from '../../ui/page.tsx';
import { Panel } from '../../ui/panel.tsx';
import { createNetwork, createSpace, fetchNetworks, type Network, type NewSpace } from './api.ts';
import { checkSpaceFields, defaultDeadlineHint, NO_SPACE_FIELDS, SpaceFieldset, trimmedSpaceFields } from './space-fields.tsx';

const NETWORK_CODE = /^[a-z0-9-]{2,40}$/;

/** The Secretariat opens a space in a network, and creates the network first when it is new. */
export function NewSpacePage() {
  const { t, lang } = useI18n();
  const form = useForm(
    { networkId: '', ...NO_SPACE_FIELDS },
    async ({ networkId, ...fields }) => {
      const body: NewSpace = { networkId, ...trimmedSpaceFields(fields) };
      if (fields.loadingDeadline) body.loadingDeadline = fields.loadingDeadline;
      const space = await createSpace(body);
      navigate(`/spaces/${space.id}/members`);
    },
    ({ networkId, ...fields }) => checkRequired([['networkId', networkId, t('newSpace.network')]], t) ?? checkSpaceFields(fields, t, false),
  );
  const networks = useResource(
    () =>
      fetchNetworks().then((list) => {
        if (list.length === 1) form.set('networkId', list[0]!.id);
        return list;
      }),
    [],
  );
  const [createdNetwork, setCreatedNetwork] = useState<Network | null>(null);

  const list = networks.data;
  const sorted = [...(list ?? [])].sort((a, b) => nameIn(lang, a).localeCompare(nameIn(lang, b), lang));

  return (
    <Page title={t('newSpace.title')} lead={t('newSpace.lead')}>
      <ErrorAlert error={networks.error} />
      <div class="two-columns">
        <Panel id="new-space-form" title={t('newSpace.formTitle')}>
          <Form form={form} submit={t('newSpace.submit')} actions={<a href="/spaces">{t('dialog.cancel')}</a>}>
            {createdNetwork ? <Notice>{t('newNetwork.created', { name: nameIn(lang, createdNetwork) })}</Notice> : null}
            <SelectField label={t('newSpace.network')} hint={t('newSpace.networkHint')} required {...form.bind('networkId')}>
              <option value="">{list ? (list.length ? t('invite.choose') : t('newSpace.noNetworks')) : t('app.loading')}</option>
              <Options items={sorted} value={(n) => n.id} label={(n) => `${nameIn(lang, n)} (${n.code})`} />
            </SelectField>
            <SpaceFieldset bind={form.bind} deadlineHint={defaultDeadlineHint(form.values.opensOn, lang, t)} />
          </Form>
        </Panel>
        <NewNetwork
          onCreated={(network) => {
            networks.setData((known) => [...(known ?? []), network]);
            form.set('networkId', network.id);
            setCreatedNetwork(network);
          }}
        />
      </div>
    </Page>
  );
}

function NewNetwork({ onCreated }: { onCreated: (network: Network) => void }) {
  const { t } = useI18n();
  const form = useForm(
    { code: '', nameEs: '', nameEn: '' },
    async ({ code, nameEs, nameEn }) => {
      const network = await createNetwork({ code: code.trim(), nameEs: nameEs.trim(), nameEn: nameEn.trim() });
      form.reset();
      onCreated(network);
    },
    ({ code, nameEs, nameEn }) =>
      checkRequired(
        [
          ['code', code, t('newNetwork.code')],
          ['nameEs', nameEs, t('newNetwork.nameEs')],
          ['nameEn', nameEn, t('newNetwork.nameEn')],
        ],
        t,
      ) ?? (NETWORK_CODE.test(code.trim()) ? null : { message: t('newNetwork.codeFormat'), field: 'code' }),
  );
  return (
    <Panel id="new-network" class="aside-panel" title={t('newNetwork.title')}>
      <p class="hint panel-lead">{t('newNetwork.lead')}</p>
      <Form form={form} submit={t('newNetwork.submit')} variant="secondary">
        <TextField label={t('newNetwork.code')} hint={t('newNetwork.codeHint')} required maxLength={40} code {...form.bind('code')} />
        <TextField label={t('newNetwork.nameEs')} lang="es" required maxLength={300} {...form.bind('nameEs')} />
        <TextField label={t('newNetwork.nameEn')} lang="en" required maxLength={300} {...form.bind('nameEn')} />
      </Form>
    </Panel>
  );
}
