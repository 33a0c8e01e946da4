// Finds a Chromium or Chrome for the browser tests: $CHROMIUM_PATH first, then the usual command names on
// PATH, then the default install places on macOS and Windows. A machine without one skips those tests
// with the command that installs one; CI sets REQUIRE_BROWSER=1, which turns a missing browser into a
// failure so the report is always tested there.
import { accessSync, constants } from 'node:fs';
import { findOnPath } from '../../compare/discover';

export const BROWSER_PATH_ENV = 'CHROMIUM_PATH';
export const REQUIRE_BROWSER_ENV = 'REQUIRE_BROWSER';

const COMMAND_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];
const INSTALL_PLACES = [
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
];

export const INSTALL_HINT =
  `no Chromium or Chrome found: set ${BROWSER_PATH_ENV}, or install one (Debian/Ubuntu: \`sudo apt-get install chromium\`; ` +
  'macOS: `brew install --cask chromium`)';

/** Headless flags for a closed network: no background requests, no sandbox (CI runs as root). */
export const HEADLESS_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function findBrowser(env: NodeJS.ProcessEnv = process.env, installPlaces = INSTALL_PLACES): string | undefined {
  const explicit = env[BROWSER_PATH_ENV];
  if (explicit) {
    if (!isExecutable(explicit)) throw new Error(`${BROWSER_PATH_ENV}=${explicit} is not an executable file`);
    return explicit;
  }
  for (const name of COMMAND_NAMES) {
    const found = findOnPath(name, env.PATH);
    if (found) return found;
  }
  return installPlaces.find(isExecutable);
}

/**
 * The browser for a test file, or undefined when the file's tests should be skipped. Throws when CI
 * requires a browser and there is none.
 */
export function browserForTests(
  env: NodeJS.ProcessEnv = process.env,
  installPlaces = INSTALL_PLACES,
): string | undefined {
  const found = findBrowser(env, installPlaces);
  if (found) return found;
  if (env[REQUIRE_BROWSER_ENV] === '1') throw new Error(`${REQUIRE_BROWSER_ENV}=1 and ${INSTALL_HINT}`);
  console.warn(`browser tests skipped: ${INSTALL_HINT}`);
  return undefined;
}
