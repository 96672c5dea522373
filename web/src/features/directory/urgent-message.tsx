import { useState } from 'preact/hooks';
import { countryName, sortedMembers } from '../../lib/countries.ts';
import { useI18n } from '../../lib/i18n/index.tsx';
import { navigate } from '../../lib/router.ts';
import { Checks, TextAreaField, TextField } from '../../ui/fields.tsx';
import { checkRequired, Form, useForm } from '../../ui/form.tsx';
import { Panel } from '../../ui/panel.tsx';
import { type Entry, sendUrgentMessage, type UrgentMessage as UrgentMessageBody } from './api.ts';

const WEEK = 7 * 86_400_000;

/**
 * An urgent operational message to the network's contact points and substitutes — all member
 * countries in the directory, or the ones chosen. It is an alert whose audience is them (sealed,
 * delivered to the inbox, live and by mail, acknowledged, reminded and escalated like an urgent
 * alert); once sent, its page shows who has read and acknowledged it.
 */
export function UrgentMessage({ spaceId, entries, onClose }: { spaceId: string; entries: Entry[]; onClose: () => void }) {
  const { t, lang } = useI18n();
  const [countries, setCountries] = useState<string[]>([]);
  const present = new Set(entries.map((e) => e.country));
  const choices = sortedMembers(lang, t).filter((c) => present.has(c.code));
  const form = useForm(
    { title: '', body: '' },
    async (v) => {
      const now = Date.now();
      const sent = await sendUrgentMessage({
        spaceId,
        title: v.title.trim(),
        body: v.body.trim(),
        targetCountries: countries as UrgentMessageBody['targetCountries'],
        validFrom: new Date(now).toISOString(),
        validUntil: new Date(now + WEEK).toISOString(),
      });
      navigate(`/alerts/${encodeURIComponent(sent.id)}`);
    },
    (v) =>
      checkRequired(
        [
          ['title', v.title, t('directory.urgentSubject')],
          ['body', v.body, t('directory.urgentText')],
        ],
        t,
      ),
  );
  return (
    <Panel id="directory-urgent" class="no-print" title={t('directory.urgentTitle')}>
      <p>{t('directory.urgentLead')}</p>
      <Form
        form={form}
        submit={t('directory.urgentSend')}
        actions={
          <button type="button" class="button button-secondary" onClick={onClose}>
            {t('dialog.cancel')}
          </button>
        }
      >
        <TextField label={t('directory.urgentSubject')} required maxLength={300} {...form.bind('title')} />
        <TextAreaField label={t('directory.urgentText')} required prose rows={5} maxLength={20000} {...form.bind('body')} />
        <fieldset class="field checks">
          <legend>{t('directory.urgentCountries')}</legend>
          <p class="hint">{t('directory.urgentCountriesHint')}</p>
          <Checks name="targetCountries" items={choices} value={(c) => c.code} label={(c) => c.name} chosen={countries} onChosen={setCountries} />
        </fieldset>
        <p class="hint" aria-live="polite">
          {countries.length
            ? t('directory.urgentTo', { countries: countries.map((c) => countryName(c, lang, t)).join(', ') })
            : t('directory.urgentToAll')}
        </p>
      </Form>
    </Panel>
  );
}
