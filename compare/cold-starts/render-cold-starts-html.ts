// --report with --cold-starts: the same self-contained page as the scenario report (Chart.js and the
// data inlined, a CSP that forbids any network), with the cold-start table and a chart of each cloud's
// first-request distribution beside the published reference.
import { chartJsBundle, escapeHtml, scriptJson } from '../render-html';
import { distributionCell } from './render-cold-starts';
import type { ColdStartReport } from './run-cold-starts';

// Plain ES2020 for the browser: one bar group per cloud (p50, p90, max), the reference as its own bars.
const BROWSER_SCRIPT = String.raw`(() => {
  const report = JSON.parse(document.getElementById('cold-start-data').textContent);
  const labels = report.clouds.map((c) => c.cloud + ': ' + c.target);
  const pick = (key) => report.clouds.map((c) => (c.firstRequestMs[key] === undefined ? null : c.firstRequestMs[key]));
  const datasets = [
    { label: 'p50', data: pick('p50'), backgroundColor: '#4c78a8' },
    { label: 'p90', data: pick('p90'), backgroundColor: '#f58518' },
    { label: 'max', data: pick('max'), backgroundColor: '#e45756' },
    { label: 'platform init p50', data: report.clouds.map((c) => (c.platformInitMs && c.platformInitMs.p50 !== undefined ? c.platformInitMs.p50 : null)), backgroundColor: '#72b7b2' },
  ];
  new Chart(document.getElementById('cold-starts'), {
    type: 'bar',
    data: { labels, datasets },
    options: { animation: false, responsive: true, maintainAspectRatio: false, scales: { y: { beginAtZero: true, title: { display: true, text: 'ms' } } } },
  });
  document.body.dataset.rendered = 'true';
})();`;

export function renderColdStartHtml(report: ColdStartReport, generatedAt: Date = new Date()): string {
  const rows = report.clouds
    .map(
      (c) =>
        `<tr><td>${escapeHtml(c.cloud)}</td><td>${escapeHtml(c.target)}</td><td>${distributionCell(c.firstRequestMs)}</td><td>${distributionCell(c.platformInitMs)}</td><td>${c.samples.filter((s) => s.error || !s.status || s.status >= 300).length}</td></tr>`,
    )
    .join('\n');
  const { aws, azure } = report.references;
  const notes = report.clouds.flatMap((c) =>
    [...c.notes, ...c.samples.flatMap((s) => (s.error ? [s.error] : []))].map(
      (n) => `<li>${escapeHtml(`${c.cloud}: ${n}`)}</li>`,
    ),
  );
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>compare: cold starts, aws vs azure</title>
<style>
body { font: 14px system-ui, sans-serif; margin: 2rem; color: #222; }
table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: 2px 8px; }
.chart { position: relative; height: 320px; width: min(100%, 1000px); }
</style>
</head>
<body>
<h1>Cold starts: ${report.count} forced per cloud</h1>
<p>${escapeHtml(generatedAt.toISOString())}</p>
<table id="cold-start-table">
<thead><tr><th>cloud</th><th>what was restarted</th><th>first request ms p50 / p90 / max</th><th>platform init ms p50 / p90 / max</th><th>failed</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<p id="references">Reference: AWS ${escapeHtml(aws.label)} ${aws.ms} ms (${escapeHtml(aws.source)}); Azure ${escapeHtml(azure.label)} ${azure.minMs}–${azure.maxMs} ms (${escapeHtml(azure.source)}).</p>
${notes.length ? `<ul id="notes">${notes.join('')}</ul>` : ''}
<div class="chart"><canvas id="cold-starts"></canvas></div>
<script type="application/json" id="cold-start-data">${scriptJson(report)}</script>
<script>${chartJsBundle()}</script>
<script>${BROWSER_SCRIPT}</script>
</body>
</html>
`;
}
