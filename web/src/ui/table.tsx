import type { ComponentChildren } from 'preact';

/** A column heading: its words, and a class (`cell-num` for numbers) when it needs one. */
export type Column = ComponentChildren | { label: ComponentChildren; class: string };

const isClassed = (column: Column): column is { label: ComponentChildren; class: string } =>
  typeof column === 'object' && column !== null && 'class' in column && 'label' in column;

/**
 * A table that scrolls sideways on a narrow screen, its caption for screen readers only; the rows
 * are the children. `dense` for logs and boards, `flush` for a table that is its own panel. `stack`:
 * on a phone each row becomes a card, each cell under its label (the cell's `data-label`), empty
 * cells left out — for reference tables read on a phone, such as the entry requirements.
 */
export function Table({
  caption,
  columns,
  dense = false,
  flush = false,
  stack = false,
  class: className,
  labelledBy,
  describedBy,
  children,
}: {
  caption?: string;
  columns: Column[];
  dense?: boolean;
  flush?: boolean;
  stack?: boolean;
  class?: string;
  labelledBy?: string;
  describedBy?: string | undefined;
  children: ComponentChildren;
}) {
  const classes = ['table', dense ? 'table-dense' : null, stack ? 'table-stack' : null, className].filter(Boolean).join(' ');
  return (
    <div class={flush ? 'table-wrap panel panel-flush' : 'table-wrap'}>
      <table class={classes} aria-labelledby={labelledBy} aria-describedby={describedBy}>
        {caption ? <caption class="visually-hidden">{caption}</caption> : null}
        <thead>
          <tr>
            {columns.map((column, i) =>
              isClassed(column) ? (
                <th key={i} scope="col" class={column.class}>
                  {column.label}
                </th>
              ) : (
                <th key={i} scope="col">
                  {column}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
