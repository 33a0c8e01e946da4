import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalMode, LocalOptions } from '../../local/start-local';
import { silentLogger } from '../../local/log';
import { createServer } from 'node:net';
import { call as anonymousCall, json } from './helpers/clouds';
import { signedInCall, tokenFor } from '../support/tokens';

let call: typeof anonymousCall;

/** A loopback port free right now (the OS hands out another when asked for 0). */
function freePort(): Promise<number> {
  const server = createServer();
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    }),
  );
}
import { noteEventType } from '../../contract/events';

// On-disk local mode across a restart. Each start loads local mode (and the handlers, whose SDK
// clients are cached per module as in a Lambda/Functions container) in a fresh module registry,
// exactly as a new `npm start` process would.

async function freshStart(options: LocalOptions): Promise<LocalMode> {
  let start: typeof import('../../local/start-local').startLocal | undefined;
  await jest.isolateModulesAsync(async () => {
    ({ startLocal: start } = await import('../../local/start-local'));
  });
  return start!(options);
}

let dataDir: string;
beforeAll(() => {
  jest.spyOn(console, 'log').mockImplementation(() => {});
  dataDir = mkdtempSync(join(tmpdir(), 'local-mode-disk-'));
});
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  jest.restoreAllMocks();
});

it('keeps notes and delivers pending events across a graceful restart', async () => {
  // With a delivery latency the events are certainly still pending when stop() is called.
  // The same issuer port on both starts, as `npm start` keeps 3003: the owner (issuer + subject) of the
  // kept notes is the same user after the restart, even though the issuer's keys are new.
  const options: LocalOptions = {
    awsPort: 0,
    azurePort: 0,
    issuerPort: await freePort(),
    dataDir,
    log: silentLogger,
    retry: { maxAttempts: 3, baseDelayMs: 5, latencyMs: 150 },
  };
  const first = await freshStart(options);
  call = signedInCall(anonymousCall, await tokenFor(first));
  const notes: { url: string; path: string }[] = [];
  try {
    for (const url of [first.awsUrl, first.azureUrl]) {
      const created = await call(url, '/api/notes', { method: 'POST', ...json({ title: 'kept', body: 'on disk' }) });
      const path = created.headers.get('location')!;
      const updated = await call(url, path, {
        method: 'PUT',
        ...json({ title: 'kept', body: 'updated' }, { 'if-match': '"1"' }),
      });
      expect(updated.status).toBe(200);
      notes.push({ url, path });
    }
    expect(first.pending()).toBeGreaterThan(0);
  } finally {
    // Straight away, without waiting for the events: stop() must deliver them before it resolves.
    await first.stop();
  }
  expect(first.pending()).toBe(0);

  const second = await freshStart(options);
  call = signedInCall(anonymousCall, await tokenFor(second));
  try {
    // Loading the saved stores is not a change: nothing is re-published (latency keeps it pending if it were).
    expect(second.pending()).toBe(0);
    const urls = [second.awsUrl, second.azureUrl];
    for (const [i, { path }] of notes.entries()) {
      const note = await call(urls[i]!, path);
      expect(note.status).toBe(200);
      expect(note.json).toMatchObject({ title: 'kept', body: 'updated', version: 2 });
      const activity = await call(urls[i]!, `${path}/activity`);
      expect((activity.json as { items: { type: string }[] }).items.map((a) => a.type)).toEqual([
        noteEventType('created'),
        noteEventType('updated'),
      ]);
    }
    expect(
      [first.deadLetters, second.deadLetters]
        .flatMap((d) => [...Object.values(d.aws), ...Object.values(d.azure)])
        .flat(),
    ).toEqual([]);
  } finally {
    await second.stop();
  }
});
