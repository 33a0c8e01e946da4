import { connect, createServer, type Server, type Socket } from 'node:net';
import { listen } from '../listen';

/**
 * A loopback TCP forwarder in front of the Cosmos emulator, so the emulator can "go down" for fault
 * injection: @vercel/cosmosdb-server starts a new, empty account whenever it starts listening, so it
 * cannot be closed and reopened itself. Shut, the gate refuses connections (ECONNREFUSED, as for a
 * store that is down) and cuts the open ones; TLS passes through untouched.
 */
export class TcpGate {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private port = 0;

  constructor(target: { host: string; port: number }) {
    this.server = createServer((client) => {
      // No Nagle on either leg: TLS records relayed in pieces would otherwise wait for a delayed ACK (~40 ms).
      const upstream = connect({ port: target.port, host: target.host, noDelay: true });
      client.setNoDelay(true);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
  }

  async open(port: number, hint: string): Promise<number> {
    if (!this.server.listening) this.port = await listen(this.server, port, hint);
    return this.port;
  }

  /** Stops listening and cuts every forwarded connection. */
  async shut(): Promise<void> {
    const closed = new Promise<void>((resolve) =>
      this.server.listening ? this.server.close(() => resolve()) : resolve(),
    );
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }
}
