import { useId, useState } from 'preact/hooks';
import { useI18n } from '../../lib/i18n/index.tsx';
import { useResource } from '../../lib/use-resource.ts';
import { Form, Notice, useForm } from '../../ui/form.tsx';
import { Panel } from '../../ui/panel.tsx';
import { fetchPreferences, savePreferences } from './api.ts';

/** Whether notices of my saved searches may come by mail too (each search still says whether it wants mail). */
export function MailPreferences() {
  const { t } = useI18n();
  const id = useId();
  const prefs = useResource(fetchPreferences, []);
  const current = prefs.data?.preferences.find((p) => p.kind === 'saved_search')?.mail;
  if (current === undefined) return null;
  return (
    <Panel id={id} title={t('notifications.mailTitle')}>
      <PreferenceForm mail={current} />
    </Panel>
  );
}

function PreferenceForm({ mail }: { mail: boolean }) {
  const { t } = useI18n();
  const [saved, setSaved] = useState(false);
  const hintId = useId();
  const form = useForm({ mail }, async (values) => {
    const answer = await savePreferences({ preferences: [{ kind: 'saved_search', mail: values.mail }] });
    form.set('mail', answer.preferences.find((p) => p.kind === 'saved_search')?.mail ?? values.mail);
    setSaved(true);
  });
  return (
    <Form form={form} submit={t('notifications.mailSave')} beforeSubmit={() => setSaved(false)}>
      <div class="checks">
        <label class="check">
          <input
            type="checkbox"
            name="mail"
            checked={form.values.mail}
            aria-describedby={hintId}
            onChange={(e) => form.set('mail', e.currentTarget.checked)}
          />
          {t('notifications.mailSavedSearch')}
        </label>
        <p class="hint" id={hintId}>
          {t('notifications.mailHint')}
        </p>
      </div>
      {saved ? <Notice>{t('notifications.mailSaved')}</Notice> : null}
    </Form>
  );
}
