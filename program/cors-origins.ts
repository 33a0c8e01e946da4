/**
 * CORS origins are written exactly as browsers send the `Origin` header (scheme://host[:port]),
 * because both API Gateway and the Function App compare them literally: "https://Example.com/"
 * would never match. Wildcard subdomains are refused because the two clouds treat them
 * differently; "*" alone allows every origin on both.
 */
export function corsOriginsProblem(origins: readonly string[]): string | undefined {
  if (origins.includes('*') && origins.length > 1) return '"*" must be the only entry';
  const seen = new Set<string>();
  for (const origin of origins) {
    if (origin === '*') continue;
    const problem = originProblem(origin);
    if (problem) return `${JSON.stringify(origin)}: ${problem}`;
    if (seen.has(origin)) return `${JSON.stringify(origin)} is listed twice`;
    seen.add(origin);
  }
  return undefined;
}

function originProblem(origin: string): string | undefined {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return 'not an origin';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'the scheme must be http or https';
  if (url.hostname.includes('*')) return 'wildcard subdomains are not supported; list each origin or use "*" alone';
  if (url.origin !== origin) return `write it as ${url.origin}`;
  return undefined;
}
