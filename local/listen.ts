import type { Server as HttpServer } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { AddressInfo, Server as NetServer } from 'node:net';

/** A port someone else holds: main.ts turns it into one clear line and exit code 2. */
export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly hint: string,
  ) {
    super(`port ${port} is in use; ${hint}`);
    this.name = 'PortInUseError';
  }
}

type Server = HttpServer | HttpsServer;

/** Listens on loopback only (nothing here is meant for the network) and resolves the bound port. */
export function listen(server: NetServer, port: number, hint = 'choose another port'): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(error.code === 'EADDRINUSE' || error.code === 'EACCES' ? new PortInUseError(port, hint) : error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, '127.0.0.1');
  });
}

/** Stops accepting, lets in-flight requests finish, then drops idle keep-alive sockets. */
export function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!server.listening) return resolve();
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeIdleConnections();
  });
}
