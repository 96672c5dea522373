/**
 * A matrix return as a grid form: one row per combination of its dimensions, one input per
 * column, laid out as the template file is (headers in row 1, so cell C7 here is C7 there). Cells
 * the server refused are marked invalid and described by their message.
 */
import { useId } from 'preact/hooks';
import { useI18n } from '../../lib/i18n/index.tsx';
import type { CellError, MatrixRow, Template } from './api.ts';
import { dimensionsOf, label } from './parts.tsx';

export interface GridRow {
  dims: string[];
  values: Record<string, string>;
}

/** `0 → A`, `27 → AB`, as the server names cells. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    out = String.fromCharCode(65 + rest) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export const toGrid = (template: Template, rows: MatrixRow[]): GridRow[] =>
  rows.map((r) => ({
    dims: template.dimensions.map((_, i) => r.dims[i] ?? ''),
    values: Object.fromEntries(template.columns.map((c) => [c.key, String(r.values[c.key] ?? 0)])),
  }));

export const emptyRow = (template: Template): GridRow => ({
  dims: template.dimensions.map(() => ''),
  values: Object.fromEntries(template.columns.map((c) => [c.key, '0'])),
});

export function MatrixGrid({
  template,
  rows,
  onRows,
  editable,
  cells,
}: {
  template: Template;
  rows: GridRow[];
  onRows: (rows: GridRow[]) => void;
  editable: boolean;
  cells: CellError[];
}) {
  const { t, lang } = useI18n();
  const hintId = useId();
  const refused = new Map(cells.filter((c) => c.sheet === 'form').map((c) => [c.cell, c]));
  const dims = template.dimensions.length;
  const set = (row: number, change: (r: GridRow) => GridRow) => onRows(rows.map((r, i) => (i === row ? change(r) : r)));
  const cell = (row: number, col: number, value: string, onValue: (v: string) => void, name: string, numeric: boolean) => {
    const ref = `${columnLetter(col)}${row + 2}`;
    const error = refused.get(ref);
    const errorId = `${hintId}-${ref}`;
    return (
      <td key={col} class={numeric ? 'cell-num' : undefined}>
        {editable ? (
          <input
            type="text"
            inputMode={numeric ? 'numeric' : 'text'}
            size={numeric ? 5 : 14}
            value={value}
            aria-label={`${name} (${ref})`}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? errorId : undefined}
            data-cell={ref}
            onInput={(e) => onValue(e.currentTarget.value)}
          />
        ) : (
          value
        )}
        {error ? (
          <span class="visually-hidden" id={errorId}>
            {error.message}
          </span>
        ) : null}
      </td>
    );
  };
  return (
    <>
      <p class="hint" id={hintId}>
        {t('returns.gridHint', { dimensions: dimensionsOf(lang, template) })}
      </p>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: wider than the page, the region scrolls sideways; read-only it holds nothing else the keyboard could reach */}
      <div class="table-wrap" role="region" aria-label={t('returns.gridTitle')} tabIndex={0}>
        <table class="table table-dense return-grid" aria-describedby={hintId}>
          <caption class="visually-hidden">{t('returns.gridTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('returns.row')}</th>
              {template.dimensions.map((d) => (
                <th key={d.key} scope="col">
                  {label(lang, d)}
                </th>
              ))}
              {template.columns.map((c) => (
                <th key={c.key} scope="col" class="cell-num">
                  {label(lang, c)}
                </th>
              ))}
              {editable ? (
                <th scope="col" class="visually-hidden">
                  {t('returns.removeRow', { row: '' })}
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                <th scope="row">{i + 2}</th>
                {template.dimensions.map((d, j) =>
                  cell(
                    i,
                    j,
                    r.dims[j] ?? '',
                    (v) => set(i, (x) => ({ ...x, dims: x.dims.map((old, k) => (k === j ? v : old)) })),
                    label(lang, d),
                    false,
                  ),
                )}
                {template.columns.map((c, j) =>
                  cell(
                    i,
                    dims + j,
                    r.values[c.key] ?? '',
                    (v) => set(i, (x) => ({ ...x, values: { ...x.values, [c.key]: v } })),
                    label(lang, c),
                    true,
                  ),
                )}
                {editable ? (
                  <td>
                    <button type="button" class="button button-secondary" onClick={() => onRows(rows.filter((_, k) => k !== i))}>
                      {t('returns.removeRow', { row: i + 2 })}
                    </button>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {editable ? (
        <p>
          <button type="button" class="button button-secondary" onClick={() => onRows([...rows, emptyRow(template)])}>
            {t('returns.addRow')}
          </button>
        </p>
      ) : null}
    </>
  );
}

/** The refused cells, as a table: where and why. */
export function CellErrors({ cells }: { cells: CellError[] }) {
  const { t } = useI18n();
  const headingId = useId();
  if (!cells.length) return null;
  return (
    <section class="panel cell-errors" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('returns.cellsTitle')}</h3>
      <div class="table-wrap">
        <table class="table table-dense">
          <thead>
            <tr>
              <th scope="col">{t('returns.sheet')}</th>
              <th scope="col">{t('returns.cell')}</th>
              <th scope="col">{t('returns.problem')}</th>
            </tr>
          </thead>
          <tbody>
            {cells.map((c) => (
              <tr key={`${c.sheet}:${c.cell}:${c.code}`}>
                <td>{c.sheet ?? '—'}</td>
                <td>
                  <code>{c.cell}</code>
                </td>
                <td>{c.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
