// Headers as the contract reads them, for judging one cloud and for comparing two.

/** Case and spaces ignored, and charset=utf-8 dropped from a JSON type (JSON is always UTF-8,
 *  RFC 8259 §8.1, and some front doors add it). */
export function mediaTypeForm(value: string): string {
  const [type = '', ...params] = value.toLowerCase().replace(/\s+/g, '').split(';');
  const json = /[/+]json$/.test(type);
  return [type, ...params.filter((p) => !(json && /^charset="?utf-8"?$/.test(p)))].join(';');
}

/** Some front doors make Location absolute; the path is what the contract fixes. */
export const locationPath = (value: string): string => value.replace(/^https?:\/\/[^/]+/i, '');

/** A comma-separated method list as a set: sorted, upper case, no repeats. */
export const methodSetForm = (value: string): string =>
  [...new Set(value.split(',').map((m) => m.trim().toUpperCase()))].sort().join(', ');
