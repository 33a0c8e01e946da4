// GET a JSON document from the issuer (discovery, JWKS) over node:http/https, which the AWS SDK has
// loaded anyway: Node's `fetch` would load undici on a Lambda's first signed-in request
// (docs/ARCHITECTURE.md "Bundles"). What jose and discovery.ts use of fetch, and no more: a status, the
// body as JSON, no redirect followed, the whole exchange bounded by the caller's AbortSignal.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** A JWKS or discovery document is a few KB: more than this is not one (fetch sets no such bound). */
export const MAX_ISSUER_DOCUMENT_BYTES = 1024 * 1024;

export interface IssuerResponse {
  status: number;
  json(): Promise<unknown>;
}

export interface IssuerGetInit {
  signal?: AbortSignal;
  /** Headers as jose passes them (a Headers object) or a record. */
  headers?: Iterable<[string, string]> | Record<string, string>;
}

function headerRecord(headers: IssuerGetInit['headers']): Record<string, string> {
  if (!headers) return {};
  if (Symbol.iterator in headers) return Object.fromEntries(headers as Iterable<[string, string]>);
  return { ...(headers as Record<string, string>) };
}

/** fetch(url, { method: 'GET', redirect: 'manual' | 'error' }) as far as the issuer's documents need it. */
export function issuerGet(url: string | URL, init: IssuerGetInit = {}): Promise<IssuerResponse> {
  const target = new URL(String(url));
  const send = target.protocol === 'https:' ? httpsRequest : target.protocol === 'http:' ? httpRequest : undefined;
  if (!send) return Promise.reject(new TypeError(`issuerGet: ${target.protocol} is not http or https`));
  const { signal } = init;
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise<IssuerResponse>((resolve, reject) => {
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', abort);
      outcome();
    };
    const fail = (error: unknown) => finish(() => reject(signal?.aborted ? signal.reason : error));
    // No pooled socket: these fetches are rare, and a kept-alive socket would outlive the caller.
    const request = send(target, { method: 'GET', headers: headerRecord(init.headers), agent: false });
    const abort = () => request.destroy(signal!.reason);
    signal?.addEventListener('abort', abort, { once: true });
    request.on('error', fail);
    request.on('response', (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_ISSUER_DOCUMENT_BYTES) request.destroy(new Error('the issuer document is too large'));
        else chunks.push(chunk);
      });
      response.on('error', fail);
      response.on('close', () => {
        if (!response.complete) fail(new Error('the issuer closed the connection mid-answer'));
      });
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        finish(() => resolve({ status: response.statusCode ?? 0, json: async () => JSON.parse(text) }));
      });
    });
    request.end();
  });
}
