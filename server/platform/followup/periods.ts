import { isoDay } from '../clock.ts';
/**
 * The periods of periodic returns (a semester `2026-S1`, a quarter `2026-Q3`, a year `2026`) by their
 * last day: what the follow-up expects in a period, and what the reminders expect by a date. A
 * one-off return (`once`) has no period of its own: its template's due date stands for it.
 */
export interface ReturnPeriod {
  kind: 'semester' | 'quarter' | 'year' | 'once';
  label: string;
  /** The period's last day (YYYY-MM-DD); null for `once`. */
  last: string | null;
}

/** Every period whose last day is within [from, to] (YYYY-MM-DD), and `once`. */
export function periodsEnding(from: string, to: string): ReturnPeriod[] {
  const out: ReturnPeriod[] = [{ kind: 'once', label: 'once', last: null }];
  const parts: [ReturnPeriod['kind'], string, number][] = [
    ['semester', 'S', 6],
    ['quarter', 'Q', 3],
    ['year', '', 12],
  ];
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
    for (const [kind, letter, months] of parts) {
      for (let part = 1; part <= 12 / months; part++) {
        // Day 0 of the month after the period: its last day.
        const last = isoDay(new Date(Date.UTC(year, part * months, 0)));
        if (last >= from && last <= to) out.push({ kind, label: letter ? `${year}-${letter}${part}` : `${year}`, last });
      }
    }
  }
  return out;
}
