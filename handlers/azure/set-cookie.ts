// Set-Cookie header values → @azure/functions Cookie objects. The Functions host carries response
// headers as a string map, so a second Set-Cookie header would overwrite the first; cookies must
// travel in HttpResponseInit.cookies instead. (The brief keeps this entry's imports to the Azure
// SDKs, so this is a small parser of RFC 6265 §5.2 rather than a dependency.)
import type { Cookie } from '@azure/functions';

const SAME_SITE: Record<string, Cookie['sameSite']> = { strict: 'Strict', lax: 'Lax', none: 'None' };

/** One Set-Cookie value as a Cookie; undefined when it has no name=value pair (user agents ignore those). */
export function parseSetCookie(header: string): Cookie | undefined {
  const [pair = '', ...attributes] = header.split(';');
  const eq = pair.indexOf('=');
  if (eq < 0) return undefined;
  const name = pair.slice(0, eq).trim();
  if (name === '') return undefined;
  const cookie: Cookie = { name, value: pair.slice(eq + 1).trim() };
  for (const attribute of attributes) {
    const at = attribute.indexOf('=');
    const key = (at < 0 ? attribute : attribute.slice(0, at)).trim().toLowerCase();
    const value = at < 0 ? '' : attribute.slice(at + 1).trim();
    switch (key) {
      case 'domain':
        if (value) cookie.domain = value;
        break;
      case 'path':
        if (value) cookie.path = value;
        break;
      case 'expires': {
        const time = Date.parse(value);
        if (!Number.isNaN(time)) cookie.expires = new Date(time);
        break;
      }
      case 'max-age':
        if (/^-?\d+$/.test(value)) cookie.maxAge = Number(value);
        break;
      case 'secure':
        cookie.secure = true;
        break;
      case 'httponly':
        cookie.httpOnly = true;
        break;
      case 'samesite':
        if (SAME_SITE[value.toLowerCase()]) cookie.sameSite = SAME_SITE[value.toLowerCase()];
        break;
      default: // unknown attributes are ignored, as RFC 6265 says
    }
  }
  return cookie;
}
