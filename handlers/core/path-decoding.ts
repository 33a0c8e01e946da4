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

const FIT_FOR_URL = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/]*$/;

/**
 * A decoded path made fit for a URL again: everything that may not stand raw in a path (RFC 3986
 * pchar and "/") is percent-encoded, "%" included (a "%" in a decoded path was sent as "%25"; left raw,
 * "%2541" would reach the app as "A"). Lone surrogates cannot be UTF-8: U+FFFD. Both adapters build the
 * app's URL from it, so the app routes on the same decoded path on both clouds (%2F is a separator).
 */
export function encodeDecodedPath(decodedPath: string): string {
  // Most paths are pchars and slashes only: already fit, and a test is cheaper than two replaces.
  if (FIT_FOR_URL.test(decodedPath)) return decodedPath;
  return decodedPath.replace(/\p{Cs}/gu, '\uFFFD').replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/]/gu, encodeURIComponent);
}

/**
 * The 404 detail for a path no route matches, quoted fully decoded, so every door that answers it
 * (the app, the emulated Functions host outside /api) says the same about the same request.
 */
export function noRouteDetail(method: string, path: string): string {
  return `There is no route ${method} ${decodePathLeniently(path).slice(0, 200)}.`;
}
