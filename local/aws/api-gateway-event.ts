import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { decodePathLeniently } from '../../handlers/core/path-decoding';
import { originFormOf, ownHost } from '../request-target';

// Builds the event API Gateway HTTP API sends with payload format 2.0 and a `$default` route
// (see test/fixtures/aws-apigw-v2 for captured examples).

const localApi = { accountId: '000000000000', apiId: 'local' };

/** API Gateway passes these content types as text; everything else arrives base64-encoded. */
export function isTextContentType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return (
    type.startsWith('text/') ||
    /^application\/([\w.+-]+\+)?(json|xml)$/.test(type) ||
    type === 'application/x-www-form-urlencoded' ||
    type === 'application/javascript'
  );
}

/** "25/Mar/2020:05:09:51 +0000", the format of requestContext.time. */
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

export function formatRequestTime(date: Date): string {
  return `${pad(date.getUTCDate())}/${months[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}

const plainPath = /^\/[A-Za-z0-9\-_~!$&'()*+,;=:@/]*$/;

/**
 * rawPath as API Gateway hands it over: dot segments sent as such ("/./", "/%2e%2e/") resolved the
 * way any URL parser (and the Functions host) resolves them, then percent-decoded, %2F included.
 * Only encoded slashes can still produce "." or ".." segments, which the adapter refuses.
 */
export function toRawPath(pathAsSent: string): string {
  // Most paths have no dot, escape, backslash or character a URL parser would encode: already final.
  if (plainPath.test(pathAsSent)) return pathAsSent;
  const resolved = new URL(`http://localhost${pathAsSent.startsWith('/') ? '' : '/'}${pathAsSent}`).pathname;
  return decodePathLeniently(resolved);
}

export interface EventContext {
  requestId: string;
  now: Date;
}

export function toApiGatewayEvent(req: IncomingMessage, body: Buffer, context: EventContext): APIGatewayProxyEventV2 {
  // The front door refuses a target that is no path before it builds an event.
  const rawUrl = originFormOf(req.url ?? '/') ?? '/';
  const queryAt = rawUrl.indexOf('?');
  const rawPath = toRawPath(queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt));
  const rawQueryString = queryAt === -1 ? '' : rawUrl.slice(queryAt + 1);

  // Node keeps repeated headers in rawHeaders; API Gateway joins them with commas, lower-cased.
  const headers: Record<string, string> = {};
  let cookies: string[] = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!.toLowerCase();
    const value = req.rawHeaders[i + 1]!;
    if (name === 'cookie') {
      // Cookies travel in their own array, not in headers.
      cookies = cookies.concat(
        value
          .split(';')
          .map((c) => c.trim())
          .filter(Boolean),
      );
      continue;
    }
    headers[name] = name in headers ? `${headers[name]},${value}` : value;
  }
  const sourceIp = (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  headers['x-forwarded-for'] ??= sourceIp;
  headers['x-forwarded-proto'] ??= 'http';
  headers['x-forwarded-port'] ??= String(req.socket.localPort ?? '');

  const query: Record<string, string> = {};
  for (const [name, value] of rawQueryString === '' ? [] : new URLSearchParams(rawQueryString)) {
    query[name] = name in query ? `${query[name]},${value}` : value;
  }

  const method = (req.method ?? 'GET').toUpperCase();
  // API Gateway's own domain, never the client's Host header (hono builds the app's URL from it).
  const domainName = ownHost(req);
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    headers,
    requestContext: {
      // Written out rather than spread from localApi: the spread made this event ~5x slower to build.
      accountId: localApi.accountId,
      apiId: localApi.apiId,
      domainName,
      domainPrefix: domainName.split('.')[0]!,
      http: {
        method,
        path: rawPath,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: context.requestId,
      routeKey: '$default',
      stage: '$default',
      time: formatRequestTime(context.now),
      timeEpoch: context.now.getTime(),
    },
    isBase64Encoded: false,
  };
  if (cookies.length > 0) event.cookies = cookies;
  if (Object.keys(query).length > 0) event.queryStringParameters = query;
  if (body.length > 0) {
    // Bytes that are not UTF-8 travel base64-encoded even with a text type, so none is lost.
    const text = isTextContentType(headers['content-type']) && isUtf8(body);
    event.body = text ? body.toString('utf8') : body.toString('base64');
    event.isBase64Encoded = !text;
  }
  return event;
}
