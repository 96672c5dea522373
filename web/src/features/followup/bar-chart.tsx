import { useEffect, useRef } from 'preact/hooks';
import type { Series } from './chart.ts';

/**
 * A stacked bar chart drawn by chart.js on a canvas — loaded only when a chart is shown (the rest
 * of the app does not carry it). The canvas is hidden from screen readers: a table beside it holds
 * the same figures. Once drawn, the canvas says which totals it drew (`data-drawn`).
 */
export function BarChart({ labels, series, name }: { labels: string[]; series: Series[]; name: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let chart: { destroy(): void } | null = null;
    let cancelled = false;
    void import('./chart.ts').then(({ barChart }) => {
      if (!cancelled && canvas.current) chart = barChart(canvas.current, labels, series);
    });
    return () => {
      cancelled = true;
      chart?.destroy();
    };
  }, [labels.join(), JSON.stringify(series)]);
  return (
    <div class="chart" aria-hidden="true">
      <canvas ref={canvas} data-chart={name} />
    </div>
  );
}
