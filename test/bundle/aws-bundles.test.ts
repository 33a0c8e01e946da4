import { createHash } from 'node:crypto';
import { buildAwsBundles, repoRoot, type Bundle } from '../../program/bundle';
import { fixtureAwsEntries } from './fixture-entries';
import { createTempAwsEntries } from './temp-entries';

const text = (bundle: Bundle, name: string): string => bundle.files[name].toString('utf8');
const mapSources = (bundle: Bundle): string[] =>
  (JSON.parse(text(bundle, 'index.js.map')) as { sources: string[] }).sources;

describe('buildAwsBundles', () => {
  const first = buildAwsBundles({ entries: fixtureAwsEntries, cache: false });

  it('is byte-identical when built twice from the same sources', () => {
    const second = buildAwsBundles({ entries: fixtureAwsEntries, cache: false });
    for (const name of ['api', 'publisher', 'subscriber'] as const) {
      expect(Object.keys(second[name].files).sort()).toEqual(Object.keys(first[name].files).sort());
      for (const file of Object.keys(first[name].files)) {
        expect(second[name].files[file].equals(first[name].files[file])).toBe(true);
      }
      expect(second[name].hash).toBe(first[name].hash);
      expect(first[name].hash).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('produces index.js with a linked external source map for the index.handler setting', () => {
    for (const bundle of Object.values(first)) {
      expect(Object.keys(bundle.files)).toEqual(expect.arrayContaining(['index.js', 'index.js.map']));
      expect(text(bundle, 'index.js').trimEnd().endsWith('//# sourceMappingURL=index.js.map')).toBe(true);
    }
  });

  it('leaves the AWS SDK out (required at run time) and bundles everything else', () => {
    const api = text(first.api, 'index.js');
    expect(api).toContain('require("@aws-sdk/client-dynamodb")');
    expect(text(first.publisher, 'index.js')).toContain('require("@aws-sdk/client-eventbridge")');
    expect(api).not.toContain('require("hono');
    const sources = mapSources(first.api);
    expect(sources.some((s) => s.includes('node_modules/hono/'))).toBe(true);
    expect(sources.some((s) => s.includes('@aws-sdk') || s.includes('@smithy'))).toBe(false);
  });

  it('is minified, CommonJS and tree-shaken', () => {
    const subscriber = text(first.subscriber, 'index.js');
    expect(subscriber).not.toContain('UNUSED_EXPORT_MARKER');
    expect(subscriber).not.toContain('Fixture entry');
    expect(subscriber).toContain('module.exports');
    expect(subscriber.split('\n').length).toBeLessThanOrEqual(3);
  });

  it('records only repo-relative paths, so the clone location cannot change the bytes', () => {
    for (const bundle of Object.values(first)) {
      for (const content of Object.values(bundle.files)) expect(content.toString('utf8')).not.toContain(repoRoot);
    }
    expect(mapSources(first.api)[0]).toBe('../test/bundle/fixtures/aws/api.ts');
  });

  it('hashes the sorted file names and contents', () => {
    const hash = createHash('sha256');
    for (const name of Object.keys(first.api.files).sort()) {
      const nameBytes = Buffer.from(name);
      const length = Buffer.alloc(8);
      length.writeBigUInt64BE(BigInt(nameBytes.length));
      hash.update(length).update(nameBytes);
      length.writeBigUInt64BE(BigInt(first.api.files[name].length));
      hash.update(length).update(first.api.files[name]);
    }
    expect(first.api.hash).toBe(hash.digest('hex'));
  });

  it('caches a build within the process unless asked not to', () => {
    const cachedOnce = buildAwsBundles({ entries: fixtureAwsEntries });
    expect(buildAwsBundles({ entries: fixtureAwsEntries })).toBe(cachedOnce);
    expect(buildAwsBundles({ entries: fixtureAwsEntries, cache: false })).not.toBe(cachedOnce);
    expect(cachedOnce.api.hash).toBe(first.api.hash);
  });

  it('changes only the hash of the function whose source changed', () => {
    const temp = createTempAwsEntries();
    try {
      const before = buildAwsBundles({ entries: temp.entries, cache: false });
      temp.append('publisher.ts', 'export const extra = () => 1;');
      const afterPublisher = buildAwsBundles({ entries: temp.entries, cache: false });
      expect(afterPublisher.publisher.hash).not.toBe(before.publisher.hash);
      expect(afterPublisher.api.hash).toBe(before.api.hash);
      expect(afterPublisher.subscriber.hash).toBe(before.subscriber.hash);
      // A module shared by api and subscriber changes both, and not the publisher.
      temp.append('shared.ts', 'export const label2 = (kind: string): string => `x.${kind}`;');
      temp.append('shared.ts', 'console.log("shared side effect");');
      const afterShared = buildAwsBundles({ entries: temp.entries, cache: false });
      expect(afterShared.api.hash).not.toBe(afterPublisher.api.hash);
      expect(afterShared.subscriber.hash).not.toBe(afterPublisher.subscriber.hash);
      expect(afterShared.publisher.hash).toBe(afterPublisher.publisher.hash);
    } finally {
      temp.cleanup();
    }
  });

  it('fails with the entry path when an entry is missing, and caches nothing', () => {
    const entries = { ...fixtureAwsEntries, subscriber: 'test/bundle/fixtures/aws/missing.ts' };
    expect(() => buildAwsBundles({ entries })).toThrow(/test\/bundle\/fixtures\/aws\/missing\.ts/);
    expect(() => buildAwsBundles({ entries })).toThrow(/could not bundle/);
  });

  it("fails with esbuild's message when an entry does not compile", () => {
    const temp = createTempAwsEntries();
    try {
      temp.append('api.ts', 'export const broken = (;');
      expect(() => buildAwsBundles({ entries: temp.entries, cache: false })).toThrow(
        /could not bundle .*api\.ts.*Unexpected/s,
      );
    } finally {
      temp.cleanup();
    }
  });
});
