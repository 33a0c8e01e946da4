// Percent-decoding of a URL path that never throws: each run of escapes is decoded on its own, so a
// stray "%" or an escape that is not UTF-8 stays as sent and the rest still decodes (as hono does).

function decodeRun(run: string): string {
  try {
    return decodeURIComponent(run);
  } catch {
    return run;
  }
}

/** `/api/x%2Fy%zz` → `/api/x/y%zz`. */
export function decodePathLeniently(path: string): string {
  return path.replace(/(?:%[0-9A-Fa-f]{2})+/g, decodeRun);
}

/** True when a segment of the decoded path is "." or "..", which URL parsing would resolve away. */
export function hasDotSegment(decodedPath: string): boolean {
  return decodedPath.split('/').some((segment) => segment === '.' || segment === '..');
}
