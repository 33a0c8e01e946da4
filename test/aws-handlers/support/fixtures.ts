// Fixture files under test/fixtures (copied from public repositories, see each SOURCES.md).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', 'fixtures');

/** Parsed JSON of one fixture; the .NET ones start with a UTF-8 BOM, which JSON.parse refuses. */
export function loadFixture<T = unknown>(dir: string, file: string): T {
  return JSON.parse(readFileSync(join(ROOT, dir, file), 'utf8').replace(/^\uFEFF/, '')) as T;
}

export function fixtureNames(dir: string): string[] {
  return readdirSync(join(ROOT, dir))
    .filter((f) => f.endsWith('.json'))
    .sort();
}
