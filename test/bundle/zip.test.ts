import { unzipSync } from 'fflate';
import { zipBundle } from '../../program/bundle';
import { makeBundle } from '../../program/bundle/content-hash';

const files = {
  'package.json': Buffer.from('{"main":"dist/index.js"}\n'),
  'dist/index.js': Buffer.from('module.exports = 1;\n'),
  'host.json': Buffer.from('{"version":"2.0"}\n'),
};

describe('zipBundle', () => {
  const savedTz = process.env.TZ;
  afterEach(() => {
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  });

  it('round-trips every file with entries in sorted order', () => {
    const unzipped = unzipSync(new Uint8Array(zipBundle(makeBundle(files))));
    expect(Object.keys(unzipped)).toEqual(['dist/index.js', 'host.json', 'package.json']);
    for (const [name, content] of Object.entries(files)) expect(Buffer.from(unzipped[name]).equals(content)).toBe(true);
  });

  it('gives the same bytes whatever the insertion order, the clock or the time zone', () => {
    const reversed = Object.fromEntries(Object.entries(files).reverse());
    process.env.TZ = 'UTC';
    const utc = zipBundle(makeBundle(files));
    process.env.TZ = 'Pacific/Kiritimati';
    const farEast = zipBundle(makeBundle(reversed));
    process.env.TZ = 'America/St_Johns';
    const halfHour = zipBundle(makeBundle(files));
    expect(farEast.equals(utc)).toBe(true);
    expect(halfHour.equals(utc)).toBe(true);
  });

  it('changes when a file changes', () => {
    const changed = { ...files, 'dist/index.js': Buffer.from('module.exports = 2;\n') };
    expect(zipBundle(makeBundle(changed)).equals(zipBundle(makeBundle(files)))).toBe(false);
  });
});

describe('makeBundle', () => {
  it('does not depend on insertion order but does on names and contents', () => {
    const reversed = Object.fromEntries(Object.entries(files).reverse());
    expect(makeBundle(reversed).hash).toBe(makeBundle(files).hash);
    const renamed = { ...files, 'host2.json': files['host.json'] } as Record<string, Buffer>;
    delete renamed['host.json'];
    expect(makeBundle(renamed).hash).not.toBe(makeBundle(files).hash);
    // Moving bytes between a name and its content must not collide.
    expect(makeBundle({ ab: Buffer.from('c') }).hash).not.toBe(makeBundle({ a: Buffer.from('bc') }).hash);
  });
});
