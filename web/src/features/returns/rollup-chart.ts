/**
 * The roll-up's chart, drawn with chart.js — loaded only when a roll-up is shown (this module is
 * imported dynamically), and only the parts used: bars (adults and minors stacked, per group) for
 * one period, lines (a group's total per period) for the trend.
 */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);

export interface ChartData {
  kind: 'bar' | 'line';
  labels: string[];
  series: { label: string; values: number[] }[];
}

// One accent and its companions, dark enough against white (UI.md: the Secretariat's style).
const COLOURS = ['#1f4e79', '#c55a11', '#548235', '#7030a0', '#bf9000', '#2e75b6'];

export function drawChart(canvas: HTMLCanvasElement, data: ChartData): () => void {
  const chart = new Chart(canvas, {
    type: data.kind,
    data: {
      labels: data.labels,
      datasets: data.series.map((s, i) => ({
        label: s.label,
        data: s.values,
        backgroundColor: COLOURS[i % COLOURS.length],
        borderColor: COLOURS[i % COLOURS.length],
      })),
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      indexAxis: data.kind === 'bar' ? 'y' : 'x',
      scales:
        data.kind === 'bar'
          ? { x: { stacked: true, beginAtZero: true, ticks: { precision: 0 } }, y: { stacked: true } }
          : { y: { beginAtZero: true, ticks: { precision: 0 } } },
      plugins: { legend: { position: 'bottom' } },
    },
  });
  return () => chart.destroy();
}
