// --report: one self-contained HTML file (Chart.js and the data inlined, a CSP that forbids any
// network), so it can be attached to a CI run or mailed and still open anywhere.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { latencyRows, resultCells, signInLine, violationLine } from './render-text';
import { REPORT_BROWSER_SCRIPT } from './report-browser-script';
import type { CompareReport } from './types';

export function chartJsBundle(): string {
  // chart.js exports no ./dist subpath; its CommonJS entry sits next to the UMD bundle.
  const bundle = readFileSync(join(dirname(require.resolve('chart.js')), 'chart.umd.min.js'), 'utf8');
  // "<\/script" means the same to JavaScript but cannot close the inline <script> element.
  return bundle.replace(/<\/script/gi, '<\\/script');
}

export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** JSON that cannot end its <script> element early. */
export const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

const row = (cells: string[], tag = 'td') =>
  `<tr>${cells.map((c) => `<${tag}>${escapeHtml(c)}</${tag}>`).join('')}</tr>`;

function stepRows(report: CompareReport): string {
  return report.steps
    .map((s) => {
      if (s.notApplicable !== undefined) {
        return `<tr class="not-applicable"><td>${escapeHtml(s.step)}</td><td>${escapeHtml(s.description)}</td><td colspan="7">${escapeHtml(s.notApplicable)}</td></tr>`;
      }
      const ok = s.differences.length === 0 && s.contract.aws.length === 0 && s.contract.azure.length === 0;
      const cells = [s.step, s.description, ...resultCells(s)];
      return `<tr class="${ok ? 'same' : 'differs'}">${cells.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`;
    })
    .join('\n');
}

function violationItems(report: CompareReport): string {
  if (report.violations.length === 0) return '<p class="same">No violations: both clouds meet the contract.</p>';
  return `<ul id="violations">${report.violations.map((v) => `<li>${escapeHtml(violationLine(v))}</li>`).join('\n')}</ul>`;
}

function differenceItems(report: CompareReport): string {
  if (report.differences.length === 0) return '<p class="same">No differences: both clouds behave the same.</p>';
  const items = report.differences.map(
    (d) =>
      `<li><b>${escapeHtml(d.step)}</b> <code>${escapeHtml(d.path)}</code>: aws <code>${escapeHtml(d.aws)}</code> | azure <code>${escapeHtml(d.azure)}</code></li>`,
  );
  return `<ul id="differences">${items.join('\n')}</ul>`;
}

/** The terminal's figure tables (first contact, latency with errors, event delivery), as HTML tables. */
function figureTables(report: CompareReport): string {
  return latencyRows(report)
    .map(
      ({ title, head, rows }) =>
        `<table class="figures"><caption>${escapeHtml(title)}</caption><thead>${row(head, 'th')}</thead><tbody>${rows.map((r) => row(r)).join('')}</tbody></table>`,
    )
    .join('\n');
}

/** A titled Chart.js canvas; the page's script draws into it by id. */
export function chart(id: string, title: string): string {
  return `<figure><figcaption>${escapeHtml(title)}</figcaption><div class="chart"><canvas id="${id}"></canvas></div></figure>`;
}

/** `sections`: more HTML placed before Chart.js is loaded (compare --cost adds its section there). */
export function renderHtml(report: CompareReport, generatedAt: Date = new Date(), sections: string[] = []): string {
  const charts = [chart('step-latency', 'Scenario step latency per cloud (ms)')];
  if (report.latency) {
    const n = report.latency.aws.requests;
    charts.push(
      chart('latency-histogram', `Latency distribution: ${n} × GET /api/notes?limit=1 per cloud, first request apart`),
    );
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
tr.differs td { background: #fde2e2; } tr.not-applicable td { background: #eee; color: #666; } p.same { color: #176d2c; }
table.figures { margin: 1rem 0; } caption { font-weight: 600; text-align: left; }
.chart { position: relative; height: 320px; width: min(100%, 1000px); }
figure { margin: 1.5rem 0; } figcaption { font-weight: 600; margin-bottom: .5rem; }
</style>
</head>
<body>
<h1>${escapeHtml(report.verdict.at(-1) ?? '')}</h1>
<p>aws <code>${escapeHtml(report.urls.aws)}</code> · azure <code>${escapeHtml(report.urls.azure)}</code> · URLs from ${escapeHtml(report.source.detail)} · ${escapeHtml(generatedAt.toISOString())}</p>
<h2>Scenario</h2>
<p id="sign-in">${escapeHtml(signInLine(report))}</p>
<table id="steps">
<thead>${row(['step', 'request', 'aws', 'azure', 'aws contract', 'azure contract', 'clouds', 'aws ms', 'azure ms'], 'th')}</thead>
<tbody>
${stepRows(report)}
</tbody>
</table>
<h2>Contract violations</h2>
${violationItems(report)}
<h2>Differences between the clouds</h2>
${differenceItems(report)}
${report.warnings.length ? `<h2>Warnings</h2><ul>${report.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>` : ''}
<h2>First contact, latency and event delivery</h2>
${figureTables(report)}
${charts.join('\n')}
<h2>Verdict</h2>
<ul id="verdict">${report.verdict.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>
${sections.join('\n')}
<script type="application/json" id="report-data">${scriptJson(report)}</script>
<script>${chartJsBundle()}</script>
<script>${REPORT_BROWSER_SCRIPT}</script>
</body>
</html>
`;
}
