import { Agent, request } from 'node:http';

// node:http rather than fetch: fetch normalises methods, paths and bodies, and refuses some of them.

export interface RawRequest {
  method: string;
  /** Sent as is (already percent-encoded where needed); an absolute URL is sent in absolute form. */
  path: string;
  /** A list sends one header line per value (a duplicated header). */
  headers?: Record<string, string | string[]>;
  body?: Buffer;
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: 8 });

export function sendRaw(baseUrl: string, input: RawRequest): Promise<RawAnswer> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, method: input.method, path: input.path, headers: input.headers, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(input.body);
  });
}

export function closeRawAgent(): void {
  agent.destroy();
}
