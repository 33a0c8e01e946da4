import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMain, waitForOutput } from './helpers/run-main';
import { ISSUER_OUTPUT } from '../../local/urls-output';
import { tokenFromIssuer } from '../support/tokens';

// `npm start` as a user runs it: a real process, real ports, real signals.

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'local-main-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

it('prints help and exits 0', async () => {
  const run = runMain(['--help']);
  expect(await run.exited).toBe(0);
  expect(run.stdout()).toMatch(/--aws-port <port>.*default 3001/);
  expect(run.stdout()).toMatch(/--in-memory/);
});

it('rejects an unknown flag with a usage line and exit 2', async () => {
  const run = runMain(['--aws-prot', '1']);
  expect(await run.exited).toBe(2);
  expect(run.stderr()).toMatch(/Unknown option '--aws-prot'/);
});

it('says which port is taken, in one line, and exits 2 without a stack trace', async () => {
  const blocker: Server = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const port = (blocker.address() as { port: number }).port;
  try {
    const run = runMain(['--azure-port', '0', '--data-dir', dataDir, '--in-memory'], { LOCAL_AWS_PORT: String(port) });
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toContain(`port ${port} is in use; pass --aws-port <port> to choose another`);
    expect(run.stderr()).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dataDir, 'urls.json'))).toBe(false);
  } finally {
    await new Promise((resolve) => blocker.close(resolve));
  }
});

it('refuses a taken issuer port in one line, exit 2, before the data directory is created', async () => {
  const blocker: Server = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const port = (blocker.address() as { port: number }).port;
  // On disk (not --in-memory): the data directory would be created by its lock.
  const fresh = join(dataDir, 'not-yet');
  try {
    const run = runMain(['--aws-port', '0', '--azure-port', '0', '--data-dir', fresh], {
      LOCAL_ISSUER_PORT: String(port),
    });
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toContain(`port ${port} is in use; choose another with --issuer-port or LOCAL_ISSUER_PORT`);
    expect(run.stderr()).not.toMatch(/\n\s+at /);
    expect(existsSync(fresh)).toBe(false);
  } finally {
    await new Promise((resolve) => blocker.close(resolve));
  }
});

it('serves both clouds, logs one JSON line per request, and shuts down cleanly on SIGINT', async () => {
  const run = runMain(['--aws-port', '0', '--azure-port', '0', '--data-dir', dataDir, '--in-memory']);
  try {
    const [, awsUrl, azureUrl] = await waitForOutput(
      run,
      /^awsUrl {4}(http:\/\/localhost:\d+)\nazureUrl {2}(http:\/\/localhost:\d+)$/m,
    );
    const [, issuer] = await waitForOutput(run, ISSUER_OUTPUT);
    expect(JSON.parse(readFileSync(join(dataDir, 'urls.json'), 'utf8'))).toMatchObject({
      awsUrl,
      azureUrl,
      issuer,
      pid: run.child.pid,
    });
    const token = await tokenFromIssuer(issuer!);
    for (const [url, servedBy] of [
      [awsUrl!, 'local-aws'],
      [azureUrl!, 'local-azure'],
    ] as const) {
      const response = await fetch(`${url}/api/notes/not-a-uuid`, { headers: { authorization: `Bearer ${token}` } });
      expect(response.status).toBe(404);
      expect(response.headers.get('x-served-by')).toBe(servedBy);
      await waitForOutput(run, new RegExp(`"cloud":"${servedBy}".*"route":"/api/notes/:id".*"status":404`));
    }
    const lines = run
      .stdout()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const line of lines)
      expect(line).toEqual(
        expect.objectContaining({
          cloud: expect.any(String),
          method: expect.any(String),
          route: expect.any(String),
          status: expect.any(Number),
          durationMs: expect.any(Number),
        }),
      );

    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
    expect(run.stderr()).toMatch(/SIGINT: finishing requests/);
    expect(existsSync(join(dataDir, 'urls.json'))).toBe(false);
    await expect(fetch(`${awsUrl}/api/hello`)).rejects.toThrow();
  } finally {
    run.child.kill('SIGKILL');
  }
});

describe('stopping the npm start command as a whole', () => {
  const upArgs = () => ['--aws-port', '0', '--azure-port', '0', '--data-dir', dataDir, '--in-memory'];

  it.each([
    ['SIGTERM to its process', (pid: number) => process.kill(pid, 'SIGTERM'), 'SIGTERM'],
    ['Ctrl-C (SIGINT to the whole process group)', (pid: number) => process.kill(-pid, 'SIGINT'), 'SIGINT'],
  ])('%s: drains, removes urls.json, frees the ports and exits 0', async (_, signal, name) => {
    const run = runMain(upArgs(), {}, { asStartScript: true });
    try {
      const [, awsUrl, azureUrl] = await waitForOutput(
        run,
        /^awsUrl {4}(http:\/\/localhost:\d+)\nazureUrl {2}(http:\/\/localhost:\d+)$/m,
      );
      const [, issuer] = await waitForOutput(run, ISSUER_OUTPUT);
      const token = await tokenFromIssuer(issuer!);
      const created = await fetch(`${awsUrl}/api/notes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: '{"title":"t","body":"b"}',
      });
      expect(created.status).toBe(201);
      signal(run.child.pid!);
      expect(await run.exited).toBe(0);
      expect(run.stderr()).toContain(`${name}: finishing requests`);
      expect(run.stderr()).toMatch(/^stopped$/m);
      expect(existsSync(join(dataDir, 'urls.json'))).toBe(false);
      for (const url of [awsUrl, azureUrl]) await expect(fetch(`${url}/api/hello`)).rejects.toThrow();
    } finally {
      try {
        process.kill(-run.child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });

  it('exits 1 with a message when a request never finishes within LOCAL_STOP_TIMEOUT_MS', async () => {
    const run = runMain(upArgs(), { LOCAL_STOP_TIMEOUT_MS: '300' });
    const { connect } = await import('node:net');
    let socket: ReturnType<typeof connect> | undefined;
    try {
      const [, port] = await waitForOutput(run, /^awsUrl {4}http:\/\/localhost:(\d+)$/m);
      // Half a request: the headers promise 100 bytes of body that never come, so it stays in flight.
      socket = connect(Number(port), '127.0.0.1');
      socket.on('error', () => {});
      await new Promise<void>((resolve) => socket!.once('connect', () => resolve()));
      socket.write(
        'POST /api/notes HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"title"',
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(1);
      expect(run.stderr()).toContain(
        'still stopping after 300 ms (a request or delivery does not finish): exiting without waiting',
      );
    } finally {
      socket?.destroy();
      run.child.kill('SIGKILL');
    }
  });
});
