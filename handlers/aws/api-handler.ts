// The API Gateway HTTP API (payload 2.0) adapter around core's app: the event becomes a fetch Request,
// the app's Response becomes the result API Gateway expects. Written here rather than taken from
// `hono/aws-lambda` (deprecated for v5, and built for every Lambda event shape): this one serves the
// one shape we deploy, keeps empty header values the app must see, and is a third of its size.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { Hono } from 'hono';
import type { ServedBy } from '../../contract/served-by';
import { type AppOptions, createApp } from '../core/app';
import type { Logger } from '../core/log';
import { encodeDecodedPath } from '../core/path-decoding';
import { precheckRequest } from '../core/request-precheck';

/** What API Gateway takes back from a payload 2.0 function (status, headers, body, cookies). */
export type ApiResult = APIGatewayProxyStructuredResultV2 & {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: boolean;
};

export type ApiHandler = (event: APIGatewayProxyEventV2, context?: Context) => Promise<ApiResult>;

/** What the app's handlers find in `c.env`, as hono's own Lambda adapter passes it. */
export interface LambdaBindings {
  event: APIGatewayProxyEventV2;
  requestContext: APIGatewayProxyEventV2['requestContext'];
  lambdaContext: Context | undefined;
}

/** Core's app as a payload 2.0 Lambda handler. */
export function apiHandler(options: AppOptions): ApiHandler {
  return lambdaHandlerFor(createApp(options), options.servedBy, options.log);
}

/**
 * Header values as the app sees them, empty ones included. API Gateway moves cookies to `cookies`; a
 * Function URL event may carry them in both places: `cookies` wins, joined as one Cookie header.
 */
function headerEntries(event: APIGatewayProxyEventV2): [string, string][] {
  const cookies = event.cookies?.length ? event.cookies.join('; ') : undefined;
  const entries = Object.entries(event.headers ?? {}).filter(
    (e): e is [string, string] => e[1] !== undefined && (cookies === undefined || e[0].toLowerCase() !== 'cookie'),
  );
  if (cookies !== undefined) entries.push(['cookie', cookies]);
  return entries;
}

// Answers whose type is not text, JSON or XML go back base64-encoded, as do encoded (compressed) ones:
// the rule of hono's Lambda adapter (defaultIsContentTypeBinary, isContentEncodingBinary in hono/aws-lambda).
const TEXT_TYPE = /^text\/(?:plain|html|css|javascript|csv)|(?:\/|\+)(?:json|xml)\s*(?:;|$)/i;
const BINARY_XML_TYPE = /^application\/vnd\.(?:apple\.installer|mozilla\.xul)\+xml\s*(?:;|$)/i;

function isBinary(response: Response): boolean {
  const type = response.headers.get('content-type');
  const encoding = response.headers.get('content-encoding');
  if (type && (BINARY_XML_TYPE.test(type) || !TEXT_TYPE.test(type))) return true;
  return !!encoding && !/^identity$/i.test(encoding);
}

/**
 * The request as the app must see it. The URL's host is `requestContext.domainName`, which API Gateway
 * vouches for, never the Host header; the path is the decoded rawPath encoded again (`encodeDecodedPath`).
 * A body on GET or HEAD is dropped: fetch's Request refuses one, and it has no meaning (RFC 9110 §9.3.1).
 */
function requestOf(event: APIGatewayProxyEventV2, method: string, entries: [string, string][]): Request {
  const query = event.rawQueryString ? `?${event.rawQueryString}` : '';
  const url = `https://${event.requestContext.domainName}${encodeDecodedPath(event.rawPath)}${query}`;
  const headers = new Headers(entries);
  const init: RequestInit = { method, headers };
  if (event.body !== undefined && event.body !== null && method !== 'GET' && method !== 'HEAD') {
    const body = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
    // The length of the bytes the app reads, whatever the client claimed (hono's adapter does the same).
    headers.set('content-length', String(body.byteLength));
    init.body = body;
  }
  return new Request(url, init);
}

/** The app's answer in the shape API Gateway expects; Set-Cookie headers go to `cookies`, one each. */
async function toLambdaResult(response: Response, method: string): Promise<ApiResult> {
  const binary = isBinary(response);
  let content = '';
  if (method !== 'HEAD')
    content = binary ? Buffer.from(await response.arrayBuffer()).toString('base64') : await response.text();
  const cookies = response.headers.getSetCookie();
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  return {
    statusCode: response.status,
    headers,
    body: content,
    isBase64Encoded: binary,
    ...(cookies.length > 0 ? { cookies } : {}),
  };
}

/** Any hono app behind the same adapter (tests probe the adapter with their own routes). */
export function lambdaHandlerFor(app: Hono, servedBy: ServedBy = 'aws', log?: Logger): ApiHandler {
  return async (event, context) => {
    const method = event.requestContext.http.method.toUpperCase();
    const headers = headerEntries(event);
    const refused = precheckRequest(
      { method, decodedPath: event.rawPath, headers },
      { servedBy, routes: app.routes, log },
    );
    if (refused) return toLambdaResult(refused, method);
    const env: LambdaBindings = { event, requestContext: event.requestContext, lambdaContext: context };
    return toLambdaResult(await app.fetch(requestOf(event, method, headers), env), method);
  };
}
