/**
 * A RED item — and every person record, for all but its originator — asks why it is opened (10–500
 * characters, kept in the audit trail) before it shows anything: its GET answers 428 until the
 * reader states a purpose.
 */
import { useState } from 'preact/hooks';
import { api } from '../lib/api.ts';
import type { Reply, RequestBody } from '../lib/api-schema.ts';
import { UUID } from '../lib/format.ts';
import { useI18n } from '../lib/i18n/index.tsx';
import { type Resource, useResource } from '../lib/use-resource.ts';
import { ConfirmDialog, useAction } from '../ui/dialog.tsx';
import { TextAreaField } from '../ui/fields.tsx';

type Purpose = RequestBody<'/api/items/{itemId}/purpose', 'post'>;

const statePurpose = (itemId: string, body: Purpose) =>
  api<Reply<'/api/items/{itemId}/purpose', 'post'>>('POST', `/api/items/${itemId}/purpose`, body);

export interface ItemResource<T> extends Resource<T> {
  /** A RED item waiting for the reader's purpose. */
  needsPurpose: boolean;
  /** States the purpose, then asks for the item again. */
  statePurpose: (purpose: string) => Promise<void>;
}

/** An item by its id (from an address: a malformed one is missing; '' is none asked for). */
export function useItem<T>(id: string, load: (id: string) => Promise<T>): ItemResource<T> {
  const valid = UUID.test(id);
  const item = useResource(valid ? () => load(id) : null, [id], [404, 428]);
  return {
    ...item,
    missing: item.missing || (!valid && id !== ''),
    needsPurpose: item.status === 428,
    statePurpose: async (purpose) => {
      await statePurpose(id, { purpose });
      item.reload();
    },
  };
}

/** The dialog's own words, when the kind has them (a person record is not asked about as a RED item). */
export interface PurposeTexts {
  title: string;
  text: string;
}

export function PurposeDialog({
  onState,
  onCancel,
  texts,
}: {
  onState: (purpose: string) => Promise<void>;
  onCancel: () => void;
  texts?: PurposeTexts | undefined;
}) {
  const { t } = useI18n();
  const [purpose, setPurpose] = useState('');
  const action = useAction();
  const field = { name: 'purpose', value: purpose, onValue: setPurpose, invalid: action.error?.field === 'purpose' };
  // Stated: the dialog stays busy until the item, asked for again, takes its place.
  const [stated, setStated] = useState(false);
  const confirm = () => {
    const text = purpose.trim();
    if (text.length < 10 || text.length > 500) {
      action.setError({ message: t('purpose.length'), field: 'purpose' });
      return;
    }
    action.run(
      () => onState(text),
      () => setStated(true),
    );
  };
  return (
    <ConfirmDialog
      title={texts?.title ?? t('purpose.title')}
      confirmLabel={t('purpose.submit')}
      tone="primary"
      busy={action.busy || stated}
      error={action.error}
      onConfirm={confirm}
      onCancel={onCancel}
    >
      <p>{texts?.text ?? t('purpose.text')}</p>
      <TextAreaField label={t('purpose.label')} prose rows={3} maxLength={500} hint={t('purpose.hint')} {...field} />
    </ConfirmDialog>
  );
}
