import type { ServerResponse } from 'node:http';

/** A structured payload-2.0 result; header values may be arrays, which API Gateway comma-joins. */
export interface StructuredResult {
  statusCode?: number;
  headers?: Record<string, string | number | boolean | string[]>;
  cookies?: string[];
  body?: string;
  isBase64Encoded?: boolean;
}

/** What a Lambda behind payload 2.0 may return: a structured result, or any JSON value. */
export type LambdaHttpResult = StructuredResult | string | number | boolean | null | object;

/**
 * Writes a Lambda result the way API Gateway does for payload 2.0: a structured result is used as is;
 * anything without `statusCode` is "inferred": 200, JSON, the value serialised as the body.
 */
export function writeApiGatewayResult(res: ServerResponse, result: LambdaHttpResult | undefined): number {
  if (result === undefined || typeof result !== 'object' || result === null || !('statusCode' in result)) {
    // No statusCode: API Gateway infers 200 and sends the value as JSON.
    const body = typeof result === 'string' ? result : JSON.stringify(result ?? null);
    // writeHead sends the head at once: without a length the body would go out chunked.
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
    return 200;
  }
  const structured = result as StructuredResult;
  const status = structured.statusCode ?? 200;
  for (const [name, value] of Object.entries(structured.headers ?? {}))
    res.setHeader(name, Array.isArray(value) ? value.join(',') : String(value));
  if (structured.cookies && structured.cookies.length > 0) res.setHeader('set-cookie', structured.cookies);
  // Headers stay unsent until end(), which then adds Content-Length (writeHead would send chunked).
  res.statusCode = status;
  // A text body goes out as the string: no Buffer copy of it on our side.
  if (structured.body === undefined) res.end();
  else if (structured.isBase64Encoded) res.end(Buffer.from(structured.body, 'base64'));
  else res.end(structured.body, 'utf8');
  return status;
}

/** What API Gateway answers when the integration fails (the Lambda threw or timed out). */
export function writeIntegrationError(res: ServerResponse): number {
  const body = JSON.stringify({ message: 'Internal Server Error' });
  res.writeHead(500, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
  return 500;
}
