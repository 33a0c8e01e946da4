import type { IncomingMessage } from 'node:http';

/**
 * API Gateway's payload limit for HTTP APIs (10 MB); local mode applies it at both front doors (the
 * Functions host's own is larger), so both answer the same 413 (docs/ARCHITECTURE.md, "Odd requests").
 */
export const FRONT_DOOR_MAX_BODY_BYTES = 10 * 1024 * 1024;

/** A body over the front door's limit: answered with 413, never invoked. */
export class BodyTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`request body over ${maxBytes} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/** The whole request body. The app enforces its own 64 KiB limit; this cap only protects the process. */
export async function readBody(req: IncomingMessage, maxBytes = FRONT_DOOR_MAX_BODY_BYTES): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBytes) throw new BodyTooLargeError(maxBytes);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}
