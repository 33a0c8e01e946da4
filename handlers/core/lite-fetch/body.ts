// The body of a lite Request or Response: only the kinds an API answers with are kept here (text,
// bytes, none); the standard's rules for them (https://fetch.spec.whatwg.org/#body-mixin): read once,
// text decoded as UTF-8 with a BOM dropped, a string body typed text/plain;charset=UTF-8.

export type LiteBodySource = string | Uint8Array | ArrayBuffer | null | undefined;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Whether this body kind stays lite; any other (streams, forms, blobs) takes the full classes. */
export function isLiteBody(body: unknown): body is LiteBodySource {
  return (
    body === null ||
    body === undefined ||
    typeof body === 'string' ||
    body instanceof Uint8Array ||
    body instanceof ArrayBuffer
  );
}

/** The Content-Type the standard sets for a body that comes without one. */
export function defaultContentType(body: LiteBodySource): string | undefined {
  return typeof body === 'string' ? 'text/plain;charset=UTF-8' : undefined;
}

/** The lite body behind each stream this module made (see `LiteBody.behind`). */
const bodiesOfStreams = new WeakMap<object, LiteBody>();

export class LiteBody {
  /**
   * The lite body whose stream is given as a new body (hono re-wraps a response so: `new Response(res.body,
   * res)`): the standard has both share that one stream, so both share this body. Undefined for any
   * other value; a TypeError for a stream already read or locked, as the standard has it.
   */
  static behind(value: unknown): LiteBody | undefined {
    const body = typeof value === 'object' && value !== null ? bodiesOfStreams.get(value) : undefined;
    if (body && (body.#used || body.#stream?.locked))
      throw new TypeError('Response body object should not be disturbed or locked');
    return body;
  }

  // A string is kept as given and encoded only if bytes are asked for; bytes are copied, as the standard does.
  readonly #source: string | Uint8Array | null;
  #used = false;
  #stream: ReadableStream<Uint8Array> | undefined;

  constructor(source: LiteBodySource) {
    if (source === null || source === undefined) this.#source = null;
    else if (typeof source === 'string') this.#source = source;
    else this.#source = source instanceof ArrayBuffer ? new Uint8Array(source.slice(0)) : new Uint8Array(source);
  }

  get isNull(): boolean {
    return this.#source === null;
  }

  get used(): boolean {
    return this.#used;
  }

  /** A fresh copy for clone(): same content, not yet read. */
  copy(): LiteBody {
    if (this.#used || this.#stream?.locked) throw new TypeError('Body has already been consumed.');
    return new LiteBody(this.#source);
  }

  /** The source as kept, for Node's classes (the caller checks `used` first). */
  get source(): string | Uint8Array | null {
    return this.#source;
  }

  /**
   * The body as a web stream, made on first use (Node's web streams, not undici): reading it uses the
   * body, as the standard has it. hono's body-limit middleware asks for it to see whether there is one.
   */
  stream(): ReadableStream<Uint8Array> | null {
    if (this.#source === null) return null;
    this.#stream ??= new ReadableStream<Uint8Array>(
      {
        pull: (controller) => {
          const bytes = this.#bytesOf(this.#take(true));
          if (bytes.byteLength > 0) controller.enqueue(bytes);
          controller.close();
        },
        cancel: () => {
          this.#used = true;
        },
      },
      // Nothing is pulled before a read: an untouched stream leaves the body unused.
      { highWaterMark: 0 },
    );
    bodiesOfStreams.set(this.#stream, this);
    this.#lockIfUsed();
    return this.#stream;
  }

  /** A body read by text() and the like has its stream locked, as if that read had used a reader. */
  #lockIfUsed(): void {
    if (this.#used && this.#stream && !this.#stream.locked) this.#stream.getReader();
  }

  /** The source, marking the body used; only the stream's own reader may read a locked body. */
  #take(byStream = false): string | Uint8Array | null {
    if (this.#source === null) return null;
    if (this.#used) throw new TypeError('Body is unusable: Body has already been read');
    if (!byStream && this.#stream?.locked) throw new TypeError('Body is unusable: its stream is locked to a reader');
    this.#used = true;
    if (!byStream) this.#lockIfUsed();
    return this.#source;
  }

  bytes(): Uint8Array {
    return this.#bytesOf(this.#take());
  }

  #bytesOf(source: string | Uint8Array | null): Uint8Array {
    if (source === null) return new Uint8Array(0);
    return typeof source === 'string' ? encoder.encode(source) : new Uint8Array(source);
  }

  text(): string {
    const source = this.#take();
    if (source === null) return '';
    // A well-formed string without a BOM reads back as itself; else the encode-decode round trip decides.
    if (
      typeof source === 'string' &&
      source.charCodeAt(0) !== 0xfeff &&
      (source as string & { isWellFormed(): boolean }).isWellFormed()
    )
      return source;
    return decoder.decode(typeof source === 'string' ? encoder.encode(source) : source);
  }

  arrayBuffer(): ArrayBuffer {
    const bytes = this.bytes();
    const whole = bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.byteLength;
    return (whole ? bytes.buffer : bytes.slice().buffer) as ArrayBuffer;
  }
}
