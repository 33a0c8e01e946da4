// A throwaway self-signed certificate for loopback HTTPS servers in tests. The certificate that
// @vercel/cosmosdb-server ships expired in 2021 and names no host, so a client that verifies TLS
// (as ours do) cannot use it. openssl is part of every Debian/Node image we run on.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificate {
  cert: Buffer;
  key: Buffer;
  /** The certificate as a PEM file (for settings such as COSMOS_CA_CERT_FILE). */
  certFile: string;
  dispose(): void;
}

export function createLoopbackCertificate(): TestCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'azure-handlers-tls-'));
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-days',
      '2',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
    ],
    { stdio: 'pipe' },
  );
  return {
    cert: readFileSync(certFile),
    key: readFileSync(keyFile),
    certFile,
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
