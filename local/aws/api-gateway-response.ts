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
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(body);
    return 200;
  }
  const structured = result as StructuredResult;
  const status = structured.statusCode ?? 200;
  for (const [name, value] of Object.entries(structured.headers ?? {})) res.setHeader(name, Array.isArray(value) ? value.join(',') : String(value));
  if (structured.cookies && structured.cookies.length > 0) res.setHeader('set-cookie', structured.cookies);
  const body = structured.body === undefined ? undefined : Buffer.from(structured.body, structured.isBase64Encoded ? 'base64' : 'utf8');
  res.statusCode = status;
  res.end(body);
  return status;
}

/** What API Gateway answers when the integration fails (the Lambda threw or timed out). */
export function writeIntegrationError(res: ServerResponse): number {
  res.writeHead(500, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ message: 'Internal Server Error' }));
  return 500;
}
