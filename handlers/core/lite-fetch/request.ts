// Request without Node's undici for the requests an API receives (a URL, a method, headers, a text or
// bytes body): our Lambda adapter (handlers/aws/api-handler.ts) builds one per invocation. Anything else (a signal, a stream or
// form body, cache or redirect modes, `body`, `blob`, `formData`) is handed to Node's own Request, made
// on first need from the same parts, which from then on answers everything: the standard's behaviour
// (https://fetch.spec.whatwg.org/#request-class), only the common path is cheaper.
import { defaultContentType, isLiteBody, LiteBody } from './body';
import { LiteBodyMixin } from './body-mixin';
import { type HeadersSource, LiteHeaders } from './headers';
import { nodeClasses } from './node-classes';
import { FETCH_FORBIDDEN_METHODS, HTTP_TOKEN } from '../fetch-rules';

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
  if (!HTTP_TOKEN.test(method)) throw new TypeError(`Request: '${method}' is not a valid HTTP method.`);
  const upper = method.toUpperCase();
  if (FETCH_FORBIDDEN_METHODS.has(upper)) throw new TypeError(`Request: '${method}' HTTP method is unsupported.`);
  return NORMALIZED_METHODS.has(upper) ? upper : method;
}

function checkedUrl(input: string): string {
  const url = new URL(input);
  if (url.username || url.password)
    throw new TypeError(`Request cannot be constructed from a URL that includes credentials: ${input}`);
  return url.href;
}

export class LiteRequest extends LiteBodyMixin<Request> {
  #url = '';
  #method = 'GET';
  #headers = new LiteHeaders();
  protected liteBody = new LiteBody(null);

  constructor(input: string | URL | LiteRequest | Request, init: LiteRequestInit = {}) {
    super();
    const fromRequest = typeof input === 'object' && !(input instanceof URL);
    const liteInit = Object.keys(init).every((key) => LITE_INIT.has(key) || init[key] === undefined);
    // A lite Request already handed to Node's is copied by Node's Request, as any other.
    const liteSource = !fromRequest || (input instanceof LiteRequest && !input.fullObject);
    const shared = LiteBody.behind(init.body);
    if (!liteInit || !liteSource || (init.body !== undefined && !shared && !isLiteBody(init.body))) {
      const source = input instanceof LiteRequest ? input.toFull() : (input as Request | string | URL);
      this.fullObject = new (nodeClasses().Request)(source, init as RequestInit);
      return;
    }
    const from = fromRequest ? (input as LiteRequest) : undefined;
    this.#url = from ? from.url : checkedUrl(String(input));
    this.#method = init.method === undefined ? (from?.method ?? 'GET') : checkedMethod(String(init.method));
    this.#headers = new LiteHeaders((init.headers ?? from?.headers) as HeadersSource | undefined);
    const initBody = shared ?? (init.body !== undefined && init.body !== null ? init.body : undefined);
    const bodiless = this.#method === 'GET' || this.#method === 'HEAD';
    // Refused before the source's body is taken: a failed copy leaves the source unread, as Node's does.
    if (bodiless && (initBody !== undefined || (from && !from.liteBody.isNull)))
      throw new TypeError('Request with GET/HEAD method cannot have body.');
    const body = initBody ?? (from ? from.#takeBodyForCopy() : null);
    this.liteBody = body instanceof LiteBody ? body : new LiteBody(body as string | Uint8Array | null | undefined);
    const type = body instanceof LiteBody ? undefined : defaultContentType(body as string | undefined);
    if (type && !this.#headers.has('content-type')) this.#headers.set('content-type', type);
  }

  /** A Request made from this one takes over its body (the standard's "input's body is used"). */
  #takeBodyForCopy(): LiteBody | null {
    if (this.liteBody.isNull) return null;
    if (this.liteBody.used)
      throw new TypeError('Request: cannot construct a Request with a Request whose body is already used.');
    const body = this.liteBody.copy();
    this.liteBody.text(); // marks the source used
    return body;
  }

  protected makeFull(source: string | Uint8Array | null): Request {
    return new (nodeClasses().Request)(this.#url, {
      method: this.#method,
      headers: [...this.#headers],
      ...(source === null ? {} : { body: source as BodyInit, duplex: 'half' }),
    } as RequestInit);
  }

  get url(): string {
    return this.fullObject ? this.fullObject.url : this.#url;
  }

  get method(): string {
    return this.fullObject ? this.fullObject.method : this.#method;
  }

  get headers(): LiteHeaders | Headers {
    return this.fullObject ? this.fullObject.headers : this.#headers;
  }

  // The rest of Request's members mean nothing to a handler behind an API gateway: Node's Request answers them.
  get signal(): AbortSignal {
    return this.toFull().signal;
  }

  get cache(): RequestCache {
    return this.toFull().cache;
  }

  get credentials(): RequestCredentials {
    return this.toFull().credentials;
  }

  get destination(): RequestDestination {
    return this.toFull().destination;
  }

  get integrity(): string {
    return this.toFull().integrity;
  }

  get keepalive(): boolean {
    return this.toFull().keepalive;
  }

  get mode(): RequestMode {
    return this.toFull().mode;
  }

  get redirect(): RequestRedirect {
    return this.toFull().redirect;
  }

  get referrer(): string {
    return this.toFull().referrer;
  }

  get referrerPolicy(): ReferrerPolicy {
    return this.toFull().referrerPolicy;
  }

  clone(): LiteRequest {
    const full = this.fullObject;
    if (full) return new LiteRequest(full.clone());
    if (this.liteBody.used) throw new TypeError('Request.clone: Body has already been consumed.');
    const copy = new LiteRequest(this.#url, { method: this.#method, headers: this.#headers });
    copy.liteBody = this.liteBody.copy();
    return copy;
  }

  get [Symbol.toStringTag](): string {
    return 'Request';
  }
}
