// API Gateway payload 2.0 events for tests: real fixtures re-aimed at our routes, and a plain builder.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { ApiResult } from '../../../handlers/aws/api-handler';
import { loadFixture } from './fixtures';

export const V2_DIR = 'aws-apigw-v2';

export function v2Fixture(file: string): APIGatewayProxyEventV2 {
  return loadFixture<APIGatewayProxyEventV2>(V2_DIR, file);
}

/** The fixture with another method, path, query or body; everything else (headers, cookies, authorizer) kept. */
export function retarget(
  event: APIGatewayProxyEventV2,
  change: {
    method?: string;
    path?: string;
    query?: string;
    body?: string | undefined;
    base64?: boolean;
    headers?: Record<string, string>;
  },
): APIGatewayProxyEventV2 {
  const copy = structuredClone(event);
  if (change.method) copy.requestContext.http.method = change.method;
  if (change.path !== undefined) {
    copy.rawPath = change.path;
    copy.requestContext.http.path = change.path;
  }
  if (change.query !== undefined) copy.rawQueryString = change.query;
  if ('body' in change) {
    if (change.body === undefined) delete copy.body;
    else copy.body = change.body;
    copy.isBase64Encoded = change.base64 ?? false;
  }
  if (change.headers) copy.headers = { ...copy.headers, ...change.headers };
  return copy;
}

/** A minimal event as an HTTP API $default route sends it (based on lambda-go_no-authorizer.json). */
export function v2Request(
  method: string,
  pathAndQuery: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
) {
  const [path, query = ''] = pathAndQuery.split('?');
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  return retarget(v2Fixture('lambda-go_no-authorizer.json'), {
    method,
    path: path!,
    query,
    body,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers },
  });
}

/** What API Gateway accepts back from a payload 2.0 integration. */
export function expectValidV2Result(result: ApiResult): void {
  expect(Number.isInteger(result.statusCode) && result.statusCode >= 100 && result.statusCode <= 599).toBe(true);
  expect(typeof result.body).toBe('string');
  expect(typeof result.isBase64Encoded).toBe('boolean');
  expect((result as { multiValueHeaders?: unknown }).multiValueHeaders).toBeUndefined();
  expect(typeof result.headers).toBe('object');
  for (const [name, value] of Object.entries(result.headers ?? {})) {
    expect(name).toBe(name.toLowerCase());
    expect(typeof value).toBe('string');
  }
  // Payload 2.0 returns Set-Cookie in `cookies`, never as a header.
  expect(Object.keys(result.headers ?? {})).not.toContain('set-cookie');
  if (result.cookies !== undefined) {
    expect(Array.isArray(result.cookies)).toBe(true);
    for (const cookie of result.cookies) expect(typeof cookie).toBe('string');
  }
}

export const jsonOf = (result: ApiResult): unknown => JSON.parse(result.body);
