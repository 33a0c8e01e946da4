// --report: one self-contained HTML file (Chart.js and the data inlined, a CSP that forbids any
// network), so it can be attached to a CI run or mailed and still open anywhere.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { REPORT_BROWSER_SCRIPT } from './report-browser-script';
import type { CompareReport, StepOutcome } from './types';

function chartJsBundle(): string {
  // chart.js exports no ./dist subpath; its CommonJS entry sits next to the UMD bundle.
  const bundle = readFileSync(join(dirname(require.resolve('chart.js')), 'chart.umd.min.js'), 'utf8');
  // "<\/script" means the same to JavaScript but cannot close the inline <script> element.
  return bundle.replace(/<\/script/gi, '<\\/script');
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** JSON that cannot end its <script> element early. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

const status = (o: StepOutcome) => (o.status === undefined ? `no answer (${o.error})` : String(o.status));
const ms = (value: number) => value.toFixed(1);

function stepRows(report: CompareReport): string {
  return report.steps
    .map((s) => {
      const verdict = s.differences.length === 0 ? 'same' : `differs (${s.differences.length})`;
      const cells = [s.step, s.description, status(s.aws), status(s.azure), verdict, ms(s.aws.latencyMs), ms(s.azure.latencyMs)];
      return `<tr class="${s.differences.length === 0 ? 'same' : 'differs'}">${cells.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`;
    })
    .join('\n');
}

function differenceItems(report: CompareReport): string {
  if (report.differences.length === 0) return '<p class="same">No differences: both clouds behave the same.</p>';
  const items = report.differences.map(
    (d) => `<li><b>${escapeHtml(d.step)}</b> <code>${escapeHtml(d.path)}</code>: aws <code>${escapeHtml(d.aws)}</code> | azure <code>${escapeHtml(d.azure)}</code></li>`,
  );
  return `<ul id="differences">${items.join('\n')}</ul>`;
}

function chart(id: string, title: string): string {
  return `<figure><figcaption>${escapeHtml(title)}</figcaption><div class="chart"><canvas id="${id}"></canvas></div></figure>`;
}

export function renderHtml(report: CompareReport, generatedAt: Date = new Date()): string {
  const charts = [chart('step-latency', 'Scenario step latency per cloud (ms)')];
  if (report.latency) {
    const n = report.latency.aws.requests;
    charts.push(chart('latency-histogram', `Latency distribution: ${n} × GET /api/notes?limit=1 per cloud, first request apart`));
    charts.push(chart('latency-percentiles', 'Latency percentiles (ms)'));
  }
  if (report.eventLatency) charts.push(chart('event-latency', 'Event delivery latency per note (ms)'));

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>compare: aws vs azure</title>
<style>
body { font: 14px system-ui, sans-serif; margin: 2rem; color: #222; }
table { border-collapse: collapse; } td, th { border: 1px solid #ccc; padding: 2px 8px; }
tr.differs td { background: #fde2e2; } p.same { color: #176d2c; }
.chart { position: relative; height: 320px; width: min(100%, 1000px); }
figure { margin: 1.5rem 0; } figcaption { font-weight: 600; margin-bottom: .5rem; }
</style>
</head>
<body>
<h1>${report.same ? 'Both clouds behave the same' : `The clouds differ (${report.differences.length})`}</h1>
<p>aws <code>${escapeHtml(report.urls.aws)}</code> · azure <code>${escapeHtml(report.urls.azure)}</code> · URLs from ${escapeHtml(report.source.detail)} · ${escapeHtml(generatedAt.toISOString())}</p>
<h2>Scenario</h2>
<table id="steps">
<thead><tr><th>step</th><th>request</th><th>aws</th><th>azure</th><th>same?</th><th>aws ms</th><th>azure ms</th></tr></thead>
<tbody>
${stepRows(report)}
</tbody>
</table>
<h2>Differences</h2>
${differenceItems(report)}
${report.warnings.length ? `<h2>Warnings</h2><ul>${report.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>` : ''}
<h2>Latency</h2>
${charts.join('\n')}
<script type="application/json" id="report-data">${scriptJson(report)}</script>
<script>${chartJsBundle()}</script>
<script>${REPORT_BROWSER_SCRIPT}</script>
</body>
</html>
`;
}
