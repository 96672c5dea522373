/**
 * The drill's bookkeeping, pure (test/unit/drill-figures.test.ts): every request is one sample; a
 * fault opens a restart window that stays open until the first request sent after the outage
 * succeeds; a failure that overlaps a window is "inside" (expected while PostgreSQL or the app is
 * down), any other failure is "outside" and must not happen. Latency figures are over the samples
 * that succeeded, with the bench's percentile (bench/load.ts).
 */
import { percentile } from '../bench/load.ts';

export type Outcome = 'ok' | 'error' | 'hanging';

export interface Sample {
  kind: string;
  /** Milliseconds on the drill's clock (performance.now()). */
  start: number;
  end: number;
  outcome: Outcome;
  /** HTTP status, or the network error's code. */
  status: string;
}

export interface Fault {
  name: string;
  /** When the fault was injected. */
  at: number;
  /** When the outage was complete (PostgreSQL stopped, the app dead): requests sent from then on show recovery. */
  down: number;
}

export interface Window {
  name: string;
  from: number;
  /** The end of the first success of a request sent after the outage; Infinity when none came. */
  to: number;
}

/** Each fault's window, from the samples. */
export function restartWindows(faults: Fault[], samples: Sample[]): Window[] {
  return faults.map((fault) => {
    let to = Number.POSITIVE_INFINITY;
    for (const s of samples) if (s.outcome === 'ok' && s.start >= fault.down && s.end < to) to = s.end;
    return { name: fault.name, from: fault.at, to };
  });
}

/** A request that overlaps a window (it was in flight at some moment of it). */
export function insideWindow(sample: Sample, windows: Window[]): boolean {
  return windows.some((w) => sample.start <= w.to && sample.end >= w.from);
}

export interface KindFigures {
  kind: string;
  served: number;
  p50Ms: number;
  p99Ms: number;
  errorsOutside: number;
  errorsInside: number;
  hanging: number;
}

/** Per kind of request, and `all`: successes with their latency, failures outside and inside the windows, hanging ones. */
export function figuresByKind(samples: Sample[], windows: Window[]): KindFigures[] {
  const kinds = [...new Set(samples.map((s) => s.kind))].sort();
  const one = (kind: string, list: Sample[]): KindFigures => {
    const latencies = list.filter((s) => s.outcome === 'ok').map((s) => s.end - s.start);
    const failed = list.filter((s) => s.outcome === 'error');
    const inside = failed.filter((s) => insideWindow(s, windows)).length;
    return {
      kind,
      served: latencies.length,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      errorsOutside: failed.length - inside,
      errorsInside: inside,
      hanging: list.filter((s) => s.outcome === 'hanging').length,
    };
  };
  return [
    ...kinds.map((k) =>
      one(
        k,
        samples.filter((s) => s.kind === k),
      ),
    ),
    one('all', samples),
  ];
}

/** Failures counted by kind and status, for the report (what went wrong, not only how often). */
export function failureCounts(samples: Sample[], windows: Window[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of samples) {
    if (s.outcome === 'ok') continue;
    const key = `${insideWindow(s, windows) ? 'inside' : 'outside'} ${s.kind} ${s.status}`;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

/** Rows of text in aligned columns: the first left-aligned, the others right-aligned unless `left`. */
export function table(rows: (string | number)[][], left = false): string {
  const cells = rows.map((r) => r.map(String));
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const align = (c: string, i: number) => (i === 0 || left ? c.padEnd(widths[i]!) : c.padStart(widths[i]!));
  return cells.map((r) => r.map(align).join('  ').trimEnd()).join('\n');
}
