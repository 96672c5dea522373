import { useEffect, useRef, useState } from 'preact/hooks';
import { type FormError, toFormError } from '../../../lib/errors.ts';
import { useI18n } from '../../../lib/i18n/index.tsx';
import { deleteImage, type ImageView, uploadImage } from '../api.ts';
import type { ImagesState } from './draft-fields.ts';

export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/tiff'] as const;

/** A file chosen for the draft: its page, light and caption as chosen, and how its upload went. */
export interface Pending {
  key: string;
  file: File;
  preview: string | null;
  page: string;
  light: string;
  caption: string;
  state: 'ready' | 'uploading' | 'done' | 'failed';
  progress: number;
  error: string | null;
  uploaded: ImageView | null;
}

let keys = 0;

/**
 * The draft's images: those it already has, and the files chosen since, uploaded one by one (each
 * with its progress) when the draft is saved. Problems go to the wizard's error (`setError`).
 */
export function useDraftImages(setError: (error: FormError | null) => void) {
  const { t } = useI18n();
  const [existing, setExisting] = useState<ImageView[]>([]);
  const [pending, setPendingState] = useState<Pending[]>([]);
  // The latest list, for the uploads that run across renders.
  const pendingRef = useRef<Pending[]>([]);

  const setPending = (update: (list: Pending[]) => Pending[]) => {
    pendingRef.current = update(pendingRef.current);
    setPendingState(pendingRef.current);
  };
  const patch = (key: string, change: Partial<Pending>) => setPending((list) => list.map((p) => (p.key === key ? { ...p, ...change } : p)));

  // Previews are object URLs: let them go with the page.
  useEffect(
    () => () => {
      for (const p of pendingRef.current) if (p.preview) URL.revokeObjectURL(p.preview);
    },
    [],
  );

  const addFiles = (files: FileList | File[] | null) => {
    if (!files) return;
    const list = [...files];
    const refused = list.filter((f) => !(IMAGE_TYPES as readonly string[]).includes(f.type));
    const accepted = list.filter((f) => (IMAGE_TYPES as readonly string[]).includes(f.type));
    setError(refused.length ? { message: t('upload.refused', { names: refused.map((f) => f.name).join(', ') }), field: 'images' } : null);
    setPending((current) => [
      ...current,
      ...accepted.map((file) => ({
        key: `f${++keys}`,
        file,
        preview: file.type === 'image/tiff' ? null : URL.createObjectURL(file),
        page: '',
        light: 'visible',
        caption: '',
        state: 'ready' as const,
        progress: 0,
        error: null,
        uploaded: null,
      })),
    ]);
  };

  /** Uploads what is not uploaded yet; false if any failed (each says why). */
  const uploadAll = async (draftId: string): Promise<boolean> => {
    let ok = true;
    for (const item of pendingRef.current.filter((p) => p.state !== 'done')) {
      patch(item.key, { state: 'uploading', progress: 0, error: null });
      const data = new FormData();
      data.append('page', item.page);
      data.append('light', item.light || 'visible');
      if (item.caption.trim()) data.append('caption', item.caption.trim());
      data.append('file', item.file, item.file.name);
      try {
        const answer = await uploadImage(draftId, data, (share) => patch(item.key, { progress: share }));
        patch(item.key, { state: 'done', progress: 1, uploaded: answer[0] ?? null });
      } catch (err) {
        ok = false;
        patch(item.key, { state: 'failed', error: toFormError(err, t).message });
      }
    }
    return ok;
  };

  const removePending = async (item: Pending, draftId: string | null) => {
    if (item.uploaded && draftId) {
      try {
        await deleteImage(draftId, item.uploaded.id);
      } catch (err) {
        setError(toFormError(err, t));
        return;
      }
    }
    if (item.preview) URL.revokeObjectURL(item.preview);
    setPending((list) => list.filter((p) => p.key !== item.key));
  };

  const removeExisting = async (image: ImageView, draftId: string | null) => {
    if (!draftId) return;
    try {
      await deleteImage(draftId, image.id);
      setExisting((list) => list.filter((i) => i.id !== image.id));
    } catch (err) {
      setError(toFormError(err, t));
    }
  };

  /** What the last step's check needs to know (read at the time of the check, not of the render). */
  const state = (): ImagesState => {
    const unviewed = pendingRef.current.find((p) => p.state !== 'done' && !p.page);
    return { unviewed: unviewed ? { key: unviewed.key, name: unviewed.file.name } : null, total: existing.length + pendingRef.current.length };
  };

  return { existing, setExisting, pending, patch, addFiles, uploadAll, removePending, removeExisting, state };
}
