// Headers, Request and Response for a bundle that answers API requests without loading Node's undici
// (a share of every Lambda cold start: docs/ARCHITECTURE.md "Bundles"). esbuild's `inject` puts these in place of
// the globals of those names in the AWS api bundle only (program/bundle/esbuild.ts), so hono and our
// routes use them there; globalThis is untouched, and `fetch` stays Node's. Everywhere else (tests, local
// mode, Azure) the globals are Node's own; test/core/lite-fetch checks both answer alike.
export { LiteHeaders as Headers } from './headers';
export { LiteRequest as Request } from './request';
export { LiteResponse as Response } from './response';
