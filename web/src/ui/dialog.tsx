/** Dialogs: the question before something hard to undo, and the busy state of what it confirms. */
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { type FormError, toFormError } from '../lib/errors.ts';
import { useI18n } from '../lib/i18n/index.tsx';
import { ErrorAlert } from './form.tsx';

/**
 * A question before something hard to undo, in a modal <dialog>: the focus moves into it and comes
 * back to what opened it, Escape cancels. The safe choice comes first and has the focus.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  onConfirm,
  onCancel,
  busy = false,
  error = null,
  tone = 'danger',
}: {
  title: string;
  children?: ComponentChildren;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
  error?: FormError | null;
  tone?: 'danger' | 'primary';
}) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const textId = useId();
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    const element = dialog.current;
    element?.showModal();
    return () => {
      // Closed before it leaves the page, or the rest of the page would still be inert for the focus.
      if (element?.open) element.close();
      // Back to what opened it; if that is gone (a removed row), to the page's heading.
      const target = opener?.isConnected ? opener : document.querySelector<HTMLElement>('main h1');
      target?.focus();
    };
  }, []);
  return (
    <dialog
      ref={dialog}
      class="dialog"
      aria-labelledby={titleId}
      aria-describedby={children ? textId : undefined}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      {children ? (
        <div id={textId} class="dialog-text">
          {children}
        </div>
      ) : null}
      <ErrorAlert error={error} />
      <div class="actions">
        <button type="button" class="button button-secondary" onClick={onCancel} autoFocus>
          {t('dialog.cancel')}
        </button>
        <button
          type="button"
          class={tone === 'danger' ? 'button button-danger' : 'button'}
          aria-disabled={busy ? 'true' : undefined}
          onClick={() => {
            if (!busy) onConfirm();
          }}
        >
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}

/**
 * What a dialog (or a button) sets off: busy while it runs, its error if it fails. `run` does
 * nothing while busy; `onDone` gets the answer.
 */
export function useAction() {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<FormError | null>(null);
  const run = <T,>(request: () => Promise<T>, onDone?: (result: T) => void) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    request().then(
      (result) => {
        setBusy(false);
        onDone?.(result);
      },
      (err: unknown) => {
        setError(toFormError(err, t));
        setBusy(false);
      },
    );
  };
  return { busy, error, setError, run };
}
