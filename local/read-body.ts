import type { IncomingMessage } from 'node:http';

/** A body over the front door's limit (API Gateway: 10 MB): answered with 413, never invoked. */
export class BodyTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`request body over ${maxBytes} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/** The whole request body. The app enforces its own 64 KiB limit; this cap only protects the process. */
export async function readBody(req: IncomingMessage, maxBytes = 10 * 1024 * 1024): Promise<Buffer> {
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
