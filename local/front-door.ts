import { createServer, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { ServedBy } from '../handlers/core/log';
import { problemResponse, RETRY_SOON } from '../handlers/core/problem';
import { close, listen } from './listen';

/**
 * An emulated cloud's public port, owned by local mode's lifecycle rather than by the app's request
 * handling. It listens first (a taken port is reported before anything is loaded), answers 503
 * problem+json with Retry-After until the cloud's store is loaded and `serve` hands it the front
 * door's request handler, and on `close` stops the way a drained load balancer does: no new
 * connections, `Connection: close` on every answer from then on (so keep-alive clients cannot keep
 * it open), idle keep-alive sockets closed, requests in flight finished.
 */
export class FrontDoor {
  readonly server: Server;
  private app: RequestListener | undefined;
  private closing = false;
  private readonly inFlight = new Set<ServerResponse>();

  constructor(
    private readonly servedBy: ServedBy,
    private readonly portHint: string,
  ) {
    this.server = createServer((req, res) => {
      this.inFlight.add(res);
      res.once('close', () => this.inFlight.delete(res));
      if (this.closing) this.lastAnswer(res);
      if (this.app) return this.app(req, res);
      // Not a failure of the app: the store is still loading. Clients retry (as on a cold start).
      void this.answerStarting(res);
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

  /** From now on requests go to `app` (the emulated API Gateway / Function App). */
  serve(app: Server): void {
    const [listener, ...more] = app.listeners('request') as RequestListener[];
    if (!listener || more.length > 0) throw new Error('a front door serves exactly one request handler');
    this.app = listener;
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

  private async answerStarting(res: ServerResponse): Promise<void> {
    const problem = problemResponse(503, 'Local mode is starting: the store is still loading; retry shortly.', { headers: RETRY_SOON });
    problem.headers.forEach((value, name) => res.setHeader(name, value));
    res.setHeader('x-served-by', this.servedBy);
    res.writeHead(problem.status);
    res.end(await problem.text());
  }
}

export interface FrontDoors {
  aws: FrontDoor;
  azure: FrontDoor;
}

/** Both public ports, listening; PortInUseError (and nothing left open) when one is taken. */
export async function openFrontDoors(ports: { aws: number; azure: number }): Promise<FrontDoors> {
  const doors: FrontDoors = {
    aws: new FrontDoor('local-aws', 'pass --aws-port <port> to choose another'),
    azure: new FrontDoor('local-azure', 'pass --azure-port <port> to choose another'),
  };
  try {
    await doors.aws.open(ports.aws);
    await doors.azure.open(ports.azure);
    return doors;
  } catch (error) {
    await Promise.all([doors.aws.close(), doors.azure.close()]);
    throw error;
  }
}
