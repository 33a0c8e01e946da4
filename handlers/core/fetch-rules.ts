// What fetch's Request and Headers accept, for the code that must refuse first what they would throw on.

/** RFC 9110 §5.6.2 token: what a method and a field name must be. */
export const HTTP_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Methods fetch's Request constructor refuses (Fetch standard, "forbidden method"), in upper case. */
export const FETCH_FORBIDDEN_METHODS: ReadonlySet<string> = new Set(['CONNECT', 'TRACE', 'TRACK']);
