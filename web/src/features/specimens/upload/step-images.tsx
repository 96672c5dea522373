import { useId, useState } from 'preact/hooks';
import { imageLabel, type Reference } from '../../../items/reference.ts';
import { formatBytes } from '../../../lib/format.ts';
import { useI18n } from '../../../lib/i18n/index.tsx';
import type { FieldProps } from '../../../ui/form.tsx';
import { type ImageView, imageUrl } from '../api.ts';
import { IMAGE_TYPES, type Pending } from './use-draft-images.ts';

/**
 * Step 5: the images, dropped or chosen, each with its page, light and caption and, once saving, its
 * progress. Optional for a status report (lost, stolen…), which is submitted by its number alone.
 */
export function ImagesStep({
  reference,
  draftId,
  existing,
  pending,
  fieldProps,
  onFiles,
  onPatch,
  onRemovePending,
  onRemoveExisting,
  busy,
  statusReport,
}: {
  reference: Reference | null;
  draftId: string | null;
  existing: ImageView[];
  pending: Pending[];
  fieldProps: (name: string) => FieldProps;
  onFiles: (files: FileList | File[] | null) => void;
  onPatch: (key: string, patch: Partial<Pending>) => void;
  onRemovePending: (item: Pending) => void;
  onRemoveExisting: (image: ImageView) => void;
  busy: boolean;
  statusReport: boolean;
}) {
  const { t, lang } = useI18n();
  const [over, setOver] = useState(false);
  const inputId = useId();
  const hintId = useId();
  const images = fieldProps('images');
  const pages = reference?.pages ?? [];
  const lights = reference?.lights ?? [];
  return (
    <>
      {statusReport ? <p class="hint">{t('upload.statusReportImages')}</p> : null}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: a drop target for a mouse; the file field inside it is the keyboard's way in */}
      <div
        class={over ? 'dropzone dropzone-over' : 'dropzone'}
        onDragEnter={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragOver={(e) => {
          e.preventDefault();
          if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
          setOver(true);
        }}
        onDragLeave={(e) => {
          if (!(e.currentTarget as HTMLElement).contains(e.relatedTarget as Node | null)) setOver(false);
        }}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          onFiles(e.dataTransfer?.files ?? null);
        }}
      >
        <p class="dropzone-text" aria-hidden="true">
          {t('upload.dropHere')}
        </p>
        <input
          id={inputId}
          class="visually-hidden dropzone-input"
          type="file"
          name="images"
          multiple
          accept={IMAGE_TYPES.join(',')}
          aria-describedby={[hintId, images.describedBy].filter(Boolean).join(' ')}
          aria-invalid={images.invalid ? 'true' : undefined}
          onChange={(e) => {
            onFiles(e.currentTarget.files);
            e.currentTarget.value = '';
          }}
        />
        <label for={inputId} class="button button-secondary dropzone-label">
          {t('upload.chooseFiles')}
        </label>
        <p class="hint" id={hintId}>
          {t('upload.filesHint')}
        </p>
      </div>
      {existing.length === 0 && pending.length === 0 ? (
        <p class="muted">{t(statusReport ? 'upload.noImagesStatusReport' : 'upload.noImagesYet')}</p>
      ) : null}
      <ul class="upload-list">
        {existing.map((image) => (
          <li key={image.id} class="upload-item">
            {draftId ? (
              <img class="upload-preview" src={imageUrl(draftId, image.id, true)} alt={t('upload.previewOf', { name: image.name })} />
            ) : null}
            <div class="upload-fields">
              <p class="upload-name">
                {image.name} <span class="muted">· {formatBytes(image.byteSize, lang)}</span>
              </p>
              <p>
                {imageLabel(reference, image, lang)}
                {image.caption ? ` — ${image.caption}` : ''}
              </p>
              <p class="upload-state upload-done">{t('upload.stored')}</p>
            </div>
            <button
              type="button"
              class="button button-danger button-small"
              aria-disabled={busy ? 'true' : undefined}
              onClick={() => !busy && onRemoveExisting(image)}
            >
              {t('upload.remove')}
              <span class="visually-hidden"> {image.name}</span>
            </button>
          </li>
        ))}
        {pending.map((item) => {
          const pageId = `${inputId}-${item.key}-page`;
          const lightId = `${inputId}-${item.key}-light`;
          const captionId = `${inputId}-${item.key}-caption`;
          const pageInvalid = fieldProps(`images.${item.key}.page`);
          const locked = item.state === 'done' || item.state === 'uploading';
          return (
            <li key={item.key} class={`upload-item upload-item-${item.state}`}>
              {item.preview ? (
                <img class="upload-preview" src={item.preview} alt={t('upload.previewOf', { name: item.file.name })} />
              ) : (
                <div class="upload-preview upload-preview-none">{t('upload.noPreview')}</div>
              )}
              <div class="upload-fields">
                <p class="upload-name">
                  {item.file.name} <span class="muted">· {formatBytes(item.file.size, lang)}</span>
                </p>
                <div class="field-pair">
                  <div class="field">
                    <label for={pageId}>
                      {t('upload.page')}
                      <span class="visually-hidden"> {t('upload.ofFile', { name: item.file.name })}</span>
                    </label>
                    <select
                      id={pageId}
                      name={`images.${item.key}.page`}
                      value={item.page}
                      disabled={locked}
                      aria-invalid={pageInvalid.invalid ? 'true' : undefined}
                      aria-describedby={pageInvalid.describedBy}
                      onChange={(e) => onPatch(item.key, { page: e.currentTarget.value })}
                    >
                      <option value="">{t('invite.choose')}</option>
                      {pages.map((v) => (
                        <option key={v.code} value={v.code}>
                          {v[lang]}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div class="field">
                    <label for={lightId}>
                      {t('upload.light')}
                      <span class="visually-hidden"> {t('upload.ofFile', { name: item.file.name })}</span>
                    </label>
                    <select
                      id={lightId}
                      name={`images.${item.key}.light`}
                      value={item.light}
                      disabled={locked}
                      onChange={(e) => onPatch(item.key, { light: e.currentTarget.value })}
                    >
                      {lights.map((v) => (
                        <option key={v.code} value={v.code}>
                          {v[lang]}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div class="field">
                    <label for={captionId}>
                      {t('upload.caption')}
                      <span class="visually-hidden"> {t('upload.ofFile', { name: item.file.name })}</span>
                    </label>
                    <input
                      id={captionId}
                      type="text"
                      name={`images.${item.key}.caption`}
                      value={item.caption}
                      maxLength={300}
                      disabled={locked}
                      autoComplete="off"
                      onInput={(e) => onPatch(item.key, { caption: e.currentTarget.value })}
                    />
                  </div>
                </div>
                <div class="upload-progress">
                  <progress max={100} value={Math.round(item.progress * 100)} aria-label={t('upload.progressOf', { name: item.file.name })} />
                  <span class={`upload-state upload-state-${item.state}`}>
                    {item.state === 'uploading'
                      ? t('upload.uploading', { percent: Math.round(item.progress * 100) })
                      : item.state === 'done'
                        ? t('upload.uploaded')
                        : item.state === 'failed'
                          ? t('upload.failed', { error: item.error ?? '' })
                          : t('upload.waiting')}
                  </span>
                </div>
              </div>
              <button
                type="button"
                class="button button-danger button-small"
                aria-disabled={busy ? 'true' : undefined}
                onClick={() => !busy && onRemovePending(item)}
              >
                {t('upload.remove')}
                <span class="visually-hidden"> {item.file.name}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </>
  );
}
