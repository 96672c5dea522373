import { useState } from 'preact/hooks';
import { inLanguage, nameIn, useI18n } from '../../lib/i18n/index.tsx';
import { Form, Notice, useForm } from '../../ui/form.tsx';
import { Panel } from '../../ui/panel.tsx';
import { type SpaceView, updateSpace } from './api.ts';
import { SpaceDates } from './space-facts.tsx';
import { checkSpaceFields, type SpaceFields, SpaceFieldset, trimmedSpaceFields } from './space-fields.tsx';

/** A space's facts, its links to its specimens, and editing it (for whoever may). */
export function Overview({ space, onSaved }: { space: SpaceView; onSaved: (space: SpaceView) => void }) {
  const { t, lang } = useI18n();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const description = inLanguage(lang, space.descriptionEs, space.descriptionEn);
  return (
    <>
      <Panel id="space-facts" title={t('space.facts')}>
        {saved ? <Notice>{t('space.saved')}</Notice> : null}
        {description ? <p class="space-description">{description}</p> : <p class="muted">{t('space.noDescription')}</p>}
        <dl class="facts">
          <dt>{t('space.network')}</dt>
          <dd>
            {nameIn(lang, space.network)} <span class="code-tag">{space.network.code}</span>
          </dd>
          <SpaceDates space={space} />
          <dt>{t('space.myRole')}</dt>
          <dd>{space.myRole ? t(`spaceRole.${space.myRole}`) : t('spaces.notMember')}</dd>
        </dl>
        {space.myRole ? (
          <p class="space-links">
            <a href={`/specimens?space=${space.id}`}>{t('space.specimens')}</a>
            {space.myRole !== 'observer' ? <a href={`/specimens/new?space=${space.id}`}>{t('space.newSpecimen')}</a> : null}
          </p>
        ) : null}
        {space.permissions.update && !editing ? (
          <div class="actions">
            <button
              type="button"
              class="button button-secondary"
              onClick={() => {
                setSaved(false);
                setEditing(true);
              }}
            >
              {t('space.edit')}
            </button>
          </div>
        ) : null}
      </Panel>
      {space.permissions.update && editing ? (
        <EditSpace
          space={space}
          onDone={(updated) => {
            setEditing(false);
            if (updated) {
              onSaved(updated);
              setSaved(true);
            }
          }}
        />
      ) : null}
    </>
  );
}

function EditSpace({ space, onDone }: { space: SpaceView; onDone: (updated: SpaceView | null) => void }) {
  const { t } = useI18n();
  const form = useForm<SpaceFields>(
    {
      nameEs: space.nameEs,
      nameEn: space.nameEn,
      descriptionEs: space.descriptionEs,
      descriptionEn: space.descriptionEn,
      opensOn: space.opensOn,
      loadingDeadline: space.loadingDeadline,
    },
    async (fields) => {
      const updated = await updateSpace(space.id, { ...trimmedSpaceFields(fields), loadingDeadline: fields.loadingDeadline });
      onDone(updated);
    },
    (fields) => checkSpaceFields(fields, t, true),
  );
  const cancel = (
    <button type="button" class="button button-secondary" onClick={() => onDone(null)}>
      {t('dialog.cancel')}
    </button>
  );
  return (
    <section class="panel" aria-labelledby="space-edit">
      <h2 id="space-edit" tabIndex={-1} ref={(h) => h?.focus()}>
        {t('space.editTitle')}
      </h2>
      <Form form={form} submit={t('space.save')} actions={cancel}>
        <SpaceFieldset bind={form.bind} deadlineHint={t('space.deadlineEditHint')} />
      </Form>
    </section>
  );
}
