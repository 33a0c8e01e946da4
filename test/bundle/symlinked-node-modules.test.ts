// A node_modules that is a symlink (a CI cache, a package store) must not change the bundle: the
// same sources give the same bytes, so `pulumi up` sees no code change. esbuild itself records the
// link's real location in the source map; buildEntry puts the working directory's path back.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { buildEntry, bundleOptions } from '../../program/bundle/esbuild';

let root: string;
const entry = "import { parse } from 'cookie';\nexport const jar = parse('a=b');\n";

function workspace(name: string, nodeModules: (dir: string) => void): string {
  const dir = path.join(root, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'index.ts'), entry);
  nodeModules(path.join(dir, 'node_modules'));
  return dir;
}

const copyCookie = (to: string) =>
  fs.cpSync(path.join(__dirname, '../../node_modules/cookie'), path.join(to, 'cookie'), { recursive: true });
const build = (dir: string) => buildEntry({ entry: 'index.ts', workingDir: dir, outFile: 'index.js', external: [] });

let plain: string;
let linked: string;
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-symlink-'));
  plain = workspace('plain', copyCookie);
  const store = path.join(root, 'package-store', 'node_modules');
  copyCookie(store);
  linked = workspace('linked', (nm) => fs.symlinkSync(store, nm, 'dir'));
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

it('builds the same files whether node_modules is a directory or a symlink to one', () => {
  const a = build(plain);
  const b = build(linked);
  expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
  for (const name of Object.keys(a)) expect(b[name].equals(a[name])).toBe(true);
  expect(JSON.parse(a['index.js.map'].toString()).sources).toContain('../node_modules/cookie/index.js');
});

it('negative control: esbuild alone records the link target, so the map (and the hash) would differ', () => {
  const raw = buildSync(
    bundleOptions(path.join(linked, 'index.ts'), linked, path.join(linked, '.bundle-out', 'index.js'), []),
  );
  const map = raw.outputFiles.find((f) => f.path.endsWith('.map'));
  expect(JSON.parse(map!.text).sources).toContain('../../package-store/node_modules/cookie/index.js');
});
