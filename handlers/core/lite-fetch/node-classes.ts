// Node's own Request and Response, looked up on first need only: touching them loads undici.
export interface NodeClasses {
  Request: typeof Request;
  Response: typeof Response;
}

let classes: NodeClasses | undefined;

export function nodeClasses(): NodeClasses {
  classes ??= { Request: globalThis.Request, Response: globalThis.Response };
  return classes;
}

/** For a test that puts the lite classes on globalThis: Node's, kept before the swap. */
export function keepNodeClasses(kept: NodeClasses): void {
  classes = kept;
}
