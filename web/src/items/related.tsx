import type { ComponentChildren } from 'preact';
import type { FormError } from '../lib/errors.ts';
import { ErrorAlert } from '../ui/form.tsx';
import { Panel } from '../ui/panel.tsx';

/**
 * Other items of the same kind that share something with this one, each a row of the kind's list
 * with what it shares (`row`, keyed); the kind fetches them and says it in its words.
 */
export function RelatedItems<T>({
  id,
  title,
  lead,
  none,
  error,
  items,
  row,
}: {
  id: string;
  title: string;
  lead: string;
  none: string;
  error: FormError | null;
  items: readonly T[] | undefined;
  row: (item: T) => ComponentChildren;
}) {
  return (
    // Other items, each under its own label: a way to move on, not part of this one's printed sheet.
    <Panel id={id} class="no-print" title={title}>
      <p class="hint">{lead}</p>
      <ErrorAlert error={error} />
      {items && items.length === 0 ? <p class="muted">{none}</p> : null}
      {items?.length ? <ol class="specimen-list specimen-list-compact">{items.map(row)}</ol> : null}
    </Panel>
  );
}
