import { useEffect, useRef } from 'preact/hooks';

/**
 * Items per month, one bar per country stacked, drawn by chart.js on a canvas — loaded only when
 * this chart is shown (the rest of the app does not carry it). The canvas is hidden from screen
 * readers: the table beside it holds the same figures.
 */
export function ActivityChart({ months, series, label }: { months: string[]; series: { name: string; counts: number[] }[]; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let chart: { destroy(): void } | null = null;
    let cancelled = false;
    void import('./chart.ts').then(({ barChart }) => {
      if (!cancelled && canvas.current) chart = barChart(canvas.current, months, series);
    });
    return () => {
      cancelled = true;
      chart?.destroy();
    };
  }, [months.join(), JSON.stringify(series)]);
  return (
    <div class="chart" aria-hidden="true">
      <canvas ref={canvas} data-label={label} />
    </div>
  );
}
