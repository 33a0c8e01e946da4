// Response without Node's undici for the answers an API gives (text, bytes or no body): hono builds
// one per request, and loading undici for it costs every Lambda cold start (docs/ARCHITECTURE.md "Bundles").
// Anything else (a stream or form body, `body`, `blob`, `formData`) is handed to Node's own Response,
// made on first need from the same parts, which from then on answers everything: the behaviour stays
// the standard's (https://fetch.spec.whatwg.org/#response-class), only the common path is cheaper.
import { defaultContentType, isLiteBody, LiteBody, type LiteBodySource } from './body';
import { LiteBodyMixin } from './body-mixin';
import { type HeadersSource, LiteHeaders } from './headers';
import { nodeClasses } from './node-classes';

const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);
const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);
const REASON_PHRASE = /^[\t\x20-\x7e\x80-\xff]*$/;

export interface LiteResponseInit {
  status?: number;
  statusText?: string;
  headers?: HeadersSource | LiteHeaders | Headers;
}

export class LiteResponse extends LiteBodyMixin<Response> {
  #status = 200;
  #statusText = '';
  #headers = new LiteHeaders();
  protected liteBody = new LiteBody(null);

  constructor(body?: unknown, init: LiteResponseInit = {}) {
    super();
    // WebIDL `unsigned short`, as Node's Response converts it: "201" is 201, 200.5 is 200.
    const given = Number(init.status ?? 200);
    const status = Number.isFinite(given) ? ((Math.trunc(given) % 65536) + 65536) % 65536 : 0;
    if (status < 200 || status > 599)
      throw new RangeError(`Response: init.status must be in the range of 200 to 599, inclusive (got ${status}).`);
    const statusText = init.statusText ?? '';
    if (!REASON_PHRASE.test(statusText)) throw new TypeError('Response: invalid statusText.');
    const shared = LiteBody.behind(body);
    if (!shared && !isLiteBody(body)) {
      // A body kind that only Node's Response takes: it is made at once.
      this.fullObject = new (nodeClasses().Response)(body as BodyInit, init as ResponseInit);
      return;
    }
    if (body !== null && body !== undefined && NULL_BODY_STATUS.has(status))
      throw new TypeError(`Response: a response with status ${status} cannot have a body.`);
    this.#status = status;
    this.#statusText = statusText;
    this.#headers = new LiteHeaders(init.headers as HeadersSource | undefined);
    this.liteBody = shared ?? new LiteBody(body as LiteBodySource);
    const type = shared ? undefined : defaultContentType(body as LiteBodySource);
    if (type && !this.#headers.has('content-type')) this.#headers.set('content-type', type);
  }

  static json(data: unknown, init: LiteResponseInit = {}): LiteResponse {
    const text = JSON.stringify(data);
    if (text === undefined) throw new TypeError('Response.json: the data is not serializable as JSON.');
    const headers = new LiteHeaders(init.headers as HeadersSource | undefined);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    return new LiteResponse(text, { ...init, headers });
  }

  static redirect(url: string | URL, status = 302): LiteResponse {
    const location = new URL(String(url)).href;
    if (!REDIRECT_STATUS.has(status)) throw new RangeError(`Response.redirect: invalid status ${status}.`);
    return new LiteResponse(null, { status, headers: { location } });
  }

  static error(): Response {
    return nodeClasses().Response.error();
  }

  protected makeFull(source: string | Uint8Array | null): Response {
    return new (nodeClasses().Response)(source as BodyInit | null, {
      status: this.#status,
      statusText: this.#statusText,
      headers: [...this.#headers],
    });
  }

  get status(): number {
    return this.fullObject ? this.fullObject.status : this.#status;
  }

  get statusText(): string {
    return this.fullObject ? this.fullObject.statusText : this.#statusText;
  }

  get ok(): boolean {
    return this.status >= 200 && this.status <= 299;
  }

  get headers(): LiteHeaders | Headers {
    return this.fullObject ? this.fullObject.headers : this.#headers;
  }

  get type(): ResponseType {
    return this.fullObject ? this.fullObject.type : 'default';
  }

  get url(): string {
    return this.fullObject ? this.fullObject.url : '';
  }

  get redirected(): boolean {
    return this.fullObject ? this.fullObject.redirected : false;
  }

  clone(): LiteResponse {
    const copy = new LiteResponse(null);
    const full = this.fullObject;
    if (full) {
      copy.fullObject = full.clone();
      return copy;
    }
    copy.#status = this.#status;
    copy.#statusText = this.#statusText;
    copy.#headers = new LiteHeaders(this.#headers);
    copy.liteBody = this.liteBody.copy();
    return copy;
  }

  get [Symbol.toStringTag](): string {
    return 'Response';
  }
}
