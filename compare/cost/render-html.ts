// The cost report in HTML: a section compare's --report can include (tables and two Chart.js charts,
// the same look as compare/render-html.ts), and a self-contained page around it for cost alone.
import { chart, chartJsBundle, escapeHtml, scriptJson } from '../render-html';
import type { CostReport } from './estimate';
import { quantity, usd } from './format';
import { COST_CLOUDS } from './prices';

// Plain ES2020 run in the browser: draws once Chart.js (window.Chart) is there; a page that inlines
// Chart.js after this section (as compare's report does) has it by DOMContentLoaded.
const COST_CHART_SCRIPT = String.raw`(() => {
  const report = JSON.parse(document.getElementById('cost-data').textContent);
  const clouds = ['aws', 'azure'];
  const colours = { aws: '#ff9900', azure: '#0078d4' };
  function bar(id, labels, values, yTitle) {
    new Chart(document.getElementById(id), {
      type: 'bar',
      data: { labels, datasets: clouds.map((c) => ({ label: c, data: values(c), backgroundColor: colours[c] })) },
      options: { animation: false, responsive: true, maintainAspectRatio: false, scales: { y: { beginAtZero: true, title: { display: true, text: yTitle } } } },
    });
  }
  function draw() {
    bar('cost-per-step', report.steps.map((s) => s.step), (c) => report.steps.map((s) => (s[c] ? s[c].usdPerMillion : null)), 'USD per million requests');
    bar('cost-monthly', ['traffic + storage', 'with free tiers', 'idle', 'idle with free tiers'], (c) => [
      report.monthly[c].usdWithoutFreeTiers, report.monthly[c].usdWithFreeTiers, report.idle[c].usdWithoutFreeTiers, report.idle[c].usdWithFreeTiers,
    ], 'USD per month');
    document.getElementById('cost').dataset.rendered = 'true';
  }
  if (window.Chart) draw(); else document.addEventListener('DOMContentLoaded', draw);
})();`;

function summaryRows(report: CostReport): string {
  return COST_CLOUDS.map((cloud) => {
    const m = report.monthly[cloud];
    const i = report.idle[cloud];
    const cells = [
      cloud,
      usd(m.usdWithoutFreeTiers),
      usd(m.usdWithFreeTiers),
      usd(i.usdWithoutFreeTiers),
      usd(i.usdWithFreeTiers),
    ];
    return `<tr>${cells.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`;
  }).join('\n');
}

function lineRows(report: CostReport): string {
  return COST_CLOUDS.flatMap((cloud) =>
    report.monthly[cloud].lines.map((l) => {
      const cells = [
        cloud,
        `${l.line}${l.unverified ? ' *' : ''}`,
        quantity(l.quantity),
        l.unit,
        usd(l.usdWithoutFreeTier),
        usd(l.usdWithFreeTier),
      ];
      return `<tr>${cells.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`;
    }),
  ).join('\n');
}

/** A <section id="cost"> for a page that loads Chart.js (compare's report does). */
export function renderCostChartHtml(report: CostReport): string {
  const sources = [...new Set(report.prices.map((p) => `${p.source} (read ${p.read})`))];
  return `<section id="cost">
<h2>Cost</h2>
<p>${escapeHtml(report.profileText)}</p>
<table id="cost-summary">
<thead><tr><th>per month</th><th>traffic + storage</th><th>with free tiers</th><th>idle</th><th>idle with free tiers</th></tr></thead>
<tbody>
${summaryRows(report)}
</tbody>
</table>
${chart('cost-per-step', 'Cost per million requests of each scenario step (USD, no free tiers)')}
${chart('cost-monthly', 'A month of the traffic profile and of idling (USD)')}
<details><summary>Price lines</summary>
<table id="cost-lines"><thead><tr><th>cloud</th><th>line</th><th>quantity / month</th><th>unit</th><th>cost</th><th>with free tier</th></tr></thead>
<tbody>
${lineRows(report)}
</tbody></table>
<p>* not confirmed on the day it was read. Assumed: ${report.assumptions.map(escapeHtml).join('; ')}</p>
<p>Prices from: ${sources.map(escapeHtml).join(', ')}. Left out: data transfer, support plans, taxes.</p>
</details>
<script type="application/json" id="cost-data">${scriptJson(report)}</script>
<script>${COST_CHART_SCRIPT}</script>
</section>`;
}

/** The cost section alone as a self-contained page (Chart.js inlined, a CSP that forbids any network). */
export function renderCostReportHtml(report: CostReport): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>compare: what each cloud costs</title>
<style>
body { font: 14px system-ui, sans-serif; margin: 2rem; color: #222; }
table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: 2px 8px; }
.chart { position: relative; height: 320px; width: min(100%, 1000px); }
figure { margin: 1.5rem 0; } figcaption { font-weight: 600; margin-bottom: .5rem; }
</style>
</head>
<body>
${renderCostChartHtml(report)}
<script>${chartJsBundle()}</script>
</body>
</html>
`;
}
