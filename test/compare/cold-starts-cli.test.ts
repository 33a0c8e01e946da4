// `compare --cold-starts N` from the command line: against local mode (found through .local/urls.json)
// it forces fresh local-mode processes, prints the table, writes --json and a report that renders in a
// real browser; bad uses are one line on stderr and exit 2, before anything is restarted.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { runCli } from '../../compare/cli';
import type { ColdStartReport } from '../../compare/cold-starts/run-cold-starts';
import { browserForTests, HEADLESS_ARGS } from '../support/browser';
import { capturedIo } from './captured-io';
import { startPair } from './core-server';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'compare-cold-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const io = () => capturedIo(dir);

test('against local mode: one fresh process per cloud, the JSON on stdout and a report that renders', async () => {
  // A running local mode, as discovery finds it (the cold starts themselves use fresh processes).
  const pair = await startPair();
  const browserPath = browserForTests();
  try {
    mkdirSync(join(dir, '.local'));
    writeFileSync(join(dir, '.local', 'urls.json'), JSON.stringify({ awsUrl: pair.aws.url, azureUrl: pair.azure.url }));
    const cli = io();
    const code = await runCli(['--cold-starts', '1', '--json', '--report', 'cold.html'], cli);
    expect([code, cli.err()]).toEqual([0, expect.stringContaining('cold start 1/1')]);
    const report = JSON.parse(cli.out()) as ColdStartReport;
    expect(report.count).toBe(1);
    expect(report.clouds.map((c) => [c.cloud, c.samples.map((s) => s.status), c.firstRequestMs.n])).toEqual([
      ['aws', [200], 1],
      ['azure', [200], 1],
    ]);
    expect(report.clouds[0]!.target).toMatch(/fresh local-mode process/);

    const html = readFileSync(join(dir, 'cold.html'), 'utf8');
    expect(html).toMatch(/<h1>Cold starts: 1 forced per cloud<\/h1>/);
    if (browserPath) {
      const browser = await chromium.launch({ executablePath: browserPath, args: HEADLESS_ARGS });
      try {
        const page = await browser.newPage();
        const errors: string[] = [];
        page.on('pageerror', (error) => errors.push(error.message));
        await page.goto(pathToFileURL(join(dir, 'cold.html')).href);
        await page.waitForSelector('body[data-rendered="true"]', { timeout: 60_000 });
        expect(errors).toEqual([]);
        expect(await page.locator('#cold-start-table tbody tr').count()).toBe(2);
        // The chart drew something: a canvas with pixels is wider than the blank default.
        expect(
          await page.evaluate(() => (document.getElementById('cold-starts') as HTMLCanvasElement).width),
        ).toBeGreaterThan(300);
      } finally {
        await browser.close();
      }
    }
  } finally {
    await pair.close();
  }
});

test('with --aws/--azure, out of range, or without any deployment: exit 2, one line, nothing forced', async () => {
  for (const [args, message] of [
    [['--cold-starts', '1', '--aws', 'http://a', '--azure', 'http://b'], /--cold-starts needs to know what to restart/],
    [['--cold-starts', '0'], /--cold-starts must be in 1\.\.50/],
    [['--cold-starts', '1'], /no URLs to compare/],
  ] as const) {
    const cli = io();
    expect(await runCli([...args], cli)).toBe(2);
    expect(cli.err()).toMatch(message);
    expect(cli.err().trim().split('\n')).toHaveLength(1);
    expect(cli.out()).toBe('');
  }
});
