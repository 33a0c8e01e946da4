// Headers as the Fetch standard defines them (https://fetch.spec.whatwg.org/#headers-class), without
// Node's undici: names case-insensitive and validated, values normalized, `get` joining repeats with
// ", ", iteration sorted by name with each Set-Cookie on its own. No guards: nothing here is immutable.

import { HTTP_TOKEN } from '../fetch-rules';

// Leading and trailing HTTP whitespace (tab, LF, CR, space) is trimmed from every value.
const EDGE_WHITESPACE = /^[\t\n\r ]+|[\t\n\r ]+$/g;
// NUL, CR and LF are refused (Fetch "header value"); so is anything above U+00FF (WebIDL ByteString).
const FORBIDDEN_IN_VALUE = /[\0\r\n\u0100-\uffff]/;

export type HeadersSource = Iterable<readonly [string, string]> | Record<string, string | readonly string[]>;

function checkedName(name: string): string {
  const text = String(name);
  if (!HTTP_TOKEN.test(text)) throw new TypeError(`Headers: "${text}" is an invalid header name.`);
  return text.toLowerCase();
}

function normalizedValue(name: string, value: string): string {
  const text = String(value).replace(EDGE_WHITESPACE, '');
  if (FORBIDDEN_IN_VALUE.test(text)) throw new TypeError(`Headers: the value of "${name}" is invalid.`);
  return text;
}

function isIterable(source: object): source is Iterable<readonly [string, string]> {
  return typeof (source as Iterable<unknown>)[Symbol.iterator] === 'function';
}

export class LiteHeaders {
  /** Lower-case name → its values in the order appended. */
  readonly #values = new Map<string, string[]>();

  constructor(init?: HeadersSource | null) {
    if (init === undefined || init === null) return;
    if (typeof init !== 'object') throw new TypeError('Headers: the init must be an object or iterable.');
    if (isIterable(init)) {
      for (const pair of init) {
        if (pair.length !== 2) throw new TypeError('Headers: each header pair must have a name and a value.');
        this.append(pair[0], pair[1]);
      }
      return;
    }
    for (const name of Object.keys(init)) this.append(name, String(init[name]));
  }

  append(name: string, value: string): void {
    const key = checkedName(name);
    const normalized = normalizedValue(key, value);
    const list = this.#values.get(key);
    if (list) list.push(normalized);
    else this.#values.set(key, [normalized]);
  }

  set(name: string, value: string): void {
    const key = checkedName(name);
    this.#values.set(key, [normalizedValue(key, value)]);
  }

  delete(name: string): void {
    this.#values.delete(checkedName(name));
  }

  has(name: string): boolean {
    return this.#values.has(checkedName(name));
  }

  get(name: string): string | null {
    return this.#values.get(checkedName(name))?.join(', ') ?? null;
  }

  getSetCookie(): string[] {
    return [...(this.#values.get('set-cookie') ?? [])];
  }

  /** The "sort and combine" list of the standard. */
  #sorted(): [string, string][] {
    const entries: [string, string][] = [];
    for (const name of [...this.#values.keys()].sort()) {
      const values = this.#values.get(name)!;
      if (name === 'set-cookie') for (const value of values) entries.push([name, value]);
      else entries.push([name, values.join(', ')]);
    }
    return entries;
  }

  forEach(callback: (value: string, name: string, headers: LiteHeaders) => void, thisArg?: unknown): void {
    for (const [name, value] of this.#sorted()) callback.call(thisArg, value, name, this);
  }

  *entries(): IterableIterator<[string, string]> {
    yield* this.#sorted();
  }

  *keys(): IterableIterator<string> {
    for (const [name] of this.#sorted()) yield name;
  }

  *values(): IterableIterator<string> {
    for (const [, value] of this.#sorted()) yield value;
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }

  get [Symbol.toStringTag](): string {
    return 'Headers';
  }
}
