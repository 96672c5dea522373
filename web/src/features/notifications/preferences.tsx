import { useId, useState } from 'preact/hooks';
import { useI18n } from '../../lib/i18n/index.tsx';
import { useResource } from '../../lib/use-resource.ts';
import { Form, Notice, useForm } from '../../ui/form.tsx';
import { Panel } from '../../ui/panel.tsx';
import { DELIVERIES, type Delivery, fetchPreferences, NOTICE_KINDS, type NoticeKind, type Preferences, savePreferences } from './api.ts';

type Choices = Record<NoticeKind, Delivery>;
const choicesOf = (prefs: Preferences): Choices =>
  Object.fromEntries(NOTICE_KINDS.map((kind) => [kind, prefs.preferences.find((p) => p.kind === kind)?.mail ?? 'immediate'])) as Choices;

/** How each kind of notice comes by mail: at once, in a weekly summary, or not (it is in the list either way). */
export function MailPreferences() {
  const { t } = useI18n();
  const id = useId();
  const prefs = useResource(fetchPreferences, []);
  if (!prefs.data) return null;
  return (
    <Panel id={id} title={t('notifications.mailTitle')}>
      <PreferenceForm initial={choicesOf(prefs.data)} />
    </Panel>
  );
}

function PreferenceForm({ initial }: { initial: Choices }) {
  const { t } = useI18n();
  const [saved, setSaved] = useState(false);
  const hintId = useId();
  const name = useId();
  const form = useForm(initial, async (values) => {
    const answer = await savePreferences({ preferences: NOTICE_KINDS.map((kind) => ({ kind, mail: values[kind] })) });
    for (const [kind, mail] of Object.entries(choicesOf(answer))) form.set(kind as NoticeKind, mail);
    setSaved(true);
  });
  return (
    <Form form={form} submit={t('notifications.mailSave')} beforeSubmit={() => setSaved(false)}>
      <p class="hint" id={hintId}>
        {t('notifications.mailHint')}
      </p>
      {NOTICE_KINDS.map((kind) => (
        <fieldset key={kind} class="field checks mail-choice" aria-describedby={hintId}>
          <legend>{t(`notifications.mailKind.${kind}`)}</legend>
          {DELIVERIES.map((mail) => (
            <label key={mail} class="check">
              <input type="radio" name={`${name}-${kind}`} value={mail} checked={form.values[kind] === mail} onChange={() => form.set(kind, mail)} />
              {t(`notifications.delivery.${mail}`)}
            </label>
          ))}
        </fieldset>
      ))}
      {saved ? <Notice>{t('notifications.mailSaved')}</Notice> : null}
    </Form>
  );
}
