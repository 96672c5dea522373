/**
 * An item's workflow steps (submit, publish, return, review, withdraw…): a button for each step the
 * reader may take, a dialog that asks first, and the call. The words are the item kind's own.
 */
import { useState } from 'preact/hooks';
import { setFlash, takeFlash } from '../lib/flash.ts';
import { navigate, useLocation } from '../lib/router.ts';
import { ConfirmDialog, useAction } from '../ui/dialog.tsx';

/** A step's words: its button, the dialog's question, and what it explains. */
export interface StepWords {
  label: string;
  title: string;
  text: string;
}

export interface WorkflowStep<A extends string> {
  /** The step being confirmed, if any. */
  step: A | null;
  open: (action: A) => void;
  busy: boolean;
  error: ReturnType<typeof useAction>['error'];
  confirm: () => void;
  cancel: () => void;
}

/** The step being confirmed and its call (`run`); `onDone` gets the item as the step left it. */
export function useWorkflowStep<A extends string, V>(run: (action: A) => Promise<V>, onDone: (action: A, updated: V) => void): WorkflowStep<A> {
  const [step, setStep] = useState<A | null>(null);
  const action = useAction();
  return {
    step,
    open: setStep,
    busy: action.busy,
    error: action.error,
    confirm() {
      const chosen = step;
      if (!chosen) return;
      action.run(
        () => run(chosen),
        (updated) => {
          setStep(null);
          onDone(chosen, updated);
        },
      );
    },
    cancel() {
      setStep(null);
      action.setError(null);
    },
  };
}

/**
 * The workflow of an item's page, and what it says afterwards: a notice (or the one a previous
 * screen left); reached from the validation queue (`?from=validation`), a step that decides there
 * goes back to the queue with the news.
 */
export function useItemWorkflow<A extends string, V>({
  run,
  onUpdated,
  done,
  queue,
}: {
  run: (action: A) => Promise<V>;
  onUpdated: (view: V) => void;
  /** What a step says once done. */
  done: (action: NoInfer<A>) => string;
  /** The queue: where it is, the steps that decide from it, and the news to take back. */
  queue: { href: string; steps: readonly NoInfer<A>[]; news: (action: A) => string };
}) {
  const { query } = useLocation();
  const fromQueue = query.get('from') === 'validation';
  const [notice, setNotice] = useState<string | null>(takeFlash);
  const workflow = useWorkflowStep(run, (step, updated) => {
    if (fromQueue && queue.steps.includes(step)) {
      setFlash(queue.news(step));
      navigate(queue.href);
      return;
    }
    onUpdated(updated);
    setNotice(done(step));
  });
  return { workflow, notice, setNotice, fromQueue };
}

/** Back to the validation queue when the page was opened from it, else back to the list. */
export function BackLink({
  fromQueue,
  queue,
  list,
}: {
  fromQueue: boolean;
  queue: { href: string; label: string };
  /** `onClick`: a list that comes back as it was left (useSearchReturn). */
  list: { href: string; label: string; onClick?: (event: MouseEvent) => void };
}) {
  const back = fromQueue ? queue : list;
  return (
    <p class="page-actions">
      <a href={back.href} onClick={fromQueue ? undefined : list.onClick}>
        {back.label}
      </a>
    </p>
  );
}

const toneOf = (action: string) => (action === 'return' ? 'button button-secondary' : action === 'withdraw' ? 'button button-danger' : 'button');

/** A button for each step the reader may take, in the order given (returning is secondary, withdrawing dangerous). */
export function WorkflowButtons<A extends string>({
  workflow,
  actions,
  allowed,
  words,
}: {
  workflow: WorkflowStep<A>;
  actions: readonly A[];
  allowed: (action: A) => boolean;
  words: (action: A) => StepWords;
}) {
  return (
    <>
      {actions.filter(allowed).map((action) => (
        <button key={action} type="button" class={toneOf(action)} onClick={() => workflow.open(action)}>
          {words(action).label}
        </button>
      ))}
    </>
  );
}

/** The question before the step being confirmed. */
export function WorkflowDialog<A extends string>({ workflow, words }: { workflow: WorkflowStep<A>; words: (action: A) => StepWords }) {
  const { step } = workflow;
  if (!step) return null;
  const { label, title, text } = words(step);
  return (
    <ConfirmDialog
      title={title}
      confirmLabel={label}
      tone={step === 'withdraw' ? 'danger' : 'primary'}
      busy={workflow.busy}
      error={workflow.error}
      onConfirm={workflow.confirm}
      onCancel={workflow.cancel}
    >
      <p>{text}</p>
    </ConfirmDialog>
  );
}
