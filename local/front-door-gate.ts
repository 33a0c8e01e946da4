import type { RequestListener, Server, ServerResponse } from 'node:http';
import type { ServedBy } from '../contract/served-by';
import { RETRY_SOON } from '../handlers/core/problem';
import { refuse } from './front-door-refusal';
import { close, listen } from './listen';
import type { LocalLogger } from './log';

/**
 * An emulated cloud's public port, driven by local mode's lifecycle rather than by the front door's
 * request handling (which it wraps unchanged, parser and CONNECT handling included). It listens
 * first (a taken port is reported before anything is loaded), answers 503 problem+json with
 * Retry-After until `serve` hands it the cloud's api handler, and on `close` stops the way a drained
 * load balancer does: no new connections, `Connection: close` on every answer from then on (so
 * keep-alive clients cannot keep it open), idle keep-alive sockets closed, requests in flight finished.
 */
export class FrontDoorGate<Handler> {
  readonly server: Server;
  private handler: Handler | undefined;
  private closing = false;
  private readonly inFlight = new Set<ServerResponse>();

  /** `createFrontDoor` builds the emulated API Gateway / Function App around a handler getter. */
  constructor(
    private readonly servedBy: ServedBy,
    private readonly log: LocalLogger,
    private readonly portHint: string,
    createFrontDoor: (getHandler: () => Promise<Handler>) => Server,
  ) {
    this.server = createFrontDoor(async () => {
      if (this.handler === undefined) throw new Error(`${servedBy} has no api handler yet`); // the gate answers 503 before
      return this.handler;
    });
    const frontDoor = this.server.listeners('request') as RequestListener[];
    this.server.removeAllListeners('request');
    this.server.on('request', (req, res) => {
      this.inFlight.add(res);
      res.once('close', () => this.inFlight.delete(res));
      if (this.closing) this.lastAnswer(res);
      if (this.handler === undefined) {
        // Not a failure of the app: the store is still loading. Clients retry (as on a cold start).
        return refuse({ servedBy: this.servedBy, log: this.log }, req, res, performance.now(), {
          status: 503,
          detail: 'Local mode is starting: the store is still loading; retry shortly.',
          headers: RETRY_SOON,
        });
      }
      for (const listener of frontDoor) listener.call(this.server, req, res);
    });
  }

  /** Listens on loopback; PortInUseError (with the hint) when the port is taken. */
  open(port: number): Promise<number> {
    return listen(this.server, port, this.portHint);
  }

  get url(): string {
    const address = this.server.address();
    return `http://localhost:${typeof address === 'object' && address ? address.port : 0}`;
  }

  /** The cloud is loaded: from now on requests reach the front door and `handler`. */
  serve(handler: Handler): void {
    this.handler = handler;
  }

  /** Stops accepting and resolves when every connection is closed (requests in flight finished). */
  close(): Promise<void> {
    this.closing = true;
    for (const res of this.inFlight) if (!res.headersSent) this.lastAnswer(res);
    return close(this.server);
  }

  private lastAnswer(res: ServerResponse): void {
    res.setHeader('connection', 'close');
    // The socket of an answer already on its way goes idle afterwards: close it then.
    res.once('finish', () => setImmediate(() => this.server.closeIdleConnections()));
  }
}
