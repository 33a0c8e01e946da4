// The routes every peer serves (the API's, docs/ARCHITECTURE.md), in middy's and serverless.yml's path
// syntax; `signedIn`: behind the Bearer token check, as ours. Read by the peer handlers and by the
// serverless-offline service definition, so both name the same routes.
export interface PeerRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  signedIn: boolean;
}

export const PEER_ROUTES: readonly PeerRoute[] = [
  { method: 'GET', path: '/api/hello', signedIn: false },
  { method: 'GET', path: '/api/health', signedIn: false },
  { method: 'GET', path: '/api/notes', signedIn: true },
  { method: 'POST', path: '/api/notes', signedIn: true },
  { method: 'GET', path: '/api/notes/{id}', signedIn: true },
  { method: 'PUT', path: '/api/notes/{id}', signedIn: true },
  { method: 'DELETE', path: '/api/notes/{id}', signedIn: true },
  { method: 'GET', path: '/api/notes/{id}/activity', signedIn: true },
];
