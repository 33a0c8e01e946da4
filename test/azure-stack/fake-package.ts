// Small packages built the way the real one is (content hash + deterministic zip), so tests need no esbuild run.
import { makeBundle } from '../../program/bundle/content-hash';
import { zipBundle } from '../../program/bundle/zip';

export function fakePackage(indexJs: string): { zip: Buffer; hash: string } {
  const bundle = makeBundle({ 'host.json': Buffer.from('{"version":"2.0"}'), 'dist/index.js': Buffer.from(indexJs) });
  return { zip: zipBundle(bundle), hash: bundle.hash };
}
