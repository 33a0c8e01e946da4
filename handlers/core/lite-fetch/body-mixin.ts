// The Body mixin of the Fetch standard (https://fetch.spec.whatwg.org/#body-mixin) that LiteRequest and
// LiteResponse share: read from the lite body, or, once Node's own object has been made (for what the lite
// classes cannot answer), from that one, which then answers everything.
import type { LiteBody } from './body';

export abstract class LiteBodyMixin<Full extends Request | Response> {
  #full: Full | undefined;

  /** The body as kept here; the subclass sets it in its constructor. */
  protected abstract liteBody: LiteBody;

  /** Node's object with the same parts, given the body's source (null once read: it stays read). */
  protected abstract makeFull(source: string | Uint8Array | null): Full;

  /** Node's object, if made. */
  protected get fullObject(): Full | undefined {
    return this.#full;
  }

  protected set fullObject(full: Full | undefined) {
    this.#full = full;
  }

  /** Node's object, made now if it was not. */
  protected toFull(): Full {
    this.#full ??= this.makeFull(this.liteBody.used ? null : this.liteBody.source);
    return this.#full;
  }

  get body(): ReadableStream<Uint8Array> | null {
    return this.#full ? this.#full.body : this.liteBody.stream();
  }

  get bodyUsed(): boolean {
    return this.#full ? this.#full.bodyUsed : this.liteBody.used;
  }

  async text(): Promise<string> {
    return this.#full ? this.#full.text() : this.liteBody.text();
  }

  async json(): Promise<unknown> {
    return this.#full ? this.#full.json() : JSON.parse(this.liteBody.text());
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    return this.#full ? this.#full.arrayBuffer() : this.liteBody.arrayBuffer();
  }

  async bytes(): Promise<Uint8Array> {
    return this.#full ? new Uint8Array(await this.#full.arrayBuffer()) : this.liteBody.bytes();
  }

  async blob(): Promise<Blob> {
    return this.toFull().blob();
  }

  async formData(): Promise<FormData> {
    return this.toFull().formData();
  }
}
