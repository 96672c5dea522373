import { useEffect, useState } from 'preact/hooks';
import { api, type Network, type SpaceView } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';
import { navigate } from '../router.ts';
import { inLanguage } from '../spaces.ts';
import { checkRequired, ErrorAlert, type FormError, Notice, Page, SelectField, Submit, TextField, toFormError, useForm } from '../ui.tsx';
import { checkSpaceFields, defaultDeadlineHint, type SpaceFields, SpaceFieldset } from './space.tsx';

const NETWORK_CODE = /^[a-z0-9-]{2,40}$/;

/** The Secretariat opens a space in a network, and creates the network first when it is new. */
export function NewSpacePage() {
  const { t, lang } = useI18n();
  const [networks, setNetworks] = useState<Network[] | null>(null);
  const [loadError, setLoadError] = useState<FormError | null>(null);
  const [networkId, setNetworkId] = useState('');
  const [fields, setFields] = useState<SpaceFields>({ nameEs: '', nameEn: '', descriptionEs: '', descriptionEn: '', opensOn: '', loadingDeadline: '' });
  const [createdNetwork, setCreatedNetwork] = useState<Network | null>(null);

  useEffect(() => {
    api<Network[]>('GET', '/api/networks').then(
      (list) => {
        setNetworks(list);
        if (list.length === 1) setNetworkId(list[0]!.id);
      },
      (err: unknown) => setLoadError(toFormError(err, t)),
    );
  }, []);

  const form = useForm(
    async () => {
      const body: Record<string, string> = {
        networkId,
        nameEs: fields.nameEs.trim(),
        nameEn: fields.nameEn.trim(),
        descriptionEs: fields.descriptionEs.trim(),
        descriptionEn: fields.descriptionEn.trim(),
        opensOn: fields.opensOn,
      };
      if (fields.loadingDeadline) body.loadingDeadline = fields.loadingDeadline;
      const space = await api<SpaceView>('POST', '/api/spaces', body);
      navigate(`/spaces/${space.id}/members`);
    },
    () => checkRequired([['networkId', networkId, t('newSpace.network')]], t) ?? checkSpaceFields(fields, t, false),
  );

  const sorted = [...(networks ?? [])].sort((a, b) => inLanguage(lang, a.nameEs, a.nameEn).localeCompare(inLanguage(lang, b.nameEs, b.nameEn), lang));

  return (
    <Page title={t('newSpace.title')} lead={t('newSpace.lead')}>
      <ErrorAlert error={loadError} />
      <div class="two-columns">
        <section class="panel" aria-labelledby="new-space-form">
          <h2 id="new-space-form">{t('newSpace.formTitle')}</h2>
          <form noValidate onSubmit={form.onSubmit} class="form">
            <ErrorAlert error={form.error} id={form.errorId} />
            {createdNetwork ? <Notice>{t('newNetwork.created', { name: inLanguage(lang, createdNetwork.nameEs, createdNetwork.nameEn) })}</Notice> : null}
            <SelectField
              label={t('newSpace.network')}
              name="networkId"
              value={networkId}
              onValue={setNetworkId}
              hint={t('newSpace.networkHint')}
              required
              {...form.fieldProps('networkId')}
            >
              <option value="">{networks ? (networks.length ? t('invite.choose') : t('newSpace.noNetworks')) : t('app.loading')}</option>
              {sorted.map((n) => (
                <option key={n.id} value={n.id}>
                  {inLanguage(lang, n.nameEs, n.nameEn)} ({n.code})
                </option>
              ))}
            </SelectField>
            <SpaceFieldset
              fields={fields}
              onField={(name, value) => setFields((f) => ({ ...f, [name]: value }))}
              fieldProps={form.fieldProps}
              deadlineHint={defaultDeadlineHint(fields.opensOn, lang, t)}
            />
            <div class="actions">
              <Submit busy={form.busy}>{t('newSpace.submit')}</Submit>
              <a href="/spaces">{t('dialog.cancel')}</a>
            </div>
          </form>
        </section>
        <NewNetwork
          onCreated={(network) => {
            setNetworks((list) => [...(list ?? []), network]);
            setNetworkId(network.id);
            setCreatedNetwork(network);
          }}
        />
      </div>
    </Page>
  );
}

function NewNetwork({ onCreated }: { onCreated: (network: Network) => void }) {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const [nameEs, setNameEs] = useState('');
  const [nameEn, setNameEn] = useState('');
  const form = useForm(
    async () => {
      const network = await api<Network>('POST', '/api/networks', { code: code.trim(), nameEs: nameEs.trim(), nameEn: nameEn.trim() });
      setCode('');
      setNameEs('');
      setNameEn('');
      onCreated(network);
    },
    () =>
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
    <section class="panel aside-panel" aria-labelledby="new-network">
      <h2 id="new-network">{t('newNetwork.title')}</h2>
      <p class="hint panel-lead">{t('newNetwork.lead')}</p>
      <form noValidate onSubmit={form.onSubmit} class="form">
        <ErrorAlert error={form.error} id={form.errorId} />
        <TextField
          label={t('newNetwork.code')}
          name="code"
          value={code}
          onValue={setCode}
          hint={t('newNetwork.codeHint')}
          required
          maxLength={40}
          code
          {...form.fieldProps('code')}
        />
        <TextField label={t('newNetwork.nameEs')} name="nameEs" lang="es" value={nameEs} onValue={setNameEs} required maxLength={300} {...form.fieldProps('nameEs')} />
        <TextField label={t('newNetwork.nameEn')} name="nameEn" lang="en" value={nameEn} onValue={setNameEn} required maxLength={300} {...form.fieldProps('nameEn')} />
        <div class="actions">
          <Submit busy={form.busy} variant="secondary">
            {t('newNetwork.submit')}
          </Submit>
        </div>
      </form>
    </section>
  );
}
