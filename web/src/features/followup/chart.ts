import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

/** A palette that stays apart for the eleven member countries (and keeps its contrast in print). */
const COLOURS = ['#1f5f8b', '#c0392b', '#2e8540', '#8e44ad', '#d35400', '#16a085', '#7f8c8d', '#b7950b', '#2c3e50', '#a93226', '#117864'];

export function barChart(canvas: HTMLCanvasElement, months: string[], series: { name: string; counts: number[] }[]) {
  return new Chart(canvas, {
    type: 'bar',
    data: {
      labels: months,
      datasets: series.map((s, i) => ({ label: s.name, data: s.counts, backgroundColor: COLOURS[i % COLOURS.length] })),
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
      plugins: { legend: { position: 'bottom' } },
    },
  });
}
