import type { Server } from 'node:http';
import { close, listen } from '../../../local/listen';

/** Runs `run` against `server` on a free loopback port, then closes it. */
export async function withListening(server: Server, run: (port: number) => Promise<void>): Promise<void> {
  const port = await listen(server, 0);
  try {
    await run(port);
  } finally {
    server.closeAllConnections();
    await close(server);
  }
}
