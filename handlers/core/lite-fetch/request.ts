// Request without Node's undici for the requests an API receives (a URL, a method, headers, a text or
// bytes body): hono's Lambda adapter builds one per invocation. Anything else (a signal, a stream or
// form body, cache or redirect modes, `body`, `blob`, `formData`) is handed to Node's own Request, made
// on first need from the same parts, which from then on answers everything: the standard's behaviour
// (https://fetch.spec.whatwg.org/#request-class), only the common path is cheaper.
import { defaultContentType, isLiteBody, LiteBody } from './body';
import { type HeadersSource, LiteHeaders } from './headers';
import { nodeClasses } from './node-classes';

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);
const NORMALIZED_METHODS = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);
/** The init members the lite Request keeps; any other one set takes Node's Request. */
const LITE_INIT = new Set(['method', 'headers', 'body', 'duplex']);

export interface LiteRequestInit {
  method?: string;
  headers?: HeadersSource | LiteHeaders | Headers;
  body?: unknown;
  duplex?: 'half';
  [other: string]: unknown;
}

function checkedMethod(method: string): string {
  if (!TOKEN.test(method)) throw new TypeError(`Request: '${method}' is not a valid HTTP method.`);
  const upper = method.toUpperCase();
  if (FORBIDDEN_METHODS.has(upper)) throw new TypeError(`Request: '${method}' HTTP method is unsupported.`);
  return NORMALIZED_METHODS.has(upper) ? upper : method;
}

function checkedUrl(input: string): string {
  const url = new URL(input);
  if (url.username || url.password)
    throw new TypeError(`Request cannot be constructed from a URL that includes credentials: ${input}`);
  return url.href;
}

export class LiteRequest {
  #url = '';
  #method = 'GET';
  #headers = new LiteHeaders();
  #body = new LiteBody(null);
  /** Node's Request once something lite cannot answer was asked for; it then answers everything. */
  #full: Request | undefined;

  constructor(input: string | URL | LiteRequest | Request, init: LiteRequestInit = {}) {
    const fromRequest = typeof input === 'object' && !(input instanceof URL);
    const liteInit = Object.keys(init).every((key) => LITE_INIT.has(key) || init[key] === undefined);
    const liteSource = !fromRequest || input instanceof LiteRequest;
    const shared = LiteBody.behind(init.body);
    if (!liteInit || !liteSource || (init.body !== undefined && !shared && !isLiteBody(init.body))) {
      const source = input instanceof LiteRequest ? input.#toFull() : (input as Request | string | URL);
      this.#full = new (nodeClasses().Request)(source, init as RequestInit);
      return;
    }
    const from = fromRequest ? (input as LiteRequest) : undefined;
    this.#url = from ? from.url : checkedUrl(String(input));
    this.#method = init.method === undefined ? (from?.method ?? 'GET') : checkedMethod(String(init.method));
    this.#headers = new LiteHeaders((init.headers ?? from?.headers) as HeadersSource | undefined);
    const body =
      shared ?? (init.body !== undefined && init.body !== null ? init.body : from ? from.#takeBodyForCopy() : null);
    if (body !== null && body !== undefined && (this.#method === 'GET' || this.#method === 'HEAD'))
      throw new TypeError('Request with GET/HEAD method cannot have body.');
    this.#body = body instanceof LiteBody ? body : new LiteBody(body as string | Uint8Array | null | undefined);
    const type = body instanceof LiteBody ? undefined : defaultContentType(body as string | undefined);
    if (type && !this.#headers.has('content-type')) this.#headers.set('content-type', type);
  }

  /** A Request made from this one takes over its body (the standard's "input's body is used"). */
  #takeBodyForCopy(): LiteBody | null {
    if (this.#full) throw new TypeError('Request: internal error, a full Request was copied as lite.');
    if (this.#body.isNull) return null;
    if (this.#body.used)
      throw new TypeError('Request: cannot construct a Request with a Request whose body is already used.');
    const body = this.#body.copy();
    this.#body.text(); // marks the source used
    return body;
  }

  /** Node's Request with the same parts (a body already read stays read on both). */
  #toFull(): Request {
    if (!this.#full) {
      const source = this.#body.used ? null : this.#body.source;
      this.#full = new (nodeClasses().Request)(this.#url, {
        method: this.#method,
        headers: [...this.#headers],
        ...(source === null ? {} : { body: source as BodyInit, duplex: 'half' }),
      } as RequestInit);
    }
    return this.#full;
  }

  get url(): string {
    return this.#full ? this.#full.url : this.#url;
  }

  get method(): string {
    return this.#full ? this.#full.method : this.#method;
  }

  get headers(): LiteHeaders | Headers {
    return this.#full ? this.#full.headers : this.#headers;
  }

  get bodyUsed(): boolean {
    return this.#full ? this.#full.bodyUsed : this.#body.used;
  }

  get body(): ReadableStream<Uint8Array> | null {
    return this.#full ? this.#full.body : this.#body.stream();
  }

  // The rest of Request's members mean nothing to a handler behind an API gateway: Node's Request answers them.
  get signal(): AbortSignal {
    return this.#toFull().signal;
  }

  get cache(): RequestCache {
    return this.#toFull().cache;
  }

  get credentials(): RequestCredentials {
    return this.#toFull().credentials;
  }

  get destination(): RequestDestination {
    return this.#toFull().destination;
  }

  get integrity(): string {
    return this.#toFull().integrity;
  }

  get keepalive(): boolean {
    return this.#toFull().keepalive;
  }

  get mode(): RequestMode {
    return this.#toFull().mode;
  }

  get redirect(): RequestRedirect {
    return this.#toFull().redirect;
  }

  get referrer(): string {
    return this.#toFull().referrer;
  }

  get referrerPolicy(): ReferrerPolicy {
    return this.#toFull().referrerPolicy;
  }

  async text(): Promise<string> {
    return this.#full ? this.#full.text() : this.#body.text();
  }

  async json(): Promise<unknown> {
    return this.#full ? this.#full.json() : JSON.parse(this.#body.text());
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    return this.#full ? this.#full.arrayBuffer() : this.#body.arrayBuffer();
  }

  async bytes(): Promise<Uint8Array> {
    return this.#full ? new Uint8Array(await this.#full.arrayBuffer()) : this.#body.bytes();
  }

  async blob(): Promise<Blob> {
    return this.#toFull().blob();
  }

  async formData(): Promise<FormData> {
    return this.#toFull().formData();
  }

  clone(): LiteRequest {
    if (this.#full) return new LiteRequest(this.#full.clone());
    if (this.#body.used) throw new TypeError('Request.clone: Body has already been consumed.');
    const copy = new LiteRequest(this.#url, { method: this.#method, headers: this.#headers });
    copy.#body = this.#body.copy();
    return copy;
  }

  get [Symbol.toStringTag](): string {
    return 'Request';
  }
}
