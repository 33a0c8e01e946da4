// Opens an HTML report from a file in headless Chromium and collects what the page complains about and
// every request it makes, once the page says it has drawn (`readySelector`).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';

export async function openReportPage(browser: Browser, dir: string, html: string, readySelector: string) {
  const file = join(dir, `report-${Math.random().toString(36).slice(2)}.html`);
  writeFileSync(file, html);
  const page = await browser.newPage();
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector(readySelector, { timeout: 60_000 });
  return { page, problems, requests, href: pathToFileURL(file).href };
}
