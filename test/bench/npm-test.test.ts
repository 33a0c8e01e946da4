// `--with-tests` times `npm test` in the repository; here it runs a stand-in project's test script.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureNpmTest } from '../../bench/npm-test';

describe('timing npm test', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bench-npm-test-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const project = (script: string) =>
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name: 'stand-in', version: '1.0.0', private: true, scripts: { test: script } }),
    );

  it('reports the exit code of the test script, failing or not, with its wall time', async () => {
    project('node -e "process.exit(3)"');
    const failed = await measureNpmTest(dir);
    expect(failed.exitCode).toBe(3);
    expect(failed.ms).toBeGreaterThan(0);
    project('node -e "process.exit(0)"');
    expect((await measureNpmTest(dir)).exitCode).toBe(0);
  });

  it('kills a test run that outlives its timeout', async () => {
    project('node -e "setTimeout(() => {}, 60000)"');
    const run = await measureNpmTest(dir, 1_000);
    expect(run.exitCode).not.toBe(0);
  });
});
