import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, type Plugin, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

/** One stacked series: its name, one count per label, and its colour when it has a meaning (a state). */
export type Series = { name: string; counts: number[]; colour?: string };

/** A palette that stays apart for the eleven member countries (and keeps its contrast in print). */
const COLOURS = ['#1f5f8b', '#c0392b', '#2e8540', '#8e44ad', '#d35400', '#16a085', '#7f8c8d', '#b7950b', '#2c3e50', '#a93226', '#117864'];

/** After each drawing, the canvas records the totals it drew ("name: total; …"), for whoever checks it. */
const drawn: Plugin<'bar'> = {
  id: 'drawn',
  afterRender(chart) {
    chart.canvas.dataset['drawn'] = chart.data.datasets.map((d) => `${d.label}: ${(d.data as number[]).reduce((sum, n) => sum + n, 0)}`).join('; ');
  },
};

export function barChart(canvas: HTMLCanvasElement, labels: string[], series: Series[]) {
  return new Chart(canvas, {
    type: 'bar',
    data: {
      labels,
      datasets: series.map((s, i) => ({ label: s.name, data: s.counts, backgroundColor: s.colour ?? COLOURS[i % COLOURS.length] })),
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
      plugins: { legend: { position: 'bottom' } },
    },
    plugins: [drawn],
  });
}
