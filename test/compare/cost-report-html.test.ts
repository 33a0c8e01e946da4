// The cost charts in real headless Chromium: the self-contained page, and the section placed before
// Chart.js in a larger page (as compare's report inlines Chart.js at the end) both draw, offline and
// without console errors.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { estimateCosts } from '../../compare/cost/estimate';
import { loadPriceTable } from '../../compare/cost/prices';
import { renderCostChartHtml, renderCostReportHtml } from '../../compare/cost/render-html';
import { TRAFFIC_PROFILES } from '../../compare/cost/traffic';
import { browserForTests, HEADLESS_ARGS } from '../support/browser';
import { openReportPage } from '../support/report-page';
import { sampledSteps } from './cost-samples';

// Without a browser every test here is reported as skipped (with the install command), except in CI.
const browserPath = browserForTests();
const test = browserPath ? it : it.skip;

const stack = {
  awsRegion: 'eu-west-1',
  azureRegion: 'northeurope',
  functionMemoryMb: 512,
  azureInstanceMemoryMb: 2048,
  logRetentionDays: 30,
};
const report = estimateCosts({ steps: sampledSteps('local') }, TRAFFIC_PROFILES.hobby!, loadPriceTable(), stack);

let browser: Browser;
let dir: string;

beforeAll(async () => {
  if (!browserPath) return;
  dir = mkdtempSync(join(tmpdir(), 'cost-report-'));
  browser = await chromium.launch({ executablePath: browserPath, args: HEADLESS_ARGS });
});

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const open = (html: string) => openReportPage(browser, dir, html, '#cost[data-rendered="true"]');

/** How many pixels of a canvas are painted in a cloud's colour (a drawn bar, not an empty axis). */
const painted = (canvas: HTMLCanvasElement, rgb: readonly number[]) => {
  const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
  let count = 0;
  for (let i = 0; i < data.length; i += 4)
    if (data[i] === rgb[0] && data[i + 1] === rgb[1] && data[i + 2] === rgb[2]) count += 1;
  return count;
};

test("the self-contained page draws both charts with both clouds' bars, offline and without errors", async () => {
  const { page, problems, requests, href } = await open(renderCostReportHtml(report));
  // Checked before the test reads pixels back (Chromium warns about repeated getImageData itself).
  expect(problems).toEqual([]);
  expect(await page.$$eval('#cost canvas', (cs) => cs.map((c) => c.id))).toEqual(['cost-per-step', 'cost-monthly']);
  for (const id of ['cost-per-step', 'cost-monthly']) {
    expect(await page.$eval(`#${id}`, painted, [0xff, 0x99, 0x00])).toBeGreaterThan(0); // aws orange
    expect(await page.$eval(`#${id}`, painted, [0x00, 0x78, 0xd4])).toBeGreaterThan(0); // azure blue
  }
  expect(
    await page.$$eval('#cost-summary tbody tr', (trs) => trs.map((tr) => tr.querySelector('td')?.textContent)),
  ).toEqual(['aws', 'azure']);
  expect(requests).toEqual([href]);
  await page.close();
});

test("the section draws when Chart.js comes after it in the page, as in compare's report", async () => {
  const chartJs = readFileSync(join(dirname(require.resolve('chart.js')), 'chart.umd.min.js'), 'utf8').replace(
    /<\/script/gi,
    '<\\/script',
  );
  const html = `<!doctype html><html><head><meta charset="utf-8"><style>.chart{position:relative;height:300px;width:800px}</style></head><body>
<h1>compare</h1>${renderCostChartHtml(report)}<script>${chartJs}</script></body></html>`;
  const { page, problems } = await open(html);
  expect(problems).toEqual([]);
  expect(await page.$eval('#cost-monthly', painted, [0x00, 0x78, 0xd4])).toBeGreaterThan(0);
  await page.close();
});

test('a page without Chart.js never marks the section rendered (negative control for the wait above)', async () => {
  const file = join(dir, 'no-chart.html');
  writeFileSync(file, `<!doctype html><html><body>${renderCostChartHtml(report)}</body></html>`);
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(pathToFileURL(file).href);
  await page.waitForLoadState('load');
  expect(await page.$eval('#cost', (s) => s.dataset.rendered)).toBeUndefined();
  expect(errors.join(' ')).toContain('Chart is not defined');
  await page.close();
});
