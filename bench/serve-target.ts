// A server under load, in its own process so the load generator does not share its event loop.
// `floor`: core's app with memory stores on @hono/node-server, nothing else (the fastest our router can
// be on Node). `local`: local mode in memory, both emulated clouds. `local-durable`: local mode as `npm start`
// runs it, on disk (every write and change fsync'd before its answer). Sends its URLs over IPC, stops on "stop".
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';

export type ServeKind = 'floor' | 'local' | 'local-durable';
const serveKinds: readonly string[] = ['floor', 'local', 'local-durable'] satisfies ServeKind[];
/** `awsDynamoDb`: local mode's DynamoDB endpoint (behind its stream capture), for the peers' handlers. */
/** `issuer`: local mode's own OIDC issuer (undefined with sign-in off). */
export type ServedUrls =
  | { floor: string }
  | { aws: string; azure: string; awsDynamoDb: string | undefined; issuer?: string };

// Each kind imports only what it serves: the floor process must not carry local mode's emulators.
async function startFloor(): Promise<{ urls: ServedUrls; stop: () => Promise<void> }> {
  const { serve } = await import('@hono/node-server');
  const { createApp } = await import('../handlers/core/app');
  const { MemoryActivityStore, MemoryNoteStore } = await import('../handlers/core/memory-stores');
  const { noSignIn } = await import('../handlers/core/auth/authenticator');
  const app = createApp({
    auth: noSignIn(),
    notes: new MemoryNoteStore(),
    activity: new MemoryActivityStore(),
    servedBy: 'local-aws',
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    urls: { floor: `http://127.0.0.1:${port}` },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function startLocalMode(inMemory: boolean): Promise<{ urls: ServedUrls; stop: () => Promise<void> }> {
  const { silentLogger } = await import('../local/log');
  const { startLocal } = await import('../local/start-local');
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-local-'));
  // Request lines would only measure a terminal; local mode routes the handlers' lines to this sink too.
  const local = await startLocal({ awsPort: 0, azurePort: 0, inMemory, dataDir, log: silentLogger });
  // Local mode prints localhost URLs but listens on 127.0.0.1: skip the name lookup under load.
  const loopback = (url: string) => url.replace('//localhost:', '//127.0.0.1:');
  return {
    // Local mode put its emulators' endpoints into this process's environment, where the handlers read them.
    urls: {
      aws: loopback(local.awsUrl),
      azure: loopback(local.azureUrl),
      awsDynamoDb: process.env.AWS_ENDPOINT_URL_DYNAMODB,
      issuer: local.issuer?.issuer,
    },
    stop: async () => {
      await local.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function main(): Promise<void> {
  const kind = process.argv[2];
  if (kind === undefined || !serveKinds.includes(kind))
    throw new Error(`usage: serve-target.ts ${serveKinds.join('|')}, not ${String(kind)}`);
  if (!process.send) throw new Error('serve-target.ts must be started with an IPC channel');
  const target = kind === 'floor' ? await startFloor() : await startLocalMode(kind === 'local');
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    target.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('message', (message) => message === 'stop' && stop());
  // The bench died or was interrupted without saying stop: do not outlive it.
  process.on('disconnect', stop);
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.send({ urls: target.urls });
}

main().catch((error: unknown) => {
  process.stderr.write(`serve-target failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
