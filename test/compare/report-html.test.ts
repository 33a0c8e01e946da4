// The --report HTML in real headless Chromium: it renders both clouds' data (charts drawn, table rows
// present), logs no console errors and makes no request beyond its own file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { compareClouds } from '../../compare/compare';
import { renderHtml } from '../../compare/render-html';
import { latencyRows, violationLine } from '../../compare/render-text';
import type { CompareReport } from '../../compare/types';
import { browserForTests, HEADLESS_ARGS } from '../support/browser';
import { openReportPage } from '../support/report-page';
import { startPair } from './core-server';

// Without a browser every test here is reported as skipped (with the install command), except in CI.
const browserPath = browserForTests();
const test = browserPath ? it : it.skip;

let browser: Browser;
let dir: string;
let report: CompareReport;

beforeAll(async () => {
  if (!browserPath) return;
  dir = mkdtempSync(join(tmpdir(), 'compare-report-'));
  // A divergent pair, so the report has differences to show as well as both clouds' latency.
  const pair = await startPair({
    transform: (request, response) =>
      new URL(request.url).pathname === '/api/hello' ? new Response('{"message":"<b>hi</b>"}', response) : response,
  });
  try {
    report = await compareClouds(
      { kind: 'flags', detail: 'test', urls: { aws: pair.aws.url, azure: pair.azure.url } },
      { requests: 20, concurrency: 4, timeoutMs: 5000, eventTimeoutMs: 3000, eventNotes: 2, skipLatency: false },
    );
  } finally {
    await pair.close();
  }
  browser = await chromium.launch({ executablePath: browserPath, args: HEADLESS_ARGS });
});

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const open = (html: string) => openReportPage(browser, dir, html, 'body[data-rendered="true"]');

test('a scenario-only report (--skip-latency) draws the step chart alone, without errors', async () => {
  const { latency: _latency, eventLatency: _events, ...scenarioOnly } = report;
  const { page, problems, requests, href } = await open(renderHtml(scenarioOnly));
  expect(await page.$$eval('canvas', (canvases) => canvases.map((c) => c.id))).toEqual(['step-latency']);
  expect(await page.$$eval('#steps tbody tr', (trs) => trs.length)).toBe(report.steps.length);
  expect(problems).toEqual([]);
  expect(requests).toEqual([href]);
  await page.close();
});

test('renders the table, the differences and a chart per measure with both clouds, offline and without errors', async () => {
  const { page, problems, requests, href } = await open(renderHtml(report));

  const rows = await page.$$eval('#steps tbody tr', (trs) => trs.map((tr) => tr.querySelector('td')?.textContent));
  expect(rows).toEqual(report.steps.map((s) => s.step));
  expect(await page.$$eval('#differences li', (items) => items.length)).toBe(report.differences.length);
  // Every figure and line the terminal shows: violations, first contact, latency with errors, event delivery, verdict.
  expect(report.violations.length).toBeGreaterThan(0);
  expect(await page.$$eval('#violations li', (items) => items.map((li) => li.textContent))).toEqual(
    report.violations.map(violationLine),
  );
  const figures = await page.$$eval('table.figures', (tables) =>
    (tables as HTMLTableElement[]).map((t) => ({
      title: t.caption?.textContent,
      head: Array.from(t.querySelectorAll('th'), (th) => th.textContent),
      rows: Array.from(t.querySelectorAll('tbody tr'), (tr) => Array.from(tr.children, (td) => td.textContent)),
    })),
  );
  expect(figures).toEqual(latencyRows(report));
  expect(figures.map((f) => f.title)).toEqual([
    expect.stringMatching(/^Preflight/),
    expect.stringMatching(/^Latency/),
    expect.stringMatching(/^Event delivery/),
  ]);
  expect(await page.$$eval('#verdict li', (items) => items.map((li) => li.textContent))).toEqual(report.verdict);
  expect(await page.$eval('h1', (h1) => h1.textContent)).toBe(report.verdict.at(-1));
  // The divergent body is shown as text, not as markup.
  expect(await page.$$eval('#differences b', (bs) => bs.map((b) => b.textContent))).not.toContain('hi');

  const charts = await page.$$eval('canvas', (canvases) =>
    canvases.map((canvas) => {
      const chart = (
        window as unknown as {
          Chart: { getChart(c: HTMLCanvasElement): { data: { datasets: Array<{ label: string; data: unknown[] }> } } };
        }
      ).Chart.getChart(canvas);
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      let painted = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted += 1;
      return {
        id: canvas.id,
        painted,
        datasets: chart?.data.datasets.map((d) => ({ label: d.label, points: d.data.length })),
      };
    }),
  );
  expect(charts.map((c) => c.id)).toEqual([
    'step-latency',
    'latency-histogram',
    'latency-percentiles',
    'event-latency',
  ]);
  for (const chart of charts) {
    expect(chart.painted).toBeGreaterThan(1000);
    expect(chart.datasets?.map((d) => d.label)).toEqual(['aws', 'azure']);
    for (const dataset of chart.datasets!) expect(dataset.points).toBeGreaterThan(0);
  }
  expect(problems).toEqual([]);
  expect(requests).toEqual([href]);
  await page.close();
});
